"""Numbered pages (default 50, at most 500) and cursor walks over the whole collection."""

from conflict.models import Actor

from .conftest import ids, results

URL = "/api/v1/claims/"


def test_page_size_and_links(api, world):
    first = api.get(URL, {"page_size": 4, "ordering": "id"}).json()
    assert first["count"] == 10
    assert len(first["results"]) == 4
    assert first["previous"] is None
    assert "page=2" in first["next"]
    assert "page_size=4" in first["next"]
    last = api.get(URL, {"page_size": 4, "ordering": "id", "page": 3}).json()
    assert len(last["results"]) == 2
    assert last["next"] is None
    assert "page=2" in last["previous"]


def test_page_last_is_the_last_page(api, world):
    # The schema and the error message offer ?page=last; it was a 404.
    last = api.get(URL, {"page_size": 4, "ordering": "id", "page": "last"})
    assert last.status_code == 200, last.content
    assert ids(last) == ids(api.get(URL, {"page_size": 4, "ordering": "id", "page": 3}))


def test_pages_together_hold_every_row_once(api, world):
    seen = []
    for page in (1, 2, 3, 4):
        seen += ids(api.get(URL, {"page_size": 3, "page": page, "ordering": "-stated_on"}))
    assert sorted(seen) == sorted(ids(api.get(URL)))


def test_default_page_size_is_50(api, db):
    Actor.objects.bulk_create(
        Actor(name=f"Actor {i}", slug=f"actor-{i}", kind="other") for i in range(51)
    )
    body = api.get("/api/v1/actors/").json()
    assert body["count"] == 51
    assert len(body["results"]) == 50
    assert len(results(api.get("/api/v1/actors/", {"page_size": 500}))) == 51


def test_cursor_walk_visits_every_row_once_in_id_order(api, world):
    page = api.get(URL, {"paginate": "cursor", "page_size": 3}).json()
    assert "count" not in page
    seen = [row["id"] for row in page["results"]]
    while page["next"]:
        assert "cursor=" in page["next"]
        page = api.get(page["next"]).json()
        seen += [row["id"] for row in page["results"]]
    assert seen == sorted(ids(api.get(URL)))
    assert page["previous"] is not None


def test_cursor_mode_keeps_filters(api, world):
    page = api.get(URL, {"paginate": "cursor", "page_size": 2, "claimant": "azerbaijan"}).json()
    seen = [row["id"] for row in page["results"]]
    page = api.get(page["next"]).json()
    seen += [row["id"] for row in page["results"]]
    assert page["next"] is None
    assert seen == sorted([world.ganja_claim.id, world.toll_claim.id, world.howitzer_claim.id])


def test_cursor_walk_does_not_skip_rows_when_earlier_rows_are_deleted(api, world):
    page = api.get(URL, {"paginate": "cursor", "page_size": 3}).json()
    first_ids = [row["id"] for row in page["results"]]
    # A row on the page already read disappears: a page number would now skip one row.
    world.toll_claim.losses.all().delete()
    world.toll_claim.delete()
    rest = []
    while page["next"]:
        page = api.get(page["next"]).json()
        rest += [row["id"] for row in page["results"]]
    assert first_ids + rest == sorted(set(first_ids) | set(ids(api.get(URL))))
