"""/api/v1/claims/: list, detail, every filter, search and ordering."""

import pytest

from .conftest import assert_filter, ids, results, with_ids

URL = "/api/v1/claims/"


def test_list_shows_every_claim_with_its_claimant_article_and_contested_flag(api, world):
    rows = {row["id"]: row for row in results(api.get(URL))}
    assert len(rows) == 10
    denial = rows[world.denial.id]
    assert denial["claimant"]["slug"] == "az-defence-ministry"
    assert denial["claimant"]["url"] == f"http://testserver/api/v1/actors/{world.ministry.id}/"
    assert denial["article"]["name"] == "Clashes ahead of talks"
    assert denial["stance"] == "denies"
    assert denial["is_direct_quote"] is True
    assert denial["channel"] == "in a statement"
    assert denial["contested"] is True
    assert rows[world.narration.id]["claimant"] is None
    assert rows[world.narration.id]["contested"] is False


def test_detail_quote_is_the_article_text_at_its_offsets(api, world):
    claim = api.get(f"{URL}{world.denial.id}/").json()
    body = world.article.body
    assert body[claim["span_start"] : claim["span_end"]] == claim["quote"]
    assert claim["quote"].startswith("\u201cThe damage to the church")
    assert claim["url"] == f"http://testserver/api/v1/claims/{world.denial.id}/"


def test_detail_shows_links_in_both_directions_from_the_claims_side(api, world):
    allegation = api.get(f"{URL}{world.cathedral_claim.id}/").json()
    links = [(ln["relation"], ln["direction"], ln["claim"]["id"]) for ln in allegation["links"]]
    assert links == [
        ("contradicts", "incoming", world.denial.id),
        ("supports", "incoming", world.pashinyan_claim.id),
    ]
    assert allegation["links"][0]["claim"]["claimant"]["slug"] == "az-defence-ministry"

    denial = api.get(f"{URL}{world.denial.id}/").json()
    assert [(ln["relation"], ln["direction"], ln["claim"]["id"]) for ln in denial["links"]] == [
        ("contradicts", "outgoing", world.cathedral_claim.id)
    ]


def test_detail_shows_incidents_losses_channel_and_dates(api, world):
    claim = api.get(f"{URL}{world.pashinyan_claim.id}/").json()
    assert [i["slug"] for i in claim["incidents"]] == ["shusha-cathedral"]
    assert claim["channel"] == "told Euronews"
    assert claim["channel_actor"]["slug"] == "euronews"
    assert claim["stated_on"] == "2020-10-10"
    assert claim["stated_on_inferred"] is False
    [loss] = claim["losses"]
    assert loss["category"] == "damaged"
    assert loss["side"]["slug"] == "armenia"
    assert loss["url"] == f"http://testserver/api/v1/losses/{world.cathedral_damaged.id}/"

    toll = api.get(f"{URL}{world.toll_claim.id}/").json()
    assert [(x["category"], x["count_best"], x["qualifier"]) for x in toll["losses"]] == [
        ("killed", 1, ""),
        ("wounded", None, "many"),
    ]


def test_detail_by_id_only(api, world):
    assert api.get(f"{URL}{world.denial.id}/").status_code == 200
    assert api.get(f"{URL}not-a-number/").status_code == 404
    assert api.get(f"{URL}999999/").status_code == 404


FILTERS = [
    ({"id": "{ganja_claim},{denial}"}, ["ganja_claim", "denial"]),
    ({"article": "pashinyan-speaks"}, ["pashinyan_claim", "talks_claim", "drone_claim"]),
    ({"article": "{article2}"}, ["pashinyan_claim", "talks_claim", "drone_claim"]),
    ({"claimant": "azerbaijan"}, ["ganja_claim", "toll_claim", "howitzer_claim"]),
    ({"claimant": "armenia,az-defence-ministry"}, ["cathedral_claim", "denial", "soldiers_claim"]),
    ({"claimant": "{pashinyan}"}, ["pashinyan_claim"]),
    ({"narration": "true"}, ["narration", "talks_claim", "drone_claim"]),
    (
        {"narration": "false"},
        [
            "ganja_claim",
            "toll_claim",
            "cathedral_claim",
            "denial",
            "soldiers_claim",
            "howitzer_claim",
            "pashinyan_claim",
        ],
    ),
    ({"stance": "denies"}, ["denial"]),
    (
        {"category": "toll,allegation"},
        ["toll_claim", "cathedral_claim", "soldiers_claim", "howitzer_claim", "pashinyan_claim"],
    ),
    ({"channel_actor": "euronews"}, ["pashinyan_claim"]),
    ({"incident": "shusha-cathedral"}, ["cathedral_claim", "denial", "pashinyan_claim"]),
    (
        {"incident": "ganja-shelling,fighting"},
        ["ganja_claim", "toll_claim", "narration", "soldiers_claim"],
    ),
    # The fighting is at both places: its claims still appear once each.
    (
        {"place": "ganja,goranboy"},
        ["ganja_claim", "toll_claim", "narration", "soldiers_claim"],
    ),
    ({"place": "shusha"}, ["cathedral_claim", "denial", "pashinyan_claim"]),
    ({"is_direct_quote": "true"}, ["denial"]),
    (
        {"stated_after": "2020-10-08"},
        [
            "ganja_claim",
            "toll_claim",
            "cathedral_claim",
            "denial",
            "soldiers_claim",
            "pashinyan_claim",
            "talks_claim",
        ],
    ),
    ({"stated_before": "2020-10-07"}, ["howitzer_claim"]),
    (
        {"stated_after": "2020-10-09", "stated_before": "2020-10-10"},
        ["pashinyan_claim", "talks_claim"],
    ),
    ({"stated_on_inferred": "true"}, ["ganja_claim", "toll_claim", "soldiers_claim"]),
    ({"contested": "true"}, ["cathedral_claim", "denial"]),
    (
        {"contested": "false", "claimant": "azerbaijan,armenia"},
        ["ganja_claim", "toll_claim", "soldiers_claim", "howitzer_claim"],
    ),
    ({"search": "cathedral"}, ["cathedral_claim", "denial", "pashinyan_claim"]),
    ({"search": "Euronews"}, ["pashinyan_claim"]),
    ({"search": "shelled ganja"}, ["ganja_claim"]),
    ({"search": "statement"}, ["denial"]),
]


@pytest.mark.parametrize(("query", "expected"), FILTERS, ids=lambda v: str(v))
def test_filter(api, world, query, expected):
    assert_filter(api, URL, with_ids(world, query), [getattr(world, name) for name in expected])


def test_ordering_by_date_puts_undated_claims_last_both_ways(api, world):
    newest_first = ids(api.get(URL, {"ordering": "-stated_on"}))
    oldest_first = ids(api.get(URL, {"ordering": "stated_on"}))
    undated = sorted([world.narration.id, world.drone_claim.id])
    assert newest_first[-2:] == undated
    assert oldest_first[-2:] == undated
    assert newest_first[:2] == sorted([world.pashinyan_claim.id, world.talks_claim.id])
    assert oldest_first[0] == world.howitzer_claim.id


def test_default_order_is_the_order_of_the_text(api, world):
    in_article_one = ids(api.get(URL, {"article": "clashes-ahead-of-talks"}))
    assert in_article_one == [
        world.ganja_claim.id,
        world.toll_claim.id,
        world.cathedral_claim.id,
        world.denial.id,
        world.narration.id,
        world.soldiers_claim.id,
        world.howitzer_claim.id,
    ]


def test_ordering_by_several_fields(api, world):
    rows = results(api.get(URL, {"ordering": "-stance,category", "page_size": 500}))
    assert rows[0]["id"] == world.denial.id
    categories = [row["category"] for row in rows[1:]]
    assert categories == sorted(categories)
