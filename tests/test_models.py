"""Domain invariants: model validation for editors, database constraints for everyone else."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from conflict.models import (
    Actor,
    Article,
    Claim,
    ClaimLink,
    Incident,
    Loss,
    Place,
)
from conflict.models.article import sha256_hex
from conflict.quotes import QuoteError, locate_quote, paragraph_bounds

BODY = "Baku said Ganja was shelled.\nArmenia denied it. Armenia denied it.\nThe end."

pytestmark = pytest.mark.django_db


@pytest.fixture
def article() -> Article:
    return Article.objects.create(title="Test", slug="test", body=BODY)


@pytest.fixture
def claim(article: Article) -> Claim:
    claim = Claim(article=article, category="event_report", text="Ganja shelled.", quote="Ganja")
    claim.full_clean()
    claim.save()
    return claim


def violates_constraint(queryset, **changes) -> bool:
    """True when the database itself refuses the update (no model validation involved)."""
    try:
        with transaction.atomic():
            queryset.update(**changes)
    except IntegrityError:
        return True
    return False


# --- quotes -----------------------------------------------------------------------------


def test_locate_quote_finds_a_unique_quote() -> None:
    assert locate_quote(BODY, "Ganja was shelled") == (10, 27)


def test_locate_quote_refuses_missing_and_ambiguous_quotes() -> None:
    with pytest.raises(QuoteError, match="does not occur"):
        locate_quote(BODY, "Shusha")
    with pytest.raises(QuoteError, match="occurs 2 times"):
        locate_quote(BODY, "Armenia denied it.")
    assert locate_quote(BODY, "Armenia denied it.", occurrence=2) == (48, 66)
    with pytest.raises(QuoteError, match="Occurrence 3"):
        locate_quote(BODY, "Armenia denied it.", occurrence=3)


def test_paragraph_bounds_is_the_line_holding_the_span() -> None:
    start, end = locate_quote(BODY, "Armenia denied it.", occurrence=2)
    para_start, para_end = paragraph_bounds(BODY, start, end)
    assert BODY[para_start:para_end] == "Armenia denied it. Armenia denied it."


# --- article ----------------------------------------------------------------------------


def test_article_keeps_the_hash_of_its_body(article: Article) -> None:
    assert article.body_sha256 == sha256_hex(BODY)
    article.body = BODY + "\nMore."
    article.save(update_fields=["body"])
    article.refresh_from_db()
    assert article.body_sha256 == sha256_hex(BODY + "\nMore.")


def test_the_same_text_cannot_be_stored_twice(article: Article) -> None:
    with pytest.raises(ValidationError) as exc:
        Article(title="Copy", slug="copy", body=BODY).full_clean()
    assert "body_sha256" in exc.value.message_dict


def test_editing_a_body_that_moves_a_quote_is_refused(claim: Claim) -> None:
    article = claim.article
    article.body = "Prefix. " + BODY
    with pytest.raises(ValidationError) as exc:
        article.full_clean()
    assert "body" in exc.value.message_dict


def test_unknown_publisher_is_null_not_blank(article: Article) -> None:
    article.publisher = ""
    article.full_clean()
    assert article.publisher is None
    assert violates_constraint(Article.objects.filter(pk=article.pk), publisher="")


def test_a_numeric_slug_is_refused() -> None:
    with pytest.raises(ValidationError) as exc:
        Article(title="x", slug="2020", body="text").full_clean()
    assert "slug" in exc.value.message_dict


# --- claims -----------------------------------------------------------------------------


def test_a_pasted_quote_gets_its_offsets(claim: Claim) -> None:
    assert (claim.span_start, claim.span_end) == (10, 15)
    assert BODY[claim.span_start : claim.span_end] == claim.quote


@pytest.mark.parametrize(
    ("quote", "message"), [("Shusha", "does not occur"), ("Armenia denied it.", "occurs 2 times")]
)
def test_a_quote_that_is_not_found_once_is_a_quote_error(
    article: Article, quote: str, message: str
) -> None:
    claim = Claim(article=article, category="other", text="x", quote=quote)
    with pytest.raises(ValidationError) as exc:
        claim.full_clean()
    assert message in " ".join(exc.value.message_dict["quote"])


def test_offsets_that_do_not_frame_the_quote_are_refused(article: Article) -> None:
    claim = Claim(
        article=article, category="other", text="x", quote="Ganja", span_start=0, span_end=5
    )
    with pytest.raises(ValidationError) as exc:
        claim.full_clean()
    assert "quote" in exc.value.message_dict


def test_the_database_refuses_spans_that_do_not_fit_the_quote(claim: Claim) -> None:
    rows = Claim.objects.filter(pk=claim.pk)
    assert violates_constraint(rows, span_end=claim.span_end + 1)
    assert violates_constraint(rows, span_start=claim.span_end, span_end=claim.span_start)


def test_contested_means_in_a_contradiction(claim: Claim) -> None:
    denial = Claim(article=claim.article, stance="denies", category="other", text="No.",
                   quote="Armenia denied it.", span_start=29, span_end=47)  # fmt: skip
    denial.full_clean()
    denial.save()
    other = Claim.objects.create(
        article=claim.article, category="other", text="End.", quote="The end.",
        span_start=BODY.index("The end."), span_end=len(BODY),
    )  # fmt: skip
    ClaimLink.objects.create(source=denial, target=claim, relation="contradicts")
    ClaimLink.objects.create(source=other, target=claim, relation="supports")
    contested = dict(Claim.objects.with_contested().values_list("pk", "contested"))
    assert contested == {claim.pk: True, denial.pk: True, other.pk: False}


def test_a_claim_cannot_link_to_itself(claim: Claim) -> None:
    with pytest.raises(ValidationError):
        ClaimLink(source=claim, target=claim, relation="supports").full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimLink.objects.create(source=claim, target=claim, relation="supports")


# --- incidents --------------------------------------------------------------------------


def test_incident_dates_must_be_ordered_and_have_a_precision(claim: Claim) -> None:
    incident = Incident(
        title="Fighting", slug="fighting", kind="armed_clash",
        occurred_on=dt.date(2020, 10, 8), occurred_until=dt.date(2020, 9, 27),
        date_precision="span",
    )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        incident.full_clean()
    assert "occurred_until" in exc.value.message_dict
    incident.occurred_until = None
    incident.date_precision = ""
    with pytest.raises(ValidationError) as exc:
        incident.full_clean()
    assert "date_precision" in exc.value.message_dict

    incident.date_precision = "day"
    incident.save()
    claim.incidents.add(incident)
    rows = Incident.objects.filter(pk=incident.pk)
    assert violates_constraint(rows, occurred_until=dt.date(2020, 1, 1))
    assert violates_constraint(rows, date_precision="")


def test_a_saved_incident_must_be_backed_by_a_claim(claim: Claim) -> None:
    incident = Incident.objects.create(title="Shelling", slug="shelling", kind="shelling")
    with pytest.raises(ValidationError, match="backed by at least one claim"):
        incident.full_clean()
    claim.incidents.add(incident)
    incident.full_clean()


def test_incident_contested_follows_its_claims(claim: Claim) -> None:
    incident = Incident.objects.create(title="Shelling", slug="shelling", kind="shelling")
    claim.incidents.add(incident)
    assert Incident.objects.with_contested().get().contested is False
    Claim.objects.filter(pk=claim.pk).update(stance="denies")
    assert Incident.objects.with_contested().get().contested is True


def test_acled_event_type_is_derived_from_the_kind() -> None:
    assert Incident(kind="shelling").acled_event_type == "Explosions/Remote violence"
    assert Incident(kind="diplomatic_meeting").acled_event_type == "Strategic developments"


# --- losses -----------------------------------------------------------------------------


def loss(claim: Claim, **fields) -> Loss:
    base = {"claim": claim, "category": "killed", "population": "civilian"}
    return Loss(**{**base, **fields})


def test_counts_must_be_ordered(claim: Claim) -> None:
    with pytest.raises(ValidationError) as exc:
        loss(claim, count_low=5, count_best=3, count_high=10).full_clean()
    assert "count_low" in exc.value.message_dict
    saved = loss(claim, count_low=1, count_best=1, count_high=1)
    saved.save()
    rows = Loss.objects.filter(pk=saved.pk)
    assert violates_constraint(rows, count_high=0)
    assert violates_constraint(rows, count_low=2)


def test_counts_are_never_negative(claim: Claim) -> None:
    saved = loss(claim, count_best=1)
    saved.save()
    assert violates_constraint(Loss.objects.filter(pk=saved.pk), count_best=-1)


def test_a_vague_amount_is_a_qualifier_not_a_number(claim: Claim) -> None:
    with pytest.raises(ValidationError) as exc:
        loss(claim, category="wounded").full_clean()
    assert "count_best" in exc.value.message_dict
    loss(claim, category="wounded", qualifier="many").full_clean()
    saved = loss(claim, category="wounded", qualifier="many")
    saved.save()
    assert violates_constraint(Loss.objects.filter(pk=saved.pk), qualifier="")


def test_people_have_a_population_and_materiel_an_equipment(claim: Claim) -> None:
    with pytest.raises(ValidationError) as exc:
        loss(claim, population="", count_best=1).full_clean()
    assert "population" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        loss(claim, category="destroyed", equipment="tank", count_best=10).full_clean()
    assert "population" in exc.value.message_dict
    tanks = loss(claim, category="destroyed", population="", equipment="tank", count_best=10)
    tanks.full_clean()
    tanks.save()
    assert violates_constraint(Loss.objects.filter(pk=tanks.pk), population="military")


def test_period_must_be_ordered(claim: Claim) -> None:
    with pytest.raises(ValidationError) as exc:
        loss(
            claim, count_best=1,
            period_start=dt.date(2020, 10, 8), period_end=dt.date(2020, 9, 27),
        ).full_clean()  # fmt: skip
    assert "period_end" in exc.value.message_dict


# --- actors and places ------------------------------------------------------------------


def test_actor_vocabulary_and_codes_are_checked() -> None:
    with pytest.raises(ValidationError) as exc:
        Actor(name="X", slug="x", kind="warlord", country="az", wikidata_id="227").full_clean()
    assert set(exc.value.message_dict) >= {"kind", "country", "wikidata_id"}
    actor = Actor.objects.create(name="Azerbaijan", slug="azerbaijan", kind="state", country="AZ")
    rows = Actor.objects.filter(pk=actor.pk)
    assert violates_constraint(rows, country="az")
    assert violates_constraint(rows, wikidata_id="227")


def test_aliases_are_a_list_of_distinct_names() -> None:
    actor = Actor(name="Azerbaijan", slug="azerbaijan", kind="state", aliases=["Baku", "Baku"])
    with pytest.raises(ValidationError) as exc:
        actor.full_clean()
    assert "aliases" in exc.value.message_dict
    actor.aliases = "Baku"
    with pytest.raises(ValidationError):
        actor.full_clean()


def test_a_hierarchy_cannot_loop() -> None:
    army = Actor.objects.create(name="Army", slug="army", kind="armed_force")
    regiment = Actor.objects.create(name="7th", slug="7th", kind="armed_force", parent=army)
    army.parent = regiment
    with pytest.raises(ValidationError) as exc:
        army.full_clean()
    assert "parent" in exc.value.message_dict
    assert violates_constraint(Actor.objects.filter(pk=army.pk), parent=army)


def test_a_point_needs_both_coordinates_and_a_precision() -> None:
    with pytest.raises(ValidationError) as exc:
        Place(name="Ganja", slug="ganja", kind="city_town", latitude=40.68).full_clean()
    assert "longitude" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        Place(name="Ganja", slug="ganja", kind="city_town", latitude=40.68, longitude=46.36
              ).full_clean()  # fmt: skip
    assert "precision" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        Place(name="X", slug="x", kind="city_town", latitude=91, longitude=0, precision="exact"
              ).full_clean()  # fmt: skip
    assert "latitude" in exc.value.message_dict
    ganja = Place.objects.create(
        name="Ganja", slug="ganja", kind="city_town", latitude=40.68, longitude=46.36,
        precision="exact",
    )  # fmt: skip
    rows = Place.objects.filter(pk=ganja.pk)
    assert violates_constraint(rows, precision="")
    assert violates_constraint(rows, latitude=None)
    assert violates_constraint(rows, longitude=200)
