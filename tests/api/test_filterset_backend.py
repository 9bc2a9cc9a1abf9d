"""The filter backend skips a filterset only when none of its parameters is in the request."""

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
        read = parameters_read(filterset)
        assert read is not None
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
