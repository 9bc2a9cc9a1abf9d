from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

from django.db.models import QuerySet
from rest_framework.request import Request
from rest_framework.response import Response

from conflict.models import Claim
from conflict.rules import incidents_backed_only_by

from ..conditional import detail_response
from ..exports import claim_table
from ..exports.formats import Csv, ExportFormat, Ndjson
from ..exports.streaming import stream_records
from ..exports.views import ExportMixin
from ..filtersets import ClaimFilterSet
from ..rows import ClaimRows
from ..serializers import ClaimSerializer
from ..serializers.write import ClaimWriteSerializer
from ..visibility import ALL
from .annotated import with_contested
from .base import Conflict, EditableViewSet
from .prefetch import incidents_in, links, losses_with_side


class ClaimViewSet(ExportMixin, EditableViewSet):
    """Attributed statements: who said what, where in the article, and who contradicts it."""

    write_serializer_class = ClaimWriteSerializer
    serializer_class = ClaimSerializer
    filterset_class = ClaimFilterSet
    search_fields = ["text", "quote", "channel"]
    ordering_fields = ["stated_on", "stance", "category", "span_start", "id"]
    # By the article column, not the article (whose own order, newest first, would make every
    # page join and sort all matching claims): claim_article_span_idx serves it, filtered or not.
    ordering = ["article_id", "span_start", "id"]

    def base_queryset(self) -> QuerySet[Claim]:
        """The claims with ``contested`` as this reader may see it, before any joins."""
        statuses = self.nested_statuses()
        return with_contested(Claim, None if statuses == ALL else statuses)

    def get_queryset(self) -> QuerySet[Claim]:
        statuses = self.nested_statuses()
        return (
            self.base_queryset()
            .select_related("article", "claimant", "channel_actor")
            .defer("article__body", "article__notes")
            .prefetch_related(
                incidents_in(statuses),
                losses_with_side(statuses),
                links("links_out", statuses),
                links("links_in", statuses),
            )
        )

    def claim_rows(self) -> ClaimRows:
        return ClaimRows(self.get_serializer_context()["request"], self.nested_statuses())

    # Reads go through api.rows (the same output as ClaimSerializer, from values() rows);
    # the exports' formats and every write keep the serializer path.

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if self.chosen_format(request) is not None:
            return super().list(request, *args, **kwargs)
        rows = self.claim_rows()
        queryset = rows.columns(self.filter_queryset(self.base_queryset()))
        page = self.paginate_queryset(queryset)
        if page is None:
            return Response(rows.rows(queryset))
        return self.get_paginated_response(rows.rows(page))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        rows = self.claim_rows()
        found = self.visible_row(rows.columns, self.kwargs[self.lookup_url_kwarg or "pk"])
        record = SimpleNamespace(updated_at=found["updated_at"])  # for Last-Modified
        return detail_response(request, rows.rows([found])[0], record)

    def representation(self, record: Claim) -> dict[str, Any]:
        """The detail as ``retrieve`` builds it (api.rows), for every ETag."""
        rows = self.claim_rows()
        return rows.rows([self.visible_row(rows.columns, record.pk)])[0]

    def export_body(self, fmt: ExportFormat, queryset: QuerySet) -> Iterator[bytes]:
        if not isinstance(fmt, Csv | Ndjson):
            return super().export_body(fmt, queryset)
        rows = self.claim_rows()
        action, self.action = self.action, "list"  # the list's visibility rules, as exports use
        try:
            base = self.export_range.apply(self.filter_queryset(self.base_queryset()))
        finally:
            self.action = action
        if isinstance(fmt, Csv):
            request = self.get_serializer_context()["request"]
            return claim_table.ClaimTable(base, request, self.nested_statuses()).csv()
        return stream_records(rows.columns(base), rows.rows, self.export_writer(fmt))

    def perform_destroy(self, instance: Claim) -> None:
        orphans = list(incidents_backed_only_by([instance.pk]))
        if orphans:
            names = ", ".join(str(incident) for incident in orphans)
            raise Conflict({"non_field_errors": [f"This claim is the only one backing {names}."]})
        super().perform_destroy(instance)
