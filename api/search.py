"""``?search=`` on SQLite through the FTS5 trigram tables of conflict/search.py.

A term of three characters or more is a quoted FTS5 phrase, which with the trigram tokenizer
means "occurs as a substring": the rows ``icontains`` finds, except that case is folded
across Unicode (SQLite's LIKE folds ASCII only; PostgreSQL's UPPER folds Unicode, so the two
databases now agree for such terms). Shorter terms have no trigram to look up and keep
``icontains``. A term found in thousands of rows is checked row by row instead (see
``matching``), with the same result. On PostgreSQL nothing changes here: its trigram
indexes serve the ``icontains`` SQL as it is.
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
