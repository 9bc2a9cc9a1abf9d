"""Pagination: numbered pages by default, a cursor for walking a whole collection.

Page mode (the default) answers ``{count, next, previous, results}``. Cursor mode, chosen with
``?paginate=cursor`` or by following a ``next`` link that carries ``cursor=``, orders by id
and answers ``{next, previous, results}``: no count query and no deep OFFSET, so a client can
walk every row of a large, changing collection without skipping or repeating any.
"""

import hashlib
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import F, Func, OrderBy, QuerySet
from django.db.models.constants import LOOKUP_SEP
from django.db.models.lookups import (
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
    Range,
)
from django.db.models.sql.where import AND, WhereNode
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 500
PAGE_SIZE_PARAM = "page_size"
MODE_PARAM = "paginate"
PAGE_MODE, CURSOR_MODE = "page", "cursor"


def page_size_from(request: Request, default: int) -> int:
    """The requested page size; a bad one is a 400 naming ``page_size``, never a silent clamp.

    DRF silently clamps or ignores a bad page_size; a client asking for 10,000 rows should
    learn it gets at most 500.
    """
    raw = request.query_params.get(PAGE_SIZE_PARAM)
    if raw is None:
        return default
    if not raw.isascii() or not raw.isdigit():
        raise ValidationError({PAGE_SIZE_PARAM: ["A whole number is required."]}, code="invalid")
    size = int(raw)
    if size < 1:
        raise ValidationError({PAGE_SIZE_PARAM: ["Must be at least 1."]}, code="min_value")
    if size > MAX_PAGE_SIZE:
        raise ValidationError(
            {PAGE_SIZE_PARAM: [f"Must be at most {MAX_PAGE_SIZE}."]}, code="max_value"
        )
    return size


# A COUNT over a large result costs more than the page itself (a million claims: tens to
# hundreds of ms on every page). Counts of at least COUNT_CACHE_MIN_ROWS are kept for
# COUNT_CACHE_SECONDS, keyed by the query's SQL, so the same listing counts once a minute.
COUNT_CACHE_MIN_ROWS = 10_000
COUNT_CACHE_SECONDS = 60
# A result of at most SMALL_RESULT rows (a claimant's claims over a period, a rare word) is
# read whole, its ids in the list's order, by one query that gives both its count and its
# pages: a COUNT, then the page, found the same rows twice (on PostgreSQL at 1M claims, a
# rare word's search was two trigram lookups of ~24 ms each). That query reads at most
# SMALL_RESULT + 1 ids; a larger result is then counted as before, and for
# COUNT_CACHE_SECONDS counted without that first look (its count is still exact).
SMALL_RESULT = 1000


def _count_query(queryset: QuerySet) -> tuple[str, str, Any] | None:
    """The cache key, SQL and parameters of the query a count counts, or None when it does
    not compile (an empty result: EmptyResultSet and the like).

    The query is compiled once, unordered, for the cache key and the count alike (Django's
    ``count()`` compiles it again, as an aggregate: a quarter of a millisecond a page); the
    key is then the same whatever the list's order."""
    try:
        sql, params = queryset.order_by().query.sql_with_params()
    except Exception:
        return None
    digest = hashlib.sha256(f"{queryset.db}|{sql}|{params!r}".encode()).hexdigest()
    return f"api:count:{digest}", sql, params


def _count(db: str, key: str, sql: str, params: Any) -> int:
    """COUNT the query, and keep the count for a while when large (COUNT_CACHE_MIN_ROWS)."""
    with connections[db].cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sql}) counted", params)
        total = cursor.fetchone()[0]
    if total >= getattr(settings, "COUNT_CACHE_MIN_ROWS", COUNT_CACHE_MIN_ROWS):
        cache.set(key, total, getattr(settings, "COUNT_CACHE_SECONDS", COUNT_CACHE_SECONDS))
    return total


def counted(queryset: QuerySet, before: Callable[[str], int | None] | None = None) -> int:
    """``queryset.count()``, reused for a while when large (COUNT_CACHE_MIN_ROWS).

    ``before``: asked with the cache key when the count is not cached; a number it returns is
    the count (a small result read whole), None lets the database count."""
    query = _count_query(queryset)
    if query is None:
        return queryset.count()
    found = cache.get(query[0])
    if found is None and before is not None:
        found = before(query[0])
    return found if found is not None else _count(queryset.db, *query)


class ListedPage(Page):
    """Django's page, iterated as the list of its rows: a Sequence's iteration calls
    ``__getitem__`` once per row, and DRF reads every page with ``list(page)``."""

    def __iter__(self) -> Iterator[Any]:
        if not isinstance(self.object_list, list):
            self.object_list = list(self.object_list)
        return iter(self.object_list)


class CountCachingPaginator(Paginator):
    """Django's paginator, whose ``count`` of a large result is reused for a while, and
    which reads a small result whole (SMALL_RESULT)."""

    # A small result's rows, all of them in the list's order, once ``count`` has read them.
    whole: list[Any] | None = None

    def _get_page(self, *args: Any, **kwargs: Any) -> ListedPage:
        return ListedPage(*args, **kwargs)

    @cached_property
    def count(self) -> int:
        if not isinstance(self.object_list, QuerySet):
            return super().count
        return counted(self.object_list, self._read_whole)

    def _read_whole(self, key: str) -> int | None:
        """A result of at most SMALL_RESULT rows: read whole into ``whole``, and its count;
        None for a larger one (then remembered for a while under the count's ``key``)."""
        small = getattr(settings, "SMALL_RESULT", SMALL_RESULT)
        larger = f"{key}:larger"
        if small <= 0 or cache.get(larger):
            return None
        rows = self.object_list
        # In the order a page of a result this size is read in (see sorts_whole).
        ordered = sorted_whole(rows) if sorts_whole(rows, small, known=True) else rows
        first = list(ordered[: small + 1])
        if len(first) <= small:
            self.whole = first
            return len(first)
        cache.set(larger, True, getattr(settings, "COUNT_CACHE_SECONDS", COUNT_CACHE_SECONDS))
        return None

    def page(self, number: int | str) -> Any:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        if self.whole is not None:
            return self._get_page(self.whole[bottom:top], number, self)
        rows = self.object_list
        if isinstance(rows, QuerySet) and sorts_whole(rows, self.count):
            rows = sorted_whole(rows)
        return self._get_page(rows[bottom:top], number, self)


# A page of a result filtered by a range (a period) is chosen either by walking an index in
# the list's order until the page is filled, or by sorting the whole result (read by whichever
# index serves the filters best). The walk reads a few rows when the matches are spread along
# the order, as a stance or a kind of claim are (0.2 ms for 45,000 denials of positions at 1M
# claims, where sorting them whole read them all: 89 ms), and most of the table when they are
# bunched, as a period is: records are added as they are reported, so their dates follow the
# order. Planners cannot tell the two apart; the counts, known before the page is read, bound
# the sort. A result of at most SORT_WHOLE_AT_MOST rows is sorted whole (tolls of the last
# two years: 36,000 rows an index finds in a few ms, where the walk took 120 ms on SQLite and
# 250 ms on PostgreSQL), and so is a larger one that keeps at most SORT_WHOLE_SHARE of the
# rows its other filters keep (claims since September 2024 at 1M, 167,000: walked in 214 ms
# on SQLite and 177 ms on PostgreSQL, sorted in 27 and 50 ms). A larger share is walked: its
# page is near (claims since mid-2020, 698,000: walked in 80 and 63 ms, sorted in 105 and
# 128 ms). The price: a small share at the start of the order, which the walk finds at once
# (claims before 2019, 125,000: 4 and 5 ms walked), is sorted too (23 and 38 ms).
# bench/periods.py prints these.
SORT_WHOLE_AT_MOST = 50_000
SORT_WHOLE_SHARE = 0.4
_RANGES = (GreaterThan, GreaterThanOrEqual, LessThan, LessThanOrEqual, Range)


def ranges(node: Any) -> Iterator[Any]:
    """The comparisons with a bound or a range in a query's WHERE."""
    if isinstance(node, _RANGES):
        yield node
    for child in getattr(node, "children", ()):
        yield from ranges(child)


def sorts_whole(queryset: QuerySet, count: int, known: bool = False) -> bool:
    """Whether a page of ``queryset`` (``count`` rows) is chosen by sorting it whole.

    ``known``: decide on ``count`` alone, as for a result known to be that size at most (a
    small result read whole), without counting what the other filters keep."""
    if not ranges_off_the_order(queryset):
        return False
    if count <= getattr(settings, "SORT_WHOLE_AT_MOST", SORT_WHOLE_AT_MOST):
        return True
    if known:
        return False
    others = without_ranges(queryset)
    share = getattr(settings, "SORT_WHOLE_SHARE", SORT_WHOLE_SHARE)
    return others is not None and count <= share * counted(others)


def without_ranges(queryset: QuerySet) -> QuerySet | None:
    """``queryset`` with its range comparisons left out, or None when one is under an OR or
    a NOT (leaving it out there would not give the rows its other filters keep)."""
    where = _without_ranges(queryset.query.where)
    if where is None:
        return None
    others = queryset.all()
    others.query.where = WhereNode() if where is _LEFT_OUT else where
    return others


_LEFT_OUT = object()


def _without_ranges(node: Any) -> Any:
    if isinstance(node, _RANGES):
        return _LEFT_OUT
    if not isinstance(node, WhereNode):
        return node
    if node.negated or node.connector != AND:
        return None if any(True for _ in ranges(node)) else node
    kept = []
    for child in node.children:
        found = _without_ranges(child)
        if found is None:
            return None
        if found is not _LEFT_OUT:
            kept.append(found)
    return WhereNode(kept, AND)


def ranges_off_the_order(queryset: QuerySet) -> bool:
    """Whether the query filters by a range some column other than its first ordering one.

    A range on the column the list is ordered by (``?ordering=-stated_on`` with
    ``?stated_after=``) is where walking the order's index starts: its first rows are the
    page's, so it is never sorted whole."""
    found = list(ranges(queryset.query.where))
    if not found:
        return False
    order = queryset.query.order_by
    first = order[0].expression if order and isinstance(order[0], OrderBy) else None
    if not isinstance(first, F) or LOOKUP_SEP in first.name:
        return True
    try:
        leading = queryset.model._meta.get_field(first.name)
    except FieldDoesNotExist:
        return True
    return not all(getattr(each.lhs, "target", None) == leading for each in found)


def sorted_whole(queryset: QuerySet) -> QuerySet:
    """``queryset`` in the same order, with its first ordering column behind an expression no
    index holds (``COALESCE(column, column)``: the same value, nulls included), so the
    database finds the rows by their filters and sorts them."""
    order = list(queryset.query.order_by)
    if not order or not isinstance(order[0], OrderBy):
        return queryset
    first = order[0]
    hidden = Func(first.expression, first.expression, function="COALESCE")
    order[0] = OrderBy(
        hidden,
        descending=first.descending,
        nulls_first=first.nulls_first,
        nulls_last=first.nulls_last,
    )
    return queryset.order_by(*order)


class PageNumberPagination(pagination.PageNumberPagination):
    """Numbered pages of ``page_size`` rows (default 50, at most 500)."""

    django_paginator_class = CountCachingPaginator
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = PAGE_SIZE_PARAM
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request: Request) -> int:
        return page_size_from(request, self.page_size)

    def get_page_number(self, request: Request, paginator: Any) -> str | int:
        raw = request.query_params.get(self.page_query_param, 1)
        if raw in self.last_page_strings:
            return paginator.num_pages
        if not str(raw).isascii() or not str(raw).isdigit() or int(raw) < 1:
            raise ValidationError(
                {self.page_query_param: ["A page number (1 or more) or 'last' is required."]},
                code="invalid",
            )
        return raw

    def paginate_queryset(
        self, queryset: QuerySet, request: Request, view: Any = None
    ) -> list | None:
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as exc:
            # DRF answers 404 for a page past the end; keep it, but name the parameter.
            detail = exc.detail if isinstance(exc.detail, str) else "Invalid page."
            raise NotFound({self.page_query_param: [detail]}) from exc

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        # DRF writes OpenAPI 3.0's `nullable`; our schema is OpenAPI 3.1 (OAS_VERSION).
        paginated = super().get_paginated_response_schema(schema)
        for link in ("next", "previous"):
            paginated["properties"][link].pop("nullable", None)
            paginated["properties"][link]["type"] = ["string", "null"]
        return paginated


class CursorPagination(pagination.CursorPagination):
    """Opaque cursors over ascending id: stable while rows are added or removed."""

    ordering = ("id",)
    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = PAGE_SIZE_PARAM
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request: Request) -> int:
        return page_size_from(request, self.page_size)

    def get_ordering(self, request: Request, queryset: QuerySet, view: Any) -> tuple[str, ...]:
        # Always id: the ordering filter's fields are not unique, which cursors need.
        return self.ordering

    def decode_cursor(self, request: Request) -> pagination.Cursor | None:
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            cursor = None
            valid = False
        else:
            # A forged position must not reach the database as a non-number.
            valid = cursor is None or cursor.position is None or str(cursor.position).isdigit()
        if not valid:
            raise ValidationError(
                {self.cursor_query_param: ["Not a cursor from a next or previous link."]},
                code="invalid",
            )
        return cursor


class PageOrCursorPagination(pagination.BasePagination):
    """Page numbers by default; a cursor when ``?paginate=cursor`` or ``?cursor=`` is given."""

    display_page_controls = False

    def __init__(self) -> None:
        self.pages = PageNumberPagination()
        self.cursors = CursorPagination()
        self.active: pagination.BasePagination = self.pages

    def mode(self, request: Request) -> str:
        raw = request.query_params.get(MODE_PARAM)
        if raw is None:
            has_cursor = request.query_params.get(self.cursors.cursor_query_param)
            return CURSOR_MODE if has_cursor else PAGE_MODE
        if raw not in (PAGE_MODE, CURSOR_MODE):
            raise ValidationError(
                {MODE_PARAM: [f"Use '{PAGE_MODE}' or '{CURSOR_MODE}'."]}, code="invalid_choice"
            )
        return raw

    def paginate_queryset(
        self, queryset: QuerySet, request: Request, view: Any = None
    ) -> list | None:
        if self.mode(request) == CURSOR_MODE:
            # Cursor walks are in id order; another order or a page number cannot apply.
            for param in ("ordering", self.pages.page_query_param):
                if request.query_params.get(param):
                    raise ValidationError(
                        {param: [f"Cannot be combined with {MODE_PARAM}={CURSOR_MODE}."]},
                        code="invalid",
                    )
            self.active = self.cursors
        else:
            if request.query_params.get(self.cursors.cursor_query_param):
                raise ValidationError(
                    {MODE_PARAM: [f"A cursor needs {MODE_PARAM}={CURSOR_MODE}."]},
                    code="invalid",
                )
            self.active = self.pages
        page = self.active.paginate_queryset(queryset, request, view)
        self.display_page_controls = self.active.display_page_controls
        return page

    def get_paginated_response(self, data: Any) -> Response:
        return self.active.get_paginated_response(data)

    def to_html(self) -> str:
        return self.active.to_html()

    def get_results(self, data: dict[str, Any]) -> Any:
        return data["results"]

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        link = {"type": ["string", "null"], "format": "uri"}  # OpenAPI 3.1 (OAS_VERSION)
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "example": 123,
                    "description": "Rows matching the filters, over all pages. Page mode only. "
                    f"A count of {COUNT_CACHE_MIN_ROWS:,} rows or more is reused for up to "
                    f"{COUNT_CACHE_SECONDS} seconds, so on a large collection it may lag the "
                    "latest changes by that much; small counts are always exact.",
                },
                "next": {**link, "description": "The following page; null on the last."},
                "previous": {**link, "description": "The preceding page; null on the first."},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        def param(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
            return {
                "name": name,
                "required": False,
                "in": "query",
                "description": description,
                "schema": schema,
            }

        return [
            param(
                MODE_PARAM,
                {"type": "string", "enum": [PAGE_MODE, CURSOR_MODE], "default": PAGE_MODE},
                "`page`: numbered pages with a total `count`. `cursor`: walk the whole "
                "collection in id order through `next` links (no count; `ordering` and "
                "`page` are not accepted).",
            ),
            param(
                self.pages.page_query_param,
                {"type": "integer", "minimum": 1},
                "Page number (page mode). A page past the end is a 404 naming `page`.",
            ),
            param(
                PAGE_SIZE_PARAM,
                {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": MAX_PAGE_SIZE,
                    "default": DEFAULT_PAGE_SIZE,
                },
                f"Rows per page, 1 to {MAX_PAGE_SIZE}.",
            ),
            param(
                self.cursors.cursor_query_param,
                {"type": "string"},
                "Opaque position from a `next` or `previous` link (cursor mode).",
            ),
        ]
