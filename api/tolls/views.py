"""``/tolls/`` and ``/incidents/summary/``: aggregates over the visible records.

Both are computed by the domain (conflict.tolls, a grouped count) over the records the reader
may see (conflict.visibility); the filters are the list endpoints' (django-filter), so a bad
value is the same JSON 400 naming the parameter.
"""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponseBase
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from conflict.models import Incident, Loss
from conflict.models.choices import IncidentKind
from conflict.summary import BY, incident_counts
from conflict.tolls import SeriesKeys
from conflict.visibility import EDITOR, PUBLIC_READER, Reader

from ..exports.negotiation import FormatNegotiation
from ..exports.views import PageResponse, without_format
from ..filterset_backend import FilterSetBackend
from ..filtersets import IncidentFilterSet
from ..pagination import PageNumberPagination
from ..permissions import is_editor
from ..renderers import JSONRenderer
from .filterset import TollFilterSet
from .renderers import AggregateAutoSchema, LinesRenderer, TableCsvRenderer
from .serializers import TollSeriesSerializer

TOLL_CSV_COLUMNS = [
    "claimant_slug",
    "claimant_name",
    "side_slug",
    "side_name",
    "category",
    "population",
    "equipment",
    "period_start",
    "period_end",
    "period_from",
    "cumulative",
    "derived",
    "count_low",
    "count_best",
    "count_high",
    "qualifier",
    "claims",
    "claim_urls",
]

SUMMARY_CSV_COLUMNS = ["period_start", "period_end", "kind", "count"]


def reader_for(request: Request, model: type) -> Reader:
    return EDITOR if is_editor(request, model) else PUBLIC_READER


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class AggregateView(GenericAPIView):
    filter_backends = [FilterSetBackend]
    pagination_class = None
    renderer_classes = [JSONRenderer, TableCsvRenderer, LinesRenderer]
    content_negotiation_class = FormatNegotiation
    schema = AggregateAutoSchema()
    csv_columns: list[str]
    csv_rows: str

    def finalize_response(
        self, request: Request, response: HttpResponseBase, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        # Errors keep the API's one JSON shape whatever format was asked for; so does the
        # OPTIONS description (only a GET builds the rows CSV and NDJSON write).
        if isinstance(response, Response) and (
            response.exception or request.method not in ("GET", "HEAD")
        ):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)

    def get_renderer_context(self) -> dict[str, Any]:
        context = super().get_renderer_context()
        context["table"] = getattr(self, "table", None)
        return context


class TollListView(AggregateView):
    """Each claimant's tolls: one series per claimant x side x category x population (or
    equipment), each point a reported figure with its period and the claims behind it."""

    filterset_class = TollFilterSet
    serializer_class = TollSeriesSerializer
    # Pages of whole series (page, page_size); CSV and NDJSON give the same page.
    pagination_class = PageNumberPagination
    csv_columns = TOLL_CSV_COLUMNS
    csv_rows = (
        "One row per point of the page's series, with its series' columns; claims joined "
        "with `;`. The page's `Link` (next, previous) and `X-Total-Count` (series) headers."
    )

    def get_queryset(self) -> QuerySet[Loss]:
        return Loss.objects.all()

    @extend_schema(
        operation_id="tolls_list",
        summary="Each claimant's tolls as series over time",
        responses=TollSeriesSerializer(many=True),
        description=(
            "One series per claimant x side x category x population (materiel: equipment). "
            "A running total ('350 since 27 September', `cumulative`) is a level and is never "
            "added to anything; two running totals of one series that start on the same day "
            "give a `derived` increment; single figures are summed (`total`) only within the "
            "series and only over disjoint periods. Ranges stay ranges (low/best/high). Both "
            "sides' versions are separate series, never merged. Paginated by series "
            "(`page`, `page_size`; `count` is the number of series): a page holds whole "
            "series, ordered by side, category, population, equipment and claimant (by id), "
            "so every claimant's version of one toll sits next to the others. CSV: one "
            "row per point of the page's series; NDJSON: one series per line; both with the "
            "page's `Link` and `X-Total-Count` headers."
        ),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        losses = self.filter_queryset(self.get_queryset())
        reader = reader_for(request, Loss)
        # A page of series keys first, then the figures of those series only; both kept
        # per data version (conflict.tolls.SeriesKeys).
        every = SeriesKeys(losses, reader)
        keys = self.paginate_queryset(every)
        series = every.series_of(keys)
        # Claim URLs are the plain API URLs, without this request's ?format=.
        context = {"request": without_format(request)}
        data = TollSeriesSerializer(series, many=True, context=context).data
        fmt = getattr(request.accepted_renderer, "format", None)
        if fmt == "csv":
            self.table = [TOLL_CSV_COLUMNS, *toll_rows(data)]
        if fmt in (TableCsvRenderer.format, LinesRenderer.format):
            return PageResponse(data, headers=self.page_headers())
        return self.get_paginated_response(data)

    def page_headers(self) -> dict[str, str]:
        """A CSV or NDJSON page's pagination, as the list endpoints' formatted pages give it."""
        meta = self.get_paginated_response([]).data
        headers = {"X-Total-Count": str(meta["count"])}
        links = [f'<{meta[rel]}>; rel="{rel}"' for rel in ("next", "previous") if meta[rel]]
        if links:
            headers["Link"] = ", ".join(links)
        return headers


def toll_rows(data: list[dict[str, Any]]) -> list[list[str]]:
    rows = []
    for series in data:
        claimant = series["claimant"] or {}
        side = series["side"] or {}
        for point in series["points"]:
            rows.append(
                [
                    cell(claimant.get("slug")),
                    cell(claimant.get("name")),
                    cell(side.get("slug")),
                    cell(side.get("name")),
                    series["category"],
                    series["population"],
                    series["equipment"],
                    cell(point["period_start"]),
                    cell(point["period_end"]),
                    point["period_from"],
                    cell(point["cumulative"]),
                    cell(point["derived"]),
                    cell(point["count_low"]),
                    cell(point["count_best"]),
                    cell(point["count_high"]),
                    point["qualifier"],
                    ";".join(str(ref["id"]) for ref in point["claims"]),
                    ";".join(str(ref["url"]) for ref in point["claims"]),
                ]
            )
    return rows


class IncidentCountSerializer(serializers.Serializer):
    period_start = serializers.DateField(
        allow_null=True, help_text="First day of the period; null: incidents without a date."
    )
    period_end = serializers.DateField(allow_null=True, help_text="Last day of the period.")
    kind = serializers.ChoiceField(choices=IncidentKind.choices)
    count = serializers.IntegerField()


BY_PARAMETER = OpenApiParameter(
    "by",
    OpenApiTypes.STR,
    enum=list(BY),
    required=False,
    description="The period counted over: `day`, `week` (ISO, from Monday) or `month` "
    "(default). An incident counts in the period of its first day (`occurred_on`).",
)


class IncidentSummaryView(AggregateView):
    """Counts of incidents per period and kind, with the incident list's filters."""

    filterset_class = IncidentFilterSet
    serializer_class = IncidentCountSerializer
    csv_columns = SUMMARY_CSV_COLUMNS
    csv_rows = "One row per period and kind."

    def get_queryset(self) -> QuerySet[Incident]:
        return Incident.objects.all()

    @extend_schema(
        operation_id="incidents_summary",
        summary="Incident counts per period and kind",
        parameters=[BY_PARAMETER],
        responses=IncidentCountSerializer(many=True),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        by = request.query_params.get("by", "month")
        if by not in BY:
            raise ValidationError(
                {"by": [f"Unknown period {by!r}; use {', '.join(BY)}."]}, code="invalid_choice"
            )
        reader = reader_for(request, Incident)
        incidents = self.filter_queryset(Incident.objects.with_contested(reader.statuses))
        data = IncidentCountSerializer(incident_counts(incidents, reader, by), many=True).data
        if getattr(request.accepted_renderer, "format", None) == "csv":
            rows = ([cell(row[c]) for c in SUMMARY_CSV_COLUMNS] for row in data)
            self.table = [SUMMARY_CSV_COLUMNS, *rows]
        return Response(data)
