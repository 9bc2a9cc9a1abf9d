"""Request limits: rates per client, body size, search length.

Rates come from settings (``THROTTLE_ANON``/``THROTTLE_USER`` in the environment) and are
read on every request, so tests and deployments can change them without a restart of the
class machinery. Counts live in the default cache, which every worker shares: Redis when
``REDIS_URL`` is set, files in ``CACHE_DIR`` otherwise (conflict/settings.py). A client is its
socket address; ``X-Forwarded-For`` counts only behind ``NUM_PROXIES`` configured proxies.

A rate ``N/period`` lets a client make N requests at once, then one every ``period / N``
seconds as its allowance refills (the generic cell rate algorithm). What the cache keeps per
client is one number, the moment its allowance is full again. DRF's own throttle keeps the
time of every request of the last period and pickles, compresses and writes that list on each
request: at a rate of thousands a minute that was most of what a request cost.
"""

from django.conf import settings
from rest_framework import exceptions, status, throttling
from rest_framework.request import Request
from rest_framework.settings import api_settings

from conflict.cache import read_then_write


class RatesFromSettings:
    def get_rate(self) -> str | None:
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class CellRateThrottle(throttling.SimpleRateThrottle):
    """``N/period``: N requests at once, then one every ``period / N`` (module docstring).

    The cache holds, per client, the moment its allowance is whole again (the "theoretical
    arrival time"). A request is allowed when, counting it, that moment is at most one
    period away; it then moves the moment on by one request's share of the period. A refused
    request changes nothing, and ``wait()`` is the time until one more fits. Our caches
    update the moment atomically (conflict.cache: under a file lock, or in a watched Redis
    transaction), so concurrent workers never both take the last slot; any other cache reads
    it, then writes it.
    """

    _wait: float | None = None

    def allow_request(self, request: Request, view: object) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = self.timer()
        interval = self.duration / self.num_requests

        def take(full_at: float | None) -> float | None:
            after = max(full_at or now, now) + interval
            if after - now > self.duration:
                self._wait = after - now - self.duration
                return None
            self._wait = None
            return after

        update = getattr(self.cache, "update_moment", None)
        if update is not None:
            update(self.key, take)
        else:
            read_then_write(self.cache, self.key, take)
        return self._wait is None

    def wait(self) -> float | None:
        return self._wait


class AnonRateThrottle(RatesFromSettings, CellRateThrottle, throttling.AnonRateThrottle):
    """Anonymous clients, counted per address."""


class UserRateThrottle(RatesFromSettings, CellRateThrottle, throttling.UserRateThrottle):
    """Authenticated clients, counted per user.

    DRF's version also counts an anonymous client, by address, against the user rate: a
    second count of what the anonymous rate counts already, and a second read and write of
    the shared cache on every anonymous request."""

    def get_cache_key(self, request: Request, view: object) -> str | None:
        if not (request.user and request.user.is_authenticated):
            return None  # not throttled here: AnonRateThrottle counts it
        return super().get_cache_key(request, view)


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
