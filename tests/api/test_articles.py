"""/api/v1/articles/: the list gives body lengths, the detail the body itself."""

import pytest

from .conftest import assert_filter, ids, results, with_ids

URL = "/api/v1/articles/"


def test_list_gives_body_length_not_body(api, world):
    rows = {row["slug"]: row for row in results(api.get(URL))}
    article = rows["clashes-ahead-of-talks"]
    assert "body" not in article
    assert article["body_length"] == len(world.article.body)
    assert article["claim_count"] == 7
    assert article["publisher"] is None
    assert article["source_url"] is None
    assert article["published_on_inferred"] is True
    assert article["title_is_editorial"] is True
    assert article["body_sha256"] == world.article.body_sha256


def test_detail_by_slug_and_by_id_include_the_body(api, world):
    by_slug = api.get(f"{URL}clashes-ahead-of-talks/").json()
    by_id = api.get(f"{URL}{world.article.id}/").json()
    assert by_slug == by_id
    assert by_slug["body"] == world.article.body
    assert by_slug["body_length"] == len(world.article.body)


def test_unknown_article_is_404(api, world):
    assert api.get(f"{URL}no-such-article/").status_code == 404


FILTERS = [
    ({"id": "{article2}"}, ["article2"]),
    ({"language": "fr"}, ["article2"]),
    ({"language": "en,de"}, ["article"]),
    ({"publisher": "euronews"}, ["article2"]),
    ({"published_after": "2020-10-09"}, ["article2"]),
    ({"published_before": "2020-10-08"}, ["article"]),
    ({"published_on_inferred": "true"}, ["article"]),
    ({"title_is_editorial": "false"}, ["article2"]),
    ({"search": "Moscow"}, ["article2"]),
    ({"search": "clashes"}, ["article"]),
]


@pytest.mark.parametrize(("query", "expected"), FILTERS, ids=str)
def test_filter(api, world, query, expected):
    assert_filter(api, URL, with_ids(world, query), [getattr(world, name) for name in expected])


def test_newest_first_by_default_and_ordering_by_title(api, world):
    assert ids(api.get(URL)) == [world.article2.id, world.article.id]
    assert ids(api.get(URL, {"ordering": "title"})) == [world.article.id, world.article2.id]
