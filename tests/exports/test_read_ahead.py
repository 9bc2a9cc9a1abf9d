"""An export on PostgreSQL reads its next chunk in a thread, on a connection of its own, while
the current chunk is written (api.exports.read_ahead): the same bytes, the reader's errors
reach the client, and a client that goes away stops the reader and closes its connection.

These tests commit their data (a transaction the reader's connection could not see would
make every export empty), so they run on PostgreSQL; SQLite reads on the caller's thread.
"""

import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from api.exports.read_ahead import read_ahead
from conflict.models import Claim
from tests.exports.test_claim_table import NASTY, adversarial, chunks, expected_csv, exported

__all__ = ["adversarial", "chunks"]  # fixtures, used by name

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite reads in its thread"),
]


def readers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "export-read-ahead"]


def backends() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_type = 'client backend' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_the_chunks_are_read_on_another_connection_and_are_the_serializers_bytes(
    adversarial, chunks
):
    expected = expected_csv("")
    with CaptureQueriesContext(connection) as captured:
        body = exported("")
    assert body == expected
    assert NASTY.split()[0] in body
    assert body.count("\r\n") > 20
    # Not one chunk was read on the request's own connection.
    assert not any("conflict_claim_incidents" in q["sql"] for q in captured.captured_queries)
    assert readers() == []


def test_an_editors_export_read_ahead_is_the_serializers_too(adversarial, chunks, editor):
    query = "?status=draft,published,retracted"
    assert exported(query, editor) == expected_csv(query, editor)


def test_a_client_that_goes_away_stops_the_reader_and_closes_its_connection(adversarial, chunks):
    before = backends()
    response = APIClient().get("/api/v1/claims/export/?format=csv")
    pieces = iter(response.streaming_content)
    next(pieces)  # the header
    next(pieces)  # the first chunk: the reader is running, a chunk ahead
    assert len(readers()) == 1
    assert backends() == before + 1
    response.close()  # what the server does when the client disconnects
    assert readers() == []
    assert backends() == before


def test_an_error_in_the_reader_is_raised_where_its_chunk_was_expected():
    def chunks():
        yield Claim.objects.count()
        with connection.cursor() as cursor:
            cursor.execute("SELECT no_such_column FROM conflict_claim")
        yield "never"

    items = read_ahead(chunks, "default")
    assert next(items) == 0
    with pytest.raises(Exception, match="no_such_column"):
        next(items)
    assert readers() == []


def test_inside_a_transaction_the_chunks_are_read_on_the_callers_connection():
    from django.db import transaction

    seen = []

    def chunks():
        seen.append(threading.current_thread())
        yield Claim.objects.count()

    with transaction.atomic():
        assert list(read_ahead(chunks, "default")) == [0]
    assert seen == [threading.current_thread()]
    assert list(read_ahead(chunks, "default")) == [0]
    assert seen[-1] is not threading.current_thread()
