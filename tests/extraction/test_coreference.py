"""Within one article: a surname alone is the person named in full before, a definite role
("the regional governor") is the person the article names with that role, natural features
are not towns, and one span ("overnight", "over the past day") does not fuse two events.
Paragraphs written for this test."""

import datetime as dt

import pytest

from conflict.extraction import Gazetteer, extract

PUBLISHED = dt.date(2024, 9, 4)


@pytest.fixture(scope="module")
def world() -> Gazetteer:
    return Gazetteer.world()


def test_a_surname_alone_is_the_person_named_before(world: Gazetteer) -> None:
    text = (
        "Ihor Marchenko, a spokesman for the regional police, said drones struck a fuel "
        "depot in the city of Sumy on Tuesday.\n\n"
        "“The fire is under control,” Marchenko wrote on Telegram."
    )
    claims = extract(text, PUBLISHED, world).claims
    quoted = next(c for c in claims if c.quote.startswith("The fire"))
    assert quoted.claimant is not None
    assert (quoted.claimant.name, quoted.claimant.kind) == ("Ihor Marchenko", "person")
    assert "surname" in quoted.evidence
    assert {c.claimant.name for c in claims if c.claimant} == {"Ihor Marchenko"}


def test_a_surname_of_no_one_named_stays_its_own_actor(world: Gazetteer) -> None:
    text = "“We will hold the line,” Marchenko wrote on Telegram."
    claims = extract(text, PUBLISHED, world).claims
    assert claims[0].claimant is not None
    assert claims[0].claimant.name == "Marchenko"


def test_the_regional_governor_is_the_head_named_in_the_next_paragraph(
    world: Gazetteer,
) -> None:
    text = (
        "Missiles hit an energy facility in the town of Shostka overnight, killing two "
        "workers, the regional governor said on Wednesday.\n\n"
        "Volodymyr Artiukh, head of the Sumy regional military administration, said repair "
        "crews had restored power to most homes."
    )
    claims = extract(text, PUBLISHED, world).claims
    first = claims[0]
    assert first.claimant is not None
    assert first.claimant.name == "Volodymyr Artiukh"
    assert "named later" in first.evidence
    assert "regional governor" not in first.text
    assert {c.claimant.name for c in claims if c.claimant} == {"Volodymyr Artiukh"}


def test_the_governor_after_the_name_is_the_same_person(world: Gazetteer) -> None:
    text = (
        "Volodymyr Artiukh, head of the Sumy regional military administration, said two "
        "villages were shelled on Monday.\n\n"
        "The governor said later that no one was hurt."
    )
    claims = extract(text, PUBLISHED, world).claims
    assert [c.claimant.name for c in claims if c.claimant] == ["Volodymyr Artiukh"] * 2


def test_a_role_that_does_not_fit_is_not_the_person_named(world: Gazetteer) -> None:
    text = (
        "Shelling killed a farmer near the village of Bilopillia, the city's mayor said.\n\n"
        "Volodymyr Artiukh, head of the Sumy regional military administration, said the "
        "village had been hit twice."
    )
    claims = extract(text, PUBLISHED, world).claims
    assert claims[0].claimant is not None
    assert claims[0].claimant.name != "Volodymyr Artiukh"
    assert claims[0].claimant.kind == "person"


def test_a_river_is_an_area_not_a_town(world: Gazetteer) -> None:
    text = "The army said its artillery struck boats on the left bank of the Oskil river on Friday."
    places = [p for i in extract(text, PUBLISHED, world).incidents for p in i.places]
    river = next(p for p in places if p.name == "Oskil river")
    assert river.kind == "region"


def test_one_span_dates_two_events_in_two_places(world: Gazetteer) -> None:
    text = (
        "Russian forces shelled the city of Kherson overnight, the regional governor said.\n\n"
        "The general staff said its troops had repelled 18 attacks near Pokrovsk over the "
        "past day. It said 90 Russian soldiers were killed in the area."
    )
    extraction = extract(text, PUBLISHED, world)
    places = [[p.name for p in i.places] for i in extraction.incidents]
    assert ["Kherson"] in places
    assert ["Pokrovsk"] in places
    killed = next(c for c in extraction.claims if c.losses)
    assert killed.losses[0].count_best == 90
    incident = next(i for i in extraction.incidents if i.key in killed.incidents)
    assert [p.name for p in incident.places] == ["Pokrovsk"]
