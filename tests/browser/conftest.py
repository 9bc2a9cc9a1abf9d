"""Browser tests: Playwright driving Debian's Chromium, never a downloaded browser.

Without Chromium (or Playwright) the tests skip with the reason; under CI (``CI=true``)
a skipped browser test is a failure, so a CI machine that lost its browser cannot pass
silently.
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.skipped and in_ci() and item.get_closest_marker("browser"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"CI=true: a browser test may not skip ({reason})"


@pytest.fixture
def browser() -> Iterator[Any]:
    """A headless Chromium, started after every database fixture has run.

    Playwright's sync API runs an event loop in this thread, and Django refuses database
    calls from a thread with a running loop; so tests touch the database only through
    their fixtures (before) or the live server (during), never while this is open.
    """
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    executable = str(CHROMIUM) if CHROMIUM.exists() else shutil.which("chromium")
    if executable is None:
        pytest.skip(f"no Chromium at {CHROMIUM} nor on PATH: apt-get install chromium")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()
