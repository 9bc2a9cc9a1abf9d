"""Two short conflict-news paragraphs of our own, so the extractor does not fit one text.

Different places, reporting verbs ("according to", "rejected", "warned", "told reporters"),
number formats ("at least 1,200", "14 of 16", "more than 40", "dozens") and dates
("overnight", "on Tuesday", "On Monday", "since March 1").
"""

# ruff: noqa: RUF001 (curly apostrophes are the texts' own)

import datetime as dt

import pytest

from conflict.extraction import DraftClaim, Extraction, extract

KHERSON = (
    "Russian forces shelled the city of Kherson overnight, killing at least 3 civilians and "
    "wounding 12 others, regional governor Oleksandr Prokudin said on Telegram. Moscow rejected "
    "the accusations, calling them “a provocation.” Ukraine’s air force said it had shot down 14 "
    "of 16 Shahed drones launched on Tuesday.\n"
    "The Russian defence ministry said its troops had destroyed two HIMARS launchers and 5 tanks "
    "near Bakhmut since March 1. “We will not give up Bakhmut,” President Volodymyr Zelenskiy "
    "told reporters, adding that dozens of soldiers had been captured.\n"
)
KHERSON_DATE = dt.date(2023, 3, 15)  # a Wednesday

KHARTOUM = (
    "At least 1,200 people have been killed in Khartoum since April 15, according to the "
    "Sudanese health ministry. The Rapid Support Forces (RSF) denied that its fighters had "
    "looted the National Museum, saying the army was spreading “lies.”\n"
    "Witnesses said an air strike hit a market in Omdurman on Thursday, and more than 40 people "
    "were injured. The army did not comment. On Monday, the United Nations warned that 2.5 "
    "million people faced hunger.\n"
)
KHARTOUM_DATE = dt.date(2023, 6, 2)  # a Friday


@pytest.fixture(scope="module")
def kherson() -> Extraction:
    return extract(KHERSON, KHERSON_DATE)


@pytest.fixture(scope="module")
def khartoum() -> Extraction:
    return extract(KHARTOUM, KHARTOUM_DATE)


def claim(extraction: Extraction, words: str) -> DraftClaim:
    (found,) = [c for c in extraction.claims if words in c.quote]
    return found


def rows(extraction: Extraction) -> list[tuple]:
    return [(c.quote, c.claimant.name if c.claimant else None, c.stance) for c in extraction.claims]


def test_kherson_claims_and_claimants(kherson: Extraction) -> None:
    assert rows(kherson) == [
        # A participle of consequence ("killing ...") stays with the event it reports.
        (
            "Russian forces shelled the city of Kherson overnight, killing at least 3 civilians "
            "and wounding 12 others",
            "Oleksandr Prokudin",
            "asserts",
        ),
        ("Moscow rejected the accusations", "Moscow", "denies"),
        # Calling the accusations "a provocation" goes on denying them (issue 13).
        ("calling them “a provocation.”", "Moscow", "denies"),
        (
            "Ukraine’s air force said it had shot down 14 of 16 Shahed drones launched on Tuesday.",
            "Ukraine’s air force",
            "asserts",
        ),
        (
            "The Russian defence ministry said its troops had destroyed two HIMARS launchers and "
            "5 tanks near Bakhmut since March 1.",
            "Russian defence ministry",
            "asserts",
        ),
        ("We will not give up Bakhmut", "Volodymyr Zelenskiy", "asserts"),
        ("dozens of soldiers had been captured.", "Volodymyr Zelenskiy", "asserts"),
    ]


def test_kherson_details(kherson: Extraction) -> None:
    shelling = claim(kherson, "shelled the city of Kherson")
    assert shelling.channel == "on Telegram"
    (incident,) = [i for i in kherson.incidents if i.key in shelling.incidents]
    assert (incident.kind, incident.occurred_on, incident.occurred_until, incident.date_text) == (
        "shelling",
        dt.date(2023, 3, 14),
        dt.date(2023, 3, 15),
        "overnight",
    )
    # The participle clause reports the same event's toll, in the same claim.
    toll = claim(kherson, "killing at least 3")
    assert toll is shelling
    assert [
        (x.category, x.count_low, x.count_best, x.count_high, x.qualifier) for x in toll.losses
    ] == [
        ("killed", 3, 3, None, "at least"),
        ("wounded", 12, 12, 12, ""),
    ]
    # A rejection of "the accusations" contradicts the latest claim by someone else.
    rejection = claim(kherson, "Moscow rejected")
    assert [(link.relation, link.target) for link in rejection.links] == [("contradicts", toll.key)]
    drones = claim(kherson, "Shahed drones")
    (drone_incident,) = [i for i in kherson.incidents if i.key in drones.incidents]
    assert drone_incident.occurred_on == dt.date(2023, 3, 14)  # "on Tuesday", the day before
    assert [(x.category, x.count_best, x.equipment) for x in drones.losses] == [
        ("shot_down", 14, "Shahed drone")
    ]
    weapons = claim(kherson, "HIMARS")
    assert [(x.equipment, x.count_best, x.cumulative, x.period_start) for x in weapons.losses] == [
        ("HIMARS launcher", 2, True, dt.date(2023, 3, 1)),
        ("tank", 5, True, dt.date(2023, 3, 1)),
    ]
    quote = claim(kherson, "give up Bakhmut")
    assert (quote.is_direct_quote, quote.channel, quote.channel_actor) == (
        True,
        "told reporters",
        None,
    )


def test_khartoum_claims_and_claimants(khartoum: Extraction) -> None:
    assert rows(khartoum) == [
        (
            "At least 1,200 people have been killed in Khartoum since April 15",
            "Sudanese health ministry",
            "asserts",
        ),
        (
            "The Rapid Support Forces (RSF) denied that its fighters had looted the National "
            "Museum",
            "Rapid Support Forces",
            "denies",
        ),
        # Calling the other side's account "lies" is part of the denial (issue 13).
        ("saying the army was spreading “lies.”", "Rapid Support Forces", "denies"),
        (
            "Witnesses said an air strike hit a market in Omdurman on Thursday",
            "Witnesses",
            "asserts",
        ),
        ("more than 40 people were injured.", "Witnesses", "asserts"),
        # Narration about another actor, not more of the witnesses' words.
        ("The army did not comment.", None, "asserts"),
        (
            "the United Nations warned that 2.5 million people faced hunger.",
            "United Nations",
            "asserts",
        ),
    ]


def test_khartoum_details(khartoum: Extraction) -> None:
    toll = claim(khartoum, "1,200")
    assert [
        (x.category, x.count_low, x.count_best, x.count_high, x.qualifier, x.cumulative)
        for x in toll.losses
    ] == [("killed", 1200, 1200, None, "at least", True)]
    assert toll.losses[0].period_start == dt.date(2023, 4, 15)
    strike = claim(khartoum, "air strike")
    (incident,) = [i for i in khartoum.incidents if i.key in strike.incidents]
    assert (incident.kind, incident.occurred_on) == ("air_drone_strike", dt.date(2023, 6, 1))
    assert [p.name for p in incident.places] == ["Omdurman"]
    # The date before the reporting verb dates the statement, not an event.
    warning = claim(khartoum, "United Nations")
    assert (warning.stated_on, warning.stated_on_inferred) == (dt.date(2023, 5, 29), False)
    assert warning.losses == []
    assert claim(khartoum, "did not comment").stance == "asserts"


@pytest.mark.parametrize("text", [KHERSON, KHARTOUM])
def test_every_quote_and_count_is_at_its_offsets(text: str) -> None:
    extraction = extract(text, dt.date(2023, 6, 2))
    for draft in extraction.claims:
        assert text[draft.span_start : draft.span_end] == draft.quote
        for loss in draft.losses:
            assert text[loss.span_start : loss.span_end] == loss.count_text
