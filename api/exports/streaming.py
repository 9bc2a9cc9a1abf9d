"""A whole collection as a stream: keyset chunks in, many rows per yielded piece out."""

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.db.models import Model, QuerySet

from .walk import keyset_chunks
from .writers import Writer

Serialize = Callable[[Sequence[Model]], list[dict[str, Any]]]


def stream(
    queryset: QuerySet, serialize: Serialize, writer: Writer, chunk_size: int | None = None
) -> Iterator[bytes]:
    """The body, one piece per chunk: its first bytes leave before the next chunk is read."""
    yield writer.start().encode("utf-8")
    for chunk in keyset_chunks(queryset, chunk_size):
        text = writer.write(list(zip(chunk, serialize(chunk), strict=True)))
        if text:
            yield text.encode("utf-8")
    yield writer.end().encode("utf-8")


def stream_records(
    rows: QuerySet, to_records: Callable[[list[dict]], list[dict[str, Any]]], writer: Writer
) -> Iterator[bytes]:
    """The same, from a ``values()`` queryset turned into records a chunk at a time (for
    writers that read only the record, not the instance: CSV and NDJSON)."""
    yield writer.start().encode("utf-8")
    for chunk in keyset_chunks(rows):
        text = writer.write([(None, record) for record in to_records(chunk)])
        if text:
            yield text.encode("utf-8")
    yield writer.end().encode("utf-8")
