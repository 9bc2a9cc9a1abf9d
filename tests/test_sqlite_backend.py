"""The SQLite backend rewrites each query's placeholders once, and as Django would; it leaves
dates and times as text to whoever reads them, and the ORM still reads them as Python values."""

import datetime

import pytest
from django.db import connection, connections
from django.db.backends.sqlite3.base import SQLiteCursorWrapper

from conflict.models import Claim
from conflict.sqlite_backend import base

pytestmark = [
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's backend"),
    pytest.mark.django_db,
]


def test_sqlite_connections_use_it():
    assert isinstance(connections["default"], base.DatabaseWrapper)
    with connection.cursor() as cursor:
        assert isinstance(cursor.cursor, base.CursorWrapper)


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT %s, %s",
        "SELECT '%%s', %s",  # a literal percent sign before an s is not a placeholder
        "SELECT 'a%%b' || %s",
    ],
)
def test_rewrites_equal_djangos(sql):
    base._rewritten.clear()
    with connection.cursor() as cursor:
        rewritten = cursor.cursor.convert_query(sql)
        assert rewritten == SQLiteCursorWrapper.convert_query(cursor.cursor, sql)
        assert base._rewritten == {sql: rewritten}
        assert cursor.cursor.convert_query(sql) == rewritten  # from memory


def test_queries_with_literal_percent_signs_answer_as_before(seed):
    """LIKE escapes a user's % as Django writes it, through the remembered rewrite."""
    Claim.objects.filter(pk=Claim.objects.first().pk).update(text="a 100% sure %s source")
    for _ in range(2):  # the second time from memory
        assert Claim.objects.filter(text__contains="100% sure %s").count() == 1
        assert Claim.objects.filter(text__contains="100%% sure").count() == 0


def test_memory_is_bounded(monkeypatch):
    monkeypatch.setattr(base, "MAX_REMEMBERED", 3)
    base._rewritten.clear()
    with connection.cursor() as cursor:
        for n in range(10):
            cursor.execute(f"SELECT %s + {n}", [1])
            assert cursor.fetchone() == (1 + n,)
            assert len(base._rewritten) <= 3


def test_dates_and_times_come_as_text_and_the_orm_still_parses_them(seed):
    claim = Claim.objects.exclude(stated_on=None).first()
    table = connection.ops.quote_name(Claim._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT stated_on, created_at FROM {table} WHERE id = %s", [claim.pk])
        day, time = cursor.fetchone()
    assert (day, time) == (claim.stated_on.isoformat(), str(claim.created_at.replace(tzinfo=None)))
    read = Claim.objects.values_list("stated_on", "created_at", "is_direct_quote").get(pk=claim.pk)
    assert type(read[0]) is datetime.date
    assert read[1] == claim.created_at
    assert read[1].tzinfo is not None
    assert type(read[2]) is bool
