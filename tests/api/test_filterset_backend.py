"""The filter backend binds only the filters a request names, and skips the filterset when it
names none; the answers are those of the whole filterset."""

import pytest
from drf_spectacular.generators import SchemaGenerator

from api.filterset_backend import parameters_read

# Query parameters that are not the filterset's (pagination, search, ordering, formats...).
OTHER_BACKENDS = {
    "page", "page_size", "paginate", "cursor", "ordering", "search", "format", "status",
    "updated_since",
}  # fmt: skip


def list_operations():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    for path, item in schema["paths"].items():
        operation = item.get("get", {})
        if operation.get("operationId", "").endswith("_list"):
            yield path, {p["name"] for p in operation["parameters"] if p["in"] == "query"}


def test_every_documented_filter_parameter_is_one_the_backend_watches():
    """A filter the backend did not know it reads would be silently ignored."""
    from django.urls import resolve

    checked = 0
    for path, names in list_operations():
        view = resolve(path.replace("{version}", "v1")).func
        filterset = getattr(view.cls, "filterset_class", None)
        if filterset is None:
            continue  # /deletions/: no filterset
        by_filter = parameters_read(filterset)
        assert by_filter is not None
        read = frozenset().union(*by_filter.values())
        assert names - OTHER_BACKENDS <= read, path
        assert read <= names, path  # and every parameter it reads is documented
        checked += 1
    assert checked >= 6


@pytest.mark.parametrize(
    ("query", "found"), [("", 200), ("?stance=asserts", 200), ("?stance=denies", 404)]
)
def test_a_detail_still_honours_a_filter_given(seed, query, found):
    from rest_framework.test import APIClient

    from conflict.models import Claim

    claim = Claim.objects.filter(stance="asserts").first()
    assert APIClient().get(f"/api/v1/claims/{claim.pk}/{query}").status_code == found


@pytest.mark.parametrize(
    "query",
    [
        {"stance": "asserts"},
        {"stance": "asserts,denies", "category": "toll"},
        {"stated_after": "2020-10-01", "stated_before": "2020-10-07"},
        {"stance": "no-such-stance"},
        {"stated_after": "yesterday", "category": "toll"},
        {"claimant": "no-such-actor", "page_size": "5"},
    ],
)
def test_the_named_filters_answer_as_the_whole_filterset(seed, query):
    """Binding only the named filters changes no answer: the same records, the same errors
    naming the same fields."""
    from django.test import RequestFactory
    from django_filters.utils import translate_validation
    from rest_framework.request import Request
    from rest_framework.test import APIClient

    from api.filtersets import ClaimFilterSet
    from conflict.models import Claim

    response = APIClient().get("/api/v1/claims/", {**query, "page_size": 500})
    request = Request(RequestFactory().get("/api/v1/claims/", query))
    whole = ClaimFilterSet(request.query_params, Claim.objects.filter(status="published"))
    if whole.is_valid():
        assert response.status_code == 200
        expected = sorted(whole.qs.values_list("id", flat=True))
        assert sorted(row["id"] for row in response.json()["results"]) == expected
    else:
        assert response.status_code == 400
        named = [(error["attr"], error["detail"]) for error in response.json()["errors"]]
        detail = translate_validation(whole.errors).detail
        assert named == [(attr, str(text)) for attr, texts in detail.items() for text in texts]
