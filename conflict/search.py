"""Text search: "every word occurs, case-insensitively, as a substring of one of the text
fields", for the API's ``?search=`` and the reader pages' search alike (``search()``, below).

Without an index that is a scan of every row; the indexes are pg_trgm on PostgreSQL and
FTS5 trigram on SQLite.

- PostgreSQL: a GIN trigram index on ``UPPER(col::text)`` per field serves exactly the SQL
  Django already emits for ``icontains`` (``UPPER("col"::text) LIKE UPPER(%s)``); the
  queries do not change.
- SQLite: an external-content FTS5 table with the trigram tokenizer over the fields, kept in
  step with its table by triggers (so ``bulk_create`` and ``queryset.update``, which send
  no signals, are covered); the query side (``search()``) asks it with ``MATCH``.

Nothing here is model state: migrations 0008 and 0009 create it with plain SQL frozen from
these definitions, so ``makemigrations`` knows nothing of it; a test checks that the
registry below is what the migrations built (a change here needs a new migration).
"""

import operator
from collections.abc import Sequence
from dataclasses import dataclass
from functools import reduce

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.text import smart_split, unescape_string_literal


@dataclass(frozen=True)
class TextIndex:
    """The text columns of one table that ``?search=`` looks in."""

    table: str
    columns: tuple[str, ...]

    @property
    def fts_table(self) -> str:
        return f"{self.table}_search"

    def trigger(self, event: str) -> str:
        return f"{self.fts_table}_{event}"

    def pg_index(self, column: str) -> str:
        return f"{self.table.removeprefix('conflict_')}_{column}_trgm_idx"

    # SQLite

    def sqlite_triggers(self) -> dict[str, str]:
        """CREATE TRIGGER statements by trigger name.

        An external-content FTS5 table forgets a row only when told its old values, so the
        delete and update triggers pass them; an update that leaves the columns alone (any
        ``save()`` of another field) does nothing.
        """
        cols = ", ".join(self.columns)
        new = ", ".join(f"new.{c}" for c in self.columns)
        old = ", ".join(f"old.{c}" for c in self.columns)
        insert = f"INSERT INTO {self.fts_table}(rowid, {cols}) VALUES (new.id, {new});"
        delete = (
            f"INSERT INTO {self.fts_table}({self.fts_table}, rowid, {cols}) "
            f"VALUES ('delete', old.id, {old});"
        )
        changed = " OR ".join(f"old.{c} IS NOT new.{c}" for c in ("id", *self.columns))
        return {
            self.trigger("ai"): (
                f"CREATE TRIGGER IF NOT EXISTS {self.trigger('ai')} AFTER INSERT ON {self.table} "
                f"BEGIN {insert} END"
            ),
            self.trigger("ad"): (
                f"CREATE TRIGGER IF NOT EXISTS {self.trigger('ad')} AFTER DELETE ON {self.table} "
                f"BEGIN {delete} END"
            ),
            self.trigger("au"): (
                f"CREATE TRIGGER IF NOT EXISTS {self.trigger('au')} "
                f"AFTER UPDATE OF id, {cols} ON {self.table} WHEN {changed} "
                f"BEGIN {delete} {insert} END"
            ),
        }

    def sqlite_create(self) -> list[str]:
        cols = ", ".join(self.columns)
        return [
            # case_sensitive 0 (the default) folds case across Unicode, not just ASCII.
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {self.fts_table} USING fts5({cols}, "
            f"content='{self.table}', content_rowid='id', tokenize='trigram')",
            *self.sqlite_triggers().values(),
            # Index the rows already there (the whole table: minutes at a million rows).
            f"INSERT INTO {self.fts_table}({self.fts_table}) VALUES ('rebuild')",
        ]

    def sqlite_drop(self) -> list[str]:
        return [
            *(f"DROP TRIGGER IF EXISTS {name}" for name in self.sqlite_triggers()),
            f"DROP TABLE IF EXISTS {self.fts_table}",
        ]

    # PostgreSQL

    def pg_create(self) -> list[str]:
        # The expression must be the one Django's icontains writes, cast included.
        return [
            *(
                f"CREATE INDEX IF NOT EXISTS {self.pg_index(c)} ON {self.table} "
                f'USING gin (UPPER("{c}"::text) gin_trgm_ops)'
                for c in self.columns
            ),
            # Statistics on the indexed expressions: without them the planner guesses 100
            # rows for any word, and for a common one (100,000 rows) fetches and sorts them
            # all (0.5 s a page at a million) instead of walking the list's index.
            f"ANALYZE {self.table}",
        ]

    def pg_drop(self) -> list[str]:
        return [f"DROP INDEX IF EXISTS {self.pg_index(c)}" for c in self.columns]


# The tables and columns with an index; each must be exactly its view's ``search_fields``
# (``search()`` uses the index only then).
CLAIM = TextIndex("conflict_claim", ("text", "quote", "channel"))
INCIDENT = TextIndex("conflict_incident", ("title", "description", "date_text"))
ARTICLE = TextIndex("conflict_article", ("title", "publisher", "body"))
TEXT_INDEXES = {index.table: index for index in (CLAIM, INCIDENT, ARTICLE)}


def repair_sqlite_triggers(connection: BaseDatabaseWrapper) -> list[str]:
    """Recreate missing triggers and reindex their tables; returns the tables repaired.

    On SQLite, a migration that alters a table rebuilds it (copy, drop, rename), and
    dropping a table drops its triggers: from then on the index would silently miss
    every change. Run after each migrate (conflict/apps.py).
    """
    if connection.vendor != "sqlite":
        return []
    repaired = []
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {row[0] for row in cursor.fetchall()}
        for index in TEXT_INDEXES.values():
            if index.fts_table not in present:
                continue  # not migrated that far
            triggers = index.sqlite_triggers()
            if set(triggers) <= present:
                continue
            for statement in triggers.values():
                cursor.execute(statement)
            cursor.execute(f"INSERT INTO {index.fts_table}({index.fts_table}) VALUES ('rebuild')")
            repaired.append(index.table)
    return repaired


# The query side. A term of three characters or more is a quoted FTS5 phrase, which with the
# trigram tokenizer means "occurs as a substring": the rows ``icontains`` finds, except that
# case is folded across Unicode (SQLite's LIKE folds ASCII only; PostgreSQL's UPPER folds
# Unicode, so the two databases agree for such terms). Shorter terms have no trigram to look
# up and keep ``icontains``. A term found in thousands of rows is checked row by row instead
# (see ``matching``), with the same result. On PostgreSQL the trigram indexes serve the
# ``icontains`` SQL as it is.

# The trigram tokenizer indexes runs of three characters; a shorter phrase matches nothing.
MIN_INDEXED_LENGTH = 3
# Up to this many matches are looked up by id; more are checked row by row (see matching()).
LOOKUP_LIMIT = 2000


def split_terms(text: str) -> list[str]:
    """The words of a search, as the API's ``?search=`` reads them (DRF's smart split): split
    on spaces and commas, a quoted phrase kept whole."""
    terms = []
    for term in smart_split(text):
        term = term.strip(",")
        if term.startswith(('"', "'")) and term[0] == term[-1]:
            terms.append(unescape_string_literal(term))
        else:
            terms.extend(part.strip() for part in term.split(",") if part)
    return terms


def search(queryset: QuerySet, fields: Sequence[str], terms: Sequence[str]) -> QuerySet:
    """The rows of ``queryset`` where every term occurs (case-insensitively) in one of
    ``fields``: through the text index when one covers exactly these fields, else by
    ``icontains``. The one search of the API's ``?search=`` and of the reader pages."""
    if not terms:
        return queryset
    table = indexed_table(queryset, fields)
    if table is None:
        return queryset.filter(reduce(operator.and_, (like(fields, term) for term in terms)))
    return queryset.filter(search_condition(queryset, table, fields, terms))


def fts_phrase(term: str) -> str:
    """``term`` as an FTS5 string: all of it literal text (quotes doubled), never syntax."""
    return '"' + term.replace('"', '""') + '"'


def indexed_table(queryset: QuerySet, fields: Sequence[str]) -> str | None:
    """The FTS5 table that covers exactly ``fields`` of the queryset's model, on SQLite."""
    if connections[queryset.db].vendor != "sqlite":
        return None
    index = TEXT_INDEXES.get(queryset.model._meta.db_table)
    if index is None or set(fields) != set(index.columns):
        return None
    return index.fts_table


def search_condition(
    queryset: QuerySet, table: str, fields: Sequence[str], terms: Sequence[str]
) -> Q:
    """Every term matches one of ``fields``: long terms through ``table``, short by LIKE."""
    indexed = [t for t in terms if len(t) >= MIN_INDEXED_LENGTH]
    conditions = [like(fields, term) for term in terms if len(term) < MIN_INDEXED_LENGTH]
    if indexed:
        conditions.insert(0, matching(queryset, table, fields, indexed))
    return reduce(operator.and_, conditions)


def like(fields: Sequence[str], term: str) -> Q:
    return reduce(operator.or_, (Q(**{f"{field}__icontains": term}) for field in fields))


def matching(queryset: QuerySet, table: str, fields: Sequence[str], terms: Sequence[str]) -> Q:
    """The rows the FTS5 table finds for ``terms``, asked in the form SQLite runs fastest.

    SQLite cannot tell how many rows a MATCH returns, and evaluates it whole once per
    statement. So a first look, cut off at ``LOOKUP_LIMIT``, decides:

    - a few matches: their ids (the page and its count then read just those rows);
    - more: the list walks its own index in order and stops at the page's last row, checking
      each row, as before the index, with LIKE. Starting from 100,000 matches would sort
      them all for each page, and evaluating the MATCH whole costs 0.1 s a page (and each
      chunk of an export) at a million claims.
    """
    connection = connections[queryset.db]
    # One MATCH for all of them: phrases side by side are ANDed, each in any column.
    match = " ".join(fts_phrase(t) for t in terms)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {table} WHERE {table} MATCH %s LIMIT %s",
            [match, LOOKUP_LIMIT + 1],
        )
        ids = [row[0] for row in cursor.fetchall()]
    if len(ids) <= LOOKUP_LIMIT:
        return Q(pk__in=ids)
    return reduce(operator.and_, (common(queryset, table, fields, term) for term in terms))


# The characters outside ASCII that FTS5 folds to an ASCII one: KELVIN SIGN to k, LONG S to
# s (every character up to U+2FFFF tried against printable ASCII, SQLite 3.40).
FOLDED_TO_ASCII = {"k": "\u212a", "s": "\u017f"}


def common(queryset: QuerySet, table: str, fields: Sequence[str], term: str) -> Q:
    """A term found in many rows, as a condition SQLite checks row by row cheaply.

    For an ASCII term, LIKE (which folds ASCII case) finds what the FTS5 table finds, but
    for a row that spells the term with a KELVIN SIGN or a LONG S: only such rows, if any,
    are asked of the FTS5 table (whose MATCH SQLite then evaluates once). A term with other
    letters is checked against the table's matches: the ``+`` stops SQLite from starting
    from them and sorting them all, so it walks the list's index.
    """
    connection = connections[queryset.db]
    meta = queryset.model._meta
    quote = connection.ops.quote_name
    pk = f"{quote(meta.db_table)}.{quote(meta.pk.column)}"
    in_fts = f"+{pk} IN (SELECT rowid FROM {table} WHERE {table} MATCH %s)"
    if not term.isascii():
        return Q(RawSQL(in_fts, [fts_phrase(term)], output_field=BooleanField()))
    condition = like(fields, term)
    odd = [FOLDED_TO_ASCII[c] for c in sorted(set(term.lower()) & set(FOLDED_TO_ASCII))]
    if odd:
        columns = [f"{quote(meta.db_table)}.{quote(meta.get_field(f).column)}" for f in fields]
        spelled = " OR ".join(f"instr({c}, %s) > 0" for c in columns for _ in odd)
        sql = f"({spelled}) AND {in_fts}"
        params = [ch for _ in columns for ch in odd] + [fts_phrase(term)]
        condition |= Q(RawSQL(sql, params, output_field=BooleanField()))
    return condition
