"""Each endpoint runs a fixed number of queries, however many rows a page holds."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

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
from conflict.models.article import sha256_hex

ROWS = 210  # more than the larger page size, so both pages are full


@pytest.fixture
def crowd(db) -> dict[str, object]:
    """ROWS of every model, each row with all the relations its summaries show."""
    day = dt.date(2020, 10, 8)
    bodies = [f"Report {i}: shelling was reported near the front." for i in range(ROWS)]
    articles = Article.objects.bulk_create(
        Article(
            title=f"Report {i}",
            slug=f"report-{i}",
            published_on=day,
            body=body,
            body_sha256=sha256_hex(body),
        )
        for i, body in enumerate(bodies)
    )
    state = Actor.objects.create(name="State", slug="state", kind="state", country="AZ")
    actors = Actor.objects.bulk_create(
        Actor(name=f"Unit {i}", slug=f"unit-{i}", kind="armed_force", parent=state, aliases=["u"])
        for i in range(ROWS)
    )
    country = Place.objects.create(name="Country", slug="country", kind="country")
    places = Place.objects.bulk_create(
        Place(
            name=f"Town {i}",
            slug=f"town-{i}",
            kind="city_town",
            parent=country,
            latitude=40.0,
            longitude=46.0,
            precision="exact",
        )
        for i in range(ROWS)
    )
    incidents = Incident.objects.bulk_create(
        Incident(
            title=f"Shelling {i}",
            slug=f"shelling-{i}",
            kind="shelling",
            occurred_on=day,
            date_precision="day",
            status="published",
        )
        for i in range(ROWS)
    )
    Incident.places.through.objects.bulk_create(
        Incident.places.through(incident=incident, place=place)
        for i, incident in enumerate(incidents)
        for place in (places[i], places[i - 1])
    )
    IncidentParticipant.objects.bulk_create(
        IncidentParticipant(incident=incident, actor=actor, role=role)
        for i, incident in enumerate(incidents)
        for actor, role in ((actors[i], "perpetrator"), (actors[i - 1], "target"))
    )
    quote = "shelling was reported"
    claims = Claim.objects.bulk_create(
        Claim(
            article=article,
            claimant=actors[i],
            channel_actor=actors[i - 1],
            category="event_report",
            text=f"Shelling {i} happened.",
            quote=quote,
            span_start=article.body.index(quote),
            span_end=article.body.index(quote) + len(quote),
            stated_on=day,
            status="published",
        )
        for i, article in enumerate(articles)
    )
    Claim.incidents.through.objects.bulk_create(
        Claim.incidents.through(claim=claim, incident=incidents[i])
        for i, claim in enumerate(claims)
    )
    ClaimLink.objects.bulk_create(
        ClaimLink(source=claims[i], target=claims[i - 1], relation="contradicts")
        for i in range(1, ROWS)
    )
    Loss.objects.bulk_create(
        Loss(
            claim=claims[i],
            incident=incidents[i],
            side=actors[i],
            category="killed",
            population="military",
            count_low=i,
            count_best=i,
            count_high=i,
            status="published",
        )
        for i in range(ROWS)
    )
    return {
        "articles": articles[0],
        "actors": actors[0],
        "places": places[0],
        "incidents": incidents[0],
        "claims": claims[1],
        "losses": Loss.objects.first(),
    }


# Page mode: the page's ids, their rows, the rows' prefetches, and one COUNT (a claim's links,
# both directions, are one query).
LIST_QUERIES = {"articles": 3, "actors": 3, "places": 3, "incidents": 8, "claims": 6, "losses": 3}
# A detail: the row and its prefetches.
DETAIL_QUERIES = {k: n - 2 for k, n in LIST_QUERIES.items()}


def count_queries(api, url: str, params: dict | None = None) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url, params or {})
    assert response.status_code == 200, response.content
    return len(queries), len(response.json().get("results", [response.json()]))


@pytest.mark.parametrize("resource", sorted(LIST_QUERIES))
@pytest.mark.parametrize("whole", [False, True])
def test_list_queries_do_not_grow_with_the_page_size(api, crowd, resource, settings, whole):
    """Counted, or (a result of at most SMALL_RESULT rows) read whole by one query that
    gives the count and the page's ids: fixed either way."""
    settings.SMALL_RESULT = 1000 if whole else 0
    url = f"/api/v1/{resource}/"
    small, rows_small = count_queries(api, url, {"page_size": 1})
    large, rows_large = count_queries(api, url, {"page_size": 200})
    assert (rows_small, rows_large) == (1, 200)
    assert small == large == LIST_QUERIES[resource] - whole
    # A cursor walk needs no COUNT.
    cursor, _ = count_queries(api, url, {"page_size": 200, "paginate": "cursor"})
    assert cursor == LIST_QUERIES[resource] - 1


@pytest.mark.parametrize("resource", sorted(DETAIL_QUERIES))
def test_detail_queries_are_fixed(api, crowd, resource):
    queries, _ = count_queries(api, f"/api/v1/{resource}/{crowd[resource].pk}/")
    assert queries == DETAIL_QUERIES[resource]


def test_the_crowd_really_has_the_nested_rows_the_queries_load(api, crowd):
    claim = api.get(f"/api/v1/claims/{crowd['claims'].pk}/").json()
    assert claim["claimant"] is not None
    assert claim["channel_actor"] is not None
    assert len(claim["incidents"]) == 1
    assert len(claim["losses"]) == 1
    assert [link["direction"] for link in claim["links"]] == ["outgoing", "incoming"]
    incident = api.get(f"/api/v1/incidents/{crowd['incidents'].pk}/").json()
    assert len(incident["places"]) == 2
    assert len(incident["participants"]) == 2
    assert len(incident["claims"]) == 1
    assert len(incident["losses"]) == 1


@pytest.mark.parametrize("resource", ["claims", "actors", "places"])
def test_a_pages_total_is_counted_without_the_columns_joins(api, crowd, resource, settings):
    """The page's columns join each row's summaries (a claim's article and claimant, an
    actor's parent); the total counts the same records without them, and counts them all.
    (A loss's visibility joins its claim and incident: those joins are its filter.)"""
    settings.SMALL_RESULT = 0  # counted, not read whole
    with CaptureQueriesContext(connection) as queries:
        response = api.get(f"/api/v1/{resource}/", {"page_size": 5})
    counts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT(")]
    assert len(counts) == 1
    assert " JOIN " not in counts[0].split("WHERE")[0]
    assert response.json()["count"] >= ROWS


def test_the_fixed_queries_are_prepared_once_on_postgresql(api, crowd):
    """A detail's queries (by ids, the same SQL every time) are prepared on the server after
    their second run, so PostgreSQL plans them once per connection; the list's own filtered
    queries are not (each is planned for its values)."""
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's")
    for _ in range(3):
        assert api.get(f"/api/v1/claims/{crowd['claims'].pk}/").status_code == 200
        assert api.get("/api/v1/claims/", {"stance": "asserts"}).status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert len(prepared) >= DETAIL_QUERIES["claims"]
    filtered = [sql for sql in prepared if '"stance" IN' in sql or sql.startswith("SELECT COUNT")]
    assert not filtered
