"""A cut export can be told from a whole one, and ``?after=`` fetches exactly the rest."""

import csv
import io
import json
import urllib.request

import pytest
from django.core.management import call_command

from .conftest import RESOURCES, body, error_attrs, json_records, ndjson_records


@pytest.mark.parametrize("resource", RESOURCES)
def test_after_gives_the_records_past_an_id_with_the_counts_in_headers(client, seed, resource):
    records = json_records(client, resource)
    middle = records[len(records) // 2]["id"]
    rest = [record for record in records if record["id"] > middle]
    response = client.get(f"/api/v1/{resource}/export/?format=ndjson&after={middle}")
    assert response["X-Total-Count"] == str(len(rest))
    assert response.get("X-Last-Id") == (str(rest[-1]["id"]) if rest else None)
    assert ndjson_records(body(response)) == rest
    csv_body = body(client.get(f"/api/v1/{resource}/export/?format=csv&after={middle}"))
    rows = list(csv.DictReader(io.StringIO(csv_body.decode("utf-8"))))
    assert [int(row["id"]) for row in rows] == [record["id"] for record in rest]


def test_after_keeps_the_filters(client, seed):
    denials = json_records(client, "claims", "stance=denies")
    after = denials[0]["id"]
    response = client.get(f"/api/v1/claims/export/?format=ndjson&stance=denies&after={after}")
    assert ndjson_records(body(response)) == denials[1:]
    assert response["X-Total-Count"] == str(len(denials) - 1)


def test_past_the_last_id_the_export_is_empty_and_says_so(client, seed):
    response = client.get("/api/v1/places/export/?format=ndjson&after=1000000")
    assert response["X-Total-Count"] == "0"
    assert "X-Last-Id" not in response
    assert ndjson_records(body(response)) == []


@pytest.mark.parametrize("value", ["-1", "abc", "1.5", "", "١٢"])
def test_a_malformed_after_is_a_400_naming_it(client, seed, value):
    response = client.get(f"/api/v1/claims/export/?format=csv&after={value}")
    assert response.status_code == 400
    assert error_attrs(response) == ["after"]


def test_a_row_added_during_the_walk_is_left_for_the_next_export(client, seed, settings):
    settings.EXPORT_CHUNK_SIZE = 2
    before = json_records(client, "actors")
    response = client.get("/api/v1/actors/export/?format=ndjson")
    stream = iter(response.streaming_content)
    first = next(stream) + next(stream)
    call_command("loaddata", "seed", verbosity=0)  # no-op on ids; then a new actor:
    from conflict.models import Actor

    late = Actor.objects.create(slug="late-actor", name="Late actor", kind="other")
    received = ndjson_records(first + b"".join(stream))
    assert received == before
    assert late.pk > int(response["X-Last-Id"])


@pytest.fixture
def live_seed(transactional_db, settings):
    call_command("loaddata", "seed", verbosity=0)
    settings.EXPORT_CHUNK_SIZE = 3  # many pieces on the wire


@pytest.mark.parametrize("fmt", ["ndjson", "csv"])
def test_a_client_detects_a_cut_download_and_resumes_it(live_server, live_seed, fmt):
    url = f"{live_server.url}/api/v1/claims/export/?format={fmt}"
    with urllib.request.urlopen(url) as response:
        whole = response.read()
    # The connection drops mid-stream: the client has some bytes, cut anywhere.
    with urllib.request.urlopen(url) as response:
        expected = int(response.headers["X-Total-Count"])
        last_id = int(response.headers["X-Last-Id"])
        cut = response.read(len(whole) // 2)
    received = cut[: cut.rindex(b"\n") + 1]  # only whole lines are kept
    if fmt == "ndjson":
        records = [json.loads(line) for line in received.splitlines()]
        assert "_complete" not in records[-1]  # what tells the client the body is short
        ids = [record["id"] for record in records]
    else:
        rows = list(csv.DictReader(io.StringIO(received.decode("utf-8"))))
        ids = [int(row["id"]) for row in rows]
    assert len(ids) < expected
    assert ids[-1] < last_id
    with urllib.request.urlopen(f"{url}&after={ids[-1]}") as response:
        rest = response.read()
        assert int(response.headers["X-Total-Count"]) == expected - len(ids)
    if fmt == "csv":
        rest = rest.split(b"\r\n", 1)[1]  # the header row again
        assert received + rest == whole
    else:  # the records, each once; the resumed body ends with its own count
        assert records + ndjson_records(rest) == ndjson_records(whole)
