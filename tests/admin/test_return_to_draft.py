"""The admin follows the model's rule: what published records name stays out of draft."""

from __future__ import annotations

from conflict.models import Actor, Claim

from .conftest import World
from .helpers import admin_url, errors_of, form_data


def test_the_change_form_refuses_to_return_a_named_actor_to_draft(admin_client, world: World):
    Claim.objects.filter(pk=world.report.pk).update(status="published")
    url = admin_url("actor", "change", world.state.pk)
    response = admin_client.post(url, {**form_data(admin_client.get(url)), "status": "draft"})
    assert response.status_code == 200
    [error] = errors_of(response)["status"]
    assert f"claim(s) as claimant #{world.report.pk}" in error
    assert Actor.objects.get(pk=world.state.pk).status == "published"


def test_the_bulk_action_skips_named_actors_and_says_why(admin_client, world: World):
    Claim.objects.filter(pk=world.report.pk).update(status="published")
    response = admin_client.post(
        admin_url("actor", "changelist"),
        {"action": "return_to_draft", "_selected_action": [world.state.pk, world.armenia.pk]},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert messages[0] == "1 record returned to draft."
    assert messages[1] == (
        "Not returned to draft: Azerbaijan: published records name it: "
        f"claim(s) as claimant #{world.report.pk}; "
        f"actor(s) as parent #{world.ministry.pk}"  # its ministry is published too
    )
    assert len(messages) == 2
    # Armenia's claims are drafts, so it went back to draft; Azerbaijan stays published.
    assert Actor.objects.get(pk=world.armenia.pk).status == "draft"
    assert Actor.objects.get(pk=world.state.pk).status == "published"
    assert world.state.history.count() == 1  # no change recorded for the skipped actor
