"""The data package built once per data version, kept as a file and served from it.

Building the package reads every row (minutes at hundreds of thousands of claims); serving a
file costs almost nothing. So a request finds the package of the current *data version* in
``PACKAGE_CACHE_DIR``, or builds it there first. The version changes with every write the
package could show (conflict.versioned: each table's greatest id and latest ``updated_at``,
and each history table's greatest id, where deletions and bulk changes are recorded). One build
at a time per package: a request arriving while another builds is told to come back.
"""

import fcntl
import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from rest_framework.request import Request

from conflict.models import Actor, Article, Claim, Incident, Loss, Place
from conflict.versioned import data_version

from ..visibility import nested_statuses
from .datapackage import CHECKSUMS, package_files

PACKAGED = (Article, Actor, Place, Incident, Claim, Loss)


class BuildInProgress(Exception):
    """Another request is building this package right now."""


def audience(request: Request) -> str:
    """Who the package is for: what each resource shows this reader, and the base URL its
    ``url`` columns point to. Two readers with the same audience get the same file."""
    seen = [[model.__name__, *nested_statuses(request, model)] for model in PACKAGED]
    base = request.build_absolute_uri(f"/api/{request.version}/")
    return hashlib.sha256(json.dumps([seen, base]).encode()).hexdigest()[:12]


def cache_dir() -> Path:
    directory = Path(settings.PACKAGE_CACHE_DIR)
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@contextmanager
def build_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on ``path`` (held until the block ends, or the process dies)."""
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildInProgress from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_zip(target: Path, request: Request) -> None:
    """The package into ``target``: written beside it, then renamed (readers never see a
    half-written file)."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
    try:
        with (
            os.fdopen(handle, "wb") as out,
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        ):
            for name, chunks in package_files(request):
                with archive.open(name, "w", force_zip64=True) as member:
                    for piece in chunks:
                        member.write(piece)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def cached_package(request: Request) -> Path:
    """The zip of the current data for this reader, built now if it is not there yet.

    Raises :class:`BuildInProgress` when another request is building it.
    """
    prefix = audience(request)
    directory = cache_dir()
    target = directory / f"package-{prefix}-{data_version()}.zip"
    if target.exists():
        return target
    with build_lock(directory / f"package-{prefix}.lock"):
        if not target.exists():  # built by the request that held the lock before us
            write_zip(target, request)
        for old in directory.glob(f"package-{prefix}-*.zip"):
            if old != target:
                old.unlink(missing_ok=True)  # a download still reading it keeps its copy
    return target


__all__ = ["CHECKSUMS", "BuildInProgress", "cached_package", "data_version"]
