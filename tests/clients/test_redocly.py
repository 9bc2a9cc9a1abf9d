"""Redocly's linter passes on the committed schema with the committed redocly.yaml."""

import subprocess

from .conftest import ROOT


def test_redocly_lint_passes_on_the_committed_schema(node_bin):
    result = subprocess.run(
        [node_bin / "redocly", "lint", "api/openapi.yaml", "--config", "redocly.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Your API description is valid" in result.stdout + result.stderr
