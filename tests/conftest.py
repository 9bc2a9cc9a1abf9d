"""Fixtures shared by the whole suite."""

import pytest
from django.core.management import call_command


@pytest.fixture
def seed(db) -> None:
    """The curated seed data (fixtures/seed.json), loaded into the test database."""
    call_command("load_seed", verbosity=0)


@pytest.fixture
def editor(db):
    """A user in the ``editors`` group.

    The group comes from a data migration; a transactional test's flush empties it, so it
    is ensured here the way ``issue_token`` does.
    """
    from django.apps import apps
    from django.contrib.auth.models import User

    from conflict.editors import ensure_editors_group

    user = User.objects.create_user("editor", password="a long editor password 1", is_staff=True)
    user.groups.add(ensure_editors_group(apps))
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
