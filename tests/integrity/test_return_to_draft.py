"""A record published records name may not go back to draft; it may be retracted.

The other half of "a published record may not name a draft": otherwise an editor could
unpublish an actor and leave published claims pointing at a name the public cannot open.
"""

import pytest
from rest_framework.test import APIClient

from conflict.models import Actor, Claim, Incident, Loss, Place

from .helpers import attrs, etag_of

pytestmark = pytest.mark.django_db


def patch_status(api: APIClient, url: str, status: str):
    return api.patch(url, {"status": status}, format="json", HTTP_IF_MATCH=etag_of(api, url))


def test_an_actor_named_by_published_claims_cannot_return_to_draft(seed, editor_api):
    actor = Actor.objects.filter(claims__status="published").distinct().first()
    named_by = sorted(actor.claims.values_list("pk", flat=True))
    url = f"/api/v1/actors/{actor.pk}/"
    refused = patch_status(editor_api, url, "draft")
    assert refused.status_code == 400, refused.content
    assert attrs(refused) == ["status"]
    detail = refused.json()["errors"][0]["detail"]
    assert f"claim(s) as claimant #{named_by[0]}" in detail
    assert Actor.objects.get(pk=actor.pk).status == "published"
    # The public still opens the actor its published claims name.
    assert APIClient().get(url).status_code == 200


def test_an_actor_may_be_retracted_while_published_claims_name_it(seed, editor_api):
    actor = Actor.objects.filter(claims__status="published").distinct().first()
    url = f"/api/v1/actors/{actor.pk}/"
    assert patch_status(editor_api, url, "retracted").status_code == 200
    shown = APIClient().get(url)
    assert shown.status_code == 200
    assert shown.json()["status"] == "retracted"


def test_an_actor_returns_to_draft_once_nothing_published_names_it(seed, editor_api):
    actor = Actor.objects.filter(claims__status="published").distinct().first()
    # Unpublish everything that names it, through the same rules, dependents first.
    Loss.objects.filter(side=actor).update(status="draft")
    Loss.objects.filter(claim__claimant=actor).update(status="draft")
    Loss.objects.filter(claim__channel_actor=actor).update(status="draft")
    Claim.objects.filter(claimant=actor).update(status="draft")
    Claim.objects.filter(channel_actor=actor).update(status="draft")
    Incident.objects.filter(participations__actor=actor).update(status="draft")
    response = patch_status(editor_api, f"/api/v1/actors/{actor.pk}/", "draft")
    assert response.status_code == 200, response.content
    assert Actor.objects.get(pk=actor.pk).status == "draft"


def test_a_place_with_published_incidents_cannot_return_to_draft(seed, editor_api):
    place = Place.objects.filter(incidents__status="published").distinct().first()
    incident = place.incidents.order_by("pk").first()
    refused = patch_status(editor_api, f"/api/v1/places/{place.slug}/", "draft")
    assert refused.status_code == 400, refused.content
    assert attrs(refused) == ["status"]
    assert f"incident(s) #{incident.pk}" in refused.json()["errors"][0]["detail"]


@pytest.mark.parametrize(("resource", "model"), [("claims", Claim), ("incidents", Incident)])
def test_a_claim_or_incident_with_published_losses_cannot_return_to_draft(
    seed, editor_api, resource, model
):
    obj = model.objects.filter(losses__status="published").distinct().first()
    url = f"/api/v1/{resource}/{obj.pk}/"
    refused = patch_status(editor_api, url, "draft")
    assert refused.status_code == 400, refused.content
    assert attrs(refused) == ["status"]
    assert "loss(es) #" in refused.json()["errors"][0]["detail"]
    obj.losses.update(status="draft")
    if model is Incident:  # its published claims name it too (conflict.rules)
        Claim.objects.filter(incidents=obj).update(status="draft")
    assert patch_status(editor_api, url, "draft").status_code == 200


def test_an_incident_naming_a_draft_participant_cannot_be_published(seed, editor_api):
    """The public would meet an actor's name leading nowhere (drafts are editors' only)."""
    incident = Incident.objects.filter(participations__isnull=False).first()
    Loss.objects.filter(incident=incident).update(status="draft")
    Incident.objects.filter(pk=incident.pk).update(status="draft")
    actor = incident.participations.first().actor
    Actor.objects.filter(pk=actor.pk).update(status="draft")
    url = f"/api/v1/incidents/{incident.pk}/"
    refused = patch_status(editor_api, url, "published")
    assert refused.status_code == 400, refused.content
    assert attrs(refused) == ["participants"]
    assert actor.name in refused.json()["errors"][0]["detail"]
    assert Incident.objects.get(pk=incident.pk).status == "draft"
    Actor.objects.filter(pk=actor.pk).update(status="published")
    assert patch_status(editor_api, url, "published").status_code == 200
