"""Project-wide checks a reviewer would otherwise run by hand."""

import io

import pytest
from django.core.management import call_command


def test_system_checks_pass() -> None:
    out = io.StringIO()
    call_command("check", stdout=out)
    assert "no issues" in out.getvalue()


@pytest.mark.django_db
def test_models_and_migrations_agree() -> None:
    # Exits non-zero (SystemExit) when a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
