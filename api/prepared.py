"""Queries compiled once and run many times with a new list of ids.

The nested summaries of a page (a claim's incidents, losses and links; an incident's places,
participants, claims) are the same query every time but for the ids of the page. Building
and compiling that queryset costs about a millisecond each; the query itself a fraction of
that. ``prepared()`` compiles a queryset filtered by ``<field>__in=[marker]`` once per
database and key, then runs its SQL with the marker's ``IN (%s)`` widened to the ids given,
applying the same converters Django would (dates and booleans on SQLite, for instance), so
the rows are what ``values_list()`` returns.

On SQLite the ids go in as one JSON array (``IN (SELECT value FROM json_each(%s))``): one
SQL text whatever the number of ids, and Django's ``%s`` to ``?`` rewrite of each query
(a regular expression over the whole SQL) then reads one placeholder instead of 500; on a
100k-claim CSV export the rewrite alone took ~0.1 s of CPU. On PostgreSQL they go in as one
array (``= ANY(%s)``): the server parses and plans one literal instead of a list of 2,000
(the claims CSV export's chunk), each planned as its own expression.
"""

import json
import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db import connections
from django.db.backends.utils import CursorDebugWrapper
from django.db.models import QuerySet

# An id no row has: where it lands in the compiled SQL is where the page's ids go.
MARKER = -770_077_007

_PLACEHOLDER = re.compile(r"%s|%%")
_JSON_IDS = "SELECT value FROM json_each(%s)"


@dataclass(frozen=True)
class PreparedQuery:
    alias: str
    # The SQL around each id list: the first piece ends with "IN (", the last starts with
    # ")", any between does both (a union reads the same ids in each of its parts).
    pieces: tuple[str, ...]
    params: tuple[tuple, ...]  # each piece's parameters
    converters: tuple[tuple[int, tuple[Callable, ...], Any], ...]
    names: tuple[str, ...]  # the columns' names, as values() names them
    json_ids: bool = False  # the ids as one JSON array (SQLite)
    array_ids: bool = False  # the ids as one array (PostgreSQL)

    @cached_property
    def _json_sql(self) -> str:
        return _JSON_IDS.join(self.pieces)

    @cached_property
    def _array_sql(self) -> str:
        last = len(self.pieces) - 1
        return "= ANY(%s::bigint[])".join(
            piece.removeprefix(")" if i else "").removesuffix("IN (" if i < last else "")
            for i, piece in enumerate(self.pieces)
        )

    def _statement(self, ids: Sequence[int]) -> tuple[str, list]:
        """The SQL and its parameters with these ids in each slot."""
        if self.json_ids and len(ids) > 1:  # one id: IN (%s) costs less than json_each
            sql, slot = self._json_sql, [json.dumps(list(ids))]
        elif self.array_ids and len(ids) > 1:
            # As an array's text: psycopg dumps a list of ints in Python, ~0.2 ms a query.
            sql, slot = self._array_sql, ["{" + ",".join(map(str, map(int, ids))) + "}"]
        else:
            sql, slot = ", ".join(["%s"] * len(ids)).join(self.pieces), list(ids)
        params = list(self.params[0])
        for more in self.params[1:]:
            params += slot
            params += more
        return sql, params

    def rows(self, ids: Sequence[int], raw: frozenset[int] | None = None) -> list[Any]:
        """The rows for these ids, as ``values_list()`` would give them (as lists).

        ``raw``: positions the caller reads as the driver gives them (a boolean as 0/1 on
        SQLite, say), and rows as tuples will do; with no converter left, the rows are the
        driver's as they are (no list and no call per row: a CSV export's children)."""
        if not ids:
            return []
        sql, params = self._statement(ids)
        converters = self.converters
        if raw is not None:
            converters = tuple(c for c in converters if c[0] not in raw)
        connection = connections[self.alias]
        with _cursor(connection) as cursor:
            cursor.execute(sql, params)
            if raw is not None and not converters:
                return cursor.fetchall()
            found = [list(row) for row in cursor.fetchall()]
        for position, functions, expression in converters:
            for row in found:
                value = row[position]
                for convert in functions:
                    value = convert(value, expression, connection)
                row[position] = value
        return found

    def dicts(self, ids: Sequence[int], raw: frozenset[int] | None = None) -> list[dict[str, Any]]:
        """The same rows as ``values()`` dicts (``raw``: as in :meth:`rows`)."""
        if not self.names:
            raise TypeError("not a values() query: its columns have no names")
        names = self.names
        return [dict(zip(names, row, strict=True)) for row in self.rows(ids, raw)]


def _cursor(connection: Any) -> Any:
    """A cursor for a prepared query. On PostgreSQL one binding its parameters on the server
    (Django's own class for it), which the driver prepares after ``prepare_threshold`` runs
    of the same SQL (conflict/settings.py); Django's other cursors bind on the client and
    are never prepared. Wrapped as Django wraps its cursors, so the queries are logged."""
    if (
        connection.vendor != "postgresql"
        or connection.settings_dict["OPTIONS"].get("prepare_threshold") is None
    ):
        return connection.cursor()
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.ensure_connection()
    raw = ServerBindingCursor(connection.connection)
    # Times by psycopg's C loader: Django's own (registered on the connection to set the
    # time zone, which the session's is already) parses each in Python, a fifth of a claims
    # page's CPU. The C loader's times are aware too, in the session's zone (UTC).
    raw.adapters.register_loader("timestamptz", _C_TIMESTAMPTZ_LOADER)
    if connection.queries_logged:
        return _LoggedCursor(raw, connection)
    return connection.make_cursor(raw)


def _c_timestamptz_loader() -> Any:
    try:
        import psycopg
    except ImportError:  # no PostgreSQL driver: the loader is never asked for
        return None
    oid = psycopg.postgres.types["timestamptz"].oid
    return psycopg.adapters.get_loader(oid, psycopg.pq.Format.TEXT)


_C_TIMESTAMPTZ_LOADER = _c_timestamptz_loader()


class _LoggedCursor(CursorDebugWrapper):
    """Django's debug cursor, logging the SQL as given: the driver keeps no text of a
    prepared statement's run for Django to log (it would log None)."""

    def execute(self, sql: str, params: Any = None) -> Any:
        with self.debug_sql(sql, params):
            return self._execute_with_wrappers(sql, params, many=False, executor=self._execute)


def prepare(queryset: QuerySet, field: str | None) -> PreparedQuery:
    """Compile ``queryset.filter(<field>__in=[...])`` with a slot for the ids.

    ``field=None``: the queryset holds its id lists already, each ``__in=[MARKER]`` (the
    parts of a union, which cannot be filtered once combined); each is a slot for the ids."""
    marked = queryset if field is None else queryset.filter(**{f"{field}__in": [MARKER]})
    compiler = marked.query.get_compiler(marked.db)
    sql, params = compiler.as_sql()
    params = list(params)
    slots = [i for i, value in enumerate(params) if value == MARKER]
    if not slots or (field is not None and len(slots) != 1):
        raise ValueError(f"{field}: the id list must appear once in the query's parameters")
    placeholders = [m for m in _PLACEHOLDER.finditer(sql) if m.group() == "%s"]
    cuts = [0, *(end for i in slots for end in placeholders[i].span()), len(sql)]
    pieces = tuple(sql[cuts[i] : cuts[i + 1]] for i in range(0, len(cuts), 2))
    bounds = [-1, *slots, len(params)]
    grouped = tuple(tuple(params[bounds[i] + 1 : bounds[i + 1]]) for i in range(len(slots) + 1))
    if not all(p.endswith("IN (") for p in pieces[:-1]) or not all(
        p.startswith(")") for p in pieces[1:]
    ):
        raise ValueError(f"{field}: unexpected SQL around the id list: {sql!r}")
    fields = [column[0] for column in compiler.select[: compiler.col_count]]
    converters = compiler.get_converters(fields)
    # Each column's alias is the name values() gives it (Django 5.2 selects in values() order).
    names = tuple(alias for _, _, alias in compiler.select[: compiler.col_count])
    return PreparedQuery(
        alias=marked.db,
        pieces=pieces,
        params=grouped,
        converters=tuple(
            (position, tuple(functions), expression)
            for position, (functions, expression) in converters.items()
        ),
        names=names if all(names) else (),
        json_ids=connections[marked.db].vendor == "sqlite",
        array_ids=connections[marked.db].vendor == "postgresql",
    )


_compiled: dict[tuple[str, Hashable, str | None], PreparedQuery] = {}


def prepared(
    key: Hashable, build: Callable[[], QuerySet], field: str | None, alias: str = "default"
) -> PreparedQuery:
    """The compiled form of ``build()`` (a ``values_list()`` queryset) filtered by
    ``<field>__in``, kept per database and ``key``: the key must name everything that shapes
    the query (the statuses it admits, for instance); ``build`` is called on first use only."""
    slot = (alias, key, field)
    found = _compiled.get(slot)
    if found is None:
        found = _compiled[slot] = prepare(build().using(alias), field)
    return found
