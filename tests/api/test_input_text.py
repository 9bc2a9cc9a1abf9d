"""Text that cannot be stored or written out is refused where it enters, naming where it was.

A lone surrogate ("\\ud800" in JSON) is not a character and NUL is refused by PostgreSQL:
before, an alias holding one was stored (SQLite) and every page showing the record failed,
or the write was a 500 (PostgreSQL). Deep nesting was a 500 (RecursionError).
"""

import pytest
from django.db import connection

from conflict.models import Actor, Article

from .conftest import error_attrs

pytestmark = pytest.mark.django_db

LONE_SURROGATE = '"a\\ud800"'  # JSON text: the escape reaches Python as a lone surrogate
NUL = '"a\\u0000"'


def post_json(client, url: str, text: str, **extra):
    return client.post(url, data=text, content_type="application/json", **extra)


@pytest.mark.parametrize("bad", [LONE_SURROGATE, NUL])
def test_an_alias_that_is_not_text_is_refused_and_nothing_is_stored(world, editor_api, bad):
    body = '{"name": "Border guards", "slug": "border-guards", "kind": "armed_force", '
    response = post_json(editor_api, "/api/v1/actors/", body + f'"aliases": ["ok", {bad}]}}')
    assert response.status_code == 400, response.content
    assert error_attrs(response) == ["aliases.1"]
    assert not Actor.objects.filter(slug="border-guards").exists()
    # The public list still renders.
    assert editor_api.get("/api/v1/actors/?format=csv").status_code == 200


@pytest.mark.parametrize("bad", [LONE_SURROGATE, NUL])
def test_an_ingested_text_that_is_not_text_is_refused(world, editor_api, bad):
    body = '{"published_on": "2020-10-09", "body": ' + bad + "}"
    response = post_json(editor_api, "/api/v1/articles/", body)
    assert response.status_code == 400, response.content
    assert error_attrs(response) == ["body"]
    assert Article.objects.count() == 2


def test_a_field_name_that_is_not_text_is_refused_and_named_printably(world, editor_api):
    response = post_json(editor_api, "/api/v1/actors/", '{"na\\ud800me": "x"}')
    assert response.status_code == 400, response.content
    assert error_attrs(response) == ["na\\ud800me"]


def test_deeply_nested_json_is_a_json_400(world, editor_api):
    for depth in (40, 100_000):
        text = "[" * depth + "]" * depth
        response = post_json(editor_api, "/api/v1/actors/", text)
        assert response.status_code == 400, (depth, response.content[:200])
        assert response["Content-Type"] == "application/json"
        assert response.json()["errors"][0]["code"] == "too_deep"


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL refuses a lone surrogate in jsonb itself"
)
def test_a_write_whose_answer_cannot_be_rendered_is_not_kept(world, editor_api):
    """A record stored before the check (here written past the API) makes the answer to a
    PATCH unrenderable: the PATCH is then rolled back, not kept behind a 500."""
    Actor.objects.filter(pk=world.azerbaijan.pk).update(aliases=["Baku", "a\ud800"])
    editor_api.raise_request_exception = False
    response = editor_api.patch(
        f"/api/v1/actors/{world.azerbaijan.pk}/",
        {"name": "Republic of Azerbaijan"},
        format="json",
        HTTP_IF_MATCH="*",
    )
    assert response.status_code == 500
    world.azerbaijan.refresh_from_db()
    assert world.azerbaijan.name == "Azerbaijan"
