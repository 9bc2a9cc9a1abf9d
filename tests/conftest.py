"""Fixtures shared by the whole suite."""

import pytest
from django.core.management import call_command


@pytest.fixture
def seed(db) -> None:
    """The curated seed data (fixtures/seed.json), loaded into the test database."""
    call_command("load_seed", verbosity=0)


@pytest.fixture
def editor(db):
    """A user in the ``editors`` group (the group comes from a data migration)."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user("editor", password="a long editor password 1", is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    return user


@pytest.fixture
def editor_token(editor) -> str:
    from rest_framework.authtoken.models import Token

    return Token.objects.create(user=editor).key


@pytest.fixture
def editor_api(editor_token):
    """An API client that authenticates as the editor with a token."""
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {editor_token}")
    return client
