"""Walking a queryset in keyset chunks: constant memory, no OFFSET, bounded queries."""

from collections.abc import Iterator

from django.conf import settings
from django.db.models import Model, QuerySet

CHUNK_SIZE = 500  # rows per query and per yielded piece, unless settings.EXPORT_CHUNK_SIZE says


def chunk_size() -> int:
    return getattr(settings, "EXPORT_CHUNK_SIZE", CHUNK_SIZE)


def keyset_chunks(queryset: QuerySet, size: int | None = None) -> Iterator[list[Model | dict]]:
    """Lists of at most ``size`` rows in id order: ``WHERE id > last ORDER BY id LIMIT n``.

    Each chunk is one bounded query (plus the queryset's prefetches for just those rows), so
    memory stays flat however many rows match and a row added mid-walk is never repeated.
    A ``values()`` queryset (with ``id`` among its columns) gives chunks of dicts.
    """
    size = size or chunk_size()
    ordered = queryset.order_by("pk")
    last_pk = None
    while True:
        page = ordered if last_pk is None else ordered.filter(pk__gt=last_pk)
        chunk = list(page[:size])
        if not chunk:
            return
        yield chunk
        if len(chunk) < size:
            return
        last = chunk[-1]
        last_pk = last["id"] if isinstance(last, dict) else last.pk
