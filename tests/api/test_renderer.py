"""The orjson renderer writes exactly the bytes DRF's JSONRenderer would."""

import datetime as dt
import json

import pytest
from rest_framework import renderers
from rest_framework.test import APIClient
from rest_framework.utils.encoders import JSONEncoder

from api.exports.writers import to_json, to_json_members
from api.renderers import dumps
from conflict.models import Claim, Incident, Place

RESOURCES = ["articles", "actors", "places", "incidents", "claims", "losses"]


@pytest.fixture
def client(seed) -> APIClient:
    return APIClient()


@pytest.mark.parametrize("resource", RESOURCES)
def test_lists_and_details_render_as_drf_would(client, resource):
    listed = client.get(f"/api/v1/{resource}/", {"page_size": 500})
    assert listed.status_code == 200
    assert listed.content == renderers.JSONRenderer().render(listed.data)
    for row in listed.data["results"][:10]:
        detail = client.get(f"/api/v1/{resource}/{row['id']}/")
        assert detail.content == renderers.JSONRenderer().render(detail.data)


def test_errors_render_as_drf_would(client):
    response = client.get("/api/v1/claims/", {"page_size": "many"})
    assert response.status_code == 400
    assert response.content == renderers.JSONRenderer().render(response.data)


@pytest.mark.parametrize(
    "value",
    [
        {"text": "Shusha\u2019s cathedral \u2028 line \u2029 paragraph", "n": None},
        {"lat": 39.7586, "lon": -46.75, "tiny": 1e-7, "big": 1e22, "whole": 3.0},
        {"small": 0.00001, "smaller": -3.2e-5, "least": 1.5e-6, "large": 1.5e17},
        {
            "when": dt.datetime(2020, 10, 8, 9, 30, 15, 123456, tzinfo=dt.UTC),
            "day": dt.date(2020, 10, 8),
        },
        {"time": dt.time(9, 30, 15, 250000), "naive": dt.datetime(2020, 10, 8, 9, 30)},
        ["\x00\x1f control", "emoji \U0001f600", 'quote " and \\ backslash', True, False],
    ],
)
def test_awkward_values_render_as_drf_would(value):
    assert dumps(value) == renderers.JSONRenderer().render(value)


def test_an_indented_response_is_still_available(client):
    response = client.get("/api/v1/claims/", HTTP_ACCEPT="application/json; indent=2")
    assert response.content.startswith(b'{\n  "count"')


@pytest.mark.parametrize(
    "value",
    [
        {"when": dt.datetime(2020, 10, 8, 9, 30, 15, 123456, tzinfo=dt.UTC), "n": 1e-7},
        {"text": "Shusha\u2019s \u2028 cathedral", "day": dt.date(2020, 10, 8), "x": 46.7497},
    ],
)
def test_export_json_is_what_json_dumps_writes(value):
    expected = json.dumps(value, cls=JSONEncoder, ensure_ascii=False, separators=(",", ":"))
    assert to_json(value) == expected


@pytest.mark.parametrize(
    "values",
    [
        [{"lat": 0.00001, "n": 1}, {"text": "3e-5 is text"}],
        [{"lat": 39.7586, "lon": 46.75}, {"day": dt.date(2020, 10, 8)}],
        [],
    ],
)
def test_an_array_of_export_members_is_what_json_dumps_writes(values):
    expected = ",".join(
        json.dumps(value, cls=JSONEncoder, ensure_ascii=False, separators=(",", ":"))
        for value in values
    )
    assert to_json_members(values) == expected


def floats_in(value) -> list[float]:
    if isinstance(value, float):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [found for item in value for found in floats_in(item)]
    return []


@pytest.fixture
def tiny_floats(seed):
    """Floats orjson writes otherwise than Python, where the public and editors read them."""
    Claim._base_manager.filter(id__in=[1, 2]).update(extraction_confidence=0.00001)
    Incident._base_manager.filter(id=1).update(extraction_confidence=1.5e-7)
    Place.objects.filter(id=1).update(latitude=0.00005, longitude=-0.00002)


@pytest.mark.parametrize("resource", RESOURCES)
@pytest.mark.parametrize("who", ["public", "editor"])
def test_pages_said_to_hold_no_float_hold_none(tiny_floats, editor_api, resource, who):
    """A plan's page that says it holds no float is rendered without looking for one, so it
    must hold none: checked for every resource, its list and details, as either reader."""
    client = editor_api if who == "editor" else APIClient()
    listed = client.get(f"/api/v1/{resource}/", {"page_size": 500})
    assert listed.status_code == 200
    responses = [listed]
    responses += [client.get(f"/api/v1/{resource}/{row['id']}/") for row in listed.data["results"]]
    for response in responses:
        assert response.content == renderers.JSONRenderer().render(response.data)
        if not response.may_hold_floats:
            assert floats_in(response.json()) == []
    said = {response.may_hold_floats for response in responses}
    # The public never sees an editors-only confidence; editors do; places have points.
    confidence = {"claims", "incidents", "losses"}
    expected = resource == "places" or (who == "editor" and resource in confidence)
    assert said == {expected}


def test_a_geojson_page_with_a_coordinate_unlike_pythons_is_written_as_python(tiny_floats):
    page = APIClient().get("/api/v1/places/", {"format": "geojson", "page_size": 500})
    assert page.status_code == 200
    assert b"5e-05" in page.content
    assert b"-2e-05" in page.content
    assert page.content.decode() == json.dumps(
        page.json(), cls=JSONEncoder, ensure_ascii=False, separators=(",", ":")
    )
    incidents = APIClient().get("/api/v1/incidents/", {"format": "geojson", "page_size": 500})
    assert b"5e-05" in incidents.content
