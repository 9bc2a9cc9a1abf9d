"""An ingest's new rows get free slugs: in a few queries, however many rows it has."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conflict.ingestion import _assign_slugs
from conflict.models import Actor

pytestmark = pytest.mark.django_db


def test_many_new_rows_get_free_slugs_in_a_query_per_hundred_bases():
    Actor.objects.create(name="Ganja militia", slug="ganja-militia", kind="armed_force")
    Actor.objects.create(name="Ganja militia", slug="ganja-militia-2", kind="armed_force")
    named = [(Actor(name=f"Unit {n}"), f"Unit {n}") for n in range(250)]
    named += [(Actor(name="Ganja militia"), "Ganja militia") for _ in range(2)]
    with CaptureQueriesContext(connection) as queries:
        _assign_slugs(Actor, named)
    assert len(queries) == 3  # 251 distinct bases
    slugs = [obj.slug for obj, _ in named]
    assert slugs[:3] == ["unit-0", "unit-1", "unit-2"]
    assert slugs[-2:] == ["ganja-militia-3", "ganja-militia-4"]
    assert len(set(slugs)) == len(slugs)
