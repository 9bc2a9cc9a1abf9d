"""Whole-collection exports are bounded per client and overall, like the data package."""

import pytest
from django.core.cache import cache

from .conftest import body

URL = "/api/v1/claims/export/?format=csv"


@pytest.fixture
def limits(settings):
    # Earlier tests may leave a streamed export unread (the test client, unlike a WSGI
    # server, never closes it), holding a slot until its lease runs out: start with none.
    cache.clear()
    settings.EXPORT_DOWNLOADS_PER_CLIENT = 1
    settings.EXPORT_DOWNLOADS = 2


def test_past_the_client_limit_a_429_and_past_the_overall_limit_a_503(client, seed, limits):
    held = client.get(URL, REMOTE_ADDR="192.0.2.1")  # streaming, not read yet
    refused = client.get(URL, REMOTE_ADDR="192.0.2.1")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    other = client.get(URL, REMOTE_ADDR="192.0.2.2")
    assert other.status_code == 200
    busy = client.get("/api/v1/actors/export/?format=ndjson", REMOTE_ADDR="192.0.2.3")
    assert busy.status_code == 503
    assert int(busy["Retry-After"]) > 0
    assert busy.json()["errors"][0]["code"] == "busy"
    body(held)  # read to its end: the slots are free again
    body(other)
    again = client.get(URL, REMOTE_ADDR="192.0.2.1")
    assert again.status_code == 200
    assert body(again).startswith(b"id,url,")


def test_an_unread_export_frees_its_slot_when_closed(client, seed, limits):
    head = client.head(URL, REMOTE_ADDR="192.0.2.1")  # the test client reads it (empty)
    assert body(head) == b""
    after = client.get(URL, REMOTE_ADDR="192.0.2.1")
    assert after.status_code == 200
    body(after)
