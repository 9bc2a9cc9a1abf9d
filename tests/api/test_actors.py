"""/api/v1/actors/: list, detail by id and slug, filters, ordering."""

import pytest

from .conftest import assert_filter, ids, results, with_ids

URL = "/api/v1/actors/"


def test_detail_by_slug_shows_parent_summary_aliases_and_role(api, world):
    ministry = api.get(f"{URL}az-defence-ministry/").json()
    assert ministry["kind"] == "ministry_agency"
    assert ministry["country"] == "AZ"
    assert ministry["parent"] == {
        "id": world.azerbaijan.id,
        "url": f"http://testserver/api/v1/actors/{world.azerbaijan.id}/",
        "slug": "azerbaijan",
        "name": "Azerbaijan",
    }
    pashinyan = api.get(f"{URL}{world.pashinyan.id}/").json()
    assert pashinyan["slug"] == "pashinyan"
    assert pashinyan["role"] == "Prime Minister"
    assert pashinyan["wikidata_id"] == "Q7045997"
    assert api.get(f"{URL}azerbaijan/").json()["aliases"] == ["Baku"]


def test_list_is_alphabetical(api, world):
    names = [row["name"] for row in results(api.get(URL))]
    assert names == sorted(names)
    assert len(names) == 6


def test_unknown_actor_is_404(api, world):
    assert api.get(f"{URL}nobody/").status_code == 404
    assert api.get(f"{URL}99999999999999999999999/").status_code == 404


FILTERS = [
    ({"id": "{armenia}"}, ["armenia"]),
    ({"kind": "state"}, ["azerbaijan", "armenia"]),
    ({"kind": "person,media_outlet"}, ["pashinyan", "euronews"]),
    ({"country": "AZ"}, ["azerbaijan", "ministry"]),
    ({"country": "am"}, ["armenia", "army", "pashinyan"]),
    ({"parent": "azerbaijan"}, ["ministry"]),
    ({"parent": "armenia,{azerbaijan}"}, ["ministry", "army"]),
    ({"wikidata_id": "Q7045997"}, ["pashinyan"]),
    ({"search": "baku"}, ["azerbaijan"]),
    ({"search": "prime"}, ["pashinyan"]),
]


@pytest.mark.parametrize(("query", "expected"), FILTERS, ids=str)
def test_filter(api, world, query, expected):
    assert_filter(api, URL, with_ids(world, query), [getattr(world, name) for name in expected])


def test_ordering_by_kind_then_name(api, world):
    pairs = [(r["kind"], r["name"]) for r in results(api.get(URL, {"ordering": "kind,-name"}))]
    by_name_descending = sorted(pairs, key=lambda pair: pair[1], reverse=True)
    assert pairs == sorted(by_name_descending, key=lambda pair: pair[0])
    assert pairs[-2:] == [("state", "Azerbaijan"), ("state", "Armenia")]
    assert ids(api.get(URL, {"ordering": "-id"}))[0] == world.euronews.id
