"""An editor's answers are never kept by a shared cache; the docs pages carry a CSP."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def vary(response) -> set[str]:
    return {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}


def cache_control(response) -> set[str]:
    return {v.strip().lower() for v in response.get("Cache-Control", "").split(",") if v.strip()}


@pytest.mark.parametrize(
    "url", ["/api/v1/claims/", "/api/v1/actors/1/", "/api/v1/claims/?format=csv"]
)
def test_an_answer_to_a_token_is_private_and_varies_by_credentials(seed, editor_api, url):
    response = editor_api.get(url)
    assert response.status_code == 200
    assert "private" in cache_control(response)
    assert {"authorization", "cookie"} <= vary(response)


def test_an_answer_to_a_session_is_private(seed, editor):
    client = Client()
    client.force_login(editor)
    response = client.get("/api/v1/claims/")
    assert response.status_code == 200
    assert "private" in cache_control(response)


def test_an_anonymous_answer_is_not_private_but_varies_by_credentials(seed):
    response = APIClient().get("/api/v1/claims/")
    assert response.status_code == 200
    assert "private" not in cache_control(response)
    assert {"authorization", "cookie"} <= vary(response)


@pytest.mark.parametrize("url", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_the_docs_pages_carry_a_content_security_policy(db, url):
    response = Client().get(url)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self';" in policy  # no inline script, no CDN
    assert b"<script>" not in response.content
