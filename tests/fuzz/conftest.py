"""The fuzz runs' live server, and their summary lines, printed at the end of the pytest output
even with -q."""

from collections.abc import Iterator

import pytest
from django.core.servers.basehttp import WSGIServer
from pytest_django.live_server_helper import LiveServer

# One line per schemathesis run, appended by the tests, read by the terminal summary.
SUMMARY_LINES: list[str] = []


class OneRequestAtATime(WSGIServer):
    """Django's live server without a thread per request. Its threaded server closes the
    request's database connections after each one, so on PostgreSQL every fuzz case paid for
    a new connection, and for planning its queries on a cold catalog. The fuzz sends one
    request at a time (``--workers 1``), so one thread and its one connection serve them all
    (Django answers ``Connection: close`` from an unthreaded server, so no client holds it)."""

    def __init__(self, *args: object, connections_override: object = None, **kwargs: object):
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="module")
def live_server() -> Iterator[LiveServer]:
    """pytest-django's live server (its helper still gives each test a transactional
    database), served by :class:`OneRequestAtATime`."""
    server = LiveServer("localhost", start=False)
    server.thread.server_class = OneRequestAtATime
    server.start()
    yield server
    server.stop()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if SUMMARY_LINES:
        terminalreporter.write_sep("=", "schemathesis")
        for line in SUMMARY_LINES:
            terminalreporter.write_line(line)
