"""The extractor's confidence and evidence: an editor reads them on claims, incidents and
losses (list and detail, the fast row path and the serializer alike); the public gets null."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from conflict.ingestion import ingest_article
from conflict.models import Claim, Incident, Loss
from conflict.models.choices import ReviewStatus

pytestmark = pytest.mark.django_db

BODY = (
    "Rebels attacked an army post in the town of Kalehe on Monday, killing four soldiers, "
    "the army said.\n"
    "It said 12 rebels were killed.\n"
)
RESOURCES = [("claims", Claim), ("incidents", Incident), ("losses", Loss)]


@pytest.fixture
def drafted(db) -> None:
    ingest_article(BODY, dt.date(2024, 3, 6))


@pytest.fixture
def editor_api(editor_token) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {editor_token}")
    return client


@pytest.mark.parametrize(("path", "model"), RESOURCES)
def test_an_editor_reads_how_sure_the_extractor_was_and_why(editor_api, drafted, path, model):
    stored = {r.pk: (r.extraction_confidence, r.extraction_evidence) for r in model.objects.all()}
    assert stored
    assert all(0 < c <= 1 and e for c, e in stored.values())
    listed = editor_api.get(f"/api/v1/{path}/", {"status": "draft"}).json()["results"]
    assert {
        r["id"]: (r["extraction_confidence"], r["extraction_evidence"]) for r in listed
    } == stored
    pk = next(iter(stored))
    one = editor_api.get(f"/api/v1/{path}/{pk}/").json()
    assert (one["extraction_confidence"], one["extraction_evidence"]) == stored[pk]


@pytest.mark.parametrize(("path", "model"), RESOURCES)
def test_the_public_gets_null(api, drafted, path, model):
    published = model.objects.order_by("pk").first()
    model.objects.filter(pk=published.pk).update(status=ReviewStatus.PUBLISHED)
    if model is Loss:  # a loss is public with its claim and its incident
        Claim.objects.filter(pk=published.claim_id).update(status=ReviewStatus.PUBLISHED)
        Incident.objects.filter(pk=published.incident_id).update(status=ReviewStatus.PUBLISHED)
    listed = api.get(f"/api/v1/{path}/").json()["results"]
    assert [r["id"] for r in listed] == [published.pk]
    one = api.get(f"/api/v1/{path}/{published.pk}/").json()
    for record in (listed[0], one):
        assert record["extraction_confidence"] is None
        assert record["extraction_evidence"] is None
