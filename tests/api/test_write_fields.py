"""A write is taken whole or refused: unknown and read-only fields, unbounded text and a
language that is not a BCP 47 tag are 400s naming the field, never silently dropped or kept."""

import pytest
from django.core.exceptions import ValidationError

from conflict.models import Actor, Article

from .conftest import error_attrs

pytestmark = pytest.mark.django_db


def patch(client, url: str, data: dict):
    return client.patch(url, data, format="json", HTTP_IF_MATCH="*")


def test_an_unknown_field_is_a_400_naming_it_and_nothing_is_kept(world, editor_api):
    url = f"/api/v1/actors/{world.azerbaijan.pk}/"
    response = patch(editor_api, url, {"nmae": "Republic of Azerbaijan", "notes": "Checked."})
    assert response.status_code == 400, response.content
    assert error_attrs(response) == ["nmae"]
    assert response.json()["errors"][0]["code"] == "unknown_field"
    world.azerbaijan.refresh_from_db()
    assert world.azerbaijan.notes == ""


def test_a_read_only_field_is_a_400_naming_it(world, editor_api):
    shown = editor_api.get(f"/api/v1/claims/{world.ganja_claim.pk}/").json()
    response = editor_api.post("/api/v1/claims/", {**shown, "text": "Copy"}, format="json")
    assert response.status_code == 400, response.content
    read_only = {e["attr"] for e in response.json()["errors"] if e["code"] == "read_only"}
    assert {"id", "url", "created_at"} <= read_only


def test_an_unknown_field_in_an_ingest_is_a_400(world, editor_api):
    response = editor_api.post(
        "/api/v1/articles/",
        {"body": "Officials said a bridge was hit.", "published_on": "2020-10-09", "tilte": "x"},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert error_attrs(response) == ["tilte"]
    assert Article.objects.count() == 2


@pytest.mark.parametrize(
    ("data", "attr"),
    [
        ({"notes": "n" * 10_001}, "notes"),
        ({"aliases": [f"Alias {i}" for i in range(51)]}, "aliases"),
        ({"aliases": ["A" * 201]}, "aliases"),
    ],
    ids=["notes", "alias-count", "alias-length"],
)
def test_free_text_is_bounded(world, editor_api, data, attr):
    response = patch(editor_api, f"/api/v1/actors/{world.azerbaijan.pk}/", data)
    assert response.status_code == 400, response.content
    assert error_attrs(response) == [attr]


def test_a_claims_text_is_bounded(world, editor_api):
    url = f"/api/v1/claims/{world.ganja_claim.pk}/"
    assert patch(editor_api, url, {"text": "t" * 2_001}).status_code == 400
    assert patch(editor_api, url, {"text": "t" * 2_000}).status_code == 200


def test_the_bounds_are_the_models_so_the_admin_has_them_too(world):
    world.azerbaijan.notes = "n" * 10_001
    with pytest.raises(ValidationError) as caught:
        world.azerbaijan.full_clean()
    assert set(caught.value.message_dict) == {"notes"}


@pytest.mark.parametrize("tag", ["english", "en_GB", "e", "en-", "fr-FR-x", "123"])
def test_a_language_that_is_not_a_bcp47_tag_is_refused(world, editor_api, tag):
    url = f"/api/v1/articles/{world.article.pk}/"
    response = patch(editor_api, url, {"language": tag})
    assert response.status_code == 400, (tag, response.content)
    assert error_attrs(response) == ["language"]
    ingest = editor_api.post(
        "/api/v1/articles/",
        {"body": "Officials said a bridge was hit.", "published_on": "2020-10-09", "language": tag},
        format="json",
    )
    assert ingest.status_code == 400, (tag, ingest.content)
    assert error_attrs(ingest) == ["language"]


@pytest.mark.parametrize("tag", ["en", "hy", "az-Latn", "en-GB", "es-419", "sr-Cyrl-RS", "x-seed"])
def test_a_bcp47_tag_is_accepted(world, editor_api, tag):
    response = patch(editor_api, f"/api/v1/articles/{world.article.pk}/", {"language": tag})
    assert response.status_code == 200, (tag, response.content)
    assert Article.objects.get(pk=world.article.pk).language == tag


def test_an_actor_with_its_aliases_still_saves(world, editor_api):
    data = {"aliases": ["Baku", "Azerbaijani authorities"], "notes": "n" * 10_000}
    assert patch(editor_api, f"/api/v1/actors/{world.azerbaijan.pk}/", data).status_code == 200
    assert Actor.objects.get(pk=world.azerbaijan.pk).aliases == data["aliases"]
