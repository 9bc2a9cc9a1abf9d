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
"""

import os
import tempfile
import time
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache


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
