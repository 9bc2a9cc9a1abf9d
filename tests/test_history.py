"""History of bulk writes: the relations recorded, in queries that do not grow with the rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conflict.models import Claim
from conflict.models.history import record_history

pytestmark = pytest.mark.django_db


def recorded(claims: list[Claim]) -> int:
    with CaptureQueriesContext(connection) as queries:
        record_history(Claim, claims, update=True, reason="Checked")
    return len(queries)


def test_bulk_history_records_each_claims_incidents_in_constant_queries(seed):
    claims = list(Claim.objects.filter(incidents__isnull=False).distinct().order_by("pk"))
    assert len(claims) >= 30
    # 30 rows fit one bulk insert on either database (SQLite's is the smaller, ~37 claims).
    assert recorded(claims[:2]) == recorded(claims[:30])
    recorded(claims)
    # Each new entry holds the claim's incidents as they are, as a single save records them.
    for claim in claims:
        entry = claim.history.latest()
        assert entry.history_change_reason == "Checked"
        assert sorted(entry.incidents.values_list("incident_id", flat=True)) == sorted(
            claim.incidents.values_list("pk", flat=True)
        )
