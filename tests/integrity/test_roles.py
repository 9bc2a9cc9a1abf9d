"""The editors group and the command that issues editor tokens."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import CommandError, call_command
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_the_migration_gives_editors_every_action_on_every_domain_model():
    codenames = set(
        Group.objects.get(name="editors").permissions.values_list("codename", flat=True)
    )
    for model in ("article", "actor", "place", "incident", "claim", "claimlink", "loss"):
        assert {f"{a}_{model}" for a in ("add", "change", "delete", "view")} <= codenames


def issue(*args: str) -> str:
    out = StringIO()
    call_command("issue_token", *args, stdout=out)
    return out.getvalue().strip()


def test_issue_token_creates_an_editor_whose_token_writes(seed):
    token = issue("alice", "--editor", "--create-user")
    assert issue("alice") == token  # the same token every time
    alice = User.objects.get(username="alice")
    assert alice.is_staff
    assert alice.groups.filter(name="editors").exists()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = api.post(
        "/api/v1/actors/", {"slug": "alices-actor", "name": "A", "kind": "other"}, format="json"
    )
    assert response.status_code == 201


def test_issue_token_refuses_an_unknown_user_without_create_user(db):
    with pytest.raises(CommandError, match="--create-user"):
        issue("nobody")
    assert not User.objects.filter(username="nobody").exists()


def test_a_token_without_editor_rights_cannot_write(seed):
    token = issue("bob", "--create-user")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.post("/api/v1/actors/", {}, format="json").status_code == 403


def test_a_bad_token_is_a_401(seed):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert api.get("/api/v1/actors/").status_code == 401
