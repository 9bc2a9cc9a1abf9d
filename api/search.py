"""``?search=`` on SQLite through the FTS5 trigram tables of conflict/search.py.

A term of three characters or more becomes a quoted FTS5 phrase, which with the trigram
tokenizer means "occurs as a substring": the same rows as ``icontains``, except that case is
folded across Unicode (SQLite's LIKE folds ASCII only; PostgreSQL's UPPER folds Unicode, so
the two databases now agree for such terms). Shorter terms have no trigram to look up and
keep ``icontains``. On PostgreSQL nothing changes here: its trigram indexes serve the
``icontains`` SQL as it is.
"""

import operator
from collections.abc import Sequence
from functools import reduce

from django.db import connections
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

from conflict.search import TEXT_INDEXES

# The trigram tokenizer indexes runs of three characters; a shorter phrase matches nothing.
MIN_INDEXED_LENGTH = 3
# Up to this many matches are looked up by id; more are checked row by row (see matching()).
LOOKUP_LIMIT = 2000


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
    conditions = [
        reduce(operator.or_, (Q(**{f"{field}__icontains": term}) for field in fields))
        for term in terms
        if len(term) < MIN_INDEXED_LENGTH
    ]
    if indexed:
        # One MATCH for all of them: phrases side by side are ANDed, each in any column.
        conditions.insert(0, matching(queryset, table, " ".join(fts_phrase(t) for t in indexed)))
    return reduce(operator.and_, conditions)


def matching(queryset: QuerySet, table: str, match: str) -> Q:
    """The rows ``match`` finds, in the form SQLite runs fastest for how many there are.

    SQLite cannot tell how many rows a MATCH returns. Given ``id IN (SELECT rowid ... MATCH)``
    it always starts from the matches and sorts them all: quick for a rare word, but for a
    common one (100,000 rows) it sorts them all for each page, where reading the list's
    index in order and stopping at the page's last row would do. So a first look, cut off
    at ``LOOKUP_LIMIT``, decides: a few matches are passed as ids (the page and its count
    then read just those rows); more, and the ``+`` stops SQLite from looking rows up by id,
    so it walks the list's index and checks each row against the matches.
    """
    connection = connections[queryset.db]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {table} WHERE {table} MATCH %s LIMIT %s",
            [match, LOOKUP_LIMIT + 1],
        )
        ids = [row[0] for row in cursor.fetchall()]
    if len(ids) <= LOOKUP_LIMIT:
        return Q(pk__in=ids)
    meta = queryset.model._meta
    column = (
        f"{connection.ops.quote_name(meta.db_table)}.{connection.ops.quote_name(meta.pk.column)}"
    )
    sql = f"+{column} IN (SELECT rowid FROM {table} WHERE {table} MATCH %s)"
    return Q(RawSQL(sql, [match], output_field=BooleanField()))
