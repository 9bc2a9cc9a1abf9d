"""The schema's examples are what the API really answers for the seed data."""

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from rest_framework.test import APIClient

from api.examples import BASE_URL, EXAMPLES, REQUEST_EXAMPLES

ROOT = Path(__file__).resolve().parents[2]


def stamped_at_creation(value: Any) -> Any:
    """`updated_at` as `created_at`: loading the seed stamps the load time."""
    if isinstance(value, dict):
        fixed = {key: stamped_at_creation(item) for key, item in value.items()}
        if "updated_at" in fixed and "created_at" in fixed:
            fixed["updated_at"] = fixed["created_at"]
        return fixed
    if isinstance(value, list):
        return [stamped_at_creation(item) for item in value]
    return value


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: f"{e.operation_id}-{e.name}")
def test_example_is_the_real_answer(seed, editor_token, example):
    client = APIClient()
    if example.editor:
        client.credentials(HTTP_AUTHORIZATION=f"Token {editor_token}")
    headers = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in example.headers.items()}
    response = client.generic(
        example.method,
        example.path,
        json.dumps(example.body) if example.body is not None else "",
        content_type="application/json",
        **headers,
    )
    assert str(response.status_code) == example.status, response.content
    expected = json.loads(json.dumps(example.response).replace(BASE_URL, "http://testserver"))
    assert stamped_at_creation(response.json()) == expected


def test_examples_are_in_the_committed_schema():
    schema = yaml.safe_load((ROOT / "api" / "openapi.yaml").read_text(encoding="utf-8"))
    operations = {
        op["operationId"]: op for item in schema["paths"].values() for op in item.values()
    }
    for example in EXAMPLES:
        media = operations[example.operation_id]["responses"][example.status]["content"]
        shown = media["application/json"]["examples"][example.name]
        assert shown["value"] == example.response
    for operation_id, examples in REQUEST_EXAMPLES.items():
        body = operations[operation_id]["requestBody"]["content"]["application/json"]
        assert body["examples"] == examples


def test_request_example_creates_a_claim(seed, editor_api):
    # The body shown on claims_create is one an editor can send as it is.
    body = REQUEST_EXAMPLES["claims_create"]["PastedQuote"]["value"]
    response = editor_api.post("/api/v1/claims/", body, format="json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert (created["quote"], created["claimant"]["slug"]) == (body["quote"], "armenia")
    assert created["span_end"] - created["span_start"] == len(body["quote"])
