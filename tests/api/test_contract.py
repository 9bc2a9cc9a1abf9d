"""The v1 contract: the served schema is the committed one, and breaking changes are named."""

import copy
from pathlib import Path

import pytest
import yaml

from api.contract import classify, main

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "api" / "openapi.yaml"
REGENERATE = (
    "DEBUG=1 .venv/bin/python manage.py spectacular --validate --fail-on-warn "
    "--file api/openapi.yaml"
)


@pytest.fixture(scope="module")
def committed() -> dict:
    return yaml.safe_load(COMMITTED.read_text(encoding="utf-8"))


@pytest.fixture
def changed(committed) -> dict:
    """A copy of the committed schema for a test to change."""
    return copy.deepcopy(committed)


def test_served_schema_is_the_committed_contract(api, db, committed):
    response = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    served = response.json()
    # drf-spectacular appends the request's version to info.version when serving.
    assert served["info"]["version"] == f"{committed['info']['version']} (v1)"
    served["info"]["version"] = committed["info"]["version"]
    if served != committed:
        report = classify(committed, served)
        if report.breaking:
            verdict = f"breaking changes to v1 (see the README's compatibility policy):\n{report}"
        elif report.changes:
            verdict = f"additions only; regenerate the contract ({REGENERATE}):\n{report}"
        else:
            verdict = f"only documentation differs; regenerate the contract ({REGENERATE})"
        pytest.fail(f"The served schema differs from api/openapi.yaml; {verdict}")


def test_an_unchanged_schema_has_no_changes(committed, changed):
    assert classify(committed, changed).changes == []


def operation(schema: dict, operation_id: str) -> dict:
    return next(
        op
        for item in schema["paths"].values()
        for op in item.values()
        if op["operationId"] == operation_id
    )


def component(schema: dict, name: str) -> dict:
    return schema["components"]["schemas"][name]


def breaking(committed: dict, changed: dict) -> list[str]:
    return [str(change) for change in classify(committed, changed).breaking]


def test_removed_path_is_breaking(committed, changed):
    del changed["paths"]["/api/v1/losses/export/"]
    assert breaking(committed, changed) == [
        "BREAKING: /api/v1/losses/export/: path removed (or renamed)"
    ]


def test_renamed_path_is_breaking(committed, changed):
    changed["paths"]["/api/v1/statements/"] = changed["paths"].pop("/api/v1/claims/")
    report = classify(committed, changed)
    assert [str(c) for c in report.breaking] == [
        "BREAKING: /api/v1/claims/: path removed (or renamed)"
    ]
    assert [str(c) for c in report.additions] == ["addition: /api/v1/statements/: new path"]


def test_removed_operation_is_breaking(committed, changed):
    del changed["paths"]["/api/v1/claims/{id}/"]["delete"]
    assert breaking(committed, changed) == [
        "BREAKING: DELETE /api/v1/claims/{id}/: operation claims_destroy removed"
    ]


def test_renamed_operation_is_breaking(committed, changed):
    operation(changed, "claims_list")["operationId"] = "list_claims"
    assert breaking(committed, changed) == [
        "BREAKING: GET /api/v1/claims/: operation renamed from claims_list to list_claims"
    ]


def test_removed_response_field_is_breaking(committed, changed):
    claim = component(changed, "Claim")
    del claim["properties"]["quote"]
    claim["required"].remove("quote")
    assert breaking(committed, changed) == [
        "BREAKING: component Claim: field 'quote' removed (or renamed)"
    ]


def test_renamed_request_field_is_breaking(committed, changed):
    write = component(changed, "ClaimWriteRequest")
    write["properties"]["paraphrase"] = write["properties"].pop("text")
    write["required"] = ["paraphrase" if f == "text" else f for f in write["required"]]
    assert breaking(committed, changed) == [
        "BREAKING: component ClaimWriteRequest: field 'text' removed (or renamed)",
        "BREAKING: component ClaimWriteRequest: new required request field 'paraphrase'",
    ]


def test_removed_parameter_is_breaking(committed, changed):
    op = operation(changed, "claims_list")
    op["parameters"] = [p for p in op["parameters"] if p["name"] != "stance"]
    assert breaking(committed, changed) == [
        "BREAKING: GET /api/v1/claims/ (claims_list): query parameter 'stance' removed (or renamed)"
    ]


def test_renamed_parameter_is_breaking(committed, changed):
    op = operation(changed, "claims_list")
    next(p for p in op["parameters"] if p["name"] == "claimant")["name"] = "speaker"
    report = classify(committed, changed)
    assert [str(c) for c in report.breaking] == [
        "BREAKING: GET /api/v1/claims/ (claims_list): query parameter 'claimant' removed "
        "(or renamed)"
    ]
    assert "new optional query parameter 'speaker'" in str(report)


def test_removed_enum_value_is_breaking(committed, changed):
    component(changed, "StanceEnum")["enum"].remove("denies")
    assert breaking(committed, changed) == [
        "BREAKING: component StanceEnum: enum value 'denies' removed (or renamed)"
    ]


def test_renamed_enum_is_breaking(committed, changed):
    # SDK generators name their types after components: a new name breaks their users' code.
    schemas = changed["components"]["schemas"]
    schemas["ClaimStanceEnum"] = schemas.pop("StanceEnum")
    text = yaml.safe_dump(changed).replace(
        "#/components/schemas/StanceEnum", "#/components/schemas/ClaimStanceEnum"
    )
    found = breaking(committed, yaml.safe_load(text))
    assert "BREAKING: component StanceEnum: removed (or renamed): generated SDKs name it" in found
    assert (
        "BREAKING: component Claim.stance allOf[0]: type changed from StanceEnum to ClaimStanceEnum"
    ) in found


def test_type_change_is_breaking(committed, changed):
    component(changed, "Claim")["properties"]["span_start"] = {"type": "string"}
    assert breaking(committed, changed) == [
        "BREAKING: component Claim.span_start: type changed from integer to string"
    ]


def test_optional_request_field_made_required_is_breaking(committed, changed):
    component(changed, "ClaimWriteRequest")["required"].append("notes")
    assert breaking(committed, changed) == [
        "BREAKING: component ClaimWriteRequest.notes: optional request field made required"
    ]


def test_optional_parameter_made_required_is_breaking(committed, changed):
    op = operation(changed, "claims_list")
    next(p for p in op["parameters"] if p["name"] == "stance")["required"] = True
    assert breaking(committed, changed) == [
        "BREAKING: GET /api/v1/claims/ (claims_list) query parameter 'stance': optional "
        "parameter made required"
    ]


def test_response_field_made_nullable_is_breaking_request_field_is_not(committed, changed):
    component(changed, "Claim")["properties"]["span_start"]["type"] = ["integer", "null"]
    component(changed, "ClaimWriteRequest")["properties"]["span_start"]["type"] = [
        "integer",
        "null",
    ]
    report = classify(committed, changed)
    assert [str(c) for c in report.breaking] == [
        "BREAKING: component Claim.span_start: now also ['null']"
    ]
    assert [str(c) for c in report.additions] == [
        "addition: component ClaimWriteRequest.span_start: now also ['null']"
    ]


def test_additions_are_allowed_and_named(committed, changed):
    changed["paths"]["/api/v1/sources/"] = copy.deepcopy(changed["paths"]["/api/v1/actors/"])
    for op in changed["paths"]["/api/v1/sources/"].values():
        op["operationId"] = op["operationId"].replace("actors", "sources")
    operation(changed, "claims_list")["parameters"].append(
        {"in": "query", "name": "language", "schema": {"type": "string"}}
    )
    component(changed, "Claim")["properties"]["language"] = {"type": "string", "readOnly": True}
    component(changed, "ClaimWriteRequest")["properties"]["language"] = {"type": "string"}
    component(changed, "StanceEnum")["enum"].append("neither")
    report = classify(committed, changed)
    assert report.breaking == []
    assert {str(c) for c in report.additions} == {
        "addition: /api/v1/sources/: new path",
        "addition: GET /api/v1/claims/ (claims_list): new optional query parameter 'language'",
        "addition: component Claim: new optional field 'language'",
        "addition: component ClaimWriteRequest: new optional field 'language'",
        "addition: component StanceEnum: new enum value 'neither'",
    }


def test_command_line_exits_1_on_a_breaking_change(committed, changed, tmp_path, capsys):
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(yaml.safe_dump(committed), encoding="utf-8")
    component(changed, "StanceEnum")["enum"].remove("asserts")
    new.write_text(yaml.safe_dump(changed), encoding="utf-8")
    assert main([str(old), str(new)]) == 1
    assert "enum value 'asserts' removed" in capsys.readouterr().out
    assert main([str(old), str(old)]) == 0
    assert capsys.readouterr().out.strip() == "no changes"
