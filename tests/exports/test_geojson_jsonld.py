"""GeoJSON validates and puts longitude first; JSON-LD expands into schema.org IRIs."""

import json

import geojson
import pytest
from pyld import jsonld

from .conftest import body, json_records

SCHEMA = "https://schema.org/"
GANJA = (46.3606, 40.6828)  # longitude, latitude


def feature_collection(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    document = geojson.loads(body(response).decode("utf-8"))
    assert document.is_valid, document.errors()
    assert document["type"] == "FeatureCollection"
    return document


def test_places_geojson_is_valid_with_longitude_first(client, seed):
    document = feature_collection(client, "/api/v1/places/export/?format=geojson")
    ganja = next(f for f in document["features"] if f["properties"]["slug"] == "ganja")
    assert ganja["geometry"] == {"type": "Point", "coordinates": list(GANJA)}
    located = [r for r in json_records(client, "places") if r["latitude"] is not None]
    assert len(document["features"]) == len(located)
    total = len(json_records(client, "places"))
    assert document["skipped_without_coordinates"] == total - len(located) > 0


def test_incidents_geojson_is_one_multipoint_feature_per_incident(client, seed):
    document = feature_collection(client, "/api/v1/incidents/export/?format=geojson")
    tochka = next(f for f in document["features"] if f["properties"]["slug"] == "tochka-u-strikes")
    assert tochka["geometry"]["type"] == "MultiPoint"
    assert len(tochka["geometry"]["coordinates"]) == len(tochka["properties"]["places"]) == 5
    for longitude, latitude in tochka["geometry"]["coordinates"]:
        assert 46 < longitude < 48
        assert 39 < latitude < 41
    incidents = json_records(client, "incidents")
    ids = {feature["id"] for feature in document["features"]}
    assert len(ids) + document["skipped_without_coordinates"] == len(incidents)


def test_geojson_page_of_the_list(client, seed):
    document = feature_collection(client, "/api/v1/places/?format=geojson&country=AZ")
    assert {f["properties"]["country"] for f in document["features"]} == {"AZ"}


def expand(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    document = json.loads(body(response))
    assert isinstance(document["@context"], dict)  # inline: nothing to fetch

    def no_network(url, options=None):
        raise AssertionError(f"JSON-LD expansion tried to fetch {url}")

    return jsonld.expand(document, {"documentLoader": no_network})


def nodes_of_type(expanded, type_name):
    return [node for node in expanded if f"{SCHEMA}{type_name}" in node.get("@type", [])]


def test_claims_jsonld_expands_to_schema_org_claims(client, seed):
    expanded = expand(client, "/api/v1/claims/export/?format=jsonld&claimant=azerbaijan")
    claims = nodes_of_type(expanded, "Claim")
    records = json_records(client, "claims", "claimant=azerbaijan")
    assert [node["@id"] for node in claims] == [record["url"] for record in records]
    first, record = claims[0], records[0]
    assert first[f"{SCHEMA}text"] == [{"@value": record["quote"]}]
    assert first[f"{SCHEMA}author"][0]["@id"] == record["claimant"]["url"]
    assert first[f"{SCHEMA}appearance"][0]["@id"] == record["article"]["url"]


def test_incidents_jsonld_are_events_at_places_with_coordinates(client, seed):
    expanded = expand(client, "/api/v1/incidents/export/?format=jsonld")
    events = nodes_of_type(expanded, "Event")
    ganja = next(e for e in events if e[f"{SCHEMA}identifier"][0]["@value"] == "ganja-shelling")
    place = ganja[f"{SCHEMA}location"][0]
    assert place["@type"] == [f"{SCHEMA}Place"]
    coordinates = place[f"{SCHEMA}geo"][0]
    assert coordinates[f"{SCHEMA}latitude"] == [{"@value": GANJA[1]}]
    assert coordinates[f"{SCHEMA}longitude"] == [{"@value": GANJA[0]}]


@pytest.mark.parametrize(
    ("slug", "schema_type"),
    [("nikol-pashinyan", "Person"), ("armenia", "Country"), ("armenian-army", "Organization")],
)
def test_actors_jsonld_types(client, seed, slug, schema_type):
    expanded = expand(client, "/api/v1/actors/export/?format=jsonld")
    node = next(n for n in expanded if n[f"{SCHEMA}identifier"][0]["@value"] == slug)
    assert node["@type"] == [f"{SCHEMA}{schema_type}"]


def test_articles_jsonld_are_news_articles(client, seed):
    expanded = expand(client, "/api/v1/articles/?format=jsonld")
    (article,) = nodes_of_type(expanded, "NewsArticle")
    assert article[f"{SCHEMA}datePublished"] == [{"@value": "2020-10-08"}]
