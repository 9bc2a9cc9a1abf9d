"""Inputs schemathesis found that the API mishandled, pinned so they stay fixed.

Each is a request a client can send; the answer must be the API's JSON error with the
status the schema documents, not Django's HTML page or a silently dropped filter.
"""

import datetime as dt
from pathlib import Path

import pytest
import yaml
from rest_framework.test import APIClient

from api.examples import NEW_CLAIM
from conflict.models import Claim

SCHEMA = Path(__file__).resolve().parents[2] / "api" / "openapi.yaml"


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture(scope="module")
def schema() -> dict:
    # The committed schema; tests/api/test_schema.py fails when it differs from the served one.
    return yaml.safe_load(SCHEMA.read_text(encoding="utf-8"))


def documented(schema: dict, path: str) -> set[str]:
    return set(schema["paths"][path]["get"]["responses"])


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


@pytest.mark.parametrize(
    "value",
    [
        "2020-10-08T12:00:00+23:59",  # an offset Python accepts and PostgreSQL refuses
        "2020-10-08T12:00:00-16:15",
        "0001-01-01T00:00:00+05:00",  # before year 1 in UTC
        "9999-12-31T23:59:59-05:00",  # after year 9999 in UTC
    ],
)
@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/api/v1/claims/", "updated_since"),
        ("/api/v1/losses/export/", "updated_since"),
        ("/api/v1/deletions/", "since"),
    ],
)
def test_a_timestamp_at_the_edges_of_time_is_answered_not_a_500(api, seed, path, parameter, value):
    # Offsets up to +-23:59 are valid ISO 8601; the instant is what counts, so it is taken
    # to UTC first. One with no UTC instant a database can store is a 400 naming it.
    response = api.get(path, {parameter: value})
    if value.startswith(("0001", "9999")):
        assert response.status_code == 400
        assert [error["attr"] for error in response.json()["errors"]] == [parameter]
    else:
        assert response.status_code == 200


def test_a_far_offset_names_the_same_instant_as_utc(api, seed):
    # The latest change, spelled at +23:59: the filter keeps it, and a millisecond later
    # does not, so the offset was applied (not dropped or refused).
    latest = Claim.objects.latest("updated_at").updated_at
    far = dt.timezone(dt.timedelta(hours=23, minutes=59))
    at = latest.astimezone(far)
    after = (latest + dt.timedelta(milliseconds=1)).astimezone(far)
    assert api.get("/api/v1/claims/", {"updated_since": at.isoformat()}).json()["count"] >= 1
    assert api.get("/api/v1/claims/", {"updated_since": after.isoformat()}).json()["count"] == 0


@pytest.mark.parametrize("path", ["/api/v1/places/", "/api/v1/incidents/export/"])
@pytest.mark.parametrize("value", ["", " "])
def test_an_empty_bbox_is_a_400_naming_it(api, db, path, value):
    # The schema gives bbox a four-number pattern; an empty box is not "no box".
    response = api.get(path, {"bbox": value})
    assert response.status_code == 400
    assert [error["attr"] for error in response.json()["errors"]] == ["bbox"]


@pytest.mark.parametrize("params", [{"stance": ",denies"}, {"stance": ""}, {"claimant": ","}])
def test_an_empty_list_item_is_a_400_on_exports_too(api, db, params):
    response = api.get("/api/v1/claims/export/", params)
    assert response.status_code == 400
    assert [error["attr"] for error in response.json()["errors"]] == list(params)


@pytest.mark.parametrize("resource", ["claims", "incidents", "losses"])
def test_anonymous_drafts_on_an_export_are_a_documented_403(api, db, schema, resource):
    response = api.get(f"/api/v1/{resource}/export/", {"status": "draft"})
    assert response.status_code == 403
    assert [error["attr"] for error in response.json()["errors"]] == ["status"]
    assert "403" in documented(schema, f"/api/v1/{resource}/export/")


@pytest.mark.parametrize(
    ("path", "parameter"),
    [
        ("/api/v1/losses/", "cumulative"),  # booleans
        ("/api/v1/claims/", "contested"),
        ("/api/v1/places/export/", "has_coordinates"),
        ("/api/v1/claims/", "page"),  # integers
        ("/api/v1/claims/", "page_size"),
        ("/api/v1/deletions/", "page"),
        ("/api/v1/claims/", "paginate"),  # enums
        ("/api/v1/claims/", "status"),
        ("/api/v1/losses/export/", "status"),
    ],
)
@pytest.mark.parametrize("value", ["", " "])
def test_a_typed_parameter_given_empty_is_a_400_naming_it(api, db, path, parameter, value):
    # "" is not a boolean, a number or one of the listed values; taking it as "not given"
    # would answer a client whose variable was unset with rows it did not ask for.
    response = api.get(path, {parameter: value})
    assert response.status_code == 400
    assert [error["attr"] for error in response.json()["errors"]] == [parameter]


@pytest.mark.parametrize("path", ["/api/v1/claims/", "/api/v1/incidents/export/"])
def test_an_empty_format_is_a_406_listing_the_formats(api, db, path):
    response = api.get(path, {"format": ""})
    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"
    [error] = response.json()["errors"]
    assert error["attr"] == "format"
    assert "csv" in error["detail"]


def test_an_empty_ndjson_page_keeps_its_content_type(api, seed):
    # No article before the war began: zero rows, an empty body, still NDJSON.
    response = api.get("/api/v1/articles/", {"format": "ndjson", "published_before": "2020-09-27"})
    assert response.status_code == 200
    assert response.content == b""
    assert response["Content-Type"] == "application/x-ndjson"
    assert response["X-Total-Count"] == "0"


def claim_body() -> dict:
    """A claim an editor may add: its quote is in the seed article."""
    return dict(NEW_CLAIM)


@pytest.mark.parametrize(
    ("path", "field", "value"),
    [
        ("/api/v1/claims/", "notes", 0),  # a number for a string (found by schemathesis)
        ("/api/v1/claims/", "text", ["a list"]),
        ("/api/v1/claims/", "is_direct_quote", "true"),  # a string for a boolean
        ("/api/v1/claims/", "is_direct_quote", 1),
        ("/api/v1/claims/", "claimant", "9"),  # a string for an id
        ("/api/v1/claims/", "claimant", True),
        ("/api/v1/claims/", "incidents", ["1"]),
        ("/api/v1/claims/", "incidents", {}),  # an object for a list (found by schemathesis)
        ("/api/v1/claims/", "incidents", {"1": 1}),
        ("/api/v1/claims/", "stance", 1),
    ],
)
def test_a_write_with_a_value_of_the_wrong_json_type_is_a_400_naming_it(
    editor_api, seed, path, field, value
):
    # The schema gives each field its JSON type; DRF would quietly turn 0 into "0" or
    # "true" into True, so a client's bug would go unnoticed.
    assert editor_api.post(path, claim_body(), format="json").status_code == 201
    response = editor_api.post(path, {**claim_body(), field: value}, format="json")
    assert response.status_code == 400
    assert [error["attr"] for error in response.json()["errors"]] == [field]


def test_a_loss_count_sent_as_a_string_is_a_400(editor_api, seed):
    body = {"claim": 1, "category": "killed", "population": "civilian", "count_best": "5"}
    response = editor_api.post("/api/v1/losses/", body, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"code": "invalid", "detail": "Must be an integer, not str.", "attr": "count_best"}
    ]
    body["count_best"] = 5
    assert editor_api.post("/api/v1/losses/", body, format="json").status_code == 201
