"""Incidents rest on claims, and say when those claims are disputed."""

from __future__ import annotations

import pytest

from conflict.models import Actor, ClaimLink, Incident

from .conftest import World
from .helpers import admin_url, form_data

pytestmark = pytest.mark.django_db


def new_incident(admin_client) -> dict:
    data = form_data(admin_client.get(admin_url("incident", "add")))
    data.update(
        title="Shelling of the Shusha cathedral",
        slug="shelling-of-the-shusha-cathedral",
        kind="shelling",
        occurred_on="2020-10-08",
        date_precision="day",
    )
    return data


def test_an_incident_without_a_backing_claim_is_refused(admin_client, world: World) -> None:
    data = new_incident(admin_client)
    assert data["backing_claims-TOTAL_FORMS"] == "1"  # one empty row is offered
    response = admin_client.post(admin_url("incident", "add"), data)
    assert response.status_code == 200
    assert "An incident must be backed by at least 1 claim." in response.content.decode()
    assert not Incident.objects.filter(slug="shelling-of-the-shusha-cathedral").exists()


def test_an_incident_with_a_backing_claim_is_saved(admin_client, world: World) -> None:
    data = {**new_incident(admin_client), "backing_claims-0-claim": str(world.denial.pk)}
    response = admin_client.post(admin_url("incident", "add"), data)
    assert response.status_code == 302
    incident = Incident.objects.get(slug="shelling-of-the-shusha-cathedral")
    assert list(incident.claims.all()) == [world.denial]


def test_removing_the_last_backing_claim_is_refused(admin_client, world: World) -> None:
    url = admin_url("incident", "change", world.incident.pk)
    data = {**form_data(admin_client.get(url)), "backing_claims-0-DELETE": "on"}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "An incident must be backed by at least 1 claim." in response.content.decode()
    assert list(world.incident.claims.all()) == [world.report]


def test_participants_and_losses_are_edited_on_the_incident(admin_client, world: World) -> None:
    url = admin_url("incident", "change", world.incident.pk)
    data = form_data(admin_client.get(url))
    data.update(
        {
            "participations-TOTAL_FORMS": "2",
            "participations-1-actor": str(world.armenia.pk),
            "participations-1-role": "perpetrator",
            "losses-TOTAL_FORMS": "1",
            "losses-0-claim": str(world.report.pk),
            "losses-0-category": "damaged",
            "losses-0-qualifier": "many",
            "losses-0-equipment": "houses",
        }
    )
    assert admin_client.post(url, data).status_code == 302
    roles = {(p.actor, p.role) for p in world.incident.participations.all()}
    assert roles == {(world.state, "target"), (world.armenia, "perpetrator")}
    assert world.incident.losses.get().equipment == "houses"


def listed(admin_client, model: str, **params: str) -> list:
    response = admin_client.get(admin_url(model, "changelist"), params)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def test_contested_is_a_column_and_a_filter(admin_client, world: World) -> None:
    assert listed(admin_client, "incident", contested="yes") == []
    assert listed(admin_client, "incident", contested="no") == [world.incident]
    assert listed(admin_client, "claim", contested="yes") == []

    ClaimLink.objects.create(source=world.toll, target=world.report, relation="contradicts")

    assert listed(admin_client, "incident", contested="yes") == [world.incident]
    assert listed(admin_client, "incident", contested="no") == []
    assert set(listed(admin_client, "claim", contested="yes")) == {world.toll, world.report}
    assert listed(admin_client, "claim", contested="no") == [world.denial]
    html = admin_client.get(admin_url("incident", "changelist")).content.decode()
    assert (
        '<td class="field-contested"><img src="/static/admin/img/icon-yes.svg" alt="True">' in html
    )


def test_a_denial_about_an_incident_contests_it(admin_client, world: World) -> None:
    world.denial.incidents.add(world.incident)
    assert listed(admin_client, "incident", contested="yes") == [world.incident]


def test_a_draft_actor_cannot_join_a_published_incident(admin_client, world: World) -> None:
    Incident.objects.filter(pk=world.incident.pk).update(status="published")
    draft = Actor.objects.create(name="Unknown militia", slug="unknown-militia", status="draft")
    url = admin_url("incident", "change", world.incident.pk)
    data = form_data(admin_client.get(url))
    data.update(
        {
            "participations-TOTAL_FORMS": "2",
            "participations-1-actor": str(draft.pk),
            "participations-1-role": "perpetrator",
        }
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "The actor Unknown militia is a draft" in response.content.decode()
    assert not world.incident.participations.filter(actor=draft).exists()
