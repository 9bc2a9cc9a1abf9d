"""The orjson renderer writes exactly the bytes DRF's JSONRenderer would."""

import pytest
from rest_framework import renderers
from rest_framework.test import APIClient

from api.renderers import dumps

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
        ["\x00\x1f control", "emoji \U0001f600", 'quote " and \\ backslash', True, False],
    ],
)
def test_awkward_values_render_as_drf_would(value):
    assert dumps(value) == renderers.JSONRenderer().render(value)


def test_an_indented_response_is_still_available(client):
    response = client.get("/api/v1/claims/", HTTP_ACCEPT="application/json; indent=2")
    assert response.content.startswith(b'{\n  "count"')
