"""The export mixin every resource viewset takes: formats on the list, and ``export/``."""

import copy
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, Model, QuerySet
from django.http import HttpResponseBase, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle

from ..resources import resource
from ..slots import Lease, Releasing, acquire
from .formats import RENDERERS, SKIPPED_HEADER, ExportFormat, exported, formats_for
from .negotiation import FormatNegotiation
from .schema import ExportAutoSchema
from .streaming import stream
from .writers import NdjsonWriter, Writer

EXPORT_ACTION = "export"
LIST_ACTION = "list"
AFTER_PARAM = "after"
TOTAL_HEADER = "X-Total-Count"
LAST_ID_HEADER = "X-Last-Id"
# A streaming export holds a server thread while the client reads: a slot for as long as
# that (freed on close; a dead worker's slot after the lease), and the wait asked of a client
# refused one.
EXPORT_SLOT_SECONDS = 30 * 60
EXPORT_RETRY_SECONDS = 10


def after_id(request: Request) -> int | None:
    """``?after=<id>``: resume an export after the last record received."""
    raw = request.query_params.get(AFTER_PARAM)
    if raw is None:
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        raise ValidationError(
            {AFTER_PARAM: ["Give the id of the last record you received (a whole number)."]},
            code="invalid",
        )
    return int(raw)


class ExportRange:
    """The ids an export walks, fixed when it starts: after ``?after=``, up to the greatest
    id matching then. A row added during the walk is left for the next export, so the
    count in ``X-Total-Count`` is what a complete body holds (a row deleted meanwhile is the
    only way it can hold fewer)."""

    def __init__(self, queryset: QuerySet, after: int | None) -> None:
        self.after = after
        if after is not None:
            queryset = queryset.filter(pk__gt=after)
        found = queryset.order_by().aggregate(rows=Count("pk"), last=Max("pk"))
        self.rows: int = found["rows"]
        self.last: int | None = found["last"]

    def apply(self, queryset: QuerySet) -> QuerySet:
        if self.after is not None:
            queryset = queryset.filter(pk__gt=self.after)
        return queryset.filter(pk__lte=self.last if self.last is not None else 0)


def without_format(request: Request) -> Request:
    """The same request, minus ``?format=``."""
    clone = copy.copy(request)
    clone._request = copy.copy(request._request)
    query = request._request.GET.copy()
    query.pop(api_settings.URL_FORMAT_OVERRIDE, None)
    clone._request.GET = query
    return clone


class PageResponse(Response):
    """A page in an export format. DRF drops the Content-Type of an empty body, but a page
    with no rows (empty NDJSON) is still of the format asked for."""

    @property
    def rendered_content(self) -> bytes:
        content = super().rendered_content
        if not content:
            renderer = self.accepted_renderer
            media_type = renderer.media_type
            self["Content-Type"] = self.content_type or (
                f"{media_type}; charset={renderer.charset}" if renderer.charset else media_type
            )
        return content


class ExportMixin:
    """Every list in CSV, NDJSON and, where they fit, GeoJSON, JSON-LD and ACLED's layout.

    ``GET /<resource>/?format=csv`` renders one page (pagination as ``Link`` and
    ``X-Total-Count`` headers); ``GET /<resource>/export/?format=csv`` streams every matching
    row. Both start from ``filter_queryset(get_queryset())``, so filters, search and whatever
    visibility rules the viewset has apply unchanged; errors are always JSON.
    """

    content_negotiation_class = FormatNegotiation
    schema = ExportAutoSchema()

    def export_formats(self) -> list[ExportFormat]:
        return formats_for(self.basename)

    def get_renderers(self) -> list[BaseRenderer]:
        formats = [RENDERERS[fmt]() for fmt in self.export_formats()]
        if self.action == EXPORT_ACTION:
            return formats
        if self.action == LIST_ACTION:
            return [*super().get_renderers(), *formats]
        return super().get_renderers()

    def chosen_format(self, request: Request) -> ExportFormat | None:
        return exported(getattr(request, "accepted_renderer", None))

    def export_writer(self, fmt: ExportFormat) -> Writer:
        writer = fmt.writer(self.basename, self.get_serializer(), self.nested_statuses())
        if self.action == EXPORT_ACTION and isinstance(writer, NdjsonWriter):
            writer.trailer = True  # a whole collection says where it ends; a page need not
        return writer

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if self.chosen_format(self.request) is not None:
            # DRF copies ?format= into every URL it builds; an @id must be the plain API URL.
            context["request"] = without_format(self.request)
        return context

    def serialize(self, instances: list[Model]) -> list[dict[str, Any]]:
        return self.get_serializer(instances, many=True).data

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        fmt = self.chosen_format(request)
        if fmt is None:
            return super().list(request, *args, **kwargs)
        queryset = fmt.prepare(self.filter_queryset(self.get_queryset()), self.nested_statuses())
        page = self.paginate_queryset(queryset)
        instances = list(queryset) if page is None else list(page)
        items = list(zip(instances, self.serialize(instances), strict=True))
        return self.formatted_page(fmt, items, page is not None)

    def formatted_page(
        self, fmt: ExportFormat, items: list, paginated: bool, floats: bool = True
    ) -> Response:
        """One page in ``fmt``: the rows, with the pagination as headers (``floats``:
        whether a record may hold a float, api.exports.writers.Writer)."""
        writer = self.export_writer(fmt)
        writer.floats = floats
        body = writer.start() + writer.write(items) + writer.end()
        headers = {}
        if paginated:
            meta = self.get_paginated_response([]).data
            links = [f'<{meta[rel]}>; rel="{rel}"' for rel in ("next", "previous") if meta[rel]]
            if links:
                headers["Link"] = ", ".join(links)
            if "count" in meta:
                headers["X-Total-Count"] = str(meta["count"])
        headers.update(fmt.page_headers(writer))
        return PageResponse(body, headers=headers)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                AFTER_PARAM,
                OpenApiTypes.INT,
                OpenApiParameter.QUERY,
                description="Resume: only records with an id greater than this (the last id "
                "a cut-off download received), with the same filters.",
            ),
            OpenApiParameter(
                "Content-Disposition",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                response=[200],
                description='`attachment; filename="<resource>.<extension>"`.',
            ),
            OpenApiParameter(
                TOTAL_HEADER,
                OpenApiTypes.INT,
                OpenApiParameter.HEADER,
                response=[200],
                description="How many records the complete body holds, counted when the "
                "export starts: CSV rows after the header, NDJSON lines before the last, "
                "GeoJSON features plus `skipped_without_coordinates`, JSON-LD `@graph` "
                "members; for `acled-csv`, incidents with rows plus `X-Skipped-Records`.",
            ),
            OpenApiParameter(
                LAST_ID_HEADER,
                OpenApiTypes.INT,
                OpenApiParameter.HEADER,
                response=[200],
                description="The greatest id the complete body holds (absent when it holds "
                "none); records added after the export started are left for the next one.",
            ),
            OpenApiParameter(
                SKIPPED_HEADER,
                OpenApiTypes.INT,
                OpenApiParameter.HEADER,
                response=[200],
                description="`acled-csv` only: matching incidents left out for want of a "
                "date or of a place with a point.",
            ),
        ]
    )
    @action(detail=False, methods=["get"], url_path="export")
    def export(self, request: Request, *args: Any, **kwargs: Any) -> StreamingHttpResponse:
        """Every matching row, streamed: the list's filters and search apply, in id order.

        A body cut short can be told from a whole one: `X-Total-Count` and `X-Last-Id` give
        the records it holds, and NDJSON ends with `{"_complete": true, "rows": N,
        "last_id": ID}`. `?after=<last id received>` fetches exactly the rest. At most
        `EXPORT_DOWNLOADS_PER_CLIENT` exports stream at once per client (then a 429) and
        `EXPORT_DOWNLOADS` overall (then a 503), both with `Retry-After`.
        """
        if request.query_params.get("ordering"):
            raise ValidationError(
                {"ordering": ["Exports are in id order; ordering applies to the list only."]},
                code="invalid",
            )
        fmt = self.chosen_format(request)
        lease = acquire(
            "export",
            AnonRateThrottle().get_ident(request),  # the address, as the throttles see it
            settings.EXPORT_DOWNLOADS_PER_CLIENT,
            settings.EXPORT_DOWNLOADS,
            EXPORT_SLOT_SECONDS,
            EXPORT_RETRY_SECONDS,
        )
        try:
            return self.export_response(request, fmt, lease)
        except BaseException:
            lease.release()
            raise

    def export_response(
        self, request: Request, fmt: ExportFormat, lease: Lease
    ) -> StreamingHttpResponse:
        self.export_range = ExportRange(self.list_queryset(), after_id(request))
        queryset = self.export_range.apply(self.list_queryset())
        headers = {TOTAL_HEADER: str(self.export_range.rows)}
        if self.export_range.last is not None:
            headers[LAST_ID_HEADER] = str(self.export_range.last)
        headers.update(fmt.export_headers(queryset, self.nested_statuses()))
        body = Releasing(self.export_body(fmt, queryset), lease)
        response = StreamingHttpResponse(body, content_type=self.content_type(fmt))
        filename = f"{resource(self.basename).collection}.{fmt.extension}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        for name, value in headers.items():
            response[name] = value
        return response

    def export_body(self, fmt: ExportFormat, queryset: QuerySet) -> Iterator[bytes]:
        """The streamed body; a viewset with a faster read path may override it (and must
        keep to ``self.export_range``)."""
        statuses = self.nested_statuses()
        return stream(fmt.prepare(queryset, statuses), self.serialize, self.export_writer(fmt))

    def list_queryset(self) -> QuerySet:
        """The list's queryset, filtered: an export is the list, unpaginated.

        An export lists records (the viewset's ``listing()``), so every list rule (visibility
        by review status, deferred columns, filters) applies to it exactly as to the pages.
        """
        return self.filter_queryset(self.get_queryset())

    def content_type(self, fmt: ExportFormat) -> str:
        charset = RENDERERS[fmt].charset
        return f"{fmt.media_type}; charset={charset}" if charset else fmt.media_type

    def finalize_response(
        self, request: Request, response: HttpResponseBase, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        # Errors keep the API's one JSON shape whatever format was asked for.
        if isinstance(response, Response) and response.exception:
            renderer = getattr(request, "accepted_renderer", None)
            if renderer is None or exported(renderer) is not None:
                request.accepted_renderer = JSONRenderer()
                request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)
