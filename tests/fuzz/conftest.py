"""The fuzz runs' summary lines, printed at the end of the pytest output even with -q."""

import pytest

# One line per schemathesis run, appended by the tests, read by the terminal summary.
SUMMARY_LINES: list[str] = []


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if SUMMARY_LINES:
        terminalreporter.write_sep("=", "schemathesis")
        for line in SUMMARY_LINES:
            terminalreporter.write_line(line)
