"""Whole-collection exports stream: bounded keyset queries, first bytes before the last chunk."""

import math
import re
import urllib.request

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import json_records, ndjson_records

CHUNK = 10


@pytest.fixture
def small_chunks(settings):
    settings.EXPORT_CHUNK_SIZE = CHUNK


def keyset_queries(queries):
    return [q["sql"] for q in queries if re.search(rf"\bLIMIT {CHUNK}\b", q["sql"])]


@pytest.mark.parametrize("fmt", ["csv", "ndjson", "jsonld"])
def test_every_query_is_bounded_and_none_uses_offset(client, seed, small_chunks, fmt):
    total = len(json_records(client, "claims"))
    response = client.get(f"/api/v1/claims/export/?format={fmt}")
    with CaptureQueriesContext(connection) as captured:
        pieces = list(response.streaming_content)
    sqls = [query["sql"] for query in captured.captured_queries]
    assert not [sql for sql in sqls if "OFFSET" in sql.upper()]
    # Each query is a LIMITed keyset page or a prefetch for that page's ids.
    for sql in sqls:
        assert re.search(rf"\bLIMIT {CHUNK}\b", sql) or " IN (" in sql, sql
    pages = keyset_queries(captured.captured_queries)
    assert len(pages) == math.ceil(total / CHUNK) + (total % CHUNK == 0)
    assert all('"id" >' in sql for sql in pages[1:])
    assert len(pieces) >= len(pages)  # many rows per piece, a piece per chunk


def test_first_rows_leave_before_the_last_chunk_is_read(client, seed, small_chunks):
    response = client.get("/api/v1/claims/export/?format=csv")
    stream = iter(response.streaming_content)
    with CaptureQueriesContext(connection) as captured:
        header = next(stream)
        first_rows = next(stream)
        assert len(keyset_queries(captured.captured_queries)) == 1
        rest = list(stream)
        assert len(keyset_queries(captured.captured_queries)) > 2
    assert header.startswith(b"id,url,")
    assert first_rows.count(b"\r\n") >= CHUNK  # a whole chunk of rows in one piece
    assert rest


def test_chunk_boundaries_lose_and_repeat_nothing(client, seed, small_chunks):
    records = json_records(client, "claims")
    lines = b"".join(client.get("/api/v1/claims/export/?format=ndjson").streaming_content)
    assert ndjson_records(lines) == records


@pytest.fixture
def live_seed(transactional_db):
    call_command("loaddata", "seed", verbosity=0)


def test_export_over_http(live_server, live_seed):
    url = f"{live_server.url}/api/v1/places/export/?format=csv&country=AZ"
    with urllib.request.urlopen(url) as response:
        assert response.status == 200
        assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
        assert response.headers["Content-Disposition"] == 'attachment; filename="places.csv"'
        assert "Content-Length" not in response.headers  # streamed, not built
        lines = response.read().decode("utf-8").splitlines()
    assert lines[0].startswith("id,url,slug,name,")
    assert len(lines) == 1 + 7  # header + Azerbaijan and its six places in the seed
    assert all(",AZ," in line for line in lines[1:])
