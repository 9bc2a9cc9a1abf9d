from types import SimpleNamespace
from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response

from conflict.models import Incident

from ..conditional import detail_response
from ..exports.formats import Csv, GeoJson, Ndjson
from ..exports.views import ExportMixin
from ..filtersets import IncidentFilterSet
from ..rows import IncidentRows
from ..serializers import IncidentSerializer
from ..serializers.write import IncidentWriteSerializer
from ..visibility import ALL
from .annotated import with_contested
from .base import ID_OR_SLUG, ID_PATTERN, EditableViewSet, IdOrSlugLookupMixin
from .prefetch import (
    claims_with_claimant_and_article,
    losses_with_side,
    participations_with_actor,
)

FAST_FORMATS = (Csv, Ndjson, GeoJson)


class IncidentViewSet(ExportMixin, IdOrSlugLookupMixin, EditableViewSet):
    """Things that happened, or that claims say happened, with who took part and where."""

    write_serializer_class = IncidentWriteSerializer
    serializer_class = IncidentSerializer
    filterset_class = IncidentFilterSet
    search_fields = ["title", "description", "date_text"]
    ordering_fields = ["occurred_on", "title", "kind", "id"]
    ordering = ["-occurred_on", "id"]

    def base_queryset(self) -> QuerySet[Incident]:
        """The incidents with ``contested`` as this reader may see it, before any joins."""
        statuses = self.nested_statuses()
        return with_contested(Incident, None if statuses == ALL else statuses)

    def get_queryset(self) -> QuerySet[Incident]:
        statuses = self.nested_statuses()
        return self.base_queryset().prefetch_related(
            "places",
            participations_with_actor(),
            losses_with_side(statuses),
            claims_with_claimant_and_article(statuses),
        )

    def incident_rows(self) -> IncidentRows:
        return IncidentRows(self.get_serializer_context()["request"], self.nested_statuses())

    # Reads go through api.rows (the same output as IncidentSerializer, from values() rows):
    # the JSON list and detail, and pages in the formats that read only the record and the
    # places' points. The other formats, the exports and every write keep the serializer.

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        fmt = self.chosen_format(request)
        if fmt is not None and not isinstance(fmt, FAST_FORMATS):
            return super().list(request, *args, **kwargs)
        rows = self.incident_rows()
        queryset = rows.columns(self.filter_queryset(self.base_queryset()))
        page = self.paginate_queryset(queryset)
        records = rows.rows(queryset if page is None else page)
        if fmt is not None:
            items = [(rows.points[record["id"]], record) for record in records]
            return self.formatted_page(fmt, items, page is not None)
        if page is None:
            return Response(records)
        return self.get_paginated_response(records)

    def representation(self, record: Incident) -> dict[str, Any]:
        """The detail as ``retrieve`` builds it (api.rows), for every ETag."""
        rows = self.incident_rows()
        return rows.rows([self.visible_row(rows.columns, record.pk)])[0]

    @extend_schema(parameters=[ID_OR_SLUG])
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        rows = self.incident_rows()
        value = self.kwargs[self.lookup_url_kwarg]
        if ID_PATTERN.fullmatch(value):
            found = self.visible_row(rows.columns, int(value))
        else:
            queryset = rows.columns(self.filter_queryset(self.base_queryset()))
            found = get_object_or_404(queryset, slug=value)
        record = SimpleNamespace(updated_at=found["updated_at"])  # for Last-Modified
        return detail_response(request, rows.rows([found])[0], record)
