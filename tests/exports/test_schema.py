"""Each export format appears in the OpenAPI responses of its operations, with its media type."""

import pytest
from rest_framework.test import APIClient

MEDIA_TYPES = {
    "csv": "text/csv",
    "ndjson": "application/x-ndjson",
    "geojson": "application/geo+json",
    "jsonld": "application/ld+json",
}
FITS = {
    "articles": ["csv", "ndjson", "jsonld"],
    "actors": ["csv", "ndjson", "jsonld"],
    "places": ["csv", "ndjson", "geojson", "jsonld"],
    "incidents": ["csv", "ndjson", "geojson", "jsonld", "acled-csv"],
    "claims": ["csv", "ndjson", "jsonld"],
    "losses": ["csv", "ndjson"],
}


@pytest.fixture(scope="module")
def schema(django_db_blocker) -> dict:
    with django_db_blocker.unblock():
        response = APIClient().get("/api/v1/schema/?format=json")
    assert response.status_code == 200
    return response.json()


@pytest.mark.parametrize("resource", list(FITS))
def test_list_and_export_operations_list_every_fitting_media_type(schema, resource):
    fitting = {MEDIA_TYPES.get(name, "text/csv") for name in FITS[resource]}
    list_op = schema["paths"][f"/api/v1/{resource}/"]["get"]
    export_op = schema["paths"][f"/api/v1/{resource}/export/"]["get"]
    assert set(list_op["responses"]["200"]["content"]) == {"application/json", *fitting}
    assert set(export_op["responses"]["200"]["content"]) == fitting
    for operation in (list_op, export_op):
        formats = next(p for p in operation["parameters"] if p["name"] == "format")
        assert set(FITS[resource]) <= set(formats["schema"]["enum"])
        for code in ("400", "406"):
            assert set(operation["responses"][code]["content"]) == {"application/json"}


def test_export_takes_filters_but_not_pagination_or_ordering(schema):
    names = {p["name"] for p in schema["paths"]["/api/v1/incidents/export/"]["get"]["parameters"]}
    assert {"bbox", "kind", "search", "format"} <= names
    assert not names & {"page", "page_size", "cursor", "paginate", "ordering"}


def test_datapackage_operation(schema):
    responses = schema["paths"]["/api/v1/datapackage.zip"]["get"]["responses"]
    assert set(responses["200"]["content"]) == {"application/zip"}


@pytest.mark.parametrize("resource", list(FITS))
def test_the_schema_documents_the_csv_columns_in_order(schema, client, seed, resource):
    content = schema["paths"][f"/api/v1/{resource}/export/"]["get"]["responses"]["200"]["content"]
    description = content["text/csv"]["schema"]["description"]
    response = client.get(f"/api/v1/{resource}/export/?format=csv")
    header = b"".join(response.streaming_content).decode().split("\r\n", 1)[0]
    documented = description.split("Columns: ", 1)[1].split(".", 1)[0]
    assert documented.replace("`", "").replace(" ", "") == header
