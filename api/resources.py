"""The API's resources, listed once: everything that goes by resource is derived from here.

The router's registration (``api.urls``), the detail URLs' lookup (``detail_url``), each
resource's export formats and file names (``api.exports``), the data package's CSVs and
foreign keys, and the tombstones of ``/deletions/`` all read :data:`RESOURCES`. Adding a
resource here is enough for it to appear in each of them.

This module imports only the domain: the viewsets and serializers import it (for their
URLs), so it names them by dotted path and imports them when first asked. The editors'
permissions are the domain's (``conflict.editors.DOMAIN_MODELS``, which also lists the
models the API does not serve); ``tests/api/test_resources.py`` checks every resource's
model is there.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import Model
from django.utils.module_loading import import_string

from conflict.models import Actor, Article, Claim, Incident, Loss, Place

ID, ID_OR_SLUG = "pk", "id_or_slug"


@dataclass(frozen=True)
class Resource:
    """One resource of the API.

    ``basename`` names its routes (``<basename>-list``, ``<basename>-detail``);
    ``collection`` is its URL prefix, the stem of its export files, its data-package
    resource and its tombstones' ``resource``.
    """

    basename: str
    collection: str
    model: type[Model]
    viewset_path: str
    # The detail route's URL kwarg: an id, or an id or a slug (IdOrSlugLookupMixin).
    lookup: str = ID
    # A CSV of every public row in the data package.
    in_package: bool = True
    # The package's serializer when not the list's (articles: with the bodies the claims'
    # offsets index), and the package's faster writer of the same CSV bytes, if any.
    package_serializer_path: str | None = None
    package_csv_path: str | None = None
    # Deletions are listed in /deletions/ (for the public, those ever published).
    tombstones: bool = True

    @property
    def label(self) -> str:
        return self.collection.capitalize()

    @cached_property
    def viewset(self) -> Any:
        return import_string(self.viewset_path)

    @cached_property
    def package_serializer(self) -> Any:
        path = self.package_serializer_path
        return import_string(path) if path else None

    @cached_property
    def package_csv(self) -> Any:
        path = self.package_csv_path
        return import_string(path) if path else None

    @property
    def formats(self) -> list[Any]:
        """The export formats that have a writer for this resource, in the registry's order."""
        from .exports.formats import formats_for  # the formats import the serializers

        return formats_for(self.basename)


RESOURCES: tuple[Resource, ...] = (
    Resource(
        "article",
        "articles",
        Article,
        "api.views.ArticleViewSet",
        lookup=ID_OR_SLUG,
        package_serializer_path="api.serializers.ArticleDetailSerializer",
    ),
    Resource("actor", "actors", Actor, "api.views.ActorViewSet", lookup=ID_OR_SLUG),
    Resource("place", "places", Place, "api.views.PlaceViewSet", lookup=ID_OR_SLUG),
    Resource("incident", "incidents", Incident, "api.views.IncidentViewSet", lookup=ID_OR_SLUG),
    Resource(
        "claim",
        "claims",
        Claim,
        "api.views.ClaimViewSet",
        package_csv_path="api.exports.datapackage.claims_table_csv",
    ),
    Resource("loss", "losses", Loss, "api.views.LossViewSet"),
)

BY_BASENAME: dict[str, Resource] = {resource.basename: resource for resource in RESOURCES}
BY_MODEL: dict[type[Model], Resource] = {resource.model: resource for resource in RESOURCES}


def resource(basename: str) -> Resource:
    return BY_BASENAME[basename]


def packaged() -> Iterator[Resource]:
    return (resource for resource in RESOURCES if resource.in_package)


def with_tombstones() -> Iterator[Resource]:
    return (resource for resource in RESOURCES if resource.tombstones)
