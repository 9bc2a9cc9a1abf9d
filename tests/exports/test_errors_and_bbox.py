"""Bad input to the exports: 406 listing formats, filter errors exactly as in JSON, bbox."""

import json

import pytest

from .conftest import body, error_attrs, json_records, ndjson_records


@pytest.mark.parametrize("url", ["/api/v1/claims/?format=xml", "/api/v1/claims/export/?format=xml"])
def test_unknown_format_is_a_406_listing_the_supported_ones(client, seed, url):
    response = client.get(url)
    assert response.status_code == 406
    assert error_attrs(response) == ["format"]
    detail = response.json()["errors"][0]["detail"]
    assert "Unknown format 'xml'" in detail
    for name in ("csv", "ndjson", "jsonld"):
        assert name in detail
    assert "geojson" not in detail  # claims have no geometry


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/actors/?format=geojson",
        "/api/v1/actors/export/?format=geojson",
        "/api/v1/claims/export/?format=acled-csv",
        "/api/v1/losses/export/?format=jsonld",
        "/api/v1/claims/export/?format=json",
    ],
)
def test_a_format_that_does_not_fit_is_a_clear_406(client, seed, url):
    response = client.get(url)
    assert response.status_code == 406
    assert error_attrs(response) == ["format"]
    assert "does not fit this endpoint" in response.json()["errors"][0]["detail"]


def test_an_unsatisfiable_accept_header_is_a_406(client, seed):
    response = client.get("/api/v1/actors/export/", HTTP_ACCEPT="application/pdf")
    assert response.status_code == 406
    assert "Supported formats: csv, ndjson, jsonld" in response.json()["errors"][0]["detail"]


def test_detail_views_keep_json_only(client, seed):
    response = client.get("/api/v1/places/ganja/?format=geojson")
    assert response.status_code == 406


@pytest.mark.parametrize("fmt", ["csv", "ndjson", "geojson", "jsonld", "acled-csv"])
@pytest.mark.parametrize("action", ["", "export/"])
def test_filter_errors_are_the_json_errors(client, seed, fmt, action):
    query = "kind=volcano&occurred_after=2020-13-01"
    expected = client.get(f"/api/v1/incidents/?{query}")
    response = client.get(f"/api/v1/incidents/{action}?format={fmt}&{query}")
    assert response.status_code == expected.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content) == expected.json()


def test_ordering_is_refused_on_exports(client, seed):
    response = client.get("/api/v1/claims/export/?format=csv&ordering=-stated_on")
    assert response.status_code == 400
    assert error_attrs(response) == ["ordering"]


@pytest.mark.parametrize(
    "bbox",
    ["1,2,3", "a,b,c,d", "46,40,45,41", "45,41,46,40", "45,40,46,91", "-181,0,0,1", "nan,0,1,1"],
)
@pytest.mark.parametrize("resource", ["places", "incidents"])
def test_a_bad_bbox_is_a_400_naming_it(client, seed, resource, bbox):
    for url in (f"/api/v1/{resource}/?bbox={bbox}", f"/api/v1/{resource}/export/?bbox={bbox}"):
        response = client.get(url)
        assert response.status_code == 400, url
        assert error_attrs(response) == ["bbox"]


GANJA_BOX = "46.0,40.5,46.5,40.8"  # Ganja (46.36, 40.68) and nothing else in the seed


def test_bbox_keeps_places_inside_in_every_format(client, seed):
    records = json_records(client, "places", f"bbox={GANJA_BOX}")
    assert [record["slug"] for record in records] == ["ganja"]
    geo = json.loads(body(client.get(f"/api/v1/places/export/?format=geojson&bbox={GANJA_BOX}")))
    assert [f["properties"]["slug"] for f in geo["features"]] == ["ganja"]
    csv_text = body(client.get(f"/api/v1/places/?format=csv&bbox={GANJA_BOX}")).decode()
    assert len(csv_text.splitlines()) == 2


def test_bbox_keeps_incidents_with_a_place_inside(client, seed):
    records = json_records(client, "incidents", f"bbox={GANJA_BOX}")
    assert [record["slug"] for record in records] == ["ganja-shelling"]
    caucasus = json_records(client, "incidents", "bbox=44,38,51,42")
    moscow = json_records(client, "incidents", "bbox=37,55,38.5,56")
    assert {r["slug"] for r in moscow} == {"moscow-talks"}
    assert not {r["id"] for r in moscow} & {r["id"] for r in caucasus}
    lines = body(client.get("/api/v1/incidents/export/?format=ndjson&bbox=44,38,51,42"))
    assert [record["id"] for record in ndjson_records(lines)] == [r["id"] for r in caucasus]
