"""Examples in the OpenAPI schema: real requests against the seed data and their answers.

Each example records the request that produces it, so tests/api/test_schema_examples.py can
replay it and fail when an answer drifts from what the API really says. Bodies are stored as
JSON files beside this module, with URLs on http://127.0.0.1:8000 (where `make serve`
listens) and `updated_at` equal to `created_at` (loading the seed stamps the load time).
"""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BASE_URL = "http://127.0.0.1:8000"


@dataclass(frozen=True)
class Example:
    operation_id: str
    status: str
    name: str
    summary: str
    method: str
    path: str
    body: dict[str, Any] | None = None  # the request body (writes)
    headers: dict[str, str] = field(default_factory=dict)  # request headers besides the token
    answer: str | None = None  # file name of the response body; None: `inline_answer`
    inline_answer: dict[str, Any] | None = None
    editor: bool = False  # sent with an editor's token

    @property
    def response(self) -> dict[str, Any]:
        if self.answer is None:
            assert self.inline_answer is not None
            return self.inline_answer
        return json.loads((HERE / self.answer).read_text(encoding="utf-8"))


def error(code: str, detail: str, attr: str | None, kind: str = "validation_error") -> dict:
    return {"type": kind, "errors": [{"code": code, "detail": detail, "attr": attr}]}


NEW_CLAIM = {
    "article": 1,
    "claimant": 9,
    "stance": "asserts",
    "category": "other",
    "text": "Armenia gave no reason for dismissing the head of its National Security Service.",
    "quote": "It gave no reason.",
}

EXAMPLES: list[Example] = [
    Example(
        "claims_list",
        "200",
        "AzerbaijanDenies",
        "Azerbaijan's denials: ?claimant=azerbaijan&stance=denies",
        "GET",
        "/api/v1/claims/?claimant=azerbaijan&stance=denies",
        answer="claims_list.json",
    ),
    Example(
        "claims_list",
        "400",
        "BadDate",
        "A malformed date: ?stated_after=2020-13-01",
        "GET",
        "/api/v1/claims/?stated_after=2020-13-01",
        inline_answer=error("invalid", "Enter a valid date.", "stated_after"),
    ),
    Example(
        "claims_retrieve",
        "200",
        "Denial",
        "Azerbaijan denies shelling the Shusha cathedral",
        "GET",
        "/api/v1/claims/6/",
        answer="claims_retrieve.json",
    ),
    Example(
        "incidents_retrieve",
        "200",
        "ShushaCathedral",
        "A contested incident, by slug, with its place, perpetrator and claims",
        "GET",
        "/api/v1/incidents/shusha-cathedral-shelling/",
        answer="incidents_retrieve.json",
    ),
    Example(
        "claims_create",
        "400",
        "QuoteNotInArticle",
        "The pasted quote is not in the article",
        "POST",
        "/api/v1/claims/",
        body={**NEW_CLAIM, "quote": "Words the article never printed"},
        inline_answer=error("invalid", "This quote does not occur in the article text.", "quote"),
        editor=True,
    ),
    Example(
        "claims_partial_update",
        "412",
        "StaleETag",
        "If-Match names a version someone has since changed",
        "PATCH",
        "/api/v1/claims/6/",
        body={"notes": "Checked against the original broadcast."},
        headers={"If-Match": '"0123456789abcdef0123456789abcdef"'},
        inline_answer=error(
            "precondition_failed",
            "The record changed since you read it; fetch it again and redo the change.",
            "If-Match",
            kind="client_error",
        ),
        editor=True,
    ),
    Example(
        "claims_partial_update",
        "428",
        "NoIfMatch",
        "A write without If-Match",
        "PATCH",
        "/api/v1/claims/6/",
        body={"notes": "Checked against the original broadcast."},
        inline_answer=error(
            "precondition_required",
            "Send If-Match with the ETag of the version you edited.",
            "If-Match",
            kind="client_error",
        ),
        editor=True,
    ),
]

# Request bodies shown on writes (drf-spectacular would otherwise show none).
REQUEST_EXAMPLES: dict[str, dict[str, dict[str, Any]]] = {
    "claims_create": {
        "PastedQuote": {
            "summary": "A claim by its pasted quote; the offsets are found",
            "value": NEW_CLAIM,
        }
    },
    "claims_partial_update": {
        "Notes": {
            "summary": "Change one field (send If-Match)",
            "value": {"notes": "Checked against the original broadcast."},
        }
    },
}


def add_examples(result: dict, generator: Any, request: Any, public: bool) -> dict:
    """drf-spectacular postprocessing hook: put the examples on their operations."""
    operations = {
        operation["operationId"]: operation
        for item in result.get("paths", {}).values()
        for operation in item.values()
    }
    for example in EXAMPLES:
        if example.operation_id not in operations:
            continue
        response = operations[example.operation_id]["responses"][example.status]
        media = response["content"]["application/json"]
        media.setdefault("examples", {})[example.name] = {
            "summary": example.summary,
            "value": example.response,
        }
    for operation_id, examples in REQUEST_EXAMPLES.items():
        if operation_id in operations:
            body = operations[operation_id]["requestBody"]["content"]["application/json"]
            body["examples"] = examples
    return result
