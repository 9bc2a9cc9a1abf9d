"""The failure classes of issue 13, one sentence each, written for this test (not in the
development corpus): attribution beyond "said", denials without "denied", numbers, places,
dates, and every draft's confidence and evidence."""

import datetime as dt

import pytest

from conflict.extraction import Gazetteer, extract

SUNDAY = dt.date(2024, 6, 16)


@pytest.fixture(scope="module")
def world() -> Gazetteer:
    return Gazetteer.world()


def only(text: str, world: Gazetteer, published_on: dt.date = SUNDAY):
    return extract(text, published_on, world)


@pytest.mark.parametrize(
    ("text", "quote_start", "claimant", "stance"),
    [
        # 1. speaker after the quote, in apposition, with "told"
        (
            "“That is a fairy tale,” Major Olena Koval, spokeswoman for the eastern group, "
            "told a regional broadcaster.",
            "That is a fairy tale",
            "Olena Koval",
            "denies",
        ),
        # 3. passive and relative attribution
        (
            "Drones hit a depot near Kupiansk, a claim swiftly denied by Moscow.",
            "a claim swiftly denied by Moscow",
            "Russia",
            "denies",
        ),
        (
            "The blast, which the army blamed on rebels, destroyed a bridge.",
            "which the army blamed on rebels",
            "army",
            "asserts",
        ),
        # 4. denials without "denied"
        (
            "The militia dismissed the report as propaganda.",
            "The militia dismissed",
            "militia",
            "denies",
        ),
        (
            "A spokesman said the unit “did not carry out” any raid on the camp.",
            "A spokesman said",
            "spokesman",
            "denies",
        ),
    ],
)
def test_attribution_and_stance(
    world: Gazetteer, text: str, quote_start: str, claimant: str, stance: str
) -> None:
    claims = only(text, world).claims
    (claim,) = [c for c in claims if c.quote.startswith(quote_start)]
    assert (claim.claimant.name, claim.stance) == (claimant, stance)


def test_a_leading_adverbial_and_the_next_she(world: Gazetteer) -> None:
    text = (
        "Later on Saturday, Amina Yusuf, head of the district council, said gunmen had burned "
        "a market in Gwoza. She added that four traders had been killed."
    )
    first, second = only(text, world).claims
    assert first.claimant.name == second.claimant.name == "Amina Yusuf"
    assert first.claimant.kind == "person"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Shelling killed at least 40 people, including 12 children, officials said.",
            [("killed", 40), ("killed", 12)],
        ),
        ("The army said dozens of rebels were killed.", [("killed", "dozens")]),
        ("The death toll rose to 57, the ministry said.", [("killed", 57)]),
        ("Police said there were no casualties.", [("killed", 0)]),
        (
            "Nine soldiers were killed and 14 wounded, the army said.",
            [("killed", 9), ("wounded", 14)],
        ),
        ("The rebels said they had lost more than 1,300 fighters.", [("killed", 1300)]),
    ],
)
def test_numbers(world: Gazetteer, text: str, expected: list[tuple]) -> None:
    losses = [
        (loss.category, loss.count_best if loss.count_best is not None else loss.qualifier)
        for claim in only(text, world).claims
        for loss in claim.losses
    ]
    assert losses == expected


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Militants attacked the town of Menaka on Friday, residents said.", "Menaka"),
        ("A drone struck Kramatorsk, a city in the Donetsk region, officials said.", "Kramatorsk"),
        ("Shells hit a market near Kadugli on Friday, witnesses said.", "Kadugli"),
        ("Troops clashed with gunmen in Borno province on Friday, the army said.", "Borno"),
    ],
)
def test_places(world: Gazetteer, text: str, place: str) -> None:
    places = {p.name for i in only(text, world).incidents for p in i.places}
    assert place in places


@pytest.mark.parametrize(
    ("words", "on", "until"),
    [
        ("on Saturday night", dt.date(2024, 6, 15), None),
        ("overnight", dt.date(2024, 6, 15), SUNDAY),
        ("last week", dt.date(2024, 6, 3), dt.date(2024, 6, 9)),
        ("earlier this month", dt.date(2024, 6, 1), SUNDAY),
        ("on June 5", dt.date(2024, 6, 5), None),
        ("in May", dt.date(2024, 5, 1), dt.date(2024, 5, 31)),
        ("on New Year's Eve", dt.date(2023, 12, 31), None),
    ],
)
def test_dates(world: Gazetteer, words: str, on: dt.date, until: dt.date | None) -> None:
    text = f"Artillery shelled the village of Ruzhyn {words}, the governor said."
    (incident,) = only(text, world).incidents
    assert (incident.occurred_on, incident.occurred_until) == (on, until)


def test_every_draft_has_a_confidence_and_evidence(world: Gazetteer) -> None:
    text = (
        "Russian forces shelled Kherson overnight, killing two civilians, the governor said. "
        "Moscow denied the accusation. The fighting continued."
    )
    extraction = only(text, world)
    drafts = [
        *extraction.claims,
        *extraction.incidents,
        *(loss for claim in extraction.claims for loss in claim.losses),
    ]
    assert len(drafts) >= 5
    for draft in drafts:
        assert 0 < draft.confidence <= 1
        assert draft.evidence
    attributed, denial, narration = extraction.claims
    assert "reporting verb 'said'" in attributed.evidence
    assert "denial: verb 'denied'" in denial.evidence
    # The review queue sorts by doubt: narration is less certain than an attributed claim.
    assert narration.confidence < attributed.confidence
