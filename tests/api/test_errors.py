"""Bad input is a 400 (or a 404 for what does not exist) in one JSON shape, never a 500."""

import pytest
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework.test import APIClient

from api.errors import exception_handler
from conflict.models import Actor

from .conftest import error_attrs

BAD_PARAMETERS = [
    ("claims", {"stance": "agrees"}, "stance"),
    ("claims", {"category": "toll,rumour"}, "category"),
    ("incidents", {"kind": "earthquake"}, "kind"),
    ("incidents", {"acled_event_type": "Riots"}, "acled_event_type"),
    ("incidents", {"date_precision": "hour"}, "date_precision"),
    ("places", {"precision": "approximate"}, "precision"),
    ("losses", {"population": "aliens"}, "population"),
    ("claims", {"stated_after": "2020-13-45"}, "stated_after"),
    ("claims", {"stated_before": "10/08/2020"}, "stated_before"),
    ("incidents", {"occurred_after": "yesterday"}, "occurred_after"),
    ("incidents", {"occurred_before": "2020-02-30"}, "occurred_before"),
    ("articles", {"published_after": "soon"}, "published_after"),
    ("claims", {"id": "abc"}, "id"),
    ("claims", {"id": "1,x"}, "id"),
    ("losses", {"id": "0"}, "id"),
    ("actors", {"id": "99999999999999999999999"}, "id"),
    ("claims", {"claimant": "nobody"}, "claimant"),
    ("claims", {"claimant": "azerbaijan,nobody"}, "claimant"),
    ("claims", {"article": "no-such-article"}, "article"),
    ("claims", {"incident": "999999"}, "incident"),
    ("incidents", {"place": "atlantis"}, "place"),
    ("incidents", {"participant": "ghost"}, "participant"),
    ("losses", {"side": "ghost"}, "side"),
    ("losses", {"claim": "not-an-id"}, "claim"),
    ("actors", {"parent": "ghost"}, "parent"),
    ("actors", {"country": "Azerbaijan"}, "country"),
    ("places", {"country": "A1"}, "country"),
    ("claims", {"contested": "maybe"}, "contested"),
    ("incidents", {"contested": "2"}, "contested"),
    ("claims", {"is_direct_quote": "yes please"}, "is_direct_quote"),
    ("claims", {"narration": "perhaps"}, "narration"),
    ("losses", {"cumulative": "sometimes"}, "cumulative"),
    ("places", {"has_coordinates": "x"}, "has_coordinates"),
    ("claims", {"ordering": "nonsense"}, "ordering"),
    ("claims", {"ordering": "stated_on,-bogus"}, "ordering"),
    ("articles", {"ordering": "body"}, "ordering"),
    ("claims", {"page_size": "501"}, "page_size"),
    ("claims", {"page_size": "0"}, "page_size"),
    ("claims", {"page_size": "-1"}, "page_size"),
    ("claims", {"page_size": "ten"}, "page_size"),
    ("claims", {"page_size": "1.5"}, "page_size"),
    ("claims", {"page": "abc"}, "page"),
    ("claims", {"page": "0"}, "page"),
    ("claims", {"paginate": "sideways"}, "paginate"),
    ("claims", {"cursor": "garbage", "paginate": "cursor"}, "cursor"),
    ("claims", {"paginate": "cursor", "ordering": "stated_on"}, "ordering"),
    ("claims", {"search": "gan\x00ja"}, "search"),
    ("articles", {"publisher": "Euro\x00news"}, "publisher"),
]


@pytest.mark.parametrize(("resource", "params", "attr"), BAD_PARAMETERS, ids=str)
def test_bad_parameter_is_a_400_naming_it(api, world, resource, params, attr):
    response = api.get(f"/api/v1/{resource}/", params)
    assert response.status_code == 400, response.content
    assert response.json()["type"] == "validation_error"
    assert attr in error_attrs(response)
    assert all(error["detail"] and error["code"] for error in response.json()["errors"])


def test_several_bad_parameters_are_all_named(api, world):
    response = api.get("/api/v1/claims/", {"stance": "x", "stated_after": "y", "claimant": "z"})
    assert response.status_code == 400
    assert sorted(error_attrs(response)) == ["claimant", "stance", "stated_after"]


def test_a_page_past_the_end_is_a_404_naming_page(api, world):
    response = api.get("/api/v1/claims/", {"page": "99"})
    assert response.status_code == 404
    assert response.json() == {
        "type": "client_error",
        "errors": [{"code": "not_found", "detail": "Invalid page.", "attr": "page"}],
    }


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/claims/abc/",
        "/api/v1/claims/99999999999999999999999/",
        "/api/v1/actors/no-such-actor/",
        "/api/v1/actors/99999999999999999999999/",
        "/api/v1/places/%C3%A9t%C3%A9/",
        "/api/v1/nothing-here/",
        "/api/v2/claims/",
        "/api/anything/",
    ],
)
def test_what_does_not_exist_is_a_json_404(api, world, path):
    response = api.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["type"] == "client_error"
    assert response.json()["errors"][0]["code"] == "not_found"


def test_a_post_to_an_unknown_path_is_a_json_404_not_a_csrf_page(world):
    response = APIClient(enforce_csrf_checks=True).post("/api/v1/nothing/", {})
    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"


def test_anonymous_writes_are_refused(api, world):
    response = api.post("/api/v1/claims/", {"text": "x"}, format="json")
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "not_authenticated"
    assert api.delete(f"/api/v1/actors/{world.armenia.id}/").status_code == 401
    assert Actor.objects.filter(pk=world.armenia.id).exists()


def test_a_model_validation_error_becomes_a_400_naming_the_field():
    response = exception_handler(DjangoValidationError({"quote": "Not in the text."}), {})
    assert response.status_code == 400
    assert response.data == {
        "type": "validation_error",
        "errors": [{"code": "invalid", "detail": "Not in the text.", "attr": "quote"}],
    }
    response = exception_handler(DjangoValidationError("Bad.", code="bad"), {})
    assert response.data["errors"] == [{"code": "bad", "detail": "Bad.", "attr": None}]


def test_an_unexpected_exception_is_left_to_django():
    assert exception_handler(RuntimeError("bug"), {}) is None


NASTY = ["", " ", ",", ",,", "-", "\x00", "'", '"', "%", "\\", "9" * 30, "a" * 2000, "é", "null"]


def filter_names(resource: str) -> list[str]:
    from api.urls import router

    viewset = next(v for prefix, v, _ in router.registry if prefix == resource)
    return [*viewset.filterset_class.base_filters, "search", "ordering", "page", "page_size"]


@pytest.mark.parametrize(
    "resource", ["articles", "actors", "places", "incidents", "claims", "losses"]
)
def test_no_value_of_any_parameter_is_a_server_error(api, world, resource):
    for name in filter_names(resource):
        for value in NASTY:
            response = api.get(f"/api/v1/{resource}/", {name: value})
            assert response.status_code in (200, 400, 404), (name, value, response.content)
            if response.status_code != 200:
                assert response.json()["errors"][0]["attr"] == name, (name, value)


@pytest.mark.parametrize(
    ("resource", "params"),
    [
        ("actors", {"kind": "state,"}),
        ("actors", {"kind": ",,"}),
        ("actors", {"country": ","}),
        ("claims", {"id": ","}),
        ("claims", {"stance": ",denies"}),
        ("claims", {"stance": ""}),
        ("incidents", {"acled_event_type": "Battles,"}),
        ("incidents", {"acled_event_type": ","}),
        ("losses", {"population": ","}),
        ("claims", {"claimant": ","}),
        ("claims", {"claimant": "azerbaijan,"}),
        ("claims", {"incident": ""}),
    ],
)
def test_an_empty_list_or_list_item_is_a_400_naming_it(api, world, resource, params):
    # ``?stance=,denies`` is most likely an unset variable on the client's side; answering
    # as if it were ``?stance=denies`` would hide that (the schema says minItems 1).
    response = api.get(f"/api/v1/{resource}/", params)
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {
            "code": "empty",
            "detail": "Give one or more values, comma-separated, none of them empty.",
            "attr": next(iter(params)),
        }
    ]
