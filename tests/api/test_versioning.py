"""The version lives in the path: /api/v1/ serves, any other version is a 404."""

import pytest

RESOURCES = ["articles", "actors", "places", "incidents", "claims", "losses"]


def test_root_lists_every_resource_and_the_schema(api, db):
    root = api.get("/api/v1/").json()
    for name in RESOURCES:
        assert root[name] == f"http://testserver/api/v1/{name}/"
    assert root["schema"] == "http://testserver/api/v1/schema/"
    assert root["docs"] == "http://testserver/api/v1/docs/"


@pytest.mark.parametrize("resource", RESOURCES)
def test_every_resource_lists_under_v1(api, world, resource):
    response = api.get(f"/api/v1/{resource}/")
    assert response.status_code == 200
    assert response.json()["count"] > 0
    for row in response.json()["results"]:
        assert row["url"].startswith(f"http://testserver/api/v1/{resource}/")
        assert api.get(row["url"]).json()["id"] == row["id"]


@pytest.mark.parametrize("path", ["/api/v2/claims/", "/api/v0/", "/api/v2/claims/1/"])
def test_unknown_version_is_404(api, world, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response.json()["errors"][0]["detail"] == "Invalid version in URL path."


@pytest.mark.parametrize("path", ["/api/v2/schema/", "/api/v9/docs/", "/api/v2/redoc/"])
def test_schema_and_docs_of_an_unknown_version_are_404(api, db, path):
    assert api.get(path).status_code == 404


def test_a_missing_trailing_slash_redirects(api, db):
    response = api.get("/api/v1/claims")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/claims/"


def test_the_site_root_is_the_reader_home_and_links_to_the_api(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert b'href="/api/v1/incidents/"' in response.content


def test_browsable_api_renders(api, world):
    response = api.get("/api/v1/claims/", {"format": "api", "stance": "denies"})
    assert response.status_code == 200
    assert b"The army did not damage the cathedral." in response.content


def test_the_api_prefix_points_to_the_current_version(api, db):
    response = api.get("/api/")
    assert response.status_code == 302
    assert response["Location"] == "v1/"
