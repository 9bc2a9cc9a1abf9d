"""Request limits: rates per client, body size, search length.

Rates come from settings (``THROTTLE_ANON``/``THROTTLE_USER`` in the environment) and are
read on every request, so tests and deployments can change them without a restart of the
class machinery. Counts live in the default cache, which every worker shares: Redis when
``REDIS_URL`` is set, files in ``CACHE_DIR`` otherwise (conflict/settings.py). A client is its
socket address; ``X-Forwarded-For`` counts only behind ``NUM_PROXIES`` configured proxies.

DRF's throttle reads a client's history of request times, then writes it back: requests that
arrive together all read the same history and all pass (24 of 24 against a limit of 5 in
``tests/integrity/test_throttle_concurrency.py``). Here the count is one atomic step: the first
request of a client opens a window of the rate's duration (``add`` of a count with that
timeout, which only one request can do), and every request takes its number in it with
``incr`` (Redis INCR; under a file lock in ``conflict.cache.SharedFileCache``). The requests
numbered up to the rate pass; later ones get a 429 whose Retry-After is the time until the
window closes. As with any fixed window, a client may spend one window's allowance at its end
and the next one's at the start.
"""

from django.conf import settings
from rest_framework import exceptions, status, throttling
from rest_framework.request import Request
from rest_framework.settings import api_settings


class RatesFromSettings:
    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class AtomicCount:
    """A count of a client's requests per window, taken atomically in the shared cache (in
    place of DRF's read-then-write history; its ``get_cache_key`` and rates are kept)."""

    # A window that closes between our add and our incr: open the next one and try again.
    ATTEMPTS = 3

    def allow_request(self, request: Request, view: object) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        count = self._take_number()
        if count is None or count <= self.num_requests:
            return True
        return self.throttle_failure()

    def _take_number(self) -> int | None:
        for _ in range(self.ATTEMPTS):
            if self.cache.add(self.key, 0, self.duration):
                # We opened the window: when it opens, for Retry-After (a second entry, so
                # the count stays a plain number that incr can add to).
                self.cache.set(self._opened_key, self.now, self.duration)
            try:
                count = self.cache.incr(self.key)
            except ValueError:
                continue  # the window expired in between
            if count == 1:
                # Redis's INCR of a key that expired after Django's exists() check creates
                # it without an expiry: give the window its duration again.
                self.cache.touch(self.key, self.duration)
            return count
        return None  # the cache keeps losing the key: let the request through, not fail it

    @property
    def _opened_key(self) -> str:
        return f"{self.key}_opened"

    def wait(self) -> float:
        """Seconds until the client's window closes and a new allowance opens."""
        opened = self.cache.get(self._opened_key)
        if opened is None:
            return float(self.duration)
        return max(opened + self.duration - self.timer(), 1.0)


class AnonRateThrottle(AtomicCount, RatesFromSettings, throttling.AnonRateThrottle):
    """Anonymous clients, counted per address."""


class UserRateThrottle(AtomicCount, RatesFromSettings, throttling.UserRateThrottle):
    """Authenticated clients, counted per user."""


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "request_too_large"


def check_body_size(request: Request) -> None:
    """Refuse a body over DATA_UPLOAD_MAX_MEMORY_SIZE before anything reads it.

    DRF's parsers read the stream directly, past Django's own check on request.body.
    """
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    raw = request.META.get("CONTENT_LENGTH") or "0"
    try:
        length = int(raw)
    except ValueError:
        raise exceptions.ParseError("Content-Length is not a number.") from None
    if limit is not None and length > limit:
        raise RequestTooLarge(f"The request body is over {limit} bytes.")
