"""A published record names only published records: every relation, on the submitted state.

Through the API (a 400 naming the field), the admin's change form and its bulk action.
"""

import pytest
from django.urls import reverse

from conflict.models import Actor, Claim, ClaimLink, Incident, Loss, Place

from .helpers import attrs, etag_of

pytestmark = pytest.mark.django_db


def draft_actor() -> Actor:
    return Actor.objects.create(
        name="Unreviewed unit", slug="unreviewed-unit", kind="other", status="draft"
    )


def draft_place() -> Place:
    return Place.objects.create(
        name="Unreviewed village", slug="unreviewed-village", kind="city_town", status="draft"
    )


def draft_incident() -> Incident:
    return Incident.objects.create(
        title="Unreviewed", slug="unreviewed", kind="other", status="draft"
    )


def draft_claim_like(claim: Claim) -> Claim:
    return Claim.objects.create(
        article=claim.article,
        quote=claim.quote,
        span_start=claim.span_start,
        span_end=claim.span_end,
        text="An unreviewed reading.",
        category="other",
        status="draft",
    )


def patch(client, url: str, data: dict):
    return client.patch(url, data, format="json", HTTP_IF_MATCH=etag_of(client, url))


def published(model):
    return model.objects.filter(status="published").order_by("id")


@pytest.mark.parametrize(
    ("resource", "field", "draft"),
    [
        ("actors", "parent", lambda: draft_actor().pk),
        ("places", "parent", lambda: draft_place().pk),
        ("incidents", "places", lambda: [draft_place().pk]),
        ("claims", "claimant", lambda: draft_actor().pk),
        ("claims", "channel_actor", lambda: draft_actor().pk),
        (
            "claims",
            "incidents",
            lambda: [
                *published(Claim).first().incidents.values_list("pk", flat=True),
                draft_incident().pk,
            ],
        ),
        ("losses", "side", lambda: draft_actor().pk),
        ("losses", "claim", lambda: draft_claim_like(published(Claim).first()).pk),
        ("losses", "incident", lambda: draft_incident().pk),
    ],
)
def test_a_published_record_may_not_be_given_a_draft(seed, editor_api, resource, field, draft):
    model = {
        "actors": Actor,
        "places": Place,
        "incidents": Incident,
        "claims": Claim,
        "losses": Loss,
    }[resource]
    record = published(model).first()
    url = f"/api/v1/{resource}/{record.pk}/"
    refused = patch(editor_api, url, {field: draft()})
    assert refused.status_code == 400, refused.content
    assert attrs(refused) == [field]
    assert "draft" in refused.json()["errors"][0]["detail"]


def test_publishing_with_a_draft_place_in_the_same_request_is_refused(seed, editor_api):
    incident = published(Incident).first()
    Incident.objects.filter(pk=incident.pk).update(status="draft")
    url = f"/api/v1/incidents/{incident.pk}/"
    places = [*incident.places.values_list("pk", flat=True), draft_place().pk]
    refused = patch(editor_api, url, {"status": "published", "places": places})
    assert refused.status_code == 400, refused.content
    assert attrs(refused) == ["places"]
    assert Incident.objects.get(pk=incident.pk).status == "draft"
    # The submitted places are judged, not the stored ones: dropping the draft publishes.
    kept = patch(editor_api, url, {"status": "published", "places": places[:-1]})
    assert kept.status_code == 200, kept.content


def test_a_stored_draft_place_replaced_in_the_same_request_does_not_block(seed, editor_api):
    incident = published(Incident).first()
    Incident.objects.filter(pk=incident.pk).update(status="draft")
    stored = list(incident.places.values_list("pk", flat=True))
    incident.places.add(draft_place())
    url = f"/api/v1/incidents/{incident.pk}/"
    assert patch(editor_api, url, {"status": "published"}).status_code == 400
    done = patch(editor_api, url, {"status": "published", "places": stored})
    assert done.status_code == 200, done.content


def test_a_claim_linking_to_a_draft_is_not_published(seed, editor_api):
    claim = published(Claim).first()
    Claim.objects.filter(pk=claim.pk).update(status="draft")
    ClaimLink.objects.create(source=claim, target=draft_claim_like(claim), relation="supports")
    refused = patch(editor_api, f"/api/v1/claims/{claim.pk}/", {"status": "published"})
    assert refused.status_code == 400, refused.content
    assert attrs(refused) == ["links"]


def test_a_published_actor_is_created_without_a_draft_parent(seed, editor_api):
    response = editor_api.post(
        "/api/v1/actors/",
        {"name": "New unit", "slug": "new-unit", "kind": "armed_force", "parent": draft_actor().pk},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert attrs(response) == ["parent"]


def test_the_admin_form_judges_the_submitted_places(seed, editor, client):
    from tests.admin.helpers import form_data

    client.force_login(editor)
    incident = published(Incident).first()
    url = reverse("admin:conflict_incident_change", args=[incident.pk])
    data = form_data(client.get(url))
    data["places"] = [*data["places"], str(draft_place().pk)]
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the error
    assert "places" in response.context["adminform"].form.errors
    assert not incident.places.filter(status="draft").exists()


def test_the_bulk_action_publishes_a_batch_naming_itself_but_not_outside_drafts(
    seed, editor, client
):
    client.force_login(editor)
    parent = draft_actor()
    child = Actor.objects.create(
        name="Unreviewed squad",
        slug="unreviewed-squad",
        kind="other",
        status="draft",
        parent=parent,
    )
    orphan = Actor.objects.create(
        name="Lonely squad", slug="lonely-squad", kind="other", status="draft", parent=parent
    )
    response = client.post(
        reverse("admin:conflict_actor_changelist"),
        {"action": "publish", "_selected_action": [child.pk, parent.pk]},
        follow=True,
    )
    assert response.status_code == 200
    statuses = Actor.objects.filter(pk__in=[parent.pk, child.pk]).values_list("status", flat=True)
    assert set(statuses) == {"published"}
    Actor.objects.filter(pk=parent.pk).update(status="draft")
    Actor.objects.filter(pk=child.pk).update(status="draft")
    response = client.post(
        reverse("admin:conflict_actor_changelist"),
        {"action": "publish", "_selected_action": [orphan.pk]},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert messages[0] == "0 records published."
    assert f"its parent {parent} is a draft" in messages[1]
    assert Actor.objects.get(pk=orphan.pk).status == "draft"


def test_a_new_draft_incident_is_not_backed_by_a_published_claim(seed, editor_api):
    claim = published(Claim).first()
    payload = {
        "title": "Another shelling",
        "slug": "another-shelling",
        "kind": "shelling",
        "claims": [claim.pk],
    }
    refused = editor_api.post("/api/v1/incidents/", payload, format="json")
    assert refused.status_code == 400, refused.content  # the claim would name a draft
    assert attrs(refused) == ["claims"]
    created = editor_api.post(
        "/api/v1/incidents/", {**payload, "status": "published"}, format="json"
    )
    assert created.status_code == 201, created.content
