"""Every model's admin pages load, search finds by the text an editor would type, and a
changelist's query count does not grow with its rows."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from .conftest import World, add_bundles
from .helpers import admin_url

pytestmark = pytest.mark.django_db

MODELS = [
    "article",
    "actor",
    "place",
    "incident",
    "incidentparticipant",
    "claim",
    "claimlink",
    "loss",
]

OBJECTS = {
    "article": "article",
    "actor": "ministry",
    "place": "city",
    "incident": "incident",
    "incidentparticipant": "participant",
    "claim": "denial",
    "claimlink": "link",
    "loss": "loss",
}


@pytest.mark.parametrize("model", MODELS)
def test_changelist_add_and_change_pages_load(admin_client, world: World, model: str) -> None:
    obj = getattr(world, OBJECTS[model])
    changelist = admin_client.get(admin_url(model, "changelist"))
    assert changelist.status_code == 200
    assert changelist.context["cl"].result_count >= 1
    assert admin_client.get(admin_url(model, "add")).status_code == 200
    change = admin_client.get(admin_url(model, "change", obj.pk))
    assert change.status_code == 200
    assert change.context["original"] == obj


# (model, search term, the object it must find, an object it must not)
SEARCHES = [
    ("article", "cathedral", "article", None),
    ("actor", "defence ministry", "ministry", "armenia"),  # an alias
    ("actor", "Armenia", "armenia", "ministry"),
    ("place", "Gandja", "city", "country"),  # an alias
    ("incident", "on Thursday", "incident", None),
    ("incidentparticipant", "Ganja", "participant", None),
    ("claim", "cathedral", "denial", "report"),
    ("claim", "Armenia", "toll", "denial"),  # claimant name
    ("claimlink", "cathedral", "link", None),
    ("loss", "servicemen", "loss", None),
]


@pytest.mark.parametrize(("model", "term", "found", "not_found"), SEARCHES)
def test_search_finds_the_object(
    admin_client, world: World, model: str, term: str, found: str, not_found: str | None
) -> None:
    response = admin_client.get(admin_url(model, "changelist"), {"q": term})
    assert response.status_code == 200
    results = list(response.context["cl"].result_list)
    assert getattr(world, found) in results
    if not_found:
        assert getattr(world, not_found) not in results
    nothing = admin_client.get(admin_url(model, "changelist"), {"q": "no such words anywhere"})
    assert list(nothing.context["cl"].result_list) == []


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("model", MODELS)
def test_changelist_queries_do_not_grow_with_rows(admin_client, world: World, model: str) -> None:
    url = admin_url(model, "changelist")
    add_bundles(0, 5)
    admin_client.get(url)  # warm per-process caches (content types, sessions)
    few = count_queries(admin_client, url)
    add_bundles(5, 40)
    many = count_queries(admin_client, url)
    rows = admin_client.get(url).context["cl"].result_count
    assert rows >= 45
    assert many == few


# (model holding the field, field, search term, the object it must offer)
AUTOCOMPLETES = [
    ("claim", "article", "ceasefire", "article"),
    ("claim", "claimant", "Ministry", "ministry"),
    ("claim", "incidents", "Ganja", "incident"),
    ("claim_incidents", "claim", "cathedral", "denial"),  # an incident's backing claims
    ("loss", "claim", "servicemen", "toll"),
    ("incident", "places", "Gandja", "city"),
    ("actor", "parent", "Azerbaijan", "state"),
    ("place", "parent", "Azerbaijan", "country"),
]


@pytest.mark.parametrize(("model", "field", "term", "expected"), AUTOCOMPLETES)
def test_autocomplete_offers_objects_by_name(
    admin_client, world: World, model: str, field: str, term: str, expected: str
) -> None:
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "conflict", "model_name": model, "field_name": field, "term": term},
    )
    assert response.status_code == 200
    offered = {item["id"]: item["text"] for item in response.json()["results"]}
    obj = getattr(world, expected)
    assert offered[str(obj.pk)] == str(obj)
