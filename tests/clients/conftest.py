"""Node tools for the client tests: Redocly, openapi-typescript, openapi-fetch, tsc.

They come from the committed package.json and package-lock.json (`npm ci`, which .ci/run
runs). Missing, they are installed once per session; where npm cannot install them the
tests skip on a laptop, and under CI (``CI=true``) fail, so CI cannot pass without them.
"""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NODE_BIN = ROOT / "node_modules" / ".bin"
TOOLS = ("redocly", "openapi-typescript", "tsc")


def on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def unavailable(reason: str) -> None:
    if on_ci():
        pytest.fail(f"CI=true: the Node tools are required ({reason})")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def node_bin() -> Path:
    """node_modules/.bin with the pinned tools, installed with `npm ci` if missing."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        unavailable("node and npm are not installed")
    if not all((NODE_BIN / tool).exists() for tool in TOOLS):
        result = subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if result.returncode != 0:
            unavailable(f"npm ci failed: {result.stderr[-2000:]}")
    return NODE_BIN
