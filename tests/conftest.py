"""Fixtures shared by the whole suite."""

import pytest
from django.core.management import call_command


@pytest.fixture
def seed(db) -> None:
    """The curated seed data (fixtures/seed.json), loaded into the test database."""
    call_command("loaddata", "seed", verbosity=0)
