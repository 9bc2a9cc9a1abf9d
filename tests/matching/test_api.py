"""An incident reported by two outlets shows both as sources, to those who may see them."""

import csv
import io

import pytest
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from api.renderers import dumps
from conflict.drafts import publish_all
from conflict.ingestion import ingest_article
from conflict.models import Actor, Claim, Incident
from tests.api.test_rows import fast_incidents, incidents_view, serializer_output

from .test_incidents import FIRST, SECOND, SUNDAY

pytestmark = pytest.mark.django_db

URL = "/api/v1/incidents/"


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def two_outlets(seed, editor: User) -> dict:
    """Outlet One's report published; Outlet Two's, attached to the same incident, a draft."""
    first = ingest_article(FIRST, SUNDAY, publisher="Outlet One", source_url="https://one.test/a")
    publish_all(first.article, editor)
    second = ingest_article(SECOND, SUNDAY, publisher="Outlet Two")
    assert second.counts["incidents_matched"] == 1
    incident = Incident.objects.get(claims__quote__startswith="A missile struck")
    return {"first": first.article, "second": second.article, "incident": incident}


def test_an_editor_sees_both_outlets_as_sources(editor_api, two_outlets) -> None:
    incident, first, second = (two_outlets[k] for k in ("incident", "first", "second"))
    data = editor_api.get(f"{URL}{incident.pk}/").json()

    assert data["sources_count"] == 2
    assert [s["publisher"] for s in data["sources"]] == ["Outlet One", "Outlet Two"]
    one, two = data["sources"]
    assert one["id"] == first.pk
    assert one["source_url"] == "https://one.test/a"
    assert one["url"].endswith(f"/api/v1/articles/{first.pk}/")
    assert one["published_on"] == "2020-10-11"
    assert one["claims_count"] == Claim.objects.filter(article=first, incidents=incident).count()
    assert two["claims_count"] == Claim.objects.filter(article=second, incidents=incident).count()
    assert two["claims_count"] >= 1


def test_the_public_never_sees_a_draft_source(api, two_outlets) -> None:
    incident = two_outlets["incident"]
    data = api.get(f"{URL}{incident.pk}/").json()

    assert data["sources_count"] == 1
    assert [s["publisher"] for s in data["sources"]] == ["Outlet One"]
    second = two_outlets["second"].pk
    assert api.get(URL, {"article": second}).json()["results"] == []
    assert api.get(URL, {"publisher": "outlet two"}).json()["results"] == []
    assert api.get(URL, {"sources_min": 2}).json()["results"] == []


def test_filters_by_sources_publisher_and_article(editor_api, two_outlets) -> None:
    incident, second = two_outlets["incident"], two_outlets["second"]

    def found(**query) -> list[int]:
        return [r["id"] for r in editor_api.get(URL, query).json()["results"]]

    assert incident.pk in found(sources_min=2)
    assert all(
        r["sources_count"] >= 2 for r in editor_api.get(URL, {"sources_min": 2}).json()["results"]
    )
    assert incident.pk in found(publisher="OUTLET TWO")
    assert incident.pk in found(article=second.pk)
    assert found(publisher="Nobody At All") == []
    for bad in ("two", "0", "1.5"):
        response = editor_api.get(URL, {"sources_min": bad})
        assert response.status_code == 400
        assert "sources_min" in response.json()["errors"][0]["attr"]


def test_csv_and_the_fast_path_carry_the_sources(editor_api, editor, two_outlets) -> None:
    incident = two_outlets["incident"]
    body = editor_api.get(URL, {"format": "csv", "id": incident.pk}).content.decode()
    [row] = list(csv.DictReader(io.StringIO(body)))
    assert row["sources_count"] == "2"
    assert row["sources_publisher"] == "Outlet One;Outlet Two"

    view = incidents_view(f"{URL}?id={incident.pk}", user=editor)
    assert dumps(fast_incidents(view)) == dumps(serializer_output(view))


def test_actors_count_the_articles_they_speak_in(api, editor_api, two_outlets) -> None:
    ministry = Actor.objects.get(name="Ministry of Defence of Azerbaijan")
    public = api.get(f"/api/v1/actors/{ministry.pk}/").json()
    editors = editor_api.get(f"/api/v1/actors/{ministry.pk}/").json()
    # The seed article, Outlet One's (published) and Outlet Two's (a draft: editors only).
    assert editors["articles_count"] == public["articles_count"] + 1
    listed = api.get("/api/v1/actors/", {"page_size": 200}).json()["results"]
    assert (
        next(a for a in listed if a["id"] == ministry.pk)["articles_count"]
        == public["articles_count"]
    )
