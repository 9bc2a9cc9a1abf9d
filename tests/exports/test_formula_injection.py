"""No CSV cell a spreadsheet would run as a formula; JSON keeps every value exact.

Text taken from articles can start with ``=``, ``+``, ``-``, ``@``, a tab or a CR. In every
CSV (each resource's page and ``/export/``, the claims' fast path, ACLED's layout, the data
package) such a text cell starts with a single quote (OWASP); numbers stay numbers.
"""

import csv
import io
import json
import zipfile

import pytest
from django.test import Client

from conflict.models import Actor, Article, Claim, Incident, Loss, Place

from .conftest import RESOURCES, body

pytestmark = pytest.mark.django_db

NAME = '=HYPERLINK("http://example.org/x","click")'
TEXT = "+cmd|' /C calc'!A0"
NOTES = "-2+3"
CHANNEL = "@SUM(1,2)"
PLACE = "\tTab town"
DESCRIPTION = "\r=1+1"
PUBLISHER = "@Evil Press"
QUALIFIER = "-many"
TRIGGERS = tuple("=+-@\t\r")


@pytest.fixture
def formulas(seed):
    incident = (
        Incident.objects.filter(occurred_on__isnull=False, places__latitude__isnull=False)
        .order_by("id")
        .first()
    )
    claim = incident.claims.exclude(claimant=None).order_by("id").first()
    Actor.objects.filter(pk=claim.claimant_id).update(name=NAME)
    Claim.objects.filter(pk=claim.pk).update(text=TEXT, notes=NOTES, channel=CHANNEL)
    place = incident.places.filter(latitude__isnull=False).order_by("id").first()
    Place.objects.filter(pk=place.pk).update(name=PLACE, latitude=-33.9, longitude=-70.6)
    Incident.objects.filter(pk=incident.pk).update(description=DESCRIPTION)
    Article.objects.filter(pk=claim.article_id).update(publisher=PUBLISHER)
    Loss.objects.filter(pk=Loss.objects.order_by("id").first().pk).update(qualifier=QUALIFIER)
    return claim, place


def csv_outputs(client: Client) -> dict[str, str]:
    urls = [f"/api/v1/{r}/?format=csv&page_size=500" for r in RESOURCES]
    urls += [f"/api/v1/{r}/export/?format=csv" for r in RESOURCES]
    urls += [
        "/api/v1/incidents/?format=acled-csv&page_size=500",
        "/api/v1/incidents/export/?format=acled-csv",
    ]
    out = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        out[url] = body(response).decode("utf-8")
    package = body(client.get("/api/v1/datapackage.zip"))
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        for name in archive.namelist():
            if name.endswith(".csv"):
                out[f"datapackage.zip!{name}"] = archive.read(name).decode("utf-8")
    return out


def is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_no_csv_cell_starts_a_formula_and_numbers_stay_numbers(formulas):
    outputs = csv_outputs(Client())
    cells = {
        (url, cell)
        for url, text in outputs.items()
        for row in csv.reader(io.StringIO(text, newline=""))
        for cell in row
    }
    runnable = [
        (url, cell) for url, cell in cells if cell.startswith(TRIGGERS) and not is_number(cell)
    ]
    assert runnable == []
    values = {cell for _, cell in cells}
    for value in (NAME, TEXT, NOTES, CHANNEL, PLACE, PUBLISHER, QUALIFIER):
        assert f"'{value}" in values, value  # neutralised, not dropped
    # A negative coordinate is a number in every CSV that has it, never quoted.
    places = list(csv.DictReader(io.StringIO(outputs["/api/v1/places/export/?format=csv"])))
    place = next(row for row in places if row["name"] == f"'{PLACE}")
    assert (place["latitude"], place["longitude"]) == ("-33.9", "-70.6")
    acled = list(csv.DictReader(io.StringIO(outputs["/api/v1/incidents/export/?format=acled-csv"])))
    row = next(row for row in acled if row["location"] == f"'{PLACE}")
    assert (row["latitude"], row["longitude"]) == ("-33.9", "-70.6")
    assert row["notes"].startswith("'\r=1+1")
    assert row["source"].startswith(f"'{PUBLISHER}")


def test_the_claims_fast_csv_writes_what_the_serializer_path_writes(formulas):
    client = Client()
    fast = body(client.get("/api/v1/claims/export/?format=csv")).decode("utf-8")
    page = body(client.get("/api/v1/claims/?format=csv&page_size=500")).decode("utf-8")
    lines = lambda text: sorted(csv.reader(io.StringIO(text, newline="")))  # noqa: E731
    assert lines(fast) == lines(page)
    assert f"'{TEXT}" in fast


def test_json_and_ndjson_keep_the_text_exact(formulas):
    claim, place = formulas
    client = Client()
    record = client.get(f"/api/v1/claims/{claim.pk}/").json()
    assert (record["text"], record["notes"], record["channel"]) == (TEXT, NOTES, CHANNEL)
    assert record["claimant"]["name"] == NAME
    lines = body(client.get("/api/v1/places/export/?format=ndjson")).decode().splitlines()
    exported = next(json.loads(line) for line in lines if json.loads(line)["id"] == place.pk)
    assert exported["name"] == PLACE
    assert exported["latitude"] == -33.9
