"""Known weak spots of the extractor, one sentence each (written for this test, not in the
development corpus): a participle clause is no speaker; a denial in a participle ("rejecting a
report saying ..."); people an event left missing; "no one was hurt" is a zero toll."""

import datetime as dt

import pytest

from conflict.extraction import Gazetteer, extract

PUBLISHED = dt.date(2024, 6, 16)


@pytest.fixture(scope="module")
def world() -> Gazetteer:
    return Gazetteer.world()


def claims(text: str, world: Gazetteer) -> list[tuple]:
    return [
        (c.quote, c.claimant.name if c.claimant else None, c.stance)
        for c in extract(text, PUBLISHED, world).claims
    ]


def losses(text: str, world: Gazetteer) -> list[tuple]:
    return [
        (loss.category, loss.count_best)
        for c in extract(text, PUBLISHED, world).claims
        for loss in c.losses
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The brigade said it held the ridge near Selvo, calling the reports of a rout fake news.",
        "Officials in Marka dismissed the footage, calling the reports fake news.",
    ],
)
def test_a_participle_clause_goes_on_with_the_speaker(world: Gazetteer, text: str) -> None:
    *_, (quote, claimant, stance) = claims(text, world)
    assert quote.startswith("calling")
    assert claimant != "calling the"
    assert claimant in {"brigade", "Officials in Marka"}
    assert stance == "denies"


def test_a_leading_participle_clause_is_not_the_speaker(world: Gazetteer) -> None:
    text = "Rejecting a report by a monitor, the navy said its patrol boat had not been hit."
    ((quote, claimant, stance),) = claims(text, world)
    assert (claimant, stance) == ("navy", "denies")
    assert quote.startswith("Rejecting")


def test_rejecting_a_report_after_the_attribution_is_a_denial_by_the_speaker(
    world: Gazetteer,
) -> None:
    text = (
        "“Our ships are safe,” a navy spokesman said, rejecting a report saying a frigate had "
        "been struck near the cape."
    )
    assert claims(text, world)[-1][1:] == ("navy spokesman", "denies")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "A drone hit the tug off the coast on Saturday, leaving one sailor missing, the "
            "operator said.",
            [("missing", 1)],
        ),
        (
            "The blast left two guards dead and four wounded, police said.",
            [("killed", 2), ("wounded", 4)],
        ),
        ("A shell struck an empty depot and no one was hurt, the mayor said.", [("wounded", 0)]),
        (
            "Nobody was killed or injured in the raid, the garrison said.",
            [("killed", 0), ("wounded", 0)],
        ),
        # "leaving" with no count of people is no loss
        ("The army said it still held the bridge, leaving the claim unverified.", []),
    ],
)
def test_losses_left_behind_and_zero_tolls(
    world: Gazetteer, text: str, expected: list[tuple]
) -> None:
    assert losses(text, world) == expected


def test_no_one_hurt_is_a_denial(world: Gazetteer) -> None:
    ((_, claimant, stance),) = claims("Nobody was hurt in the camp, an aid group said.", world)
    assert (claimant, stance) == ("aid group", "denies")
