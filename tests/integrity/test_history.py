"""Every change is kept: who, when, what, why; from the API, the admin, code and bulk."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from conflict.models import Claim, Place
from tests.admin.helpers import admin_url, form_data

pytestmark = pytest.mark.django_db


def history(client, url: str) -> list[dict]:
    response = client.get(f"{url}history/")
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def admin_client(editor) -> Client:
    client = Client()
    client.force_login(editor)
    return client


def test_an_api_change_is_recorded_with_who_what_and_why(seed, editor_api):
    url = "/api/v1/claims/3/"
    before = editor_api.get(url)
    response = editor_api.patch(
        url,
        {"text": "Azerbaijan said Ganja was shelled."},
        format="json",
        HTTP_IF_MATCH=before["ETag"],
        HTTP_X_CHANGE_REASON="Shorter paraphrase",
    )
    assert response.status_code == 200, response.content
    [latest, *_] = history(editor_api, url)
    assert latest["user"] == "editor"
    assert latest["type"] == "changed"
    assert latest["reason"] == "Shorter paraphrase"
    assert latest["changes"] == [
        {"field": "text", "old": before.json()["text"], "new": "Azerbaijan said Ganja was shelled."}
    ]


def test_history_is_for_editors_only(seed):
    response = APIClient().get("/api/v1/claims/3/history/")
    assert response.status_code == 401


def test_a_claim_created_through_the_api_has_its_creation_in_history(seed, editor_api):
    created = editor_api.post(
        "/api/v1/claims/",
        {
            "article": 1,
            "category": "other",
            "text": "Boilerplate.",
            "quote": "Discussion about this post",
        },
        format="json",
        HTTP_X_CHANGE_REASON="Test",
    )
    assert created.status_code == 201, created.content
    [entry] = history(editor_api, created.json()["url"])
    assert entry["type"] == "created"
    assert {"field": "quote", "old": None, "new": "Discussion about this post"} in entry["changes"]


def test_code_and_bulk_updates_are_recorded(seed, editor_api):
    Claim.objects.filter(pk__in=[1, 2]).update(notes="Checked against the source.")
    for pk in (1, 2):
        [latest, *_] = history(editor_api, f"/api/v1/claims/{pk}/")
        assert (
            latest["changes"]
            == [{"field": "notes", "old": "", "new": "Checked against the source."}]
            or {"field": "notes", "old": "", "new": "Checked against the source."}
            in latest["changes"]
        )
    place = Place.objects.get(slug="ganja")
    place.notes = "Second city."
    place._change_reason = "From a script"
    place.save()
    [latest, *_] = history(editor_api, f"/api/v1/places/{place.pk}/")
    assert latest["reason"] == "From a script"
    assert latest["user"] is None


def test_the_admin_bulk_publish_action_is_recorded_per_record(seed, admin_client, editor_api):
    Claim.objects.filter(pk__in=[4, 5]).update(status="draft")
    response = admin_client.post(
        admin_url("claim", "changelist"),
        {"action": "publish", "_selected_action": ["4", "5"]},
    )
    assert response.status_code == 302
    assert set(Claim.objects.filter(pk__in=[4, 5]).values_list("status", flat=True)) == {
        "published"
    }
    for pk in (4, 5):
        [latest, *_] = history(editor_api, f"/api/v1/claims/{pk}/")
        assert latest["user"] == "editor"
        assert latest["reason"] == "Bulk action: published"
        assert latest["changes"] == [{"field": "status", "old": "draft", "new": "published"}]


def test_an_admin_change_keeps_its_reason_and_can_be_reverted(seed, admin_client, editor_api):
    place = Place.objects.get(slug="ganja")
    original = place.name
    page = admin_client.get(admin_url("place", "change", place.pk))
    data = {**form_data(page), "name": "Gyandzha", "change_reason": "Local spelling"}
    assert admin_client.post(admin_url("place", "change", place.pk), data).status_code == 302
    [change, *_] = history(editor_api, f"/api/v1/places/{place.pk}/")
    assert (change["user"], change["reason"]) == ("editor", "Local spelling")

    # Revert: open the version before the change and save it.
    older = place.history.filter(name=original).latest("history_date")
    url = admin_url("place", "simple_history", place.pk, older.history_id)
    page = admin_client.get(url)
    assert page.status_code == 200
    assert admin_client.post(url, form_data(page)).status_code == 302
    place.refresh_from_db()
    assert place.name == original
    [revert, *_] = history(editor_api, f"/api/v1/places/{place.pk}/")
    assert revert["reason"] == "Reverted to an earlier version"
    assert revert["changes"] == [{"field": "name", "old": "Gyandzha", "new": original}]


def test_a_deleted_record_is_listed_and_can_be_recovered(seed, admin_client):
    place = Place.objects.create(name="Nowhere", slug="nowhere", kind="city_town")
    pk = place.pk
    place.delete()
    listing = admin_client.get(admin_url("place", "deleted"))
    assert listing.status_code == 200
    assert f"Nowhere (#{pk})" in listing.content.decode()
    version = Place.history.filter(id=pk, history_type="+").get()
    url = admin_url("place", "simple_history", pk, version.history_id)
    assert admin_client.post(url, form_data(admin_client.get(url))).status_code == 302
    assert Place.objects.filter(pk=pk, name="Nowhere").exists()
    assert Place.history.filter(id=pk).latest("history_date").history_change_reason == (
        "Recovered after deletion"
    )
    assert f"#{pk}" not in admin_client.get(admin_url("place", "deleted")).content.decode()


def test_a_backing_claim_added_on_the_incident_page_is_in_the_claims_history(
    seed, admin_client, editor_api
):
    url = admin_url("incident", "change", 16)
    data = form_data(admin_client.get(url))
    assert data["backing_claims-TOTAL_FORMS"] == "1"
    data.update(
        {
            "backing_claims-TOTAL_FORMS": "2",
            "backing_claims-1-claim": "3",
            "change_reason": "Claim 3 is about it too",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert set(Claim.objects.get(pk=3).incidents.values_list("pk", flat=True)) == {2, 16}
    [latest, *_] = history(editor_api, "/api/v1/claims/3/")
    assert (latest["user"], latest["reason"]) == ("editor", "Claim 3 is about it too")
    [change] = latest["changes"]
    assert change["field"] == "incidents"
    assert {row["incident"] for row in change["new"]} == {2, 16}
