"""The wire-copy paragraphs (tests/extraction/test_wire_paragraphs.py) ingested end to end into
a database holding the curated seed: what a user gets from an article about another war."""

import pytest

from conflict.ingestion import ingest_article
from conflict.models import Actor, Claim, Loss, Place
from conflict.models.choices import ReviewStatus
from tests.extraction.test_wire_paragraphs import (
    LASHIO,
    LASHIO_DATE,
    ODESA,
    ODESA_DATE,
    PARAGRAPHS,
)

pytestmark = pytest.mark.django_db


def test_odesa_against_the_curated_gazetteer(seed):
    ingest_article(ODESA, ODESA_DATE)
    drones = Claim.objects.get(quote__startswith="Ukrainian forces shot down 12")
    assert (drones.claimant.name, drones.claimant.kind, drones.claimant.status) == (
        "Ukrainian air force",
        "armed_force",
        ReviewStatus.DRAFT,
    )
    assert (drones.stated_on, drones.stated_on_inferred) == (ODESA_DATE, False)
    (loss,) = drones.losses.all()
    # "Russian drones": the curated Russia is the side; the equipment is the drone.
    assert (loss.category, loss.equipment, loss.count_best, loss.cumulative, loss.side) == (
        "shot_down",
        "drone",
        12,
        False,
        Actor.objects.get(slug="russia"),
    )
    (place,) = drones.incidents.get().places.all()
    assert (place.name, place.status) == ("Odesa", ReviewStatus.DRAFT)
    denial = Claim.objects.get(quote="Russia denied losing any aircraft.")
    assert (denial.claimant.slug, denial.stance) == ("russia", "denies")
    assert [(link.relation, link.target) for link in denial.links_out.all()] == [
        ("contradicts", drones)
    ]


def test_a_generic_alias_does_not_carry_the_seed_war_into_another(seed):
    """The seed's "defence ministry" is Azerbaijan's; in an article that never names
    Azerbaijan, "the defence ministry" is a new actor for an editor to decide on."""
    report = ingest_article(LASHIO, LASHIO_DATE)
    vehicles = Claim.objects.get(quote__startswith="Rebel fighters destroyed")
    assert vehicles.claimant.slug != "azerbaijan-defence-ministry"
    assert (vehicles.claimant.name, vehicles.claimant.status) == (
        "defence ministry",
        ReviewStatus.DRAFT,
    )
    assert any(d.kind == "new_actor" and d.id == vehicles.claimant.pk for d in report.decisions)
    assert "defence ministry" in Actor.objects.get(slug="azerbaijan-defence-ministry").aliases


def test_each_town_becomes_one_draft_place(seed):
    curated = set(Place.objects.values_list("pk", flat=True))
    for body, published_on in PARAGRAPHS:
        ingest_article(body, published_on)
    new = Place.objects.exclude(pk__in=curated)
    assert sorted(new.values_list("name", "kind", "status")) == [
        ("Djibo", "city_town", ReviewStatus.DRAFT),
        ("El Fasher", "city_town", ReviewStatus.DRAFT),
        ("Gao", "city_town", ReviewStatus.DRAFT),
        ("Lashio", "city_town", ReviewStatus.DRAFT),
        ("Odesa", "city_town", ReviewStatus.DRAFT),
        ("Rafah", "city_town", ReviewStatus.DRAFT),
    ]
    # Only "since May 10" and "so far" make running totals among the new losses.
    cumulative = Loss.objects.filter(claim__article__published_on__year=2024, cumulative=True)
    assert sorted(loss.count_text for loss in cumulative) == [
        "14 militants",
        "More than 1,200 people",
    ]
