"""Helpers for the export tests: the JSON API's records, and reading whole responses."""

import json
from typing import Any

import pytest
from django.http import HttpResponseBase
from django.test import Client

from api.resources import RESOURCES as REGISTRY

# Every resource's URL prefix, from the one registry (api.resources).
RESOURCES = [resource.collection for resource in REGISTRY]


@pytest.fixture
def client() -> Client:
    return Client()


def body(response: HttpResponseBase) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def json_records(client: Client, resource: str, query: str = "") -> list[dict[str, Any]]:
    """Every record the JSON API lists for ``query``, walking the cursor, in id order."""
    url = f"/api/v1/{resource}/?paginate=cursor&page_size=500&{query}"
    records = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        page = response.json()
        records += page["results"]
        url = page["next"]
    return sorted(records, key=lambda record: record["id"])


def ndjson_records(content: bytes) -> list[dict[str, Any]]:
    """The records of a whole NDJSON export, checking its last line says it is complete."""
    *records, trailer = [json.loads(line) for line in content.splitlines()]
    last_id = records[-1]["id"] if records else None
    assert trailer == {"_complete": True, "rows": len(records), "last_id": last_id}
    return records


def error_attrs(response: HttpResponseBase) -> list[str | None]:
    assert response["Content-Type"] == "application/json"
    payload = json.loads(response.content)
    assert set(payload) == {"type", "errors"}
    return [error["attr"] for error in payload["errors"]]
