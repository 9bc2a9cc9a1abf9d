"""The Frictionless Data Package: frictionless itself validates what we write."""

import csv
import io
import json
import zipfile

import pytest
from django.core.management import CommandError, call_command
from frictionless import Package, validate

from .conftest import RESOURCES, json_records


@pytest.fixture
def package_dir(seed, tmp_path):
    call_command("export_datapackage", str(tmp_path), "--base-url", "https://claims.example.org")
    return tmp_path


def test_command_writes_a_package_frictionless_validates(package_dir):
    report = validate(str(package_dir / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.stats["tasks"] == len(RESOURCES)


def test_package_describes_keys_licence_and_source(package_dir):
    descriptor = json.loads((package_dir / "datapackage.json").read_text())
    assert descriptor["licenses"][0]["name"]
    assert descriptor["sources"][0]["path"] == "https://claims.example.org/api/v1/"
    resources = {resource["name"]: resource for resource in descriptor["resources"]}
    assert set(resources) == set(RESOURCES)
    claims = resources["claims"]["schema"]
    assert claims["primaryKey"] == ["id"]
    keys = {key["fields"]: key["reference"]["resource"] for key in claims["foreignKeys"]}
    assert keys["claimant_id"] == "actors"
    assert keys["article_id"] == "articles"
    fields = {field["name"]: field for field in claims["fields"]}
    assert fields["span_start"]["type"] == "integer"
    assert fields["stated_on"]["type"] == "date"
    assert fields["contested"]["type"] == "boolean"
    assert set(fields["stance"]["constraints"]["enum"]) == {"asserts", "denies"}
    assert "joined with ';'" in fields["incidents_slug"]["description"]
    actor_keys = {
        k["fields"]: k["reference"]["resource"]
        for k in resources["actors"]["schema"]["foreignKeys"]
    }
    assert actor_keys["parent_id"] == ""  # this same table


def test_package_rows_are_the_public_records(client, package_dir):
    for resource in RESOURCES:
        with (package_dir / f"{resource}.csv").open(newline="", encoding="utf-8") as f:
            ids = [int(row["id"]) for row in csv.DictReader(f)]
        assert ids == [record["id"] for record in json_records(client, resource)]
    with (package_dir / "claims.csv").open(newline="", encoding="utf-8") as f:
        first = next(csv.DictReader(f))
    assert first["url"].startswith("https://claims.example.org/api/v1/claims/")


def test_package_articles_carry_the_body_the_offsets_index(package_dir):
    with (package_dir / "articles.csv").open(newline="", encoding="utf-8") as f:
        (article,) = list(csv.DictReader(f))
    with (package_dir / "claims.csv").open(newline="", encoding="utf-8") as f:
        for claim in csv.DictReader(f):
            start, end = int(claim["span_start"]), int(claim["span_end"])
            assert article["body"][start:end] == claim["quote"]


def test_command_refuses_a_bad_base_url(seed, tmp_path):
    with pytest.raises(CommandError, match="base URL"):
        call_command("export_datapackage", str(tmp_path), "--base-url", "claims.example.org")


def test_datapackage_zip_endpoint_is_a_valid_package(client, seed, tmp_path):
    response = client.get("/api/v1/datapackage.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="conflict-claims.zip"'
    content = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = set(archive.namelist())
        csvs = {f"{name}.csv" for name in RESOURCES}
        assert names == {"datapackage.json", "checksums.sha256", *csvs}
        archive.extractall(tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(str(tmp_path / "datapackage.json"))
    claims = package.get_resource("claims").read_rows()
    assert len(claims) == len(json_records(client, "claims"))


def test_datapackage_zip_refuses_other_formats(client, seed):
    response = client.get("/api/v1/datapackage.zip?format=json")
    assert response.status_code == 406
    assert response.json()["errors"][0]["attr"] == "format"


def test_datapackage_options_and_head(client, seed):
    response = client.options("/api/v1/datapackage.zip")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["name"]
    head = client.head("/api/v1/datapackage.zip")
    assert b"".join(head.streaming_content) == b""  # read to the end: the slot is freed
    assert head.status_code == 200
