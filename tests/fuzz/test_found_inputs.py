"""Inputs schemathesis found that the API mishandled, pinned so they stay fixed.

Each is a request a client can send; the answer must be the API's JSON error with the
status the schema documents, not Django's HTML page or a silently dropped filter.
"""

import pytest
from rest_framework.test import APIClient


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/actors/%C3%AE%0A%F0%B7%89%80/",  # a newline in an id-or-slug
        "/api/v1/claims/1%0A/",
        "/api/v1/no-such%0Athing/",
    ],
)
def test_a_newline_in_the_path_is_a_json_404(api, db, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["type"] == "client_error"


@pytest.mark.parametrize(
    ("resource", "parameter"),
    [
        ("articles", "published_before"),
        ("articles", "published_after"),
        ("claims", "stated_before"),
        ("claims", "stated_after"),
        ("incidents", "occurred_before"),
        ("incidents", "occurred_after"),
    ],
)
def test_an_empty_date_is_a_400_naming_it(api, db, resource, parameter):
    # The schema types these as dates; "" is not one, and dropping the filter would
    # answer with more rows than the client asked for.
    response = api.get(f"/api/v1/{resource}/", {parameter: ""})
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"code": "invalid", "detail": "Enter a valid date.", "attr": parameter}
    ]


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/api/v1/claims/", "updated_since"),
        ("/api/v1/actors/export/", "updated_since"),
        ("/api/v1/deletions/", "since"),
    ],
)
def test_an_empty_timestamp_is_a_400_naming_it(api, db, path, parameter):
    # A mirror sending "?updated_since=" has lost its timestamp; answering with everything
    # would hide that.
    response = api.get(path, {parameter: ""})
    assert response.status_code == 400
    assert [error["attr"] for error in response.json()["errors"]] == [parameter]
