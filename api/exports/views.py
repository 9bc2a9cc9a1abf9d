"""The export mixin every resource viewset takes: formats on the list, and ``export/``."""

import copy
from collections.abc import Iterator
from typing import Any

from django.db.models import Model, QuerySet
from django.http import HttpResponseBase, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from . import acled
from .formats import ACLED_CSV, COLLECTIONS, FORMATS, RENDERERS, ExportFormat, formats_for
from .negotiation import FormatNegotiation
from .schema import ExportAutoSchema
from .streaming import stream
from .writers import Writer

EXPORT_ACTION = "export"
LIST_ACTION = "list"
SKIPPED_HEADER = "X-Skipped-Records"


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
        formats = [RENDERERS[fmt.name]() for fmt in self.export_formats()]
        if self.action == EXPORT_ACTION:
            return formats
        if self.action == LIST_ACTION:
            return [*super().get_renderers(), *formats]
        return super().get_renderers()

    def chosen_format(self, request: Request) -> ExportFormat | None:
        renderer = getattr(request, "accepted_renderer", None)
        return FORMATS.get(getattr(renderer, "format", None))

    def export_writer(self, fmt: ExportFormat) -> Writer:
        return fmt.writer(self.basename, self.get_serializer(), self.nested_statuses())

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

    def formatted_page(self, fmt: ExportFormat, items: list, paginated: bool) -> Response:
        """One page in ``fmt``: the rows, with the pagination as headers."""
        writer = self.export_writer(fmt)
        body = writer.start() + writer.write(items) + writer.end()
        headers = {}
        if paginated:
            meta = self.get_paginated_response([]).data
            links = [f'<{meta[rel]}>; rel="{rel}"' for rel in ("next", "previous") if meta[rel]]
            if links:
                headers["Link"] = ", ".join(links)
            if "count" in meta:
                headers["X-Total-Count"] = str(meta["count"])
        if fmt.name == ACLED_CSV:
            headers[SKIPPED_HEADER] = str(writer.skipped)
        return PageResponse(body, headers=headers)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "Content-Disposition",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                response=[200],
                description='`attachment; filename="<resource>.<extension>"`.',
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
        """Every matching row, streamed: the list's filters and search apply, in id order."""
        if request.query_params.get("ordering"):
            raise ValidationError(
                {"ordering": ["Exports are in id order; ordering applies to the list only."]},
                code="invalid",
            )
        fmt = self.chosen_format(request)
        queryset = self.list_queryset()
        headers = {}
        if fmt.name == ACLED_CSV:
            headers[SKIPPED_HEADER] = str(acled.skipped(queryset, self.nested_statuses()))
        body = self.export_body(fmt, queryset)
        response = StreamingHttpResponse(body, content_type=self.content_type(fmt))
        filename = f"{COLLECTIONS[self.basename]}.{fmt.extension}"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        for name, value in headers.items():
            response[name] = value
        return response

    def export_body(self, fmt: ExportFormat, queryset: QuerySet) -> Iterator[bytes]:
        """The streamed body; a viewset with a faster read path may override it."""
        statuses = self.nested_statuses()
        return stream(fmt.prepare(queryset, statuses), self.serialize, self.export_writer(fmt))

    def list_queryset(self) -> QuerySet:
        """The list's queryset, filtered: an export is the list, unpaginated.

        Built as the ``list`` action so every list rule (visibility by review status, deferred
        columns, filters) applies to the export exactly as to the pages.
        """
        action, self.action = self.action, LIST_ACTION
        try:
            return self.filter_queryset(self.get_queryset())
        finally:
            self.action = action

    def content_type(self, fmt: ExportFormat) -> str:
        charset = RENDERERS[fmt.name].charset
        return f"{fmt.media_type}; charset={charset}" if charset else fmt.media_type

    def finalize_response(
        self, request: Request, response: HttpResponseBase, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        # Errors keep the API's one JSON shape whatever format was asked for.
        if isinstance(response, Response) and response.exception:
            renderer = getattr(request, "accepted_renderer", None)
            if renderer is None or renderer.format in FORMATS:
                request.accepted_renderer = JSONRenderer()
                request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)
