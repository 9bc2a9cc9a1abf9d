"""What issue 13 adds to stored drafts: confidence and evidence, gazetteer places with their
country and point, and a non-English article stored with its language and no drafts."""

import datetime as dt

import pytest

from conflict.ingestion import DecisionKind, ingest_article
from conflict.models import Article, Claim, Incident, Loss, Place
from conflict.models.choices import ReviewStatus

from .test_language import OTHER_LANGUAGES

pytestmark = pytest.mark.django_db

WIRE = (
    "KYIV, Feb 20 - Russian forces shelled Kharkiv overnight, killing three civilians, the "
    "regional governor said. Moscow denied targeting civilians."
)


def test_drafts_are_stored_with_confidence_and_evidence() -> None:
    report = ingest_article(WIRE, dt.date(2024, 2, 20))
    assert report.created
    for model in (Claim, Incident, Loss):
        rows = list(model.objects.all())
        assert rows, model
        for row in rows:
            assert 0 < row.extraction_confidence <= 1
            assert row.extraction_evidence
    denial = Claim.objects.get(quote__startswith="Moscow denied")
    assert denial.claimant.name == "Russia"  # a capital that speaks is its government
    assert "denial: verb 'denied'" in denial.extraction_evidence


def test_a_gazetteer_place_is_stored_with_its_country_and_point() -> None:
    ingest_article(WIRE, dt.date(2024, 2, 20))
    kharkiv = Place.objects.get(name="Kharkiv")
    assert (kharkiv.status, kharkiv.country, kharkiv.precision) == (
        ReviewStatus.DRAFT,
        "UA",
        "near",
    )
    assert 49 < kharkiv.latitude < 51
    assert 35 < kharkiv.longitude < 37
    assert kharkiv.gazetteer_source.startswith("geonames:")
    # The dateline and the speaking capital are not places of the event.
    assert not Place.objects.filter(name__in=["KYIV", "Kyiv", "Moscow"]).exists()


def test_a_non_english_article_is_stored_with_its_language_and_no_drafts() -> None:
    report = ingest_article(OTHER_LANGUAGES["es"], dt.date(2024, 6, 1))
    article = Article.objects.get()
    assert article.language == "es"
    assert not Claim.objects.exists()
    assert not Incident.objects.exists()
    (decision,) = report.decisions
    assert (decision.kind, decision.id) == (DecisionKind.NOT_ENGLISH, article.pk)
    assert "'es'" in decision.detail
    assert "no drafts" in decision.detail


def test_the_api_reports_the_language_decision_with_the_article_link(editor_api) -> None:
    response = editor_api.post(
        "/api/v1/articles/",
        {"body": OTHER_LANGUAGES["fr"], "published_on": "2024-06-01"},
        format="json",
    )
    assert response.status_code == 201, response.content
    article = Article.objects.get()
    (decision,) = response.json()["report"]["decisions"]
    assert (decision["kind"], decision["model"], decision["id"]) == (
        "not_english",
        "article",
        article.pk,
    )
    assert decision["url"].endswith(f"/api/v1/articles/{article.pk}/")
    assert response.json()["report"]["counts"]["claims"] == 0
