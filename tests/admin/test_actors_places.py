"""Actors and places: aliases one per line, country codes, hierarchies without loops."""

from __future__ import annotations

import pytest

from .conftest import World
from .helpers import admin_url, errors_of, form_data

pytestmark = pytest.mark.django_db


def post_change(admin_client, model: str, obj, **changes: str):
    url = admin_url(model, "change", obj.pk)
    data = {**form_data(admin_client.get(url)), **changes}
    return admin_client.post(url, data)


def test_aliases_are_edited_one_per_line(admin_client, world: World) -> None:
    page = admin_client.get(admin_url("actor", "change", world.ministry.pk))
    assert ">\nthe defence ministry\nBaku</textarea>" in page.content.decode()
    response = post_change(
        admin_client,
        "actor",
        world.ministry,
        aliases="Baku\r\n  the defence ministry \r\n\r\nAzerbaijani authorities\r\n",
    )
    assert response.status_code == 302
    world.ministry.refresh_from_db()
    assert world.ministry.aliases == ["Baku", "the defence ministry", "Azerbaijani authorities"]


@pytest.mark.parametrize("model", ["actor", "place"])
def test_a_repeated_alias_is_a_form_error(admin_client, world: World, model: str) -> None:
    obj = world.ministry if model == "actor" else world.city
    response = post_change(admin_client, model, obj, aliases="Gandja\nGanja city\nGandja")
    assert response.status_code == 200
    assert errors_of(response) == {"aliases": ["Alias 'Gandja' is listed twice."]}
    obj.refresh_from_db()
    assert "Ganja city" not in obj.aliases


def test_a_country_code_is_stored_in_capitals(admin_client, world: World) -> None:
    assert post_change(admin_client, "actor", world.armenia, country="am").status_code == 302
    world.armenia.refresh_from_db()
    assert world.armenia.country == "AM"
    refused = post_change(admin_client, "actor", world.armenia, country="A1")
    assert errors_of(refused) == {
        "country": ["Enter an ISO 3166-1 alpha-2 code in capitals, e.g. AZ."]
    }


def test_a_parent_loop_is_a_form_error(admin_client, world: World) -> None:
    response = post_change(admin_client, "place", world.country, parent=str(world.city.pk))
    assert response.status_code == 200
    assert errors_of(response) == {"parent": ["This parent would make the hierarchy a loop."]}


def test_a_point_needs_its_precision(admin_client, world: World) -> None:
    response = post_change(admin_client, "place", world.city, precision="")
    assert errors_of(response) == {"precision": ["Say how exact the point is."]}
