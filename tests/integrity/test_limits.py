"""Limits: throttling answers 429 with Retry-After; big bodies and long searches are refused."""

import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.core.cache import cache
from django.test import RequestFactory, override_settings
from rest_framework.request import Request
from rest_framework.test import APIClient

from api.throttling import AnonRateThrottle
from tests.redis_server import REDIS_URL, needs_redis

from .helpers import attrs

pytestmark = pytest.mark.django_db


@contextmanager
def throttle_rates(anon: str, user: str) -> Iterator[None]:
    """These rates, counted from a cleared cache (cleared again after)."""
    rates = {"anon": anon, "user": user}
    cache.clear()
    with override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    ):
        yield
    cache.clear()


def raced_allowance(address: str, threads: int = 8, each: int = 15) -> int:
    """How many of ``threads`` x ``each`` anonymous requests from ``address``, started at
    once, the throttle lets through."""
    request = Request(RequestFactory().get("/api/v1/actors/", REMOTE_ADDR=address))
    start = threading.Barrier(threads)

    def attempts() -> int:
        throttle = AnonRateThrottle()
        start.wait()
        return sum(throttle.allow_request(request, None) for _ in range(each))

    with ThreadPoolExecutor(threads) as pool:
        return sum(pool.map(lambda _: attempts(), range(threads)))


@pytest.fixture
def low_rates():
    with throttle_rates("3/minute", "5/minute"):
        yield


def test_anonymous_clients_are_throttled_with_retry_after(seed, low_rates):
    api = APIClient()
    codes = [api.get("/api/v1/actors/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = api.get("/api/v1/claims/")
    assert response.status_code == 429
    assert response.json()["errors"][0]["code"] == "throttled"
    assert 0 < int(response["Retry-After"]) <= 60


def test_retry_after_is_when_one_more_request_fits(seed, low_rates):
    """3/minute: three at once, then one every 20 seconds as the allowance refills."""
    api = APIClient()
    for _ in range(3):
        api.get("/api/v1/actors/")
    response = api.get("/api/v1/actors/")
    assert response.status_code == 429
    assert 19 <= int(response["Retry-After"]) <= 21


def test_the_allowance_refills_at_the_rate(seed):
    with throttle_rates("4/second", "4/second"):
        api = APIClient()
        burst = [api.get("/api/v1/actors/").status_code for _ in range(5)]
        time.sleep(0.3)  # one request's share of the second (0.25 s), and a margin
        later = [api.get("/api/v1/actors/").status_code for _ in range(2)]
    assert burst == [200] * 4 + [429]
    assert later == [200, 429]


def test_what_a_client_costs_the_cache_does_not_grow_with_its_requests(seed, settings):
    """One number per client, however many requests its rate allows (DRF's throttle kept the
    time of each request of the last period: thousands at a high rate, rewritten each time)."""
    directory = Path(settings.CACHES["default"]["LOCATION"])
    sizes = []
    with throttle_rates("100000/minute", "100000/minute"):
        api = APIClient()
        for requests in (10, 300):
            for _ in range(requests):
                assert api.get("/api/v1/places/").status_code == 200
            sizes.append(sum(path.stat().st_size for path in directory.rglob("*")))
    assert sizes[0] == sizes[1]


def test_concurrent_requests_never_take_more_than_the_allowance(seed):
    """Eight clients' threads at once, from one address: exactly the allowance gets through
    (each worker updates the count under a lock, none overwrites another's)."""
    with throttle_rates("40/minute", "40/minute"):
        allowed = raced_allowance("192.0.2.9")
    assert allowed == 40


def test_editors_have_their_own_larger_allowance(seed, low_rates, editor_api):
    for _ in range(3):
        APIClient().get("/api/v1/actors/")
    assert APIClient().get("/api/v1/actors/").status_code == 429
    codes = [editor_api.get("/api/v1/actors/").status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]


def test_anonymous_clients_are_counted_by_the_anonymous_rate_alone(seed):
    """The user rate is the editors' allowance: an anonymous client is not also counted
    against it (DRF's user throttle counts anonymous clients by address too)."""
    with throttle_rates("7/minute", "4/minute"):
        api = APIClient()
        codes = [api.get("/api/v1/actors/").status_code for _ in range(8)]
    assert codes == [200] * 7 + [429]


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_over_the_limit_is_a_413_before_it_is_read(seed, editor_api):
    response = editor_api.post(
        "/api/v1/actors/",
        {"slug": "big", "name": "Big", "kind": "other", "notes": "x" * 2000},
        format="json",
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["code"] == "request_too_large"
    small = editor_api.post(
        "/api/v1/actors/", {"slug": "small", "name": "Small", "kind": "other"}, format="json"
    )
    assert small.status_code == 201


def test_a_search_over_400_characters_is_a_400_naming_search(seed):
    api = APIClient()
    response = api.get("/api/v1/claims/", {"search": "shelled " * 60})
    assert response.status_code == 400
    assert attrs(response) == ["search"]
    assert api.get("/api/v1/claims/", {"search": "shelled " * 40}).status_code == 200


def test_a_new_x_forwarded_for_per_request_buys_no_new_allowance(seed, low_rates):
    # No proxy is configured (NUM_PROXIES=0): the header is the client's own claim.
    api = APIClient()
    codes = [
        api.get("/api/v1/actors/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(4)
    ]
    assert codes == [200, 200, 200, 429]


def test_behind_a_configured_proxy_the_forwarded_address_is_the_client(seed, low_rates, settings):
    with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}):
        api = APIClient()
        first = [
            api.get("/api/v1/actors/", HTTP_X_FORWARDED_FOR="203.0.113.1").status_code
            for _ in range(4)
        ]
        # The proxy's last entry is the address it saw; what the client prepended is ignored.
        other = api.get("/api/v1/actors/", HTTP_X_FORWARDED_FOR="198.51.100.7, 203.0.113.2")
    assert first == [200, 200, 200, 429]
    assert other.status_code == 200


# A second worker process, configured with the same rates: it spends the allowance of
# 127.0.0.1 through the real throttle.
OTHER_WORKER = """
import django
django.setup()
from django.conf import settings
from django.test import RequestFactory, override_settings
from rest_framework.request import Request
from api.throttling import AnonRateThrottle
rates = {"anon": "3/minute", "user": "5/minute"}
request = Request(RequestFactory().get("/api/v1/actors/", REMOTE_ADDR="127.0.0.1"))
with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}):
    assert all(AnonRateThrottle().allow_request(request, None) for _ in range(3))
"""


def test_another_process_spends_the_same_allowance(seed, low_rates):
    subprocess.run(
        [sys.executable, "-c", OTHER_WORKER],
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"},
        cwd=settings.BASE_DIR,
        timeout=60,
    )
    response = APIClient().get("/api/v1/actors/", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 429


@contextmanager
def redis_as_the_cache(settings, rates: dict[str, str]) -> Iterator[str]:
    """The settings' Redis cache (REDIS_URL) under a key prefix of its own, and these rates;
    its keys deleted after (the server may be shared: no flush)."""
    prefix = f"test-limits-{uuid.uuid4().hex}"
    redis_cache = {
        "BACKEND": "conflict.cache.SharedRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": prefix,
    }
    client = redis.Redis.from_url(REDIS_URL)
    try:
        with override_settings(
            CACHES={"default": redis_cache},
            REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates},
        ):
            yield prefix
    finally:
        kept = client.keys(f"{prefix}:*")
        if kept:
            client.delete(*kept)
        client.close()


@needs_redis
def test_with_redis_as_the_cache_the_same_rates_hold(seed, settings):
    """Several machines share their counts through Redis (REDIS_URL)."""
    with redis_as_the_cache(settings, {"anon": "3/minute", "user": "5/minute"}) as prefix:
        api = APIClient()
        codes = [api.get("/api/v1/actors/").status_code for _ in range(4)]
        retry_after = int(api.get("/api/v1/actors/")["Retry-After"])
        with redis.Redis.from_url(REDIS_URL) as client:
            kept = client.keys(f"{prefix}:*")
    assert codes == [200, 200, 200, 429]
    assert 19 <= retry_after <= 21
    assert [key.decode().endswith("throttle_anon_127.0.0.1") for key in kept] == [True]


@needs_redis
def test_with_redis_concurrent_requests_never_take_more_than_the_allowance(seed, settings):
    """Eight threads at once, each its own Redis connection: exactly the allowance gets
    through (a read, then a write, let some two and three times as many through)."""
    with redis_as_the_cache(settings, {"anon": "40/minute", "user": "40/minute"}):
        allowed = raced_allowance("192.0.2.10")
    assert allowed == 40
