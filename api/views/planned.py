"""Reads through the read serializer's plan (api.rows), written once for every resource.

A viewset that takes :class:`PlanReadMixin` declares nothing more than NetBox's three lines
(``serializer_class``, a ``detail_serializer_class`` if the detail differs, the filterset): its
JSON list (paginated) and detail, the detail's ETag (``representation``, which GET and every
If-Match hash alike), the CSV and NDJSON pages and the CSV and NDJSON streaming exports are
all produced from the serializer's plan, never from the serializer one record at a time. The
records are the serializer's, key for key (the parity tests prove it, public and editors).

Hooks, for the few resources that need one: :meth:`base_queryset` (the records before the
serializer path's joins and prefetches), :meth:`plan_statuses` (the statuses of the related
records nested in a record, when they are another model's) and :meth:`read_rows` (a
:class:`api.rows.Rows` with more, as incidents' places' points). The other formats (GeoJSON
exports, JSON-LD, ACLED's layout) keep the serializer path; writes are validated by the write
serializer and answered with :meth:`representation`, as a GET of the detail shows the record.
"""

from collections.abc import Hashable, Iterator, Sequence
from types import SimpleNamespace
from typing import Any, ClassVar

from django.db.models import Model, QuerySet
from rest_framework import serializers
from rest_framework.generics import get_object_or_404
from rest_framework.request import Request
from rest_framework.response import Response

from ..conditional import detail_response
from ..exports.claim_table import PlanTable
from ..exports.formats import Csv, ExportFormat, Ndjson
from ..exports.streaming import stream_records
from ..exports.views import ExportMixin
from ..prepared import prepared
from ..rows import Rows
from .base import ID_PATTERN


class PlanReadMixin(ExportMixin):
    """JSON list and detail, CSV and NDJSON pages and exports from the serializer's plan.

    Put it after ``IdOrSlugLookupMixin`` (whose ``retrieve`` carries the schema's
    ``id_or_slug`` parameter and calls this one) and before ``EditableViewSet``."""

    # Page formats written from the plan's records (their writers read only the record).
    plan_page_formats: ClassVar[tuple[type[ExportFormat], ...]] = (Csv, Ndjson)
    # Whole-collection exports streamed from the plan.
    plan_export_formats: ClassVar[tuple[type[ExportFormat], ...]] = (Csv, Ndjson)

    # -- hooks ---------------------------------------------------------------------------------

    def read_rows(self, serializer: type[serializers.Serializer]) -> Rows:
        """The plan of ``serializer`` bound to this request and reader."""
        request = self.get_serializer_context()["request"]  # without ?format= on a page
        return Rows(serializer, request, self.plan_statuses())

    def page_items(self, rows: Rows, records: list[dict[str, Any]]) -> list[tuple[Any, dict]]:
        """A page's ``(instance, record)`` items for its writer (which reads the record)."""
        return [(None, record) for record in records]

    # -- which serializer ----------------------------------------------------------------------

    def list_serializer(self) -> type[serializers.Serializer]:
        return self.serializer_class

    def detail_serializer(self) -> type[serializers.Serializer]:
        return self.detail_serializer_class or self.serializer_class

    # -- the list ------------------------------------------------------------------------------

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        fmt = self.chosen_format(request)
        if fmt is not None and not isinstance(fmt, self.plan_page_formats):
            return super().list(request, *args, **kwargs)
        rows = self.read_rows(self.list_serializer())
        filtered = self.filter_queryset(self.base_queryset())
        # The page is chosen by id on the records alone (their filters and order, no column),
        # then its columns are read for those ids. Ordering a filtered list sorts every
        # matching row: a sort of ids (from an index that holds the filter's and the order's
        # columns, where there is one) instead of whole rows with their joins and annotations
        # (a claim's ``contested``), which are read for the page's rows only.
        # The page's total is counted on them too (its cache key is their SQL, which names no
        # column or annotation the filters do not use).
        keys = filtered.values("id")
        page = self.paginate_queryset(keys)
        if page is None:
            records = rows.rows(rows.columns(filtered))
        else:
            records = rows.rows(self.page_rows(rows, [key["id"] for key in page]))
        floats = rows.may_hold_floats()
        if fmt is not None:
            items = self.page_items(rows, records)
            return self.formatted_page(fmt, items, page is not None, floats)
        response = Response(records) if page is None else self.get_paginated_response(records)
        response.may_hold_floats = floats  # read by api.renderers.JSONRenderer
        return response

    def page_rows(self, rows: Rows, ids: Sequence[int]) -> Sequence[dict[str, Any]]:
        """The plan's rows of these records, in this order. The query is compiled once per
        reading (who reads, which statuses, nested and asked for) and plan: the ids come
        from the filtered list, which this reading may see."""
        query = prepared(
            (type(self).__name__, "page", self.reading(), self.reader_key(rows)),
            lambda: rows.columns(self.base_queryset()).order_by(),
            "pk",
            rows.alias,
        )
        found = {row["id"]: row for row in query.dicts(ids, rows.raw_positions(query.names))}
        # A record deleted (or hidden) between the two reads is left out, as a later read
        # would leave it out.
        return [found[pk] for pk in ids if pk in found]

    # -- the detail ----------------------------------------------------------------------------

    def detail_row(self, rows: Rows, value: int | str) -> dict[str, Any]:
        """The plan's row of the record named by ``value`` (an id, or a slug for resources
        looked up by either) as this reader may see it, or a 404."""
        if isinstance(value, int) or ID_PATTERN.fullmatch(value):
            return self.visible_row(rows.columns, int(value), self.reader_key(rows))
        return get_object_or_404(
            rows.columns(self.filter_queryset(self.base_queryset())), slug=value
        )

    def reader_key(self, rows: Rows) -> Hashable:
        """What the detail's query depends on besides the id and whether the reader edits
        this model (``visible_row``): the plan's columns and the statuses of the nested
        records an annotation may count (an actor's articles, an article's claims)."""
        return (rows.plan.serializer, self.plan_statuses())

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        rows = self.read_rows(self.detail_serializer())
        found = self.detail_row(rows, self.kwargs[self.lookup_url_kwarg or self.lookup_field])
        record = SimpleNamespace(updated_at=found["updated_at"])  # for Last-Modified
        response = detail_response(request, rows.rows([found])[0], record)
        response.may_hold_floats = rows.may_hold_floats()  # read by api.renderers.JSONRenderer
        return response

    def representation(self, record: Model) -> dict[str, Any]:
        """The detail as ``retrieve`` builds it, for every ETag."""
        rows = self.read_rows(self.detail_serializer())
        return rows.rows([self.detail_row(rows, record.pk)])[0]

    # -- the exports ---------------------------------------------------------------------------

    def plan_list_queryset(self) -> QuerySet:
        """``base_queryset()`` filtered as the list filters it (an export is the list)."""
        return self.filter_queryset(self.base_queryset())

    def export_body(self, fmt: ExportFormat, queryset: QuerySet) -> Iterator[bytes]:
        if not isinstance(fmt, self.plan_export_formats):
            return super().export_body(fmt, queryset)
        base = self.export_range.apply(self.plan_list_queryset())
        serializer = self.list_serializer()
        if isinstance(fmt, Csv):
            request = self.get_serializer_context()["request"]
            return PlanTable(serializer, base, request, self.plan_statuses()).csv()
        rows = self.read_rows(serializer)
        return stream_records(rows.columns(base), rows.rows, self.export_writer(fmt))
