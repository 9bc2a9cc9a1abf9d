"""Reading an export's next chunk while the current one is written.

A streaming export alternates between waiting on the database for a chunk's rows and
turning them into text. ``read_ahead`` runs the reads in a thread, on a database connection
of its own, one chunk ahead of the writer, so the two overlap: on PostgreSQL the queries
run in the server's process while this one writes (a 2,000-claim chunk of the claims CSV
export waits ~60 ms on queries and writes for ~85). The chunks are the same queries in the
same order, each seeing what is committed when it runs, as before.

The chunks are read on the caller's connection instead, one after the other, as a plain
generator reads them, where a thread would not help or would read the wrong data:
- SQLite runs its queries in this process, holding the interpreter for most of their time: a
  second thread only contends with the writer (20 -> 28 ms per 500-claim chunk, measured);
- a connection of its own cannot see the writes of a transaction still open on the caller's
  connection (an ``atomic`` block, a test's transaction).
"""

import queue
import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

from django.db import connections

T = TypeVar("T")

# How long the reader waits, at most, between looks at whether the writer has gone.
_POLL_SECONDS = 0.1
_END = object()


class _Failed:
    def __init__(self, error: BaseException) -> None:
        self.error = error


def read_ahead(chunks: Callable[[], Iterator[T]], alias: str) -> Iterator[T]:
    """The items of ``chunks()``, read in a thread on its own connection to ``alias`` at
    most one item ahead of the caller (on SQLite or inside a transaction: on the caller's).

    An error in the reader is raised here, at the item it could not read; a caller that
    stops early (a client that goes away) stops the reader, whose connection is closed."""
    connection = connections[alias]
    if connection.vendor == "sqlite" or connection.in_atomic_block:
        yield from chunks()
        return
    ready: queue.Queue = queue.Queue(maxsize=1)
    stop = threading.Event()

    def hand_over(item: object) -> bool:
        while not stop.is_set():
            try:
                ready.put(item, timeout=_POLL_SECONDS)
                return True
            except queue.Full:
                continue
        return False

    def read() -> None:
        try:
            for item in chunks():
                if not hand_over(item):
                    return
            hand_over(_END)
        except BaseException as error:  # handed to the caller, which raises it
            hand_over(_Failed(error))
        finally:
            connections[alias].close()

    reader = threading.Thread(target=read, name="export-read-ahead", daemon=True)
    reader.start()
    try:
        while True:
            item = ready.get()
            if item is _END:
                return
            if isinstance(item, _Failed):
                raise item.error
            yield item
    finally:
        stop.set()
        reader.join()
