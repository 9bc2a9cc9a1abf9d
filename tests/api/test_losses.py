"""/api/v1/losses/: counts with their claim, incident and side; filters and ordering."""

import pytest

from .conftest import assert_filter, ids, with_ids

URL = "/api/v1/losses/"


def test_detail_shows_summaries_and_every_count_field(api, world):
    loss = api.get(f"{URL}{world.soldiers_killed.id}/").json()
    assert loss["claim"]["id"] == world.soldiers_claim.id
    assert loss["claim"]["claimant"]["slug"] == "armenia"
    assert loss["incident"]["slug"] == "fighting"
    assert loss["side"]["slug"] == "armenia"
    assert (loss["count_low"], loss["count_best"], loss["count_high"]) == (350, 350, 350)
    assert (loss["category"], loss["population"], loss["equipment"]) == ("killed", "military", "")
    assert (loss["period_start"], loss["period_end"]) == ("2020-09-27", "2020-10-08")
    assert loss["cumulative"] is True


def test_vague_and_materiel_losses(api, world):
    wounded = api.get(f"{URL}{world.civilians_wounded.id}/").json()
    assert (wounded["count_best"], wounded["qualifier"]) == (None, "many")
    howitzers = api.get(f"{URL}{world.howitzers.id}/").json()
    assert (howitzers["equipment"], howitzers["population"]) == ("D-20 howitzer", "")
    assert howitzers["incident"] is None


def test_detail_by_id_only(api, world):
    assert api.get(f"{URL}howitzers/").status_code == 404
    assert api.get(f"{URL}424242/").status_code == 404


FILTERS = [
    ({"id": "{howitzers}"}, ["howitzers"]),
    ({"claim": "{toll_claim}"}, ["civilian_killed", "civilians_wounded"]),
    ({"article": "pashinyan-speaks"}, ["cathedral_damaged"]),
    ({"claimant": "armenia"}, ["soldiers_killed"]),
    ({"claimant": "azerbaijan"}, ["civilian_killed", "civilians_wounded", "howitzers"]),
    ({"incident": "ganja-shelling"}, ["civilian_killed", "civilians_wounded"]),
    ({"side": "armenia"}, ["soldiers_killed", "howitzers", "cathedral_damaged"]),
    ({"category": "killed,wounded"}, ["civilian_killed", "civilians_wounded", "soldiers_killed"]),
    ({"population": "military"}, ["soldiers_killed"]),
    ({"equipment": "D-20 howitzer"}, ["howitzers"]),
    ({"cumulative": "true"}, ["soldiers_killed"]),
    (
        {"cumulative": "false"},
        ["civilian_killed", "civilians_wounded", "howitzers", "cathedral_damaged"],
    ),
    ({"search": "many"}, ["civilians_wounded"]),
]


@pytest.mark.parametrize(("query", "expected"), FILTERS, ids=str)
def test_filter(api, world, query, expected):
    assert_filter(api, URL, with_ids(world, query), [getattr(world, name) for name in expected])


def test_ordering_by_count_puts_vague_counts_last(api, world):
    assert ids(api.get(URL, {"ordering": "-count_best"})) == [
        world.soldiers_killed.id,
        world.howitzers.id,
        world.civilian_killed.id,
        world.cathedral_damaged.id,
        world.civilians_wounded.id,
    ]
    assert ids(api.get(URL, {"ordering": "count_best"}))[-1] == world.civilians_wounded.id
