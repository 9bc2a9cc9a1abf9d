"""``/api/v1/...``: one router under a versioned prefix, the schema and its viewers.

The version is the ``version`` URL kwarg read by DRF's URLPathVersioning; a version not in
ALLOWED_VERSIONS (``/api/v2/claims/``) is a 404 from the versioning class. Unknown paths
under /api/ answer with a JSON 404 rather than Django's HTML page.
"""

from collections.abc import Iterable

from django.core.exceptions import ImproperlyConfigured
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from rest_framework.routers import DefaultRouter
from rest_framework.settings import api_settings

from .deletions import DeletionsView
from .docs import RedocView, SwaggerView
from .errors import not_found
from .exports.package_view import DataPackageView
from .resources import RESOURCES, Resource
from .schema_view import SchemaView
from .tolls.views import IncidentSummaryView, TollListView
from .views.ingest_job import IngestJobRetryView, IngestJobView


class Router(DefaultRouter):
    """DRF's router, whose root also points to the schema and its viewers."""

    include_format_suffixes = False  # ?format=json does the same, with one URL per resource
    extra_root_links = {"schema": "schema", "docs": "swagger-ui", "redoc": "redoc"}

    def get_api_root_view(self, api_urls: object = None) -> object:
        list_name = self.routes[0].name
        root = {
            prefix: list_name.format(basename=basename) for prefix, _, basename in self.registry
        }
        return self.APIRootView.as_view(api_root_dict={**root, **self.extra_root_links})


def register(router: Router, resource: Resource) -> None:
    """The resource's routes, refusing a viewset whose lookup is not the registry's (the
    serializers build the detail URLs from the registry's)."""
    viewset = resource.viewset
    lookup = viewset.lookup_url_kwarg or viewset.lookup_field
    if lookup != resource.lookup:
        raise ImproperlyConfigured(
            f"{viewset.__name__} looks up by {lookup!r}, the registry by {resource.lookup!r}."
        )
    router.register(resource.collection, viewset, basename=resource.basename)


def build_router(resources: Iterable[Resource]) -> Router:
    router = Router(use_regex_path=False)
    for resource in resources:
        register(router, resource)
    return router


router = build_router(RESOURCES)

versioned = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", SwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path(
        "redoc/",
        RedocView.as_view(url_name="schema", template_name="api/redoc.html"),
        name="redoc",
    ),
    path("datapackage.zip", DataPackageView.as_view(), name="datapackage"),
    path("deletions/", DeletionsView.as_view(), name="deletions"),
    path("ingest-jobs/<int:pk>/", IngestJobView.as_view(), name="ingestjob-detail"),
    path("ingest-jobs/<int:pk>/retry/", IngestJobRetryView.as_view(), name="ingestjob-retry"),
    path("tolls/", TollListView.as_view(), name="toll-list"),
    # Before the router: "summary" would otherwise be read as an incident's slug.
    path("incidents/summary/", IncidentSummaryView.as_view(), name="incident-summary"),
    path("", include(router.urls)),
]

urlpatterns = [
    re_path(r"^(?P<version>v[0-9]+)/", include(versioned)),
    path("", RedirectView.as_view(url=f"{api_settings.DEFAULT_VERSION}/", permanent=False)),
    # Only paths ending in "/": Django's APPEND_SLASH still redirects "/api/v1/claims".
    # [\s\S], not ".": a path may hold an encoded newline (%0A). A (?s) flag would make
    # the whole URLconf non-reversible.
    re_path(r"^(?:[\s\S]*/)?$", not_found),
]
