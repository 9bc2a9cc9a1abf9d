"""Editors write through the API; nobody else can. Validation is the admin's."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from rest_framework.test import APIClient

from conflict.models import Actor, Article, Claim, Loss

from .helpers import RESOURCES, attrs, etag_of

pytestmark = pytest.mark.django_db


def first_id(resource: str) -> int:
    return APIClient().get(f"/api/v1/{resource}/").json()["results"][0]["id"]


@pytest.mark.parametrize("resource", RESOURCES)
def test_anonymous_clients_cannot_write_anywhere(seed, resource):
    api = APIClient()
    detail = f"/api/v1/{resource}/{first_id(resource)}/"
    before = api.get(detail).json()
    for method, url in [
        ("post", f"/api/v1/{resource}/"),
        ("put", detail),
        ("patch", detail),
        ("delete", detail),
    ]:
        response = getattr(api, method)(url, {"notes": "vandalism"}, format="json")
        assert response.status_code == 401, (method, url)
        assert response["WWW-Authenticate"] == "Token"
        assert response.json()["errors"][0]["code"] == "not_authenticated"
    assert api.get(detail).json() == before


@pytest.mark.parametrize("resource", RESOURCES)
def test_a_user_outside_editors_is_forbidden_to_write(seed, resource):
    User.objects.create_user("reader", password="a long reader password 1")
    api = APIClient()
    api.login(username="reader", password="a long reader password 1")
    detail = f"/api/v1/{resource}/{first_id(resource)}/"
    assert api.post(f"/api/v1/{resource}/", {}, format="json").status_code == 403
    assert api.delete(detail).status_code == 403
    assert api.get(detail).status_code == 200


def test_an_editor_adds_a_claim_by_pasting_its_quote(seed, editor_api):
    article = Article.objects.get()
    quote = "Discussion about this post"
    assert quote in article.body
    response = editor_api.post(
        "/api/v1/claims/",
        {
            "article": article.pk,
            "claimant": Actor.objects.get(slug="azerbaijan").pk,
            "category": "other",
            "text": "A test claim.",
            "quote": quote,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert article.body[body["span_start"] : body["span_end"]] == quote
    assert body["claimant"]["slug"] == "azerbaijan"
    assert response["Location"] == body["url"]
    assert Claim.objects.filter(pk=body["id"], quote=quote).exists()


def test_a_quote_not_in_the_article_is_a_400_on_quote(seed, editor_api):
    claim = Claim.objects.first()
    response = editor_api.post(
        "/api/v1/claims/",
        {
            "article": claim.article_id,
            "category": "other",
            "text": "Invented.",
            "quote": "Words the article never printed",
        },
        format="json",
    )
    assert response.status_code == 400
    assert attrs(response) == ["quote"]
    assert "not" in response.json()["errors"][0]["detail"].lower()


def test_a_count_out_of_order_is_the_admins_error_on_the_same_field(seed, editor_api):
    claim = Claim.objects.first()
    response = editor_api.post(
        "/api/v1/losses/",
        {
            "claim": claim.pk,
            "category": "killed",
            "population": "civilian",
            "count_low": 5,
            "count_best": 3,
        },
        format="json",
    )
    assert response.status_code == 400
    assert attrs(response) == ["count_low"]
    assert response.json()["errors"][0]["detail"] == "The low count is above the best estimate."
    assert not Loss.objects.filter(count_low=5).exists()


def test_a_duplicate_slug_a_bad_choice_and_a_bad_code_are_field_errors(seed, editor_api):
    response = editor_api.post(
        "/api/v1/actors/",
        {"slug": "azerbaijan", "name": "Again", "kind": "dragon", "country": "az"},
        format="json",
    )
    assert response.status_code == 400
    assert set(attrs(response)) == {"slug", "kind", "country"}  # "az": capitals, as in admin


def test_deleting_an_actor_that_claims_refer_to_is_a_409(seed, editor_api):
    actor = Actor.objects.get(slug="azerbaijan")
    url = f"/api/v1/actors/{actor.pk}/"
    response = editor_api.delete(url, HTTP_IF_MATCH=etag_of(editor_api, url))
    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "conflict"
    assert Actor.objects.filter(pk=actor.pk).exists()


def test_session_writes_need_the_csrf_token(seed, editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    payload = {"slug": "new-actor", "name": "New actor", "kind": "other"}
    refused = client.post("/api/v1/actors/", payload, content_type="application/json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["errors"][0]["detail"]
    client.get("/api/v1/actors/", HTTP_ACCEPT="text/html")  # the browsable API sets it
    token = client.cookies["csrftoken"].value
    accepted = client.post(
        "/api/v1/actors/", payload, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert accepted.status_code == 201, accepted.content
    assert Actor.objects.filter(slug="new-actor").exists()


def test_the_last_claim_of_an_incident_cannot_be_deleted_or_unlinked(seed, editor_api):
    # Claim 49 is the only claim about incident 16.
    claim = Claim.objects.get(pk=49)
    assert list(Claim.objects.filter(incidents=16).values_list("pk", flat=True)) == [49]
    url = f"/api/v1/claims/{claim.pk}/"
    unlinked = editor_api.patch(
        url, {"incidents": []}, format="json", HTTP_IF_MATCH=etag_of(editor_api, url)
    )
    assert unlinked.status_code == 400
    assert attrs(unlinked) == ["incidents"]
    Loss.objects.filter(claim=claim).delete()
    deleted = editor_api.delete(url, HTTP_IF_MATCH=etag_of(editor_api, url))
    assert deleted.status_code == 409
    assert "backing" in deleted.json()["errors"][0]["detail"]
    assert Claim.objects.filter(pk=49).exists()
