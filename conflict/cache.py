"""A file cache whose ``add`` is atomic, so every worker process on the machine shares it,
and whose ``set`` does not list the directory each time.

Django's FileBasedCache writes each entry with a rename (atomic), but its ``add`` checks
and then sets, so two processes can both "add" the same key. The download slots
(``api.slots``) rely on ``add`` taking a key exactly once; here it is a hard link of a
finished temporary file, which the filesystem refuses when the name exists.

Its ``set`` also lists the whole directory to see whether entries must be culled, and every
anonymous request sets its throttle count: with one entry per client address, a server with
20,000 recent clients listed 20,000 names on every request. Here a process culls at most
once every ``CULL_INTERVAL`` seconds (option, default 5): between two culls the directory
may pass ``MAX_ENTRIES`` by the entries written meanwhile.

And it keeps *moments* (times, in seconds since the epoch) updated in place
(:meth:`SharedFileCache.update_moment`: the throttles' allowances): eight bytes per key, read
and rewritten under an exclusive lock, so workers take turns and none overwrites another's
update. A ``set`` writes a temporary file and renames it (~230 µs here); a moment costs an
open, a lock, a read and a write (~6 µs).

:class:`SharedRedisCache` (``REDIS_URL``) keeps moments the same way between machines: a
moment is read and rewritten in one Redis transaction that fails, and is tried again, when
another client changed it in between (``WATCH``).
"""

import contextlib
import fcntl
import os
import struct
import tempfile
import time
from collections.abc import Callable
from typing import Any

import redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache

_MOMENT = struct.Struct("<d")
MOMENT_SUFFIX = ".moment"
# A moment lies at most this far past its last write (the throttles' longest period is a
# day): a file untouched for longer holds a moment that has passed.
MOMENT_MAX_AGE = 2 * 24 * 3600


def read_then_write(cache: Any, key: str, change: Callable[[float | None], float | None]) -> None:
    """``update_moment`` for a cache without it (neither of ours: a deployment's own, say
    memcached): a read, then a write, not atomic. The moment is kept until it has passed."""
    found = cache.get(key)
    moment = change(found if isinstance(found, float) else None)
    if moment is not None:
        cache.set(key, moment, max(1, int(moment - time.time()) + 1))


class SharedFileCache(FileBasedCache):
    def __init__(self, dir: str, params: dict[str, Any]) -> None:
        super().__init__(dir, params)
        options = params.get("OPTIONS", {})
        self._cull_interval = float(options.get("CULL_INTERVAL", 5))

    # Per process: Django makes a cache object per thread, and one listing serves them all.
    _next_cull: dict[str, float] = {}

    def _cull(self) -> None:
        now = time.monotonic()
        if now < self._next_cull.get(self._dir, 0.0):
            return
        self._next_cull[self._dir] = now + self._cull_interval
        super()._cull()
        self._cull_moments()

    def update_moment(self, key: str, change: Callable[[float | None], float | None]) -> None:
        """Read the moment kept under ``key`` (None if there is none) and write
        ``change(moment)`` in its place unless that is None, holding the key's lock between
        the two, so concurrent updates from any process take turns."""
        path = self._key_to_file(key).removesuffix(self.cache_suffix) + MOMENT_SUFFIX
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except FileNotFoundError:
            self._createdir()
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            raw = os.pread(fd, _MOMENT.size, 0)
            moment = change(_MOMENT.unpack(raw)[0] if len(raw) == _MOMENT.size else None)
            if moment is not None:
                os.pwrite(fd, _MOMENT.pack(moment), 0)
        finally:
            os.close(fd)  # and with it the lock
        self._cull()

    def _cull_moments(self) -> None:
        """Remove the moments untouched for MOMENT_MAX_AGE (one file per client address
        would otherwise pile up)."""
        oldest = time.time() - MOMENT_MAX_AGE
        with os.scandir(self._dir) as entries:
            for entry in entries:
                if not entry.name.endswith(MOMENT_SUFFIX):
                    continue
                with contextlib.suppress(FileNotFoundError):  # another process culled it
                    if entry.stat().st_mtime < oldest:
                        os.remove(entry.path)

    def clear(self) -> None:
        super().clear()
        with os.scandir(self._dir) as entries:
            for entry in entries:
                if entry.name.endswith(MOMENT_SUFFIX):
                    os.remove(entry.path)

    def add(
        self, key: str, value: Any, timeout: float | None = DEFAULT_TIMEOUT, version: Any = None
    ) -> bool:
        if self.has_key(key, version):  # also removes an expired entry, freeing the name
            return False
        self._createdir()
        fname = self._key_to_file(key, version)
        fd, tmp_path = tempfile.mkstemp(dir=self._dir)
        try:
            with open(fd, "wb") as f:
                self._write_content(f, timeout, value)
            os.link(tmp_path, fname)
        except FileExistsError:
            return False
        finally:
            os.remove(tmp_path)
        return True


class SharedRedisCache(RedisCache):
    """Django's Redis cache, with moments updated atomically (:meth:`update_moment`)."""

    def update_moment(self, key: str, change: Callable[[float | None], float | None]) -> None:
        """As SharedFileCache.update_moment: ``change(moment)`` replaces the moment kept under
        ``key`` unless it is None, and no concurrent update is lost. Read and written in one
        transaction watched for other writers (``change`` runs again after a conflict); the
        moment is stored as its text, kept until it has passed."""
        name = self.make_and_validate_key(key)
        client = self._cache.get_client(name, write=True)
        with client.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(name)
                    raw = pipe.get(name)
                    moment = change(float(raw) if raw is not None else None)
                    if moment is None:
                        pipe.unwatch()
                        return
                    pipe.multi()
                    pipe.set(
                        name, repr(moment), px=max(1, int((moment - time.time()) * 1000)) + 1000
                    )
                    pipe.execute()
                    return
                except redis.WatchError:
                    continue
