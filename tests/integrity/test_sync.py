"""Incremental sync: ?updated_since= on lists, and tombstones at /deletions/."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from conflict.models import Actor, Claim, ClaimLink, Loss

from .helpers import RESOURCES, attrs, etag_of

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return sorted(row["id"] for row in response.json()["results"])


@pytest.fixture
def since(seed) -> str:
    return (timezone.now() - dt.timedelta(milliseconds=1)).isoformat()


@pytest.mark.parametrize("resource", RESOURCES)
def test_nothing_changed_since_now_on_any_list(since, resource):
    assert ids(APIClient().get(f"/api/v1/{resource}/", {"updated_since": since})) == []


def test_api_code_and_bulk_changes_are_picked_up(since, editor_api):
    url = "/api/v1/claims/3/"
    editor_api.patch(url, {"notes": "x"}, format="json", HTTP_IF_MATCH=etag_of(editor_api, url))
    Claim.objects.filter(pk__in=[10, 11]).update(notes="bulk")
    assert ids(APIClient().get("/api/v1/claims/", {"updated_since": since})) == [3, 10, 11]
    assert len(ids(APIClient().get("/api/v1/claims/", {"page_size": 500}))) == 55


def test_a_new_link_counts_as_a_change_to_both_claims(since):
    ClaimLink.objects.create(source_id=20, target_id=21, relation="supports")
    assert ids(APIClient().get("/api/v1/claims/", {"updated_since": since})) == [20, 21]


def test_a_bad_timestamp_is_a_400_naming_the_parameter(seed):
    for value in ("yesterday", "2020-02-30", "2020-10-08T25:00", ""):
        response = APIClient().get("/api/v1/claims/", {"updated_since": value})
        assert response.status_code == 400, value
        assert attrs(response) == ["updated_since"]
    assert APIClient().get("/api/v1/claims/", {"updated_since": "2020-10-08"}).status_code == 200


def test_deletions_list_tombstones_since_a_time(since, editor_api):
    url = "/api/v1/losses/1/"
    assert editor_api.delete(url, HTTP_IF_MATCH=etag_of(editor_api, url)).status_code == 204
    Loss.objects.filter(pk=2).delete()
    response = APIClient().get("/api/v1/deletions/", {"since": since})
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [(row["resource"], row["id"]) for row in rows] == [("losses", 1), ("losses", 2)]
    assert rows[0]["deleted_at"] <= rows[1]["deleted_at"]
    later = APIClient().get("/api/v1/deletions/", {"since": rows[1]["deleted_at"]}).json()
    assert [row["id"] for row in later["results"]] == [2]


def test_a_recovered_record_is_no_longer_a_tombstone(since):
    loss = Loss.objects.get(pk=3)
    loss.delete()
    assert APIClient().get("/api/v1/deletions/").json()["count"] == 1
    Loss.history.filter(id=3, history_type="+").get().instance.save()
    assert APIClient().get("/api/v1/deletions/").json()["count"] == 0
    assert 3 in ids(APIClient().get("/api/v1/losses/", {"updated_since": since}))


def deleted_drafts() -> list[tuple[str, int]]:
    """A draft actor and a draft loss, created and deleted without ever being published."""
    actor = Actor.objects.create(
        name="Unknown unit", slug="unknown-unit", kind="armed_force", status="draft"
    )
    loss = Loss.objects.get(pk=4)
    loss.pk, loss.status = None, "draft"
    loss.save()
    gone = [("actors", actor.pk), ("losses", loss.pk)]
    actor.delete()
    loss.delete()
    return gone


def tombstones_of(api: APIClient) -> list[tuple[str, int]]:
    response = api.get("/api/v1/deletions/", {"page_size": 500})
    assert response.status_code == 200, response.content
    return [(row["resource"], row["id"]) for row in response.json()["results"]]


def test_the_public_never_sees_tombstones_of_drafts_it_never_saw(since, editor_api):
    published = Loss.objects.get(pk=5)
    published.delete()
    drafts = deleted_drafts()
    assert tombstones_of(APIClient()) == [("losses", 5)]
    assert tombstones_of(editor_api) == [("losses", 5), *drafts]


def test_a_record_once_published_keeps_its_public_tombstone(since):
    # A mirror may hold it from when it was published: it must learn that it is gone.
    loss = Loss.objects.get(pk=6)
    loss.status = "draft"
    loss.save()
    loss.delete()
    assert tombstones_of(APIClient()) == [("losses", 6)]


def test_the_deletions_list_costs_the_same_queries_for_few_and_many(since, editor_api):
    def queries(api: APIClient) -> int:
        with CaptureQueriesContext(connection) as captured:
            tombstones_of(api)
        return len(captured)

    Loss.objects.get(pk=7).delete()
    deleted_drafts()
    few = (queries(APIClient()), queries(editor_api))
    Loss.objects.filter(pk__gt=7).delete()
    assert len(tombstones_of(APIClient())) == 10
    assert (queries(APIClient()), queries(editor_api)) == few


def test_a_bad_since_is_a_400(seed):
    for value in ("soon", ""):
        response = APIClient().get("/api/v1/deletions/", {"since": value})
        assert response.status_code == 400
        assert attrs(response) == ["since"]
