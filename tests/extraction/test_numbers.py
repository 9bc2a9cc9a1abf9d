"""Numbers as losses, in the formats news copy uses."""

# ruff: noqa: RUF001 (curly apostrophes are the texts' own)

import pytest

from conflict.extraction.numbers import find_losses


def summary(text: str) -> list[tuple]:
    return [
        (
            text[loss.start : loss.end],
            loss.category,
            loss.population or loss.equipment,
            (loss.low, loss.best, loss.high),
            loss.qualifier,
        )
        for loss in find_losses(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "30 civilians have been killed so far and 143 wounded since September 27",
            [
                ("30 civilians", "killed", "civilian", (30, 30, 30), ""),
                ("143 wounded", "wounded", "civilian", (143, 143, 143), ""),
            ],
        ),
        # A nationality or country abbreviation names the side, not the equipment.
        (
            "Houthi rebels claimed to have shot down a U.S. MQ-9 Reaper drone over Yemen.",
            [("a U.S. MQ-9 Reaper drone", "shot_down", "MQ-9 Reaper drone", (1, 1, 1), "")],
        ),
        (
            "Ukrainian forces shot down 12 Russian drones over Odesa",
            [("12 Russian drones", "shot_down", "drone", (12, 12, 12), "")],
        ),
        # Words between "a" and the people are no count: "a statement ... three hostages".
        (
            "Hamas said in a statement on Sunday that three hostages had been killed.",
            [("three hostages", "killed", "unknown", (3, 3, 3), "")],
        ),
        (
            "One official said three young children were killed.",
            [("three young children", "killed", "civilian", (3, 3, 3), "")],
        ),
        # "a dozen" is twelve; "dozens" stays vague.
        (
            "More than a dozen people were killed in the attack",
            [("More than a dozen people", "killed", "unknown", (12, 12, None), "more than")],
        ),
        # A range keeps both ends and no best estimate.
        (
            "Between 10 and 15 fighters were killed",
            [("Between 10 and 15 fighters", "killed", "military", (10, None, 15), "between")],
        ),
        (
            "The army claimed its forces had killed 200 insurgents in the past week.",
            [("200 insurgents", "killed", "military", (200, 200, 200), "")],
        ),
        (
            "Air defences had intercepted 17 drones over the Belgorod region overnight.",
            [("17 drones", "shot_down", "drone", (17, 17, 17), "")],
        ),
        # Only the part "of which" the verb speaks is lost, not everything launched.
        (
            "Russia had launched 40 drones and three missiles overnight, of which 35 were shot "
            "down.",
            [("35", "shot_down", "drone or missile", (35, 35, 35), "")],
        ),
        (
            "The death toll has risen to 1,200.",
            [("death toll has risen to 1,200", "killed", "unknown", (1200, 1200, 1200), "")],
        ),
        # A vague count of materiel keeps its words as the qualifier.
        (
            "Residents reported that dozens of houses were destroyed outside the town.",
            [("dozens of houses", "destroyed", "house", (None, None, None), "dozens")],
        ),
        (
            "It said 19 civilians were killed and many wounded.",
            [
                ("19 civilians", "killed", "civilian", (19, 19, 19), ""),
                ("many wounded", "wounded", "civilian", (None, None, None), "many"),
            ],
        ),
        (
            "a 1991-94 war that killed about 30,000 people",
            [("about 30,000 people", "killed", "unknown", (None, 30000, None), "about")],
        ),
        (
            "taking its military death toll to 350",
            [("military death toll to 350", "killed", "military", (350, 350, 350), "")],
        ),
        (
            "shelled the city overnight, killing at least 3 civilians and wounding 12 others",
            [
                ("at least 3 civilians", "killed", "civilian", (3, 3, None), "at least"),
                ("12 others", "wounded", "civilian", (12, 12, 12), ""),
            ],
        ),
        (
            "Ten tanks, six D-20 howitzers and 30 vehicles belonging to Armenia were destroyed",
            [
                ("Ten tanks", "destroyed", "tank", (10, 10, 10), ""),
                ("six D-20 howitzers", "destroyed", "D-20 howitzer", (6, 6, 6), ""),
                ("30 vehicles", "destroyed", "vehicle", (30, 30, 30), ""),
            ],
        ),
        (
            "it had shot down 14 of 16 Shahed drones launched on Tuesday",
            [("14 of 16 Shahed drones", "shot_down", "Shahed drone", (14, 14, 14), "")],
        ),
        (
            "more than 40 people were injured",
            [("more than 40 people", "wounded", "unknown", (40, 40, None), "more than")],
        ),
        (
            "dozens of soldiers had been captured",
            [("dozens of soldiers", "captured", "military", (None, None, None), "dozens")],
        ),
    ],
)
def test_losses(text: str, expected: list[tuple]) -> None:
    assert summary(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "the United Nations warned that 2.5 million people faced hunger",
        "a military alliance of former-Soviet countries",
        "Armenia’s military infrastructure and ammunition depots were hit with artillery",
    ],
)
def test_no_loss_without_a_count_and_a_loss_verb(text: str) -> None:
    assert find_losses(text) == []
