"""``POST /api/v1/articles/``: editors ingest an article over HTTP; bad input is a clear 4xx."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from rest_framework.test import APIClient

from conflict.models import Actor, Article, Claim, ClaimLink, Incident, Loss, Place

from .conftest import SEED_DATE

pytestmark = pytest.mark.django_db

URL = "/api/v1/articles/"


def errors(response) -> list[tuple[str, str | None]]:
    return [(e["code"], e["attr"]) for e in response.json()["errors"]]


def nothing_stored() -> bool:
    return not any(m.objects.exists() for m in (Article, Actor, Place, Incident, Claim, Loss))


def test_an_editor_ingests_the_seed_article(editor_api, seed_text):
    response = editor_api.post(
        URL,
        {"body": seed_text, "published_on": "2020-10-08", "publisher": "Euronews"},
        format="json",
        HTTP_X_CHANGE_REASON="Morning ingest",
    )
    assert response.status_code == 201, response.content
    data = response.json()
    article = Article.objects.get()
    assert article.body == seed_text
    assert response["Location"] == f"http://testserver/api/v1/articles/{article.pk}/"
    assert data["article"]["url"] == response["Location"]
    assert data["article"]["body"] == seed_text
    assert data["article"]["publisher"] == "Euronews"
    assert data["article"]["title_is_editorial"] is True
    assert data["article"]["claim_count"] == Claim.objects.count()  # editors count drafts
    assert data["report"]["counts"] == {
        "claims": Claim.objects.count(),
        "denials": Claim.objects.filter(stance="denies").count(),
        "incidents": Incident.objects.count(),
        "incidents_matched": 0,  # an empty database: nothing to match
        "losses": Loss.objects.count(),
        "links": ClaimLink.objects.count(),
        "restatements": 0,
        "new_actors": Actor.objects.count(),
        "actors_matched": 0,
        "new_places": Place.objects.count(),
    }
    decisions = data["report"]["decisions"]
    assert {d["kind"] for d in decisions} >= {"new_actor", "new_place", "loss_without_side"}
    kremlin = next(d for d in decisions if "'Kremlin'" in d["detail"])
    actor = Actor.objects.get(name="Kremlin")
    assert (kremlin["model"], kremlin["id"]) == ("actor", actor.pk)
    assert kremlin["url"] == f"http://testserver/api/v1/actors/{actor.pk}/"
    # The editor's reason is in every created record's history.
    claim = Claim.objects.first()
    assert claim.history.earliest().history_change_reason.startswith("Morning ingest: article")
    assert claim.history.earliest().history_user.username == "editor"


def test_the_drafts_are_hidden_from_the_public_until_published(editor_api, seed_text):
    editor_api.post(URL, {"body": seed_text, "published_on": "2020-10-08"}, format="json")
    kremlin = Actor.objects.get(name="Kremlin")
    public = APIClient()
    assert public.get(f"/api/v1/actors/{kremlin.pk}/").status_code == 404
    assert public.get("/api/v1/actors/").json()["count"] == 0
    assert public.get("/api/v1/places/").json()["count"] == 0
    assert public.get("/api/v1/claims/").json()["count"] == 0
    assert public.get("/api/v1/actors/?status=draft").status_code == 403
    # The article itself is public; its draft claims are not counted for the public.
    article = public.get(f"/api/v1/articles/{Article.objects.get().pk}/").json()
    assert article["claim_count"] == 0
    seen = editor_api.get(f"/api/v1/actors/{kremlin.pk}/").json()
    assert (seen["status"], seen["kind"]) == ("draft", "government_body")
    listed = editor_api.get("/api/v1/actors/?status=draft").json()
    assert listed["count"] == Actor.objects.count()


def test_the_same_text_again_is_a_409_naming_the_stored_article(editor_api, seed_text):
    first = editor_api.post(URL, {"body": seed_text, "published_on": "2020-10-08"}, format="json")
    claims = Claim.objects.count()
    again = editor_api.post(
        URL, {"body": seed_text, "published_on": "2021-01-01", "title": "Other"}, format="json"
    )
    assert again.status_code == 409
    assert errors(again) == [("duplicate", "body")]
    assert again.json()["type"] == "client_error"
    assert again["Location"] == first["Location"]
    assert first["Location"] in again.json()["errors"][0]["detail"]
    assert Article.objects.count() == 1
    assert Claim.objects.count() == claims


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        ({"body": "", "published_on": "2020-10-08"}, [("blank", "body")]),
        ({"body": " \n\t\n", "published_on": "2020-10-08"}, [("blank", "body")]),
        ({"published_on": "2020-10-08"}, [("required", "body")]),
        ({"body": 42, "published_on": "2020-10-08"}, [("invalid", "body")]),
        ({"body": "Baku said so."}, [("required", "published_on")]),
        ({"body": "Baku said so.", "published_on": "2020-13-01"}, [("invalid", "published_on")]),
        (
            {"body": "Baku said so.", "published_on": "2020-10-08", "source_url": "nope"},
            [("invalid", "source_url")],
        ),
        (
            {"body": "Baku said so.", "published_on": "2020-10-08", "title": "t" * 301},
            [("max_length", "title")],
        ),
    ],
)
def test_bad_input_is_a_400_naming_the_field(editor_api, payload, expected):
    response = editor_api.post(URL, payload, format="json")
    assert response.status_code == 400, response.content
    assert response.json()["type"] == "validation_error"
    assert errors(response) == expected
    assert nothing_stored()


def test_a_body_over_the_limit_is_a_400_naming_body(editor_api, settings):
    settings.INGEST_MAX_BODY_CHARS = 100
    body = "Azerbaijan said the city of Ganja was shelled. " * 3
    response = editor_api.post(URL, {"body": body, "published_on": "2020-10-08"}, format="json")
    assert response.status_code == 400
    assert errors(response) == [("max_length", "body")]
    assert response.json()["errors"][0]["detail"] == (
        f"The article text is {len(body)} characters; at most 100 are accepted."
    )
    assert nothing_stored()
    settings.INGEST_MAX_BODY_CHARS = len(body)
    accepted = editor_api.post(URL, {"body": body, "published_on": "2020-10-08"}, format="json")
    assert accepted.status_code == 201


def test_anonymous_clients_and_readers_cannot_ingest(seed_text):
    payload = {"body": seed_text, "published_on": "2020-10-08"}
    anonymous = APIClient().post(URL, payload, format="json")
    assert anonymous.status_code == 401
    User.objects.create_user("reader", password="a long reader password 1")
    reader = APIClient()
    reader.login(username="reader", password="a long reader password 1")
    assert reader.post(URL, payload, format="json").status_code == 403
    assert nothing_stored()


def test_a_session_ingest_needs_the_csrf_token(editor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    payload = {"body": "Armenia said 30 soldiers were killed.", "published_on": "2020-10-08"}
    refused = client.post(URL, payload, content_type="application/json")
    assert refused.status_code == 403
    assert nothing_stored()
    client.get(URL, HTTP_ACCEPT="text/html")  # the browsable API sets the cookie
    accepted = client.post(
        URL,
        payload,
        content_type="application/json",
        HTTP_X_CSRFTOKEN=client.cookies["csrftoken"].value,
    )
    assert accepted.status_code == 201, accepted.content
    assert accepted.json()["report"]["counts"]["losses"] == 1


def test_known_names_resolve_to_the_curated_records(seed, editor_api):
    body = "Azerbaijan said Armenian forces shelled Ganja on Thursday, killing 2 civilians."
    response = editor_api.post(URL, {"body": body, "published_on": "2020-10-08"}, format="json")
    assert response.status_code == 201, response.content
    claims = list(Article.objects.get(body=body).claims.all())
    # The participle of consequence ("killing ...") stays in the claim (issue 13).
    assert [c.quote for c in claims] == [
        "Azerbaijan said Armenian forces shelled Ganja on Thursday, killing 2 civilians."
    ]
    assert {c.claimant.slug for c in claims} == {"azerbaijan"}
    incident = claims[0].incidents.get()
    assert "ganja" in {p.slug for p in incident.places.all()}
    assert incident.occurred_on == SEED_DATE
    assert claims[0].losses.get().count_best == 2
    assert response.json()["report"]["counts"]["new_actors"] == 0


def test_a_claim_naming_a_draft_actor_cannot_be_published(editor_api):
    body = "Mount Olympus officials said ten tanks were destroyed."
    editor_api.post(URL, {"body": body, "published_on": "2020-10-08"}, format="json")
    claim = Claim.objects.get()
    url = f"/api/v1/claims/{claim.pk}/"
    etag = editor_api.get(url)["ETag"]
    refused = editor_api.patch(url, {"status": "published"}, format="json", HTTP_IF_MATCH=etag)
    assert refused.status_code == 400
    assert errors(refused) == [("invalid", "claimant")]
    assert "Mount Olympus officials is a draft" in refused.json()["errors"][0]["detail"]
    actor_url = f"/api/v1/actors/{claim.claimant_id}/"
    etag = editor_api.get(actor_url)["ETag"]
    published = editor_api.patch(
        actor_url, {"status": "published"}, format="json", HTTP_IF_MATCH=etag
    )
    assert published.status_code == 200, published.content
    etag = editor_api.get(url)["ETag"]
    accepted = editor_api.patch(url, {"status": "published"}, format="json", HTTP_IF_MATCH=etag)
    assert accepted.status_code == 200, accepted.content
    assert APIClient().get(url).json()["claimant"]["name"] == "Mount Olympus officials"


def test_exports_and_the_data_package_leave_draft_actors_and_places_out(seed, editor_api):
    import csv
    import io
    import zipfile

    body = "Mount Olympus officials said ten tanks were destroyed near Larissa on Monday."
    editor_api.post(URL, {"body": body, "published_on": "2020-10-08"}, format="json")
    draft_actor = Actor.objects.get(name="Mount Olympus officials")
    draft_place = Place.objects.get(name="Larissa")
    public = APIClient()

    def names(resource: str) -> set[str]:
        response = public.get(f"/api/v1/{resource}/export/?format=csv")
        text = b"".join(response.streaming_content).decode()
        return {row["name"] for row in csv.DictReader(io.StringIO(text, newline=""))}

    def packaged(resource: str) -> set[str]:
        content = b"".join(public.get("/api/v1/datapackage.zip").streaming_content)
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            text = archive.read(f"{resource}.csv").decode("utf-8")
        return {row["name"] for row in csv.DictReader(io.StringIO(text, newline=""))}

    assert draft_actor.name not in names("actors")
    assert draft_place.name not in names("places")
    assert draft_actor.name not in packaged("actors")
    assert draft_place.name not in packaged("places")
    assert "Azerbaijan" in names("actors")  # the curated, published ones stay
    Actor.objects.filter(pk=draft_actor.pk).update(status="published")
    assert draft_actor.name in names("actors")
    assert draft_actor.name in packaged("actors")
