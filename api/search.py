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
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from conflict.search import TEXT_INDEXES

# The trigram tokenizer indexes runs of three characters; a shorter phrase matches nothing.
MIN_INDEXED_LENGTH = 3


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


def search_condition(table: str, fields: Sequence[str], terms: Sequence[str]) -> Q:
    """Every term matches one of ``fields``: long terms through ``table``, short by LIKE."""
    indexed = [t for t in terms if len(t) >= MIN_INDEXED_LENGTH]
    conditions = [
        reduce(operator.or_, (Q(**{f"{field}__icontains": term}) for field in fields))
        for term in terms
        if len(term) < MIN_INDEXED_LENGTH
    ]
    if indexed:
        # One MATCH for all of them: phrases side by side are ANDed, each in any column.
        match = " ".join(fts_phrase(t) for t in indexed)
        rows = RawSQL(f"SELECT rowid FROM {table} WHERE {table} MATCH %s", [match])
        conditions.insert(0, Q(pk__in=rows))
    return reduce(operator.and_, conditions)
