"""``/api/v1/deletions/?since=``: tombstones, so a mirror can drop what was deleted."""

import datetime as dt
from collections.abc import Container

from django.db import models
from django.db.models import Exists, OuterRef, QuerySet, Value
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers

from .pagination import PageNumberPagination
from .permissions import is_editor
from .resources import with_tombstones
from .updated_since import parse_instant
from .visibility import PUBLIC_ON_REQUEST, is_reviewed

SINCE = "since"


# A tombstone's ``resource``: ``SyncResourceEnum`` in the schema (ENUM_NAME_OVERRIDES).
SyncResource = models.TextChoices(
    "SyncResource",
    [
        (resource.collection.upper(), (resource.collection, resource.label))
        for resource in with_tombstones()
    ],
)


class TombstoneSerializer(serializers.Serializer):
    resource = serializers.ChoiceField(choices=SyncResource.choices)
    id = serializers.IntegerField(help_text="The deleted record's id.")
    deleted_at = serializers.DateTimeField()


def tombstones(
    since: dt.datetime | None, public_only: Container[type[models.Model]] = ()
) -> QuerySet:
    """Deletions from the history tables, one row per deletion of a record still gone.

    For the models in ``public_only`` (the reader is not their editor), only records the
    public could see are listed: a draft deleted before it was ever published is no
    business of a mirror, and its tombstone would tell that it existed. "Could see" is any
    version published or retracted, not only the last one: a mirror that copied a record
    while it was published must drop it even if it went back to draft before deletion.
    """
    parts = []
    for resource in with_tombstones():
        model = resource.model
        deleted = model.history.filter(history_type="-").exclude(
            Exists(model._base_manager.filter(pk=OuterRef("id")))
        )
        if model in public_only:
            seen = model.history.filter(id=OuterRef("id"), status__in=PUBLIC_ON_REQUEST)
            deleted = deleted.filter(Exists(seen))
        if since is not None:
            deleted = deleted.filter(history_date__gte=since)
        parts.append(
            deleted.annotate(resource=Value(resource.collection, output_field=models.CharField()))
            .values("resource", "id", deleted_at=models.F("history_date"))
            .order_by()  # history's default ordering is not allowed inside a UNION
        )
    first, *rest = parts
    return first.union(*rest, all=True).order_by("deleted_at", "resource", "id")


@extend_schema(
    summary="List deleted records",
    parameters=[
        OpenApiParameter(
            SINCE,
            OpenApiTypes.DATETIME,
            description="Only deletions at or after this time (ISO 8601; without a zone, UTC).",
        )
    ],
)
class DeletionsView(generics.ListAPIView):
    """Tombstones: records deleted (and not recovered), oldest first, in numbered pages.

    The public sees the tombstones of records that were ever published or retracted;
    editors see every deletion.
    """

    serializer_class = TombstoneSerializer
    pagination_class = PageNumberPagination
    filter_backends: list = []

    def get_queryset(self) -> QuerySet:
        raw = self.request.query_params.get(SINCE)
        public_only = {
            model
            for model in (resource.model for resource in with_tombstones())
            if is_reviewed(model) and not is_editor(self.request, model)
        }
        return tombstones(parse_instant(SINCE, raw) if raw is not None else None, public_only)
