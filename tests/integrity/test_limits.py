"""Limits: throttling answers 429 with Retry-After; big bodies and long searches are refused."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from rest_framework.test import APIClient

from .helpers import attrs

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(settings):
    rates = {"anon": "3/minute", "user": "5/minute"}
    cache.clear()
    with override_settings(
        REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    ):
        yield
    cache.clear()


def test_anonymous_clients_are_throttled_with_retry_after(seed, low_rates):
    api = APIClient()
    codes = [api.get("/api/v1/actors/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    response = api.get("/api/v1/claims/")
    assert response.status_code == 429
    assert response.json()["errors"][0]["code"] == "throttled"
    assert 0 < int(response["Retry-After"]) <= 60


def test_editors_have_their_own_larger_allowance(seed, low_rates, editor_api):
    for _ in range(3):
        APIClient().get("/api/v1/actors/")
    assert APIClient().get("/api/v1/actors/").status_code == 429
    codes = [editor_api.get("/api/v1/actors/").status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_over_the_limit_is_a_413_before_it_is_read(seed, editor_api):
    response = editor_api.post(
        "/api/v1/actors/",
        {"slug": "big", "name": "Big", "kind": "other", "notes": "x" * 2000},
        format="json",
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["code"] == "request_too_large"
    small = editor_api.post(
        "/api/v1/actors/", {"slug": "small", "name": "Small", "kind": "other"}, format="json"
    )
    assert small.status_code == 201


def test_a_search_over_400_characters_is_a_400_naming_search(seed):
    api = APIClient()
    response = api.get("/api/v1/claims/", {"search": "shelled " * 60})
    assert response.status_code == 400
    assert attrs(response) == ["search"]
    assert api.get("/api/v1/claims/", {"search": "shelled " * 40}).status_code == 200
