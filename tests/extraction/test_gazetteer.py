"""Resolving names against known actors and places, and naming new ones."""

# ruff: noqa: RUF001 (curly apostrophes are the texts' own)

import pytest

from conflict.extraction import Gazetteer
from conflict.models import Actor, Place

GAZETTEER = Gazetteer.from_rows(
    [
        ("azerbaijan", "Azerbaijan", ["Baku", "Azerbaijan’s government"], "state"),
        ("anar-eyvazov", "Anar Eyvazov", [], "person"),
        ("mod-az", "Ministry of Defence of Azerbaijan", ["defence ministry"], "ministry_agency"),
    ],
    [("shusha", "Shusha", ["Shushi"], "city_town")],
)


@pytest.mark.parametrize(
    ("phrase", "slug"),
    [
        ("Baku", "azerbaijan"),
        ("Azerbaijan's government", "azerbaijan"),  # a straight apostrophe matches a curly one
        ("Azerbaijan’s Defence Minister Anar Eyvazov", "anar-eyvazov"),
        ("the defence ministry", "mod-az"),
    ],
)
def test_known_actors_resolve_by_name_or_alias(phrase: str, slug: str) -> None:
    actor = GAZETTEER.resolve_actor(phrase)
    assert (actor.slug, actor.is_new, actor.kind_guessed) == (slug, False, False)


@pytest.mark.parametrize(
    ("phrase", "name", "kind"),
    [
        ("regional governor Oleksandr Prokudin", "Oleksandr Prokudin", "person"),
        ("a US spokesperson in Geneva", "US spokesperson in Geneva", "person"),
        ("the Russian defence ministry", "Russian defence ministry", "ministry_agency"),
        ("The Rapid Support Forces (RSF)", "Rapid Support Forces", "armed_force"),
        ("Azerbaijani authorities", "Azerbaijani authorities", "government_body"),
        ("Athens", "Athens", "state"),
        ("Witnesses", "Witnesses", "other"),
    ],
)
def test_unknown_actors_are_new_drafts_with_a_guessed_kind(
    phrase: str, name: str, kind: str
) -> None:
    actor = Gazetteer().resolve_actor(phrase)
    assert (actor.name, actor.kind, actor.is_new, actor.kind_guessed) == (name, kind, True, True)


def test_places_resolve_by_alias_and_new_ones_are_flagged() -> None:
    assert GAZETTEER.resolve_place("Shushi").slug == "shusha"
    new = GAZETTEER.resolve_place("Goranboy", hint="region")
    assert (new.slug, new.kind, new.kind_guessed) == (None, "province_district", True)


@pytest.mark.django_db
def test_gazetteer_from_the_database(seed) -> None:
    gazetteer = Gazetteer.from_models(Actor.objects.all(), Place.objects.all())
    assert gazetteer.resolve_actor("Yerevan").slug == "armenia"
    assert gazetteer.resolve_actor("Armenian Prime Minister Nikol Pashinyan").slug == (
        "nikol-pashinyan"
    )
    assert gazetteer.resolve_place("Terter").slug == "tartar"
