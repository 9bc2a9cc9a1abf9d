"""A file cache whose ``add`` is atomic, so every worker process on the machine shares it.

Django's FileBasedCache writes each entry with a rename (atomic), but its ``add`` checks
and then sets, so two processes can both "add" the same key. The download slots
(``api.slots``) rely on ``add`` taking a key exactly once; here it is a hard link of a
finished temporary file, which the filesystem refuses when the name exists.
"""

import os
import tempfile
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache


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
