"""/api/v1/incidents/: list, detail by id and by slug, every filter, ordering."""

import pytest

from .conftest import assert_filter, ids, results, with_ids

URL = "/api/v1/incidents/"


def test_detail_by_slug_shows_places_participants_losses_and_claims(api, world):
    incident = api.get(f"{URL}ganja-shelling/").json()
    assert incident["id"] == world.ganja_shelling.id
    assert incident["kind"] == "shelling"
    assert incident["acled_event_type"] == "Explosions/Remote violence"
    assert incident["occurred_on"] == "2020-10-08"
    assert incident["date_precision"] == "day"
    assert incident["date_text"] == "on Thursday"
    assert incident["contested"] is False
    assert [p["slug"] for p in incident["places"]] == ["ganja"]
    assert {(p["role"], p["actor"]["slug"]) for p in incident["participants"]} == {
        ("perpetrator", "armenian-army"),
        ("target", "azerbaijan"),
    }
    assert [(x["category"], x["population"]) for x in incident["losses"]] == [
        ("killed", "civilian"),
        ("wounded", "civilian"),
    ]
    assert sorted(c["id"] for c in incident["claims"]) == [
        world.ganja_claim.id,
        world.toll_claim.id,
    ]
    assert incident["claims"][0]["claimant"]["slug"] == "azerbaijan"


def test_detail_by_id_equals_detail_by_slug(api, world):
    by_id = api.get(f"{URL}{world.cathedral.id}/")
    by_slug = api.get(f"{URL}shusha-cathedral/")
    assert by_id.status_code == by_slug.status_code == 200
    assert by_id.json() == by_slug.json()
    assert by_id.json()["contested"] is True


def test_span_and_acled_type_in_list(api, world):
    rows = {row["slug"]: row for row in results(api.get(URL))}
    assert rows["fighting"]["occurred_until"] == "2020-10-08"
    assert rows["fighting"]["date_precision"] == "span"
    assert rows["fighting"]["acled_event_type"] == "Battles"
    assert rows["moscow-talks"]["acled_event_type"] == "Strategic developments"
    assert rows["drone-shot-down"]["occurred_on"] is None


def test_unknown_slug_or_id_is_404(api, world):
    assert api.get(f"{URL}no-such-incident/").status_code == 404
    assert api.get(f"{URL}987654/").status_code == 404


FILTERS = [
    ({"id": "{fighting},{talks}"}, ["fighting", "talks"]),
    ({"kind": "shelling"}, ["ganja_shelling", "cathedral"]),
    ({"kind": "armed_clash,diplomatic_meeting"}, ["fighting", "talks"]),
    ({"acled_event_type": "Battles"}, ["fighting"]),
    ({"acled_event_type": "Strategic developments"}, ["talks", "undated"]),
    ({"date_precision": "span"}, ["fighting"]),
    # A span that ends on or after the day still counts: the fighting went on until 8 Oct.
    ({"occurred_after": "2020-10-01"}, ["ganja_shelling", "cathedral", "fighting", "talks"]),
    ({"occurred_after": "2020-10-09"}, ["talks"]),
    ({"occurred_before": "2020-10-01"}, ["fighting"]),
    ({"occurred_after": "2020-10-09", "occurred_before": "2020-10-09"}, ["talks"]),
    ({"place": "ganja"}, ["ganja_shelling", "fighting"]),
    ({"place": "ganja,goranboy"}, ["ganja_shelling", "fighting"]),
    ({"participant": "azerbaijan"}, ["ganja_shelling", "cathedral", "talks"]),
    ({"participant": "armenian-army"}, ["ganja_shelling"]),
    ({"claimant": "az-defence-ministry"}, ["cathedral"]),
    ({"claimant": "armenia"}, ["cathedral", "fighting"]),
    ({"contested": "true"}, ["cathedral"]),
    ({"contested": "false"}, ["ganja_shelling", "fighting", "talks", "undated"]),
    ({"search": "Ganja"}, ["ganja_shelling"]),
    ({"search": "since"}, ["fighting"]),
    ({"search": "historic"}, ["cathedral"]),
]


@pytest.mark.parametrize(("query", "expected"), FILTERS, ids=str)
def test_filter(api, world, query, expected):
    assert_filter(api, URL, with_ids(world, query), [getattr(world, name) for name in expected])


def test_default_order_is_newest_first_undated_last(api, world):
    assert ids(api.get(URL)) == [
        world.talks.id,
        world.ganja_shelling.id,
        world.cathedral.id,
        world.fighting.id,
        world.undated.id,
    ]


def test_ordering_by_title(api, world):
    titles = [row["title"] for row in results(api.get(URL, {"ordering": "title"}))]
    assert titles == sorted(titles)
    assert [row["title"] for row in results(api.get(URL, {"ordering": "-title"}))] == titles[::-1]
