"""Django's SQLite backend, remembering how it rewrote each query's placeholders, and leaving
the reading of dates and times to Django's converters.

Django writes ``%s`` placeholders and its SQLite cursor rewrites them to ``?`` before every
execution, with a regular expression over the whole SQL (a lookbehind tried at each
character): ~37 µs for a 1.3 KB query, a tenth of a claim detail's CPU with its four
queries. The same SQL comes back on every request (the ORM's text for one filter is the
same text, the values are parameters), so each rewrite is kept, keyed by the SQL; the
rewrite is a pure function of it. ``conflict.settings`` names this backend for SQLite.

Django connects with ``PARSE_DECLTYPES``, so the driver parses every date and time column in
Python (a call per value) before Django's converters, which parse text themselves, see it.
Without it a value arrives as the text SQLite stores, and what reads it parses it once: the
ORM through those converters, the API's fast paths by copying the stored text (api.rows'
writers), which was a tenth of an incidents GeoJSON page's CPU.
"""

from typing import Any

from django.db.backends.sqlite3 import base

# At most this many rewrites are kept; then they are all dropped and kept again as they come
# (SQL with inlined values, as LIMIT and OFFSET, can be new on every request).
MAX_REMEMBERED = 1024

_rewritten: dict[str, str] = {}


class CursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query: str, *, param_names: list[str] | None = None) -> str:
        if param_names is not None:
            return super().convert_query(query, param_names=param_names)
        found = _rewritten.get(query)
        if found is None:
            if len(_rewritten) >= MAX_REMEMBERED:
                _rewritten.clear()
            found = _rewritten[query] = super().convert_query(query)
        return found


class DatabaseWrapper(base.DatabaseWrapper):
    def get_connection_params(self) -> dict[str, Any]:
        params = super().get_connection_params()
        params["detect_types"] = 0  # see the module's docstring
        return params

    def create_cursor(self, name: Any = None) -> CursorWrapper:
        return self.connection.cursor(factory=CursorWrapper)
