"""The admin login refuses to check passwords after a few failures a minute."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


@pytest.fixture
def staff(settings):
    settings.ADMIN_LOGIN_FAILURES_PER_MINUTE = 5
    cache.clear()
    yield User.objects.create_user("curator", password="the right password 42", is_staff=True)
    cache.clear()


def attempt(client: Client, username: str, password: str, address: str = "192.0.2.10"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_wrong_passwords_are_refused_after_the_allowance_even_the_right_one(staff):
    client = Client()
    codes = [attempt(client, "curator", f"guess {n}").status_code for n in range(5)]
    assert codes == [200] * 5  # the form again, "Please enter the correct username…"
    refused = attempt(client, "curator", "the right password 42")
    assert refused.status_code == 429
    assert 0 < int(refused["Retry-After"]) <= 61
    assert "Too many failed logins" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_count_is_per_address_and_username(staff):
    for n in range(5):
        attempt(Client(), "curator", f"guess {n}")
    # Another username from the same address, or the same from another address, may try.
    assert attempt(Client(), "someone-else", "x").status_code == 200
    elsewhere = attempt(Client(), "curator", "the right password 42", address="192.0.2.99")
    assert elsewhere.status_code == 302
    # X-Forwarded-For from the client is not trusted without a configured proxy.
    forged = Client().post(
        LOGIN,
        {"username": "curator", "password": "the right password 42"},
        REMOTE_ADDR="192.0.2.10",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    assert forged.status_code == 429


def test_a_right_password_within_the_allowance_logs_in(staff):
    client = Client()
    attempt(client, "curator", "wrong")
    assert attempt(client, "curator", "the right password 42").status_code == 302
