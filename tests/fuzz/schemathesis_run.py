"""Run the schemathesis CLI against a live server and read back its JSON report.

The CLI, not the pytest plugin: it runs every phase (examples, coverage, fuzzing, stateful)
over real HTTP, and its report gives the figures the suite asserts on and prints.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "ignored_auth",
)
# Bounded for CI: examples per operation, and a deadline for each run (the editor run took
# 900 s on PostgreSQL on a loaded 2-core machine; the deadline only stops a hung run).
MAX_EXAMPLES = int(os.environ.get("FUZZ_MAX_EXAMPLES", "25"))
DEADLINE_SECONDS = int(os.environ.get("FUZZ_DEADLINE", "1500"))
# A fixed seed keeps CI reproducible; set FUZZ_SEED to explore other inputs.
SEED = int(os.environ.get("FUZZ_SEED", "20201008"))
ST = Path(sys.executable).with_name("st")
HOOKS = Path(__file__).with_name("st_hooks.py")
CONFIG = Path(__file__).with_name("schemathesis.toml")


@dataclass
class FuzzResult:
    label: str
    exit_code: int
    report: dict
    output: str

    @property
    def cases(self) -> int:
        return self.report["test_cases"]["generated"]

    @property
    def operations(self) -> dict:
        return self.report["operations"]

    def summary(self) -> str:
        if not self.operations:  # the schema never loaded: the CLI's output says why
            return f"{self.label}: no operation ran (exit {self.exit_code})"
        ops = self.operations
        failures = sum(group["count"] for group in self.report["failures"])
        errors = sum(group["count"] for group in self.report["errors"])
        return (
            f"{self.label}: {self.cases} cases over {ops['tested']}/{ops['total']} operations, "
            f"{failures} failures, {errors} errors, seed {SEED}, "
            f"{self.report['running_time']:.0f}s (checks: {', '.join(CHECKS)})"
        )

    def explain(self) -> str:
        """What a developer needs when the run fails: each kind of failure, then the CLI's tail."""
        kinds = [
            f"  {group['code']} {group['title']} x{group['count']}: "
            + ", ".join(group["operations"])
            for group in self.report["failures"]
        ]
        return "\n".join([self.summary(), *kinds, self.output[-20000:]])


def run_schemathesis(
    base_url: str,
    workdir: Path,
    label: str,
    headers: dict[str, str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> FuzzResult:
    """Run the CLI; each line it prints is passed to ``progress`` as it comes (a run takes
    minutes, and a silent terminal looks hung)."""
    report_path = workdir / f"{label}.json"
    command = [
        str(ST),
        "--no-color",
        "--config-file",
        str(CONFIG),
        "run",
        f"{base_url}/api/v1/schema/",
        "--checks",
        ",".join(CHECKS),
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        str(SEED),
        # The live server shares one SQLite connection across its threads: one request at
        # a time.
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--generation-database",
        "none",
        "--report",
        "json",
        "--report-json-path",
        str(report_path),
    ]
    for name, value in (headers or {}).items():
        command += ["--header", f"{name}: {value}"]
    env = {
        **os.environ,
        "NO_COLOR": "1",
        "SCHEMATHESIS_HOOKS": str(HOOKS),
        "FUZZ_BASE_URL": base_url,
        "FUZZ_AUTHORIZATION": (headers or {}).get("Authorization", ""),
    }
    lines: list[str] = []
    started = time.monotonic()
    with subprocess.Popen(
        command,
        cwd=workdir,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    ) as process:
        assert process.stdout is not None
        # The deadline only stops a hung run: kill it, and the report check below fails.
        deadline = threading.Timer(DEADLINE_SECONDS, process.kill)
        deadline.start()
        try:
            for line in process.stdout:
                lines.append(line)
                if progress and line.strip():
                    elapsed = time.monotonic() - started
                    progress(f"[fuzz {label} {elapsed:4.0f}s] {line.rstrip()}")
            returncode = process.wait()
        finally:
            deadline.cancel()
    output = "".join(lines)
    if not report_path.exists():
        raise AssertionError(f"schemathesis wrote no report (exit {returncode}):\n{output}")
    report = json.loads(report_path.read_text(encoding="utf-8"))
    return FuzzResult(label, returncode, report, output)
