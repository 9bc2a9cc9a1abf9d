"""generate_synthetic: deterministic, valid, in the seed's proportions, and careful with
curated data."""

import pytest
from django.core.management import CommandError, call_command

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

CLAIMS = 400
TIMESTAMPS = {"created_at", "updated_at"}


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every model written, timestamps aside."""
    rows = {}
    for model in (Actor, Place, Article, Incident, IncidentParticipant, Claim, Loss, ClaimLink):
        names = [f.attname for f in model._meta.concrete_fields if f.name not in TIMESTAMPS]
        rows[model.__name__] = list(model._base_manager.order_by("id").values_list(*names))
    for through in (Claim.incidents.through, Incident.places.through):
        names = [f.attname for f in through._meta.concrete_fields if f.name != "id"]
        rows[through.__name__] = sorted(through.objects.values_list(*names))
    return rows


def delete_everything() -> None:
    for model in (ClaimLink, Loss, Claim, IncidentParticipant, Incident, Article):
        model._base_manager.all().delete()
    for model in (Actor, Place):
        model._base_manager.update(parent=None)
        model._base_manager.all().delete()


def generate(claims: int = CLAIMS, seed: int = 7, **options) -> None:
    call_command("generate_synthetic", claims=claims, seed=seed, verbosity=0, **options)


@pytest.fixture
def dataset(db) -> None:
    generate()


def test_the_same_seed_writes_the_same_rows(db):
    generate()
    first = snapshot()
    delete_everything()
    generate()
    assert snapshot() == first
    delete_everything()
    generate(seed=8)
    assert snapshot()["Claim"] != first["Claim"]


def test_every_quote_is_its_span_of_the_article(dataset):
    claims = Claim.objects.select_related("article")
    assert claims.count() == CLAIMS
    for claim in claims:
        assert claim.article.body[claim.span_start : claim.span_end] == claim.quote
    # Direct quotes sit inside quotation marks, the others are whole sentences.
    direct = claims.filter(is_direct_quote=True).first()
    assert direct.article.body[direct.span_start - 1] == '"'


def test_every_row_passes_model_validation(dataset):
    for model in (Actor, Place, Article, Incident, IncidentParticipant, Claim, Loss, ClaimLink):
        for record in model.objects.all():
            record.full_clean()


def test_proportions_follow_the_seed(dataset):
    claims = Claim.objects.count()
    # The seed: 55 claims, 18 incidents, 16 losses, 9 links per article.
    assert 35 <= claims / Article.objects.count() <= 75
    assert 0.25 <= Incident.objects.count() / claims <= 0.45
    assert 0.15 <= Loss.objects.count() / claims <= 0.45
    assert 0.08 <= ClaimLink.objects.count() / claims <= 0.25
    assert 0.05 <= Claim.objects.filter(stance="denies").count() / claims <= 0.25
    assert 0.15 <= Claim.objects.filter(claimant=None).count() / claims <= 0.4
    assert 1.5 <= IncidentParticipant.objects.count() / Incident.objects.count() <= 3
    # Every incident and every loss is backed by a claim; everything is public.
    assert not Incident.objects.filter(claims=None).exists()
    for model in (Claim, Incident, Loss):
        assert set(model.objects.values_list("status", flat=True)) == {"published"}
    assert Claim.objects.with_contested().filter(contested=True).exists()
    # Actors and places in hierarchies; places with points; incidents over several years.
    assert Actor.objects.filter(parent__parent__isnull=False).exists()
    assert Place.objects.filter(parent__parent__isnull=False).exists()
    assert not Place.objects.filter(latitude=None).exists()
    years = {d.year for d in Incident.objects.values_list("occurred_on", flat=True)}
    assert len(years) >= 3


def test_a_database_with_records_is_refused_unless_forced(seed):
    curated = Claim.objects.count()
    with pytest.raises(CommandError, match="already holds 1 articles"):
        generate(claims=50)
    assert Claim.objects.count() == curated
    generate(claims=50, force=True)
    assert Claim.objects.count() == curated + 50
    # The seed's rows are untouched, and new records still get fresh ids (sequences moved on).
    assert Article.objects.filter(slug__startswith="synthetic-").count() >= 1
    actor = Actor.objects.create(name="New actor", slug="new-actor", kind="state")
    assert actor.id > Actor.objects.exclude(pk=actor.pk).order_by("-id").first().id


def test_a_claim_count_below_one_is_an_error(db):
    with pytest.raises(CommandError, match="at least 1"):
        generate(claims=0)
