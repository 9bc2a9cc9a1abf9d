"""A file cache whose ``add`` and ``incr`` are atomic, so every worker process on the machine
shares it.

Django's FileBasedCache writes each entry with a rename (atomic), but its ``add`` checks
and then sets, so two processes can both "add" the same key. The download slots
(``api.slots``) rely on ``add`` taking a key exactly once; here it is a hard link of a
finished temporary file, which the filesystem refuses when the name exists.

Its ``incr`` (inherited from BaseCache) is a get then a set: two requests can read the same
count and both write count + 1, and the set resets the entry's expiry. The throttles
(``api.throttling``) count with ``incr``; here it rewrites the entry in place under an
exclusive lock on the entry's file, keeping its expiry.
"""

import os
import pickle
import tempfile
import time
import zlib
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
from django.core.files import locks


class SharedFileCache(FileBasedCache):
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

    def incr(self, key: str, delta: int = 1, version: Any = None) -> int:
        """Add ``delta`` to a stored number and return the new value, atomically across
        processes; ValueError if the key is missing or expired (as every Django cache)."""
        fname = self._key_to_file(key, version)
        try:
            with open(fname, "r+b") as f:
                locks.lock(f, locks.LOCK_EX)
                try:
                    try:
                        expiry = pickle.load(f)
                    except EOFError:
                        expiry = 0  # an empty file is an expired entry (as Django reads it)
                    if expiry is not None and expiry < time.time():
                        raise ValueError(f"Key '{key}' not found.")
                    value = pickle.loads(zlib.decompress(f.read())) + delta
                    f.seek(0)
                    f.write(pickle.dumps(expiry, self.pickle_protocol))
                    f.write(zlib.compress(pickle.dumps(value, self.pickle_protocol)))
                    f.truncate()
                finally:
                    locks.unlock(f)
        except FileNotFoundError:
            raise ValueError(f"Key '{key}' not found.") from None
        return value
