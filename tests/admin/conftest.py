"""Data for the admin tests: one of every model, linked the way the seed links them."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

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
from conflict.quotes import locate_quote

# Three paragraphs: one with markup and an ampersand in it, one with a repeated sentence.
BODY = (
    "Azerbaijan said the city of Ganja had been shelled on Thursday.\n"
    'Baku denied shelling the <b>cathedral</b> in Shusha & called it "a provocation".\n'
    "Armenia said 30 servicemen were killed. Armenia said 30 servicemen were killed.\n"
    "Discussion about this post"
)
REPEATED = "Armenia said 30 servicemen were killed."


@dataclass
class World:
    article: Article
    state: Actor
    ministry: Actor
    armenia: Actor
    country: Place
    city: Place
    report: Claim
    denial: Claim
    toll: Claim
    incident: Incident
    participant: IncidentParticipant
    link: ClaimLink
    loss: Loss


def make_claim(article: Article, quote: str, occurrence: int | None = None, **fields) -> Claim:
    start, end = locate_quote(article.body, quote, occurrence)
    fields.setdefault("category", "event_report")
    fields.setdefault("text", f"Paraphrase of: {quote}")
    claim = Claim(article=article, quote=quote, span_start=start, span_end=end, **fields)
    claim.full_clean()
    claim.save()
    return claim


@pytest.fixture
def world(db) -> World:
    article = Article.objects.create(
        title="Clashes before ceasefire talks",
        title_is_editorial=True,
        slug="clashes-before-talks",
        published_on="2020-10-08",
        published_on_inferred=True,
        body=BODY,
    )
    state = Actor.objects.create(name="Azerbaijan", slug="azerbaijan", kind="state", country="AZ")
    ministry = Actor.objects.create(
        name="Ministry of Defence of Azerbaijan",
        slug="az-mod",
        kind="ministry_agency",
        country="AZ",
        parent=state,
        aliases=["the defence ministry", "Baku"],
    )
    armenia = Actor.objects.create(name="Armenia", slug="armenia", kind="state", country="AM")
    country = Place.objects.create(name="Azerbaijan", slug="azerbaijan", kind="country")
    city = Place.objects.create(
        name="Ganja",
        slug="ganja",
        kind="city_town",
        country="AZ",
        parent=country,
        latitude=40.68,
        longitude=46.36,
        precision="near",
        aliases=["Gandja"],
    )
    report = make_claim(article, "the city of Ganja had been shelled", claimant=state)
    denial = make_claim(
        article,
        "Baku denied shelling the <b>cathedral</b>",
        claimant=ministry,
        stance="denies",
        category="position",
    )
    toll = make_claim(article, REPEATED, occurrence=2, claimant=armenia, category="toll")
    incident = Incident.objects.create(
        title="Shelling of Ganja",
        slug="shelling-of-ganja",
        kind="shelling",
        occurred_on="2020-10-08",
        date_precision="day",
        date_text="on Thursday",
    )
    incident.places.add(city)
    report.incidents.add(incident)
    participant = IncidentParticipant.objects.create(incident=incident, actor=state, role="target")
    link = ClaimLink.objects.create(source=denial, target=report, relation="responds_to")
    loss = Loss.objects.create(
        claim=toll,
        side=armenia,
        category="killed",
        population="military",
        count_low=30,
        count_best=30,
        count_high=30,
        count_text="30 servicemen",
    )
    return World(
        article=article,
        state=state,
        ministry=ministry,
        armenia=armenia,
        country=country,
        city=city,
        report=report,
        denial=denial,
        toll=toll,
        incident=incident,
        participant=participant,
        link=link,
        loss=loss,
    )


def add_bundles(first: int, count: int) -> None:
    """``count`` more rows of every model, each fully related, for query-count tests."""
    for i in range(first, first + count):
        body = f"Side {i} said town {i} was shelled.\nSide {i} denied it."
        article = Article.objects.create(title=f"Report {i}", slug=f"report-{i}", body=body)
        parent = Actor.objects.create(name=f"State {i}", slug=f"state-{i}", kind="state")
        actor = Actor.objects.create(
            name=f"Army {i}", slug=f"army-{i}", kind="armed_force", parent=parent
        )
        region = Place.objects.create(name=f"Region {i}", slug=f"region-{i}", kind="region")
        town = Place.objects.create(
            name=f"Town {i}", slug=f"town-{i}", kind="city_town", parent=region
        )
        said = make_claim(article, f"town {i} was shelled", claimant=actor)
        denied = make_claim(article, f"Side {i} denied it", claimant=parent, stance="denies")
        incident = Incident.objects.create(
            title=f"Shelling of town {i}",
            slug=f"shelling-{i}",
            kind="shelling",
            occurred_on="2020-10-07",
            date_precision="day",
        )
        incident.places.add(town, region)
        said.incidents.add(incident)
        IncidentParticipant.objects.create(incident=incident, actor=actor, role="perpetrator")
        ClaimLink.objects.create(source=denied, target=said, relation="contradicts")
        Loss.objects.create(
            claim=said, incident=incident, side=parent, category="damaged", qualifier="many"
        )
