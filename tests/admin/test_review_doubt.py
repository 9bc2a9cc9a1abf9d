"""The review queue puts the drafts the extractor was least sure of first and says why."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from conflict.ingestion import ingest_article
from conflict.models import Article, Claim, Incident, Loss

pytestmark = pytest.mark.django_db

# A narrated sentence (no speaker: doubtful) after attributed ones, and a pronoun speaker.
BODY = (
    "The army said rebels attacked a checkpoint in the town of Kalehe on Monday, killing "
    "four soldiers.\n"
    "It said 12 rebels were killed.\n"
    "Fighting went on near the town of Minova on Tuesday, leaving two civilians dead.\n"
)


@pytest.fixture
def article(db) -> Article:
    return ingest_article(BODY, dt.date(2024, 3, 6)).article


@pytest.fixture
def client(editor) -> Client:
    client = Client()
    client.force_login(editor)
    return client


def rows_in_page_order(page: str, prefix: str, pks: list[int]) -> list[int]:
    return sorted(pks, key=lambda pk: page.index(f'id="{prefix}-{pk}"'))


def test_drafts_are_listed_least_sure_first_with_their_evidence(client, article):
    page = client.get(reverse("admin:conflict_article_review", args=[article.pk])).content
    page = page.decode()
    for model, prefix in [(Claim, "claim"), (Incident, "incident"), (Loss, "loss")]:
        records = list(model.objects.all())
        confidences = {r.pk: r.extraction_confidence for r in records}
        assert len(set(confidences.values())) > 1 or model is Loss, prefix  # the test can fail
        order = rows_in_page_order(page, prefix, list(confidences))
        assert [confidences[pk] for pk in order] == sorted(confidences.values()), prefix
        for record in records:
            assert record.extraction_evidence
            row = page[page.index(f'id="{prefix}-{record.pk}"') :]
            assert f"{record.extraction_confidence:.2f}" in row[: row.index("</tr>")]
    narration = Claim.objects.get(quote__startswith="Fighting went on")
    assert (
        narration.extraction_confidence
        < Claim.objects.get(quote__contains="12").extraction_confidence
    )
    assert "narration: no attribution found" in page


def test_a_record_made_by_hand_comes_after_the_extracted_ones(client, article):
    made = Claim.objects.filter(quote__startswith="Fighting went on").get()
    made.extraction_confidence = None
    made.extraction_evidence = ""
    made.save()
    page = client.get(reverse("admin:conflict_article_review", args=[article.pk])).content
    page = page.decode()
    pks = list(Claim.objects.values_list("pk", flat=True))
    assert rows_in_page_order(page, "claim", pks)[-1] == made.pk
    assert "(by hand)" in page
