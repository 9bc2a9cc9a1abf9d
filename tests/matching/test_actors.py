"""Actors matched across articles: word order, a country's adjective, a capital speaking."""

import datetime as dt

import pytest

from conflict.ingestion import DecisionKind, ingest_article
from conflict.matching.actors import name_key
from conflict.matching.decisions import decide
from conflict.models import Actor, ActorMatch, Claim, MatchOutcome
from conflict.models.choices import ReviewStatus

pytestmark = pytest.mark.django_db

DAY = dt.date(2020, 10, 11)


def claimant_of(quote_start: str) -> Actor:
    return Claim.objects.get(quote__startswith=quote_start).claimant


def test_names_compare_as_words() -> None:
    assert name_key("Azerbaijan's Defence Ministry") == name_key(
        "Ministry of Defence of Azerbaijan"
    )
    assert name_key("the Armenian Defense Ministry") == name_key("Armenia\u2019s defence ministry")
    assert name_key("Armenian Defence Ministry") != name_key("Azerbaijani Defence Ministry")


def test_a_known_ministry_under_another_wording_is_that_ministry(seed) -> None:
    known = Actor.objects.get(name="Ministry of Defence of Azerbaijan")
    text = (
        "Drone downed\n\nA drone was shot down near Tartar, Azerbaijan's Defence Ministry said.\n"
    )
    report = ingest_article(text, DAY, publisher="Outlet One")

    assert claimant_of("A drone was shot down") == known
    assert report.counts["actors_matched"] == 1
    match = ActorMatch.objects.get(article=report.article)
    assert (match.outcome, match.candidate, match.new_name) == (
        MatchOutcome.ATTACHED,
        known,
        "Azerbaijan's Defence Ministry",
    )
    known.refresh_from_db()
    assert "Azerbaijan's Defence Ministry" in known.aliases
    assert not Actor.objects.filter(name="Azerbaijan's Defence Ministry").exists()


def test_a_capital_speaking_is_its_government(seed) -> None:
    Actor.objects.create(name="Ukraine", slug="ukraine", kind="state", country="UA")
    government = Actor.objects.create(
        name="Government of Ukraine", slug="ukraine-government", kind="government_body",
        country="UA", status=ReviewStatus.PUBLISHED,
    )  # fmt: skip
    text = "Talks\n\nThe talks will resume next week, Kyiv said on Sunday.\n"
    ingest_article(text, DAY, publisher="Outlet One")

    assert claimant_of("The talks will resume") == government
    assert not Actor.objects.filter(name="Kyiv").exists()


def test_a_capital_speaking_is_its_state_when_no_government_is_known(seed) -> None:
    state = Actor.objects.create(name="Ukraine", slug="ukraine", kind="state", country="UA")
    text = "Talks\n\nThe talks will resume next week, Kyiv said on Sunday.\n"
    ingest_article(text, DAY, publisher="Outlet One")

    assert claimant_of("The talks will resume") == state


def test_a_capital_speaking_of_an_unknown_country_is_a_new_state_of_that_country(seed) -> None:
    text = "Talks\n\nThe talks will resume next week, Kyiv said on Sunday.\n"
    ingest_article(text, DAY, publisher="Outlet One")

    new = claimant_of("The talks will resume")
    assert (new.name, new.kind, new.country, new.status) == (
        "Ukraine", "state", "UA", ReviewStatus.DRAFT,
    )  # fmt: skip


def test_a_name_only_like_a_known_one_is_a_possible_match_for_an_editor(seed, editor) -> None:
    known = Actor.objects.get(name="Ministry of Defence of Azerbaijan")
    text = "Drone downed\n\nA drone was shot down, Azerbaijan's Defence Ministries said.\n"
    report = ingest_article(text, DAY, publisher="Outlet One")

    new = claimant_of("A drone was shot down")
    assert new.status == ReviewStatus.DRAFT
    assert new != known
    [decision] = [d for d in report.decisions if d.kind == DecisionKind.POSSIBLE_ACTOR_MATCH]
    assert decision.id == new.pk
    match = ActorMatch.objects.get(article=report.article, rank=1)
    assert match.candidate == known
    assert match.outcome == MatchOutcome.POSSIBLE

    decide(match, same=True, user=editor)
    assert claimant_of("A drone was shot down") == known
    match.refresh_from_db()
    assert match.outcome == MatchOutcome.SAME
    assert match.actor is None


def test_another_country_s_ministry_is_never_merged(seed) -> None:
    text = "Drone downed\n\nA drone was shot down, Armenia's Defence Ministry said.\n"
    ingest_article(text, DAY, publisher="Outlet One")

    new = claimant_of("A drone was shot down")
    assert new.name == "Armenia's Defence Ministry"
    assert new.status == ReviewStatus.DRAFT
    assert not ActorMatch.objects.filter(actor=new).exists()


def test_a_one_letter_typo_of_a_known_name_is_that_actor(seed) -> None:
    known = Actor.objects.get(name="Ministry of Defence of Azerbaijan")
    text = "Drone downed\n\nA drone was shot down, Azerbaijan's Defence Minstry said.\n"
    ingest_article(text, DAY, publisher="Outlet One")

    assert claimant_of("A drone was shot down") == known
