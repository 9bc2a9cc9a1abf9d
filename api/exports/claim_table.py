"""A resource's CSV export from its read plan (api.rows): the serializer's cells without the
serializer.

Each keyset chunk is one precompiled query on a raw cursor for the plan's columns, plus one
per to-many relation or loader (the chunk's ids), and its rows go straight to their cells
(api.exports.plan_cells: generated from the plan, one row tuple -> its cells, no record dict
in between), written by ``writers.csv_lines``. ``tests/exports/test_claim_table.py`` proves
the bytes equal the serializer path's.
"""

from collections.abc import Iterator, Sequence
from contextlib import closing
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from rest_framework import serializers
from rest_framework.request import Request

from ..rows import Rows
from ..serializers import ClaimSerializer
from .columns import columns_for, is_text
from .plan_cells import Binder, cells_for, joined
from .read_ahead import read_ahead
from .walk import CHUNK_SIZE
from .writers import csv_lines, csv_text

# A value no filter compares with (see _keyset).
_SENTINEL = -7_162_534_981_234


def layout(serializer: type[serializers.Serializer]) -> list[str]:
    """The serializer's CSV header."""
    return [column.name for column in columns_for(serializer())]


LAYOUT = layout(ClaimSerializer)


def check_layout() -> list[str]:
    """The claims' CSV header: the serializer's, by construction (kept for its callers)."""
    return layout(ClaimSerializer)


def _keyset(claims: QuerySet, size: int) -> tuple[str, list[Any], int]:
    """The chunk after a given id: the SQL, its parameters and where the id goes.

    The user's filters are among the parameters and might hold any value, so the bound's
    place is found by compiling with two different bounds, not by a marker value."""
    sql, params = claims.filter(pk__gt=_SENTINEL)[:size].query.sql_with_params()
    other_sql, other = claims.filter(pk__gt=_SENTINEL + 1)[:size].query.sql_with_params()
    where = [i for i, (a, b) in enumerate(zip(params, other, strict=True)) if a != b]
    if sql != other_sql or len(where) != 1:
        raise RuntimeError(f"cannot find the keyset bound in {sql!r}")
    return sql, list(params), where[0]


# Rows per keyset chunk unless settings.EXPORT_CHUNK_SIZE says, as measured on the claims:
# PostgreSQL is fastest at 2,000 (fewer queries to plan, fewer round trips: ~15% faster than
# 500 on 100k claims), SQLite at the other exports' 500 (2,000 was ~30% slower on 1M claims).
CHUNK_SIZES = {"postgresql": 2000}


def _converter(functions: Sequence[Any], expression: Any, connection: Any) -> Any:
    def convert(value: Any) -> Any:
        for function in functions:
            value = function(value, expression, connection)
        return value

    return convert


class PlanTable:
    """The CSV export of a filtered queryset, a keyset chunk per yielded piece."""

    def __init__(
        self,
        serializer: type[serializers.Serializer],
        queryset: QuerySet,
        request: Request | None,
        statuses: Sequence[str],
        size: int | None = None,
    ) -> None:
        self.rows = Rows(serializer, request, statuses)
        self.cells = cells_for(self.rows.plan)
        columns = columns_for(serializer())
        self.header = [column.name for column in columns]
        # The text cells, which csv_lines neutralises as formulas (api.exports.cells).
        self.text_positions = [i for i, column in enumerate(columns) if is_text(column)]
        self.db = queryset.db
        vendor = connections[self.db].vendor
        self.size = size or getattr(
            settings, "EXPORT_CHUNK_SIZE", CHUNK_SIZES.get(vendor, CHUNK_SIZE)
        )
        self.pk = self.cells.pk
        rows = queryset.order_by("pk").values_list(*self.cells.selected(vendor, self.db))
        try:
            self.first: tuple[str, Any] | None = rows[: self.size].query.sql_with_params()
            self.main = _keyset(rows, self.size)
        except EmptyResultSet:  # a filter that matches nothing by construction (no ids)
            self.first = None
            converters = {}
        else:
            converters = self._converters(rows)
        self.build = self.cells.make(Binder(self.rows.env, converters))
        self.children = [
            (child, cells.make(Binder(self.rows.env)), ("",) * cells.width, frozenset(cells.raw))
            for child, cells in self.cells.children
        ]
        # A loaded field's cells where a record has no value.
        self.empty = {
            name: tuple(read({name: loader.empty()}) for read in readers)
            for loader, readers, name in self.cells.loaders
        }

    def _converters(self, rows: QuerySet) -> dict[int, Any]:
        """Django's converters per column of the top query, as values_list() applies them
        (the generated cells call them only for the fields they do not write themselves)."""
        compiler = rows.query.get_compiler(self.db)
        compiler.setup_query()
        connection = connections[self.db]
        found = {}
        select = [column[0] for column in compiler.select[: compiler.col_count]]
        for position, (functions, expression) in compiler.get_converters(select).items():
            found[position] = _converter(functions, expression, connection)
        return found

    def _nested(self, rows: list[tuple]) -> list[Any]:
        """The chunk's to-many rows, then its loaded fields' cells, read by its ids."""
        ids = [row[self.pk] for row in rows]
        found: list[Any] = [
            self.rows.child_rows(child, ids, raw) for child, _, _, raw in self.children
        ]
        env = self.rows.env
        for loader, readers, name in self.cells.loaders:
            if loader.cells is not None:
                found.append(loader.cells(env, ids))
            else:
                loaded = loader.load(env, ids)
                found.append(
                    {
                        pk: tuple(read({name: value}) for read in readers)
                        for pk, value in loaded.items()
                    }
                )
        return found

    def _cells(self, rows: list[tuple], nested: list[Any]) -> list[list[str]]:
        arguments: list[Any] = []
        count = len(self.children)
        for (_, build, empty, _), found in zip(self.children, nested[:count], strict=True):
            arguments += [joined(found, build(found)), empty]
        loaded = nested[count:]
        for (_, _, name), found in zip(self.cells.loaders, loaded, strict=True):
            arguments += [found, self.empty[name]]
        return self.build(rows, *arguments)

    @staticmethod
    def _run(cursor: Any, compiled: tuple[str, list[Any], int], value: Any) -> list[tuple]:
        sql, params, where = compiled
        params = params.copy()
        params[where] = value
        cursor.execute(sql, params)
        return cursor.fetchall()

    def _chunks(self) -> Iterator[tuple[list[tuple], list[Any]]]:
        """Each keyset chunk's rows and nested rows, in id order (its queries run as it is
        asked for)."""
        with connections[self.db].cursor() as cursor:
            cursor.execute(*self.first)
            rows = cursor.fetchall()
            while rows:
                yield rows, self._nested(rows)
                if len(rows) < self.size:
                    return
                rows = self._run(cursor, self.main, rows[-1][self.pk])

    def csv(self) -> Iterator[bytes]:
        """The header, then one piece per keyset chunk, the next chunk read while one is
        written (api.exports.read_ahead)."""
        yield csv_text([self.header]).encode("utf-8")
        if self.first is None:
            return
        width, positions = len(self.header), self.text_positions
        # Closed with this generator (a client that goes away), which stops the reader.
        with closing(read_ahead(self._chunks, self.db)) as chunks:
            for rows, nested in chunks:
                yield csv_lines(self._cells(rows, nested), width, positions).encode("utf-8")


def ClaimTable(
    queryset: QuerySet, request: Request | None, statuses: Sequence[str], size: int | None = None
) -> PlanTable:
    return PlanTable(ClaimSerializer, queryset, request, statuses, size)
