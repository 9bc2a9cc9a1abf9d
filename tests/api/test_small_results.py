"""A result of at most SMALL_RESULT rows is read whole: one query, reading at most
SMALL_RESULT + 1 ids in the list's order, gives its count and every page (api.pagination).
The pages must be those a counted result gives, whatever the filters and the order."""

import math

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from conflict.models import Claim


@pytest.fixture
def api(seed) -> APIClient:
    cache.clear()
    yield APIClient()
    cache.clear()


def every_page(api: APIClient, query: dict, size: int = 4) -> tuple[int, list[int], list[int]]:
    """The count, the ids of every page in turn, and the ids of the last page."""
    first = api.get("/api/v1/claims/", {**query, "page_size": size})
    assert first.status_code == 200, first.content
    count = first.json()["count"]
    ids = []
    for number in range(1, math.ceil(count / size) + 1):
        page = api.get("/api/v1/claims/", {**query, "page_size": size, "page": number})
        ids += [row["id"] for row in page.json()["results"]]
    last = api.get("/api/v1/claims/", {**query, "page_size": size, "page": "last"})
    return count, ids, [row["id"] for row in last.json()["results"]]


QUERIES = [
    {},
    {"stance": "denies"},
    {"claimant": "azerbaijan"},
    {"stated_before": "2020-10-07"},  # a period off the list's order: sorted whole
    {"stated_after": "2020-10-08", "ordering": "-stated_on"},  # on it: walked
    {"search": "Shusha"},
    {"ordering": "-category,stance"},
    {"stance": "asserts,denies", "category": "event_report"},
]


@pytest.mark.parametrize("query", QUERIES)
def test_a_small_result_read_whole_pages_as_a_counted_one_does(api, settings, query):
    settings.SMALL_RESULT = 0
    counted = every_page(api, query)
    cache.clear()
    settings.SMALL_RESULT = 1000
    whole = every_page(api, query)
    assert whole == counted
    assert counted[0] == len(counted[1]) > 0


def test_a_small_result_is_counted_and_paged_by_one_query(api, settings):
    settings.SMALL_RESULT = 1000
    denials = Claim.objects.filter(status="published", stance="denies")
    expected = list(denials.order_by("article", "span_start", "id").values_list("id", flat=True))
    query = {"stance": "denies", "page_size": 2, "page": 2}
    with CaptureQueriesContext(connection) as captured:
        body = api.get("/api/v1/claims/", query).json()
    sqls = [q["sql"] for q in captured.captured_queries]
    assert not [sql for sql in sqls if "COUNT(" in sql.upper()]
    assert len([sql for sql in sqls if sql.endswith("LIMIT 1001")]) == 1
    assert body["count"] == len(expected) > 2
    assert [row["id"] for row in body["results"]] == expected[2:4]
    # Read anew on each request: never a stale count.
    denials.first().delete()
    assert api.get("/api/v1/claims/", query).json()["count"] == len(expected) - 1


def test_a_result_over_the_small_size_is_counted_and_not_read_whole_again(api, settings):
    settings.SMALL_RESULT = 5
    total = Claim.objects.filter(status="published").count()
    assert total > 5

    def queries() -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            body = api.get("/api/v1/claims/", {"page_size": 2}).json()
        assert body["count"] == Claim.objects.filter(status="published").count()
        return [q["sql"] for q in captured.captured_queries]

    first = queries()
    assert [sql for sql in first if sql.endswith("LIMIT 6")]  # the look: 6 ids, one too many
    assert [sql for sql in first if "COUNT(" in sql.upper()]
    Claim.objects.filter(status="published").first().delete()
    again = queries()  # counted at once, and exactly
    assert not [sql for sql in again if sql.endswith("LIMIT 6")]
    assert [sql for sql in again if "COUNT(" in sql.upper()]
