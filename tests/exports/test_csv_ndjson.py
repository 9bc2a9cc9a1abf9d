"""CSV and NDJSON give the JSON API's records: same rows, same values, for the same filters."""

import csv
import io
import json
from typing import Any

import pytest

from .conftest import RESOURCES, body, json_records, ndjson_records

FILTERED = [
    ("claims", "claimant=azerbaijan&stance=denies"),
    ("claims", "search=cathedral"),
    ("incidents", "kind=shelling&contested=true"),
    ("places", "country=AZ"),
    ("losses", "category=killed"),
    ("actors", "kind=person"),
]


def expected_cell(value: Any, name: str) -> list[str] | str:
    """The documented naming rule, read backwards: ``claimant_slug`` is record[claimant][slug]."""
    if isinstance(value, list):
        items = [expected_cell(item, name) for item in value]
        flat = [part for item in items for part in (item if isinstance(item, list) else [item])]
        return flat
    if name == "":
        if value is None:
            return ""
        if isinstance(value, bool):
            return "true" if value else "false"
        return str(value)
    if value is None:
        return ""
    for key in sorted(value, key=len, reverse=True):
        if name == key or name.startswith(key + "_"):
            return expected_cell(value[key], name[len(key) + 1 :])
    raise AssertionError(f"column {name!r} names no field")


def as_cell(value: list[str] | str) -> str:
    return ";".join(value) if isinstance(value, list) else value


def csv_rows(content: bytes) -> list[dict[str, str]]:
    text = content.decode("utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def assert_csv_matches(rows: list[dict[str, str]], records: list[dict[str, Any]]) -> None:
    assert [int(row["id"]) for row in rows] == [record["id"] for record in records]
    for row, record in zip(rows, records, strict=True):
        for name, cell in row.items():
            assert cell == as_cell(expected_cell(record, name)), (record["id"], name)


@pytest.mark.parametrize("resource", RESOURCES)
def test_csv_export_has_the_json_api_records(client, seed, resource):
    records = json_records(client, resource)
    response = client.get(f"/api/v1/{resource}/export/?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{resource}.csv"'
    content = body(response)
    assert content.endswith(b"\r\n")  # RFC 4180 line ends
    rows = csv_rows(content)
    assert len(rows) == len(records) > 0
    assert_csv_matches(rows, records)


def test_csv_flattens_nested_and_many_valued_fields(client, seed):
    rows = csv_rows(body(client.get("/api/v1/claims/export/?format=csv&claimant=azerbaijan")))
    denial = next(row for row in rows if row["stance"] == "denies")
    assert denial["claimant_slug"] == "azerbaijan"
    assert denial["claimant_name"] == "Azerbaijan"
    assert denial["incidents_slug"] == "shusha-cathedral-shelling"
    relations = denial["links_relation"].split(";")
    targets = denial["links_claim_claimant_slug"].split(";")
    assert ("contradicts", "armenia") in zip(relations, targets, strict=True)


def test_csv_quotes_commas_quotes_and_line_breaks(client, seed):
    rows = csv_rows(body(client.get("/api/v1/claims/export/?format=csv")))
    quotes = [row["quote"] for row in rows]
    assert any("," in quote for quote in quotes)
    assert any("\u2019" in quote for quote in quotes)  # UTF-8 survives


@pytest.mark.parametrize("resource", RESOURCES)
def test_ndjson_export_is_the_json_api_records_line_by_line(client, seed, resource):
    records = json_records(client, resource)
    response = client.get(f"/api/v1/{resource}/export/?format=ndjson")
    assert response["Content-Type"] == "application/x-ndjson"
    assert ndjson_records(body(response)) == records


@pytest.mark.parametrize(("resource", "query"), FILTERED)
def test_a_filtered_export_is_that_subset(client, seed, resource, query):
    everything = json_records(client, resource)
    records = json_records(client, resource, query)
    assert 0 < len(records) < len(everything)
    rows = csv_rows(body(client.get(f"/api/v1/{resource}/export/?format=csv&{query}")))
    assert_csv_matches(rows, records)
    lines = body(client.get(f"/api/v1/{resource}/export/?format=ndjson&{query}"))
    assert ndjson_records(lines) == records


def test_list_pages_in_csv_follow_pagination_and_ordering(client, seed):
    response = client.get("/api/v1/claims/?format=csv&page_size=5&page=2&ordering=-stated_on")
    assert response.status_code == 200
    page = client.get("/api/v1/claims/?page_size=5&page=2&ordering=-stated_on").json()
    rows = csv_rows(response.content)
    assert [int(row["id"]) for row in rows] == [record["id"] for record in page["results"]]
    assert response["X-Total-Count"] == str(page["count"])
    assert 'rel="next"' in response["Link"]
    assert 'rel="previous"' in response["Link"]


def test_accept_header_chooses_the_format(client, seed):
    response = client.get("/api/v1/actors/?page_size=3", HTTP_ACCEPT="application/x-ndjson")
    assert response["Content-Type"] == "application/x-ndjson"
    assert len(response.content.splitlines()) == 3
    response = client.get("/api/v1/actors/export/", HTTP_ACCEPT="text/csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_each_request_is_negotiated_by_its_own_accept_header_and_format(client, seed):
    """The choice is remembered per Accept header, ?format= and endpoint: asking in turn,
    each answer is still in the format asked for, and a 406 stays a 406."""
    asked = [
        ("/api/v1/actors/?page_size=3", "text/csv", "text/csv; charset=utf-8"),
        ("/api/v1/actors/?page_size=3", "application/json", "application/json"),
        ("/api/v1/actors/?page_size=3", "*/*", "application/json"),
        ("/api/v1/actors/?page_size=3&format=ndjson", "*/*", "application/x-ndjson"),
        ("/api/v1/incidents/?page_size=3", "application/geo+json", "application/geo+json"),
        ("/api/v1/actors/?page_size=3", "application/geo+json", None),  # no GeoJSON here
        ("/api/v1/actors/?page_size=3", "text/csv", "text/csv; charset=utf-8"),
    ]
    for _ in range(2):
        for url, accept, expected in asked:
            response = client.get(url, HTTP_ACCEPT=accept)
            if expected is None:
                assert response.status_code == 406
            else:
                assert response.status_code == 200
                assert response["Content-Type"] == expected


def test_record_urls_do_not_carry_the_format(client, seed):
    lines = body(client.get("/api/v1/claims/export/?format=ndjson")).splitlines()
    first = json.loads(lines[0])
    assert first["url"].endswith(f"/api/v1/claims/{first['id']}/")
    assert "format" not in first["article"]["url"]
