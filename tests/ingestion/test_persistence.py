"""Ingesting an article stores it verbatim with its drafts, once, in one transaction."""

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError

from conflict.extraction.evaluation import gold_from_fixture, score
from conflict.ingestion import ingest_article
from conflict.models import (
    Actor,
    Article,
    Claim,
    ClaimLink,
    Incident,
    IncidentParticipant,
    Loss,
    Place,
)
from conflict.models.choices import ReviewStatus

from .conftest import ROOT, SEED_DATE, stored_extraction

pytestmark = pytest.mark.django_db

MODELS = (Article, Actor, Place, Incident, Claim, ClaimLink, Loss)


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def remove_seed_article() -> None:
    """Keep the curated actors and places, drop the seed's article and everything in it."""
    Loss.objects.all().delete()
    ClaimLink.objects.all().delete()
    IncidentParticipant.objects.all().delete()
    incidents = list(Incident.objects.all())
    Claim.objects.all().delete()
    for incident in incidents:
        incident.delete()
    Article.objects.all().delete()


def test_the_seed_text_becomes_an_article_and_drafts(seed_text, editor):
    report = ingest_article(seed_text, SEED_DATE, user=editor, reason="Test ingest")
    article = report.article
    assert report.created
    assert Article.objects.get().body == seed_text  # verbatim, not trimmed
    assert article.title_is_editorial
    assert article.title.startswith("New clashes have erupted between Azerbaijan and Armenia")
    assert article.publisher is None
    assert article.source_url is None
    counts = report.counts
    assert counts == {
        "claims": Claim.objects.count(),
        "denials": Claim.objects.filter(stance="denies").count(),
        "incidents": Incident.objects.count(),
        "incidents_matched": 0,  # an empty database: nothing to match
        "losses": Loss.objects.count(),
        "links": ClaimLink.objects.count(),
        "restatements": 0,
        "new_actors": Actor.objects.count(),
        "actors_matched": 0,
        "new_places": Place.objects.count(),
    }
    assert counts["claims"] >= 50
    assert counts["losses"] >= 10
    assert counts["denials"] >= 5
    for model in (Claim, Incident, Loss, Actor, Place):
        assert set(model.objects.values_list("status", flat=True)) == {ReviewStatus.DRAFT}
    for claim in Claim.objects.all():
        assert seed_text[claim.span_start : claim.span_end] == claim.quote
    # Every incident is backed by a claim, as the model requires.
    assert not Incident.objects.filter(claims=None).exists()
    # Ganja is a place of the shelling claim's incident; the denial contradicts a claim.
    ganja = Claim.objects.get(quote__startswith="Azerbaijan said the city of Ganja")
    assert [p.name for p in ganja.incidents.get().places.all()] == ["Ganja"]
    assert ganja.incidents.get().occurred_on == SEED_DATE
    assert ClaimLink.objects.filter(source__stance="denies", relation="contradicts").exists()
    # Each created record's history says who ingested it and why.
    entries = list(ganja.history.all())  # created, then its incidents set
    assert entries
    for entry in entries:
        assert entry.history_user == editor
        assert entry.history_change_reason.startswith("Test ingest: article")


def test_every_new_actor_and_place_is_a_decision_in_the_report(seed_text):
    report = ingest_article(seed_text, SEED_DATE)
    decided = {(d.model, d.id) for d in report.decisions}
    assert {("actor", pk) for pk in Actor.objects.values_list("pk", flat=True)} <= decided
    assert {("place", pk) for pk in Place.objects.values_list("pk", flat=True)} <= decided
    kinds = {d.kind for d in report.decisions}
    assert {"new_actor", "new_place", "loss_without_side"} <= kinds
    azerbaijan = Actor.objects.get(name="Azerbaijan")
    assert (azerbaijan.kind, azerbaijan.slug) == ("state", "azerbaijan")
    assert "guessed" in azerbaijan.notes


def test_the_stored_drafts_meet_the_targets(seed_text):
    """Issue 7's targets, scored on the rows in the database rather than on the extraction."""
    gold = gold_from_fixture(json.loads((ROOT / "fixtures" / "seed.json").read_text("utf-8")))
    report = ingest_article(seed_text, SEED_DATE)
    scores = score(stored_extraction(report.article), gold)
    assert scores.missed_targets() == []
    assert scores.incident_date_accuracy == 1.0


def test_the_curated_actors_and_places_are_the_gazetteer(seed, seed_text):
    remove_seed_article()
    actors, places = Actor.objects.count(), Place.objects.count()
    report = ingest_article(seed_text, SEED_DATE)
    azerbaijan = Actor.objects.get(slug="azerbaijan")
    assert azerbaijan.status == ReviewStatus.PUBLISHED
    ganja = Claim.objects.get(quote__startswith="Azerbaijan said the city of Ganja")
    assert ganja.claimant == azerbaijan
    assert Place.objects.get(slug="ganja") in ganja.incidents.get().places.all()
    # Only names the curated data lacks become draft actors and places.
    assert Actor.objects.count() - actors == report.counts["new_actors"]
    assert Place.objects.count() - places == report.counts["new_places"]
    assert report.counts["new_actors"] < 10
    assert set(Actor.objects.filter(status=ReviewStatus.DRAFT).values_list("pk", flat=True)) == {
        d.id for d in report.decisions if d.kind == "new_actor"
    }


def test_the_same_text_twice_creates_nothing_and_reports_the_article(seed_text):
    first = ingest_article(seed_text, SEED_DATE)
    before = row_counts()
    again = ingest_article(seed_text, dt.date(2021, 1, 1), title="Another title")
    assert not again.created
    assert again.article == first.article
    assert row_counts() == before
    assert again.lines()[0].startswith(f"Already stored: article {first.article.pk} ")


def test_a_new_draft_actor_is_reused_by_the_next_article():
    ingest_article("Mount Olympus officials said ten tanks were destroyed.", SEED_DATE)
    ingest_article("Mount Olympus officials said 3 soldiers were killed.", SEED_DATE)
    assert Actor.objects.filter(name="Mount Olympus officials").count() == 1
    assert Claim.objects.filter(claimant__name="Mount Olympus officials").count() == 2


@pytest.mark.parametrize("body", ["", "   \n\n  "])
def test_an_empty_body_is_refused_on_body(body):
    with pytest.raises(ValidationError) as caught:
        ingest_article(body, SEED_DATE)
    assert list(caught.value.message_dict) == ["body"]
    assert row_counts() == dict.fromkeys(row_counts(), 0)


def test_a_body_over_the_limit_is_refused_on_body(settings):
    settings.INGEST_MAX_BODY_CHARS = 40
    with pytest.raises(ValidationError) as caught:
        ingest_article("Azerbaijan said Ganja was shelled on Thursday by Armenia.", SEED_DATE)
    assert caught.value.message_dict["body"] == [
        "The article text is 57 characters; at most 40 are accepted."
    ]
    assert not Article.objects.exists()


def test_bad_metadata_is_refused_on_its_field_and_nothing_is_written():
    with pytest.raises(ValidationError) as caught:
        ingest_article(
            "Azerbaijan said Ganja was shelled.", SEED_DATE, source_url="not a url", title="x" * 301
        )
    assert set(caught.value.message_dict) == {"source_url", "title"}
    assert row_counts() == dict.fromkeys(row_counts(), 0)


def test_slugs_are_free_short_and_never_all_digits():
    title = "Azerbaijan said the city of Ganja had been shelled by Armenian forces on Thursday"
    first = ingest_article(f"{title}.", SEED_DATE, title=title).article
    assert first.slug == "azerbaijan-said-the-city-of-ganja-had-been-shelled-by"
    second = ingest_article(f"{title}!", SEED_DATE, title=title).article
    assert second.slug == f"{first.slug}-2"
    digits = ingest_article("1991 said 2 tanks were destroyed.", SEED_DATE, title="1991").article
    assert digits.slug == "article-1991"


def test_a_nul_character_is_refused_on_body_and_a_huge_first_word_still_titles():
    with pytest.raises(ValidationError) as caught:
        ingest_article("Armenia said\x00 so.", SEED_DATE)
    assert caught.value.error_dict["body"][0].code == "null_characters_not_allowed"
    article = ingest_article("x" * 1000 + " said 3 tanks were destroyed.", SEED_DATE).article
    assert len(article.title) == 300
    assert article.title.endswith("…")
