"""What keeps large lists fast, checked by behaviour and by the SQL (never by timings)."""

import base64

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from api.pagination import without_ranges
from api.views.claim import ClaimViewSet
from api.views.incident import IncidentViewSet
from api.views.loss import LossViewSet
from conflict.models import Claim


@pytest.fixture
def api(seed, settings) -> APIClient:
    """The seed's lists as a large collection's are read: counted, each page by its own
    query (a result of at most SMALL_RESULT rows is read whole: see the tests of that)."""
    settings.SMALL_RESULT = 0
    cache.clear()
    yield APIClient()
    cache.clear()


@pytest.fixture
def walk(settings):
    """Pages read as a large result's are (api.pagination.SORT_WHOLE_AT_MOST): by walking an
    index in the list's order, not by sorting the whole result (which the seed's few rows
    would be)."""
    settings.SORT_WHOLE_AT_MOST = 0


def count_queries(api: APIClient, url: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = api.get(url)
    assert response.status_code == 200, response.content
    sqls = [query["sql"] for query in captured.captured_queries]
    return response.json()["count"], [sql for sql in sqls if "COUNT(" in sql.upper()]


def test_a_large_count_is_reused_and_a_small_one_is_always_exact(api, settings):
    settings.COUNT_CACHE_MIN_ROWS = 20  # the seed's 55 claims are "large" here
    total, counted = count_queries(api, "/api/v1/claims/?page_size=5")
    assert counted
    again, counted = count_queries(api, "/api/v1/claims/?page=2&page_size=5")
    assert (again, counted) == (total, [])  # another page of the same listing: no COUNT
    # Another filter is another count; a small one (under 20) is counted every time.
    denials, counted = count_queries(api, "/api/v1/claims/?stance=denies")
    assert counted
    assert denials < 20
    Claim.objects.filter(stance="denies").first().delete()
    fewer, counted = count_queries(api, "/api/v1/claims/?stance=denies")
    assert counted
    assert fewer == denials - 1


def test_without_the_setting_counts_stay_exact(api):
    total, _ = count_queries(api, "/api/v1/claims/")
    Claim.objects.filter(stance="denies").first().delete()
    assert count_queries(api, "/api/v1/claims/")[0] == total - 1


def test_a_deep_cursor_page_is_a_keyset_query_without_offset(api):
    position = base64.b64encode(b"p=40").decode()
    with CaptureQueriesContext(connection) as captured:
        response = api.get("/api/v1/claims/", {"paginate": "cursor", "cursor": position})
    assert response.status_code == 200
    assert response.json()["results"][0]["id"] == 41
    main = captured.captured_queries[0]["sql"]
    assert '"conflict_claim"."id" > 40' in main
    assert all("OFFSET" not in query["sql"].upper() for query in captured.captured_queries)


@pytest.mark.parametrize("query", [{}, {"stance": "denies", "category": "event_report"}])
def test_the_claims_list_reads_its_index_in_order_instead_of_sorting(api, walk, query):
    """Ordering by the article (newest first) or with NULLS LAST on NOT NULL columns made
    every page join and sort all matching claims: a second per page at a million."""
    with CaptureQueriesContext(connection) as captured:
        api.get("/api/v1/claims/", query)
    main = next(q["sql"] for q in captured.captured_queries if "LIMIT" in q["sql"])
    order = main.split("ORDER BY")[1]
    assert "conflict_article" not in order
    assert "NULLS" not in order
    # On 55 rows a selective filter is best served by its own index and a sort; unfiltered,
    # the planner must be able to walk the ordered index.
    if connection.vendor == "sqlite" and not query:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as generate_synthetic leaves it: the planner's statistics
            cursor.execute(f"EXPLAIN QUERY PLAN {main}")
            plan = " ".join(str(row) for row in cursor.fetchall())
        assert "claim_article_span_idx" in plan
        assert "TEMP B-TREE" not in plan


@pytest.mark.parametrize("whole", [True, False])
def test_a_period_of_one_kind_of_claim_is_paged_by_ids_from_an_index(api, settings, whole):
    """Tolls since a day: the page's ids are chosen from an index holding the filter's and
    the order's columns (no claim row read, no join), and the joins and ``contested`` are
    read for the page's rows only. At a million claims the page sorted 36,000 whole rows
    (30 ms), or walked the article order until the period began (120 ms)."""
    # A result of at most SORT_WHOLE_AT_MOST rows filtered by a period is sorted whole (the
    # index finds its rows), a larger one walks the list's order: the same page either way.
    settings.SORT_WHOLE_AT_MOST = 50_000 if whole else 0
    query = {"category": "toll", "stated_after": "2020-10-01", "page_size": 3}
    with CaptureQueriesContext(connection) as captured:
        response = api.get("/api/v1/claims/", query)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] > 3
    shown = [row["id"] for row in body["results"]]
    expected = Claim.objects.filter(
        status="published", category="toll", stated_on__gte="2020-10-01"
    ).order_by("article", "span_start", "id")
    assert shown == list(expected.values_list("id", flat=True)[:3])
    sqls = [q["sql"] for q in captured.captured_queries]
    keys = next(sql for sql in sqls if sql.endswith("LIMIT 3"))
    assert keys.split(" FROM ")[0] == 'SELECT "conflict_claim"."id" AS "id"'
    assert "JOIN" not in keys
    assert "EXISTS" not in keys
    page = next(sql for sql in sqls if "EXISTS" in sql)  # contested, for the page's ids only
    assert not page.endswith("LIMIT 3")
    assert ("COALESCE" in keys.split("ORDER BY")[1]) is whole
    if whole:
        steps = plan(keys)
        assert "claim_category_period_idx" in steps
        assert "COVERING INDEX" in steps or "Index Only Scan" in steps


def test_a_small_result_without_a_period_walks_the_lists_order(api):
    """A stance or a kind of claim is spread along the list's order, so walking it fills a
    page after a few rows; sorting such a result whole would read every match (45,000
    denials of positions at 1M claims: 89 ms against 0.2 ms)."""
    with CaptureQueriesContext(connection) as captured:
        response = api.get("/api/v1/claims/", {"stance": "denies", "page_size": 3})
    assert response.status_code == 200
    assert 3 < response.json()["count"] < 50_000
    keys = next(q["sql"] for q in captured.captured_queries if q["sql"].endswith("LIMIT 3"))
    assert "COALESCE" not in keys


@pytest.mark.parametrize("ordering", ["stated_on", "-stated_on"])
def test_a_period_of_the_lists_own_order_walks_that_order(api, settings, ordering):
    """Sorted by the day it filters on, a period's first rows in that order are the page's:
    the index on the day is walked from the period's bound, never the whole period sorted
    (41,590 claims of the last four months at 1M: sorted in 11.6 ms on SQLite and 25.3 ms on
    PostgreSQL, walked in 3.1 and 5.3 ms)."""
    settings.SORT_WHOLE_AT_MOST = 50_000
    query = {"stated_after": "2020-10-01", "ordering": ordering, "page_size": 3}
    with CaptureQueriesContext(connection) as captured:
        response = api.get("/api/v1/claims/", query)
    assert response.status_code == 200
    assert response.json()["count"] > 3
    shown = [row["id"] for row in response.json()["results"]]
    expected = Claim.objects.filter(status="published", stated_on__gte="2020-10-01")
    assert shown == list(expected.order_by(ordering, "id").values_list("id", flat=True)[:3])
    keys = next(q["sql"] for q in captured.captured_queries if q["sql"].endswith("LIMIT 3"))
    assert "COALESCE" not in keys
    # Another column's order with the same period is still sorted whole.
    with CaptureQueriesContext(connection) as captured:
        api.get("/api/v1/claims/", {**query, "ordering": "stance"})
    keys = next(q["sql"] for q in captured.captured_queries if q["sql"].endswith("LIMIT 3"))
    assert "COALESCE" in keys


@pytest.mark.parametrize(
    ("query", "whole"),
    [
        # 51 of the 55 claims are of 2020-10-08 or later: the walk's page is near.
        ({"stated_after": "2020-10-08"}, False),
        # 2 of 55: the walk would read past most rows to fill a page.
        ({"stated_before": "2020-10-07"}, True),
        # The share is of the rows the other filters keep: 6 of the 7 denials, then 1 of 7.
        ({"stated_after": "2020-10-08", "stance": "denies"}, False),
        ({"stated_before": "2020-10-07", "stance": "denies"}, True),
    ],
)
def test_a_large_period_is_sorted_whole_when_it_keeps_a_small_share(api, settings, query, whole):
    """Above SORT_WHOLE_AT_MOST rows, a period keeping at most SORT_WHOLE_SHARE of the rows
    its other filters keep is sorted whole (claims since September 2024 at 1M: 167,000 rows,
    walked in 214 ms, sorted in 27 ms on SQLite); a larger share walks the list's order."""
    settings.SORT_WHOLE_AT_MOST = 0  # the seed's few rows are "large" here
    settings.SORT_WHOLE_SHARE = 0.4
    with CaptureQueriesContext(connection) as captured:
        response = api.get("/api/v1/claims/", {**query, "page_size": 1})
    assert response.status_code == 200
    body = response.json()
    expected = Claim.objects.filter(status="published")
    if "stance" in query:
        expected = expected.filter(stance=query["stance"])
    if "stated_after" in query:
        expected = expected.filter(stated_on__gte=query["stated_after"])
    else:
        expected = expected.filter(stated_on__lte=query["stated_before"])
    assert body["count"] == expected.count()
    assert [row["id"] for row in body["results"]] == [
        expected.order_by("article", "span_start", "id").values_list("id", flat=True)[0]
    ]
    keys = next(q["sql"] for q in captured.captured_queries if q["sql"].endswith("LIMIT 1"))
    assert ("COALESCE" in keys) is whole


def plan(sql: str) -> str:
    """The plan the database would run ``sql`` with, where it may not sort if an index serves.

    PostgreSQL picks a sort over an index scan on a few rows, so sequential scans and sorts
    are priced out: a sort left in the plan means no index gives this order.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for setting in ("enable_seqscan", "enable_sort", "enable_incremental_sort"):
                cursor.execute(f"SET LOCAL {setting} = off")  # the test's transaction only
            cursor.execute(f"EXPLAIN {sql}")
        else:
            cursor.execute("ANALYZE")  # as generate_synthetic leaves it
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        return "\n".join(str(row) for row in cursor.fetchall())


@pytest.mark.parametrize("query", [{}, {"format": "geojson"}])
def test_the_incidents_list_reads_an_index_in_its_order_instead_of_sorting(api, walk, query):
    """Newest first with undated incidents last (DESC NULLS LAST, then id): with no index in
    that order PostgreSQL sorted every incident for each page."""
    with CaptureQueriesContext(connection) as captured:
        response = api.get("/api/v1/incidents/", query)
    assert response.status_code == 200
    main = next(q["sql"] for q in captured.captured_queries if "LIMIT" in q["sql"])
    assert "DESC NULLS LAST" in main.split("ORDER BY")[-1]
    steps = plan(main)
    assert "incident_occurred_desc_idx" in steps
    assert "Sort" not in steps  # PostgreSQL
    assert "TEMP B-TREE" not in steps  # SQLite


OFFERED_ORDERINGS = [
    (path, f"{sign}{name}")
    for path, view in [
        ("claims", ClaimViewSet),
        ("incidents", IncidentViewSet),
        ("losses", LossViewSet),
    ]
    for name in view.ordering_fields
    for sign in ("", "-")
]


@pytest.mark.parametrize(("path", "ordering"), OFFERED_ORDERINGS)
def test_every_offered_ordering_is_read_from_an_index_on_postgresql(api, walk, path, ordering):
    """Each ?ordering= (either way, then id ascending) has an index in exactly that order, so
    a page is read, not sorted out of the whole table: 200-300 ms a page at 100k without."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's ASC puts nulls first and takes no NULLS clause in an index")
    with CaptureQueriesContext(connection) as captured:
        response = api.get(f"/api/v1/{path}/", {"ordering": ordering})
    assert response.status_code == 200
    main = next(q["sql"] for q in captured.captured_queries if "LIMIT" in q["sql"])
    steps = plan(main)
    assert "Sort" not in steps, steps


def test_a_range_under_an_or_is_not_left_out(db):
    """The rows "its other filters keep" exist only when the range is one of ANDed filters."""
    claims = Claim.objects.filter(stance="denies")
    assert without_ranges(claims.filter(stated_on__gte="2020-10-08")).query.where.children
    assert str(without_ranges(claims.filter(stated_on__gte="2020-10-08")).query) == str(
        claims.query
    )
    either = claims.filter(Q(stated_on__gte="2020-10-08") | Q(category="toll"))
    assert without_ranges(either) is None
    assert without_ranges(claims.exclude(stated_on__gte="2020-10-08")) is None
