"""A resource's CSV export from its read plan (api.rows): the serializer's cells without the
serializer.

Each keyset chunk is one query for the plan's columns plus one per to-many relation or
loader (the chunk's ids as one parameter); its records are the plan's, and the cells are
the serializer's columns (api.exports.columns) read from them and written by
``writers.csv_lines``. ``tests/exports/test_claim_table.py`` proves the bytes equal the
serializer path's.
"""

from collections.abc import Iterator, Sequence
from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers
from rest_framework.request import Request

from ..rows import Rows
from ..serializers import ClaimSerializer
from .columns import columns_for, readers
from .walk import keyset_chunks
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
        columns = columns_for(serializer())
        self.header = [column.name for column in columns]
        self.readers = readers(columns)  # text cells come back neutralised
        self.queryset = self.rows.columns(queryset)
        self.size = size

    def csv(self) -> Iterator[bytes]:
        """The header, then one piece per keyset chunk (its queries run as it is asked for)."""
        yield csv_text([self.header]).encode("utf-8")
        width, cells = len(self.header), self.readers
        for chunk in keyset_chunks(self.queryset, self.size):
            records = self.rows.rows(chunk)
            lines = [[read(record) for read in cells] for record in records]
            yield csv_lines(lines, width).encode("utf-8")


def ClaimTable(
    queryset: QuerySet, request: Request | None, statuses: Sequence[str], size: int | None = None
) -> PlanTable:
    return PlanTable(ClaimSerializer, queryset, request, statuses, size)
