"""schemathesis against the served OpenAPI schema, over HTTP to a live server on the seed data.

Every operation in the schema is exercised, anonymously and (once the API has writes) with
an editor's token, under the checks the issue names. Zero failures; the case counts are
printed in the pytest summary.
"""

from io import StringIO

import pytest
from django.core.management import call_command, get_commands

from .conftest import SUMMARY_LINES
from .schemathesis_run import run_schemathesis

pytestmark = pytest.mark.fuzz


def assert_clean_run(result) -> None:
    SUMMARY_LINES.append(result.summary())
    ops = result.operations
    assert result.report["complete"], result.explain()
    assert result.report["failures"] == [], result.explain()
    assert result.report["errors"] == [], result.explain()
    assert result.exit_code == 0, result.explain()
    # Every operation in the schema ran, none skipped or filtered away.
    assert ops["total"] > 0, result.explain()
    assert ops["tested"] == ops["total"], result.explain()
    assert result.cases >= ops["total"], result.explain()


@pytest.fixture
def progress(capsys):
    """Echo the CLI's lines past pytest's capture, so `make test` shows the run moving."""

    def echo(line: str) -> None:
        with capsys.disabled():
            print(line, flush=True)

    return echo


def test_every_operation_anonymous(live_server, seed, tmp_path, progress):
    result = run_schemathesis(live_server.url, tmp_path, "anonymous", progress=progress)
    assert_clean_run(result)


@pytest.fixture
def editor_token(db) -> str:
    """A token for a member of the editors group, issued the way an operator issues one."""
    if "issue_token" not in get_commands():
        pytest.skip("the API has no token-issuing command yet, so no editor to fuzz as")
    out = StringIO()
    call_command("issue_token", "fuzz-editor", "--editor", "--create-user", stdout=out)
    return out.getvalue().strip()


def test_every_operation_as_editor(live_server, seed, editor_token, tmp_path, progress):
    # Writes included: schemathesis also checks that each one refuses a request without
    # the token (ignored_auth) and rejects every schema-violating body (negative data).
    headers = {"Authorization": f"Token {editor_token}"}
    result = run_schemathesis(live_server.url, tmp_path, "editor", headers, progress=progress)
    assert_clean_run(result)
