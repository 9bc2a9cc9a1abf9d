"""The headers a write or a detail answers with are the ones the schema documents."""

from collections.abc import Iterator

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

DOCUMENTED = ("Location", "ETag", "Last-Modified")
BODY = "Azerbaijan said ten tanks were destroyed near Tartar on Thursday."


@pytest.fixture
def schema(db) -> dict:
    response = APIClient().get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    return response.json()


def operations(schema: dict) -> Iterator[tuple[str, dict]]:
    for item in schema["paths"].values():
        yield from item.items()


def headers_of(schema: dict, operation_id: str, code: int) -> dict:
    op = next(op for _, op in operations(schema) if op["operationId"] == operation_id)
    return op["responses"][str(code)].get("headers", {})


def test_every_post_documents_the_location_of_what_it_made_or_queued(schema):
    posts = [op for method, op in operations(schema) if method == "post"]
    assert {op["operationId"] for op in posts} >= {
        f"{r}_create" for r in ("actors", "places", "incidents", "claims", "losses", "articles")
    } | {"ingest_jobs_retry"}
    for op in posts:
        # 201: the record made; 202: the ingest job queued (an article by URL, a retry).
        successes = [code for code in op["responses"] if code in {"201", "202"}]
        assert successes, op["operationId"]
        for code in successes:
            location = op["responses"][code]["headers"]["Location"]
            assert location["required"] is True, (op["operationId"], code)
            assert location["schema"] == {"type": "string", "format": "uri"}


def assert_documented(schema: dict, operation_id: str, response) -> None:
    """Each of the headers is sent exactly when the schema documents it for this answer."""
    documented = headers_of(schema, operation_id, response.status_code)
    sent = {name for name in DOCUMENTED if response.has_header(name)}
    assert sent == set(documented), (operation_id, response.status_code)


def test_a_created_record_answers_with_the_headers_documented(schema, editor_api):
    created = editor_api.post(
        "/api/v1/actors/",
        {"name": "Border guards", "slug": "border-guards", "kind": "armed_force"},
        format="json",
    )
    assert created.status_code == 201, created.content
    assert_documented(schema, "actors_create", created)
    url = created["Location"]
    fetched = editor_api.get(url)
    assert_documented(schema, "actors_retrieve", fetched)
    changed = editor_api.patch(
        url, {"notes": "Seen at Tartar."}, format="json", HTTP_IF_MATCH=fetched["ETag"]
    )
    assert changed.status_code == 200, changed.content
    assert_documented(schema, "actors_partial_update", changed)


def test_an_ingest_and_its_duplicate_answer_with_the_headers_documented(schema, editor_api):
    data = {"body": BODY, "published_on": "2020-10-08"}
    created = editor_api.post("/api/v1/articles/", data, format="json")
    assert created.status_code == 201, created.content
    assert_documented(schema, "articles_create", created)
    duplicate = editor_api.post("/api/v1/articles/", data, format="json")
    assert duplicate.status_code == 409, duplicate.content
    assert_documented(schema, "articles_create", duplicate)
    assert duplicate["Location"] == created["Location"]
