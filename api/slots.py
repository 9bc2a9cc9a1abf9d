"""Concurrency limits for long downloads, counted in the cache every worker shares.

A download holds a thread for as long as the client reads; a few slow clients could hold
them all. A *slot* is a cache key taken with ``add`` (atomic in Redis and in
conflict.cache.SharedFileCache): ``limit`` keys per scope, each with a lease so a worker
that dies while holding one frees it after ``lease`` seconds. Taken per client and overall:
past the client's own limit the answer is a 429, past the overall one a 503, both with
``Retry-After``.
"""

import secrets
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.core.cache import cache
from rest_framework import exceptions, status


class DownloadsBusy(exceptions.APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "Too many downloads are running; try again shortly."
    default_code = "busy"

    def __init__(self, detail: str, wait: int) -> None:
        super().__init__(detail)
        self.wait = wait


@dataclass
class Lease:
    """The slots one download holds; ``release()`` frees them (twice is harmless)."""

    keys: list[str] = field(default_factory=list)
    token: str = field(default_factory=lambda: secrets.token_hex(8))

    def release(self) -> None:
        for key in self.keys:
            if cache.get(key) == self.token:  # not a slot re-taken after our lease ran out
                cache.delete(key)
        self.keys = []


class Releasing:
    """A response body that gives its lease back when the server closes it: after the last
    piece, when the client goes away, or unread (a HEAD) — a generator's ``finally`` would
    not run in the last case."""

    def __init__(self, body: Iterable[bytes], lease: Lease) -> None:
        self.body, self.lease = iter(body), lease

    def __iter__(self) -> Iterator[bytes]:
        return self

    def __next__(self) -> bytes:
        return next(self.body)

    def close(self) -> None:
        try:
            close = getattr(self.body, "close", None)
            if close is not None:
                close()
        finally:
            self.lease.release()


def _take(lease: Lease, scope: str, limit: int, seconds: int) -> bool:
    for index in range(limit):
        key = f"slot:{scope}:{index}"
        if cache.add(key, lease.token, seconds):
            lease.keys.append(key)
            return True
    return False


def acquire(
    name: str, client: str, per_client: int, overall: int, seconds: int, retry_after: int
) -> Lease:
    """Take a slot for ``client`` and one overall, or raise 429 / 503 with Retry-After."""
    lease = Lease()
    if not _take(lease, f"{name}:client:{client}", per_client, seconds):
        raise exceptions.Throttled(
            wait=retry_after,
            detail=f"You have {per_client} downloads of this running already; "
            f"wait for one to finish.",
        )
    if not _take(lease, f"{name}:all", overall, seconds):
        lease.release()
        raise DownloadsBusy(
            f"{overall} downloads of this are running; try again in {retry_after} seconds.",
            retry_after,
        )
    return lease
