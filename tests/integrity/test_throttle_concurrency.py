"""Throttle counts under concurrent requests: over real HTTP, no more than the limit succeed.

A count read and then written lets two requests that arrive together both see room for one
more; the count must be taken in one atomic step in the shared cache.
"""

import threading
import time
import urllib.error
import urllib.request
from collections import Counter

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings

from conflict.cache import SharedFileCache

LIMIT = 5
CLIENTS = 24  # threads firing at once, all from 127.0.0.1: one anonymous client
ROUNDS = 3


@pytest.fixture
def low_anon_rate():
    rates = {"anon": f"{LIMIT}/minute", "user": "100000/minute"}
    cache.clear()
    with override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    ):
        yield
    cache.clear()


def status_of(url: str) -> tuple[int, str | None]:
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, None
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Retry-After")


def fire_together(url: str) -> tuple[Counter[int], list[str | None]]:
    """CLIENTS requests released at once; their statuses and the 429s' Retry-After."""
    statuses: Counter[int] = Counter()
    retry_after: list[str | None] = []
    lock = threading.Lock()
    start = threading.Barrier(CLIENTS)

    def client() -> None:
        start.wait()
        code, retry = status_of(url)
        with lock:
            statuses[code] += 1
            if code == 429:
                retry_after.append(retry)

    threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return statuses, retry_after


def test_concurrent_requests_pass_the_limit_no_more_than_it_allows(live_server, low_anon_rate):
    # The API root reads no database: the throttle is all that decides.
    url = live_server.url + "/api/v1/"
    for _ in range(ROUNDS):
        cache.clear()  # a fresh allowance each round
        statuses, retry_after = fire_together(url)
        assert statuses[200] == LIMIT, dict(statuses)
        assert statuses[429] == CLIENTS - LIMIT, dict(statuses)
        assert all(retry is not None and 0 < int(retry) <= 60 for retry in retry_after)


def test_a_window_closes_after_its_duration_however_often_it_is_counted(tmp_path):
    # The file cache's incr rewrites the count in place and keeps the entry's expiry
    # (Django's inherited incr was a set that gave it the default 300 s again).
    files = SharedFileCache(str(tmp_path), {})
    assert files.add("window", 0, 1)
    assert [files.incr("window") for _ in range(3)] == [1, 2, 3]
    assert files.get("window") == 3
    time.sleep(1.1)
    with pytest.raises(ValueError, match="not found"):
        files.incr("window")
    assert files.add("window", 0, 60)  # the next window opens from zero
    assert files.incr("window") == 1


def test_counts_from_many_threads_add_up(tmp_path):
    files = SharedFileCache(str(tmp_path), {})
    files.add("count", 0, 60)
    start = threading.Barrier(8)

    def count() -> None:
        start.wait()
        for _ in range(50):
            files.incr("count")

    threads = [threading.Thread(target=count) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert files.get("count") == 400
