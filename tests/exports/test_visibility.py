"""Exports show what the list shows: drafts stay hidden, retracted records only on request."""

import csv
import io
import zipfile

import pytest

from conflict.models import Claim

from .conftest import body, json_records


@pytest.fixture
def reviewed(seed):
    first, second = Claim.objects.order_by("id").values_list("id", flat=True)[:2]
    Claim.objects.filter(id=first).update(status="draft")
    Claim.objects.filter(id=second).update(status="retracted")
    return first, second


def exported_ids(client, query=""):
    content = body(client.get(f"/api/v1/claims/export/?format=csv&{query}")).decode()
    return [int(row["id"]) for row in csv.DictReader(io.StringIO(content, newline=""))]


def test_export_hides_what_the_list_hides(client, reviewed):
    draft, retracted = reviewed
    ids = exported_ids(client)
    assert ids == [record["id"] for record in json_records(client, "claims")]
    assert draft not in ids
    assert retracted not in ids


def test_export_shows_retracted_claims_on_request_as_the_list_does(client, reviewed):
    _draft, retracted = reviewed
    ids = exported_ids(client, "status=retracted")
    assert ids == [r["id"] for r in json_records(client, "claims", "status=retracted")]
    assert ids == [retracted]
    response = client.get("/api/v1/claims/export/?format=csv&status=draft")
    assert response.status_code == 403  # as on the list: drafts are for editors


def test_data_package_has_only_public_rows(client, reviewed):
    draft, retracted = reviewed
    content = b"".join(client.get("/api/v1/datapackage.zip?status=retracted").streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        text = archive.read("claims.csv").decode("utf-8")
    ids = [int(row["id"]) for row in csv.DictReader(io.StringIO(text, newline=""))]
    assert ids == [record["id"] for record in json_records(client, "claims")]
    assert draft not in ids
    assert retracted not in ids


def test_an_editors_data_package_is_the_public_rows_too(client, reviewed, editor_api):
    draft, retracted = reviewed
    response = editor_api.get("/api/v1/datapackage.zip?status=draft")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="conflict-claims.zip"'
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        text = archive.read("claims.csv").decode("utf-8")
    ids = [int(row["id"]) for row in csv.DictReader(io.StringIO(text, newline=""))]
    assert ids == [record["id"] for record in json_records(client, "claims")]
    assert draft not in ids
    assert retracted not in ids
    # The editor's own list does show the draft: the package left it out on purpose.
    editor_ids = [
        row["id"] for row in editor_api.get("/api/v1/claims/?page_size=500").json()["results"]
    ]
    assert draft in editor_ids
