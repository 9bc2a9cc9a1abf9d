"""schemathesis against the served OpenAPI schema, over HTTP to a live server on the seed data.

Every operation in the schema is exercised, anonymously and (once the API has writes) with
an editor's token, under the checks the issue names. Zero failures; the case counts are
printed in the pytest summary.
"""

import pytest

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


def test_every_operation_anonymous(live_server, seed, tmp_path):
    result = run_schemathesis(live_server.url, tmp_path, "anonymous")
    assert_clean_run(result)
