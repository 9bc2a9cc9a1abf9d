"""/api/v1/places/: coordinates, precision, parents, aliases; filters and ordering."""

import pytest

from .conftest import assert_filter, ids, results, with_ids

URL = "/api/v1/places/"


def test_detail_by_slug_shows_point_precision_parent_and_aliases(api, world):
    ganja = api.get(f"{URL}ganja/").json()
    assert (ganja["latitude"], ganja["longitude"], ganja["precision"]) == (40.68, 46.36, "exact")
    assert ganja["parent"]["slug"] == "azerbaijan-country"
    assert ganja["aliases"] == ["Gyandzha"]
    assert ganja["kind"] == "city_town"
    shusha = api.get(f"{URL}{world.shusha.id}/").json()
    assert shusha["country"] == ""
    assert shusha["aliases"] == ["Shushi"]
    assert shusha["parent"] is None


def test_place_without_a_point(api, world):
    goranboy = api.get(f"{URL}goranboy/").json()
    assert (goranboy["latitude"], goranboy["longitude"], goranboy["precision"]) == (None, None, "")


def test_unknown_place_is_404(api, world):
    assert api.get(f"{URL}atlantis/").status_code == 404


FILTERS = [
    ({"id": "{ganja},{shusha}"}, ["ganja", "shusha"]),
    ({"kind": "city_town"}, ["ganja", "shusha"]),
    ({"country": "AZ"}, ["az", "ganja", "goranboy"]),
    ({"parent": "azerbaijan-country"}, ["ganja", "goranboy"]),
    ({"precision": "near"}, ["shusha"]),
    ({"precision": "exact,near"}, ["ganja", "shusha"]),
    ({"has_coordinates": "true"}, ["ganja", "shusha"]),
    ({"has_coordinates": "false"}, ["az", "goranboy"]),
    ({"wikidata_id": "Q186140"}, ["shusha"]),
    ({"search": "shushi"}, ["shusha"]),
]


@pytest.mark.parametrize(("query", "expected"), FILTERS, ids=str)
def test_filter(api, world, query, expected):
    assert_filter(api, URL, with_ids(world, query), [getattr(world, name) for name in expected])


def test_ordering_by_latitude_puts_places_without_a_point_last(api, world):
    assert ids(api.get(URL, {"ordering": "-latitude"})) == [
        world.ganja.id,
        world.shusha.id,
        world.az.id,
        world.goranboy.id,
    ]
    names = [row["name"] for row in results(api.get(URL))]
    assert names == sorted(names)
