"""A small, exact world for the API tests: every filter has rows it keeps and rows it drops."""

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from rest_framework.response import Response
from rest_framework.test import APIClient

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

OCT_8 = dt.date(2020, 10, 8)

BODY_ONE = (
    "Azerbaijan said the city of Ganja had been shelled by Armenian forces on Thursday.\n"
    "One civilian was killed and many were wounded, it said.\n"
    "Armenia said Azerbaijan shelled a historic cathedral in Shusha.\n"
    "\u201cThe damage to the church has nothing to do with our army,\u201d the defence "
    "ministry said in a statement.\n"
    "Fighting has raged since September 27.\n"
    "Armenia said 350 of its soldiers had been killed since September 27.\n"
    "Azerbaijan said it destroyed two D-20 howitzers.\n"
)
BODY_TWO = (
    "Talks are due in Moscow on Friday.\n"
    "Prime Minister Pashinyan told Euronews that the cathedral was hit deliberately.\n"
    "A drone was shot down, officials said.\n"
)


def make_claim(article: Article, quote: str, **fields: Any) -> Claim:
    start, end = locate_quote(article.body, quote)
    fields.setdefault("text", quote)
    return Claim.objects.create(
        article=article, quote=quote, span_start=start, span_end=end, **fields
    )


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def world(db) -> SimpleNamespace:
    w = SimpleNamespace()
    w.article = Article.objects.create(
        title="Clashes ahead of talks",
        title_is_editorial=True,
        slug="clashes-ahead-of-talks",
        published_on=OCT_8,
        published_on_inferred=True,
        language="en",
        body=BODY_ONE,
    )
    w.article2 = Article.objects.create(
        title="Pashinyan speaks to Euronews",
        slug="pashinyan-speaks",
        publisher="Euronews",
        source_url="https://example.org/pashinyan",
        published_on=dt.date(2020, 10, 10),
        language="fr",
        body=BODY_TWO,
    )

    w.azerbaijan = Actor.objects.create(
        name="Azerbaijan", slug="azerbaijan", kind="state", country="AZ", aliases=["Baku"]
    )
    w.armenia = Actor.objects.create(
        name="Armenia", slug="armenia", kind="state", country="AM", aliases=["Yerevan"]
    )
    w.ministry = Actor.objects.create(
        name="Azerbaijani defence ministry",
        slug="az-defence-ministry",
        kind="ministry_agency",
        country="AZ",
        parent=w.azerbaijan,
    )
    w.army = Actor.objects.create(
        name="Armenian army",
        slug="armenian-army",
        kind="armed_force",
        country="AM",
        parent=w.armenia,
    )
    w.pashinyan = Actor.objects.create(
        name="Nikol Pashinyan",
        slug="pashinyan",
        kind="person",
        country="AM",
        role="Prime Minister",
        wikidata_id="Q7045997",
    )
    w.euronews = Actor.objects.create(name="Euronews", slug="euronews", kind="media_outlet")

    w.az = Place.objects.create(
        name="Azerbaijan", slug="azerbaijan-country", kind="country", country="AZ"
    )
    w.ganja = Place.objects.create(
        name="Ganja",
        slug="ganja",
        kind="city_town",
        country="AZ",
        parent=w.az,
        latitude=40.68,
        longitude=46.36,
        precision="exact",
        aliases=["Gyandzha"],
    )
    w.shusha = Place.objects.create(
        name="Shusha",
        slug="shusha",
        kind="city_town",
        latitude=39.76,
        longitude=46.75,
        precision="near",
        aliases=["Shushi"],
        wikidata_id="Q186140",
    )
    w.goranboy = Place.objects.create(
        name="Goranboy", slug="goranboy", kind="province_district", country="AZ", parent=w.az
    )

    w.ganja_shelling = Incident.objects.create(
        title="Shelling of Ganja",
        slug="ganja-shelling",
        kind="shelling",
        occurred_on=OCT_8,
        date_precision="day",
        date_text="on Thursday",
    )
    w.ganja_shelling.places.add(w.ganja)
    w.cathedral = Incident.objects.create(
        title="Shelling of the Shusha cathedral",
        slug="shusha-cathedral",
        kind="shelling",
        occurred_on=OCT_8,
        date_precision="day",
        description="A historic cathedral was hit.",
    )
    w.cathedral.places.add(w.shusha)
    w.fighting = Incident.objects.create(
        title="Fighting along the front",
        slug="fighting",
        kind="armed_clash",
        occurred_on=dt.date(2020, 9, 27),
        occurred_until=OCT_8,
        date_precision="span",
        date_text="since September 27",
    )
    w.fighting.places.add(w.ganja, w.goranboy)
    w.talks = Incident.objects.create(
        title="Talks in Moscow",
        slug="moscow-talks",
        kind="diplomatic_meeting",
        occurred_on=dt.date(2020, 10, 9),
        date_precision="day",
        date_text="on Friday",
    )
    w.undated = Incident.objects.create(
        title="Drone shot down", slug="drone-shot-down", kind="disrupted_weapons_use"
    )
    IncidentParticipant.objects.create(incident=w.ganja_shelling, actor=w.army, role="perpetrator")
    IncidentParticipant.objects.create(incident=w.ganja_shelling, actor=w.azerbaijan, role="target")
    IncidentParticipant.objects.create(incident=w.cathedral, actor=w.azerbaijan, role="perpetrator")
    IncidentParticipant.objects.create(incident=w.talks, actor=w.armenia, role="participant")
    IncidentParticipant.objects.create(incident=w.talks, actor=w.azerbaijan, role="participant")

    a = w.article
    w.ganja_claim = make_claim(
        a,
        "Azerbaijan said the city of Ganja had been shelled by Armenian forces on Thursday.",
        text="Ganja was shelled by Armenian forces.",
        claimant=w.azerbaijan,
        category="event_report",
        stated_on=OCT_8,
        stated_on_inferred=True,
    )
    w.ganja_claim.incidents.add(w.ganja_shelling)
    w.toll_claim = make_claim(
        a,
        "One civilian was killed and many were wounded, it said.",
        claimant=w.azerbaijan,
        category="toll",
        stated_on=OCT_8,
        stated_on_inferred=True,
    )
    w.toll_claim.incidents.add(w.ganja_shelling)
    w.cathedral_claim = make_claim(
        a,
        "Armenia said Azerbaijan shelled a historic cathedral in Shusha.",
        text="Azerbaijan shelled the Shusha cathedral.",
        claimant=w.armenia,
        category="allegation",
        stated_on=OCT_8,
    )
    w.cathedral_claim.incidents.add(w.cathedral)
    w.denial = make_claim(
        a,
        "\u201cThe damage to the church has nothing to do with our army,\u201d",
        text="The army did not damage the cathedral.",
        claimant=w.ministry,
        stance="denies",
        category="event_report",
        is_direct_quote=True,
        channel="in a statement",
        stated_on=OCT_8,
    )
    w.denial.incidents.add(w.cathedral)
    w.narration = make_claim(a, "Fighting has raged since September 27.", category="event_report")
    w.narration.incidents.add(w.fighting)
    w.soldiers_claim = make_claim(
        a,
        "Armenia said 350 of its soldiers had been killed since September 27.",
        claimant=w.armenia,
        category="toll",
        stated_on=OCT_8,
        stated_on_inferred=True,
    )
    w.soldiers_claim.incidents.add(w.fighting)
    w.howitzer_claim = make_claim(
        a,
        "Azerbaijan said it destroyed two D-20 howitzers.",
        claimant=w.azerbaijan,
        category="toll",
        stated_on=dt.date(2020, 10, 7),
    )
    w.pashinyan_claim = make_claim(
        w.article2,
        "Prime Minister Pashinyan told Euronews that the cathedral was hit deliberately.",
        text="The cathedral was hit deliberately.",
        claimant=w.pashinyan,
        category="allegation",
        channel="told Euronews",
        channel_actor=w.euronews,
        stated_on=dt.date(2020, 10, 10),
    )
    w.pashinyan_claim.incidents.add(w.cathedral)
    w.talks_claim = make_claim(
        w.article2,
        "Talks are due in Moscow on Friday.",
        category="other",
        stated_on=dt.date(2020, 10, 10),
    )
    w.talks_claim.incidents.add(w.talks)
    w.drone_claim = make_claim(
        w.article2, "A drone was shot down, officials said.", category="event_report"
    )
    w.drone_claim.incidents.add(w.undated)

    w.contradiction = ClaimLink.objects.create(
        source=w.denial, target=w.cathedral_claim, relation="contradicts"
    )
    w.support = ClaimLink.objects.create(
        source=w.pashinyan_claim, target=w.cathedral_claim, relation="supports"
    )

    w.civilian_killed = Loss.objects.create(
        claim=w.toll_claim,
        incident=w.ganja_shelling,
        side=w.azerbaijan,
        category="killed",
        population="civilian",
        count_low=1,
        count_best=1,
        count_high=1,
        count_text="One civilian",
    )
    w.civilians_wounded = Loss.objects.create(
        claim=w.toll_claim,
        incident=w.ganja_shelling,
        side=w.azerbaijan,
        category="wounded",
        population="civilian",
        qualifier="many",
    )
    w.soldiers_killed = Loss.objects.create(
        claim=w.soldiers_claim,
        incident=w.fighting,
        side=w.armenia,
        category="killed",
        population="military",
        count_low=350,
        count_best=350,
        count_high=350,
        period_start=dt.date(2020, 9, 27),
        period_end=OCT_8,
        cumulative=True,
    )
    w.howitzers = Loss.objects.create(
        claim=w.howitzer_claim,
        side=w.armenia,
        category="destroyed",
        equipment="D-20 howitzer",
        count_low=2,
        count_best=2,
        count_high=2,
    )
    w.cathedral_damaged = Loss.objects.create(
        claim=w.pashinyan_claim,
        incident=w.cathedral,
        side=w.armenia,
        category="damaged",
        equipment="cathedral",
        count_best=1,
    )
    # The public API shows published records; this world is what the public reads.
    for model in (Claim, Incident, Loss):
        model.objects.update(status="published")
    return w


def results(response: Response) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def ids(response: Response) -> list[int]:
    return [row["id"] for row in results(response)]


def slugs(response: Response) -> list[str]:
    return [row["slug"] for row in results(response)]


def error_attrs(response: Response) -> list[str | None]:
    body = response.json()
    return [error["attr"] for error in body["errors"]]


def with_ids(world: SimpleNamespace, query: dict[str, str]) -> dict[str, str]:
    """Fill ``{name}`` placeholders with the id of the world's object of that name."""
    objects = {name: obj.id for name, obj in vars(world).items()}
    return {key: value.format(**objects) for key, value in query.items()}


def assert_filter(api: APIClient, url: str, query: dict[str, str], expected: list[Any]) -> None:
    """The filter keeps exactly ``expected``, and drops at least one row (so it did something)."""
    everything = ids(api.get(url, {"ordering": "id", "page_size": 500}))
    got = ids(api.get(url, {**query, "ordering": "id", "page_size": 500}))
    want = sorted(obj.id for obj in expected)
    assert got == want
    assert set(want) < set(everything)
