"""Wire-copy paragraphs from other conflicts (Ukraine, Sudan, the Sahel, Gaza, Myanmar), so the
extractor holds up on articles it has never seen (issue 7).

They vary what the seed and tests/extraction/test_paragraphs.py do not: speakers led by "the"
or "a" after the clause ("the Ukrainian air force said on Tuesday", "a military spokesman told
reporters on Friday", "local officials said"), an organisation named after its description
("the al Qaeda-linked group JNIM"), denials of losses ("denied losing any aircraft"), number
words ("Twelve", "Dozens"), nationalities before equipment ("12 Russian drones") and unknown
places after "over", "outside", "near" and "in".
"""

# ruff: noqa: RUF001 (curly apostrophes are the texts' own)

import datetime as dt

import pytest

from conflict.extraction import DraftClaim, Extraction, extract

ODESA = (
    "Ukrainian forces shot down 12 Russian drones over Odesa overnight, the Ukrainian air force "
    "said on Tuesday. Russia denied losing any aircraft."
)
ODESA_DATE = dt.date(2024, 3, 5)  # a Tuesday

EL_FASHER = (
    "At least 30 civilians were killed when shells hit a market in El Fasher on Sunday, local "
    "officials said. The Rapid Support Forces rejected the accusations, saying its fighters had "
    "not targeted civilians. More than 1,200 people have been wounded in the city since May 10, "
    "according to Doctors Without Borders."
)
EL_FASHER_DATE = dt.date(2024, 5, 13)  # a Monday

DJIBO = (
    "Twelve soldiers were killed in an attack on an army post outside Djibo, a military "
    "spokesman told reporters on Friday. Dozens of militants were killed in the fighting, the "
    "army claimed. The al Qaeda-linked group JNIM said it had captured the post."
)
DJIBO_DATE = dt.date(2024, 6, 15)  # a Saturday

RAFAH = (
    "Israeli air strikes killed at least 20 people in Rafah overnight, the health ministry in "
    "Gaza said on Wednesday. The Israeli military rejected the figures, telling reporters that "
    "its aircraft had struck only militant sites."
)
RAFAH_DATE = dt.date(2024, 5, 29)  # a Wednesday

LASHIO = (
    "Rebel fighters destroyed two armoured vehicles near Lashio on Thursday, the defence ministry "
    "said. Residents said thousands of people had fled the town. The Myanmar National Democratic "
    "Alliance Army, which controls the town, denied losing any vehicles."
)
LASHIO_DATE = dt.date(2024, 7, 6)  # a Saturday

GAO = (
    "According to the army, soldiers killed eight militants near Gao on Monday. A military "
    "spokesman, Colonel Souleymane Dembele, said 14 militants had been killed so far in the "
    "operation. Local residents reported that dozens of houses were destroyed outside the town. "
    "The army denied the report, saying no civilians were killed."
)
GAO_DATE = dt.date(2024, 3, 6)  # a Wednesday

PARAGRAPHS = [
    (ODESA, ODESA_DATE),
    (EL_FASHER, EL_FASHER_DATE),
    (DJIBO, DJIBO_DATE),
    (RAFAH, RAFAH_DATE),
    (LASHIO, LASHIO_DATE),
    (GAO, GAO_DATE),
]


def rows(extraction: Extraction) -> list[tuple]:
    return [(c.quote, c.claimant.name if c.claimant else None, c.stance) for c in extraction.claims]


def losses(claim: DraftClaim) -> list[tuple]:
    return [
        (
            x.category,
            x.population,
            x.equipment,
            x.count_low,
            x.count_best,
            x.count_high,
            x.qualifier,
            x.cumulative,
            x.period_start,
        )
        for x in claim.losses
    ]


def incident(extraction: Extraction, claim: DraftClaim) -> tuple:
    (found,) = [i for i in extraction.incidents if i.key in claim.incidents]
    return (
        found.kind,
        found.occurred_on,
        found.occurred_until,
        found.date_text,
        [(p.name, p.kind, p.is_new) for p in found.places],
    )


def links(claim: DraftClaim) -> list[tuple[str, str]]:
    return [(link.relation, link.target) for link in claim.links]


def test_odesa_drones_shot_down_overnight() -> None:
    extraction = extract(ODESA, ODESA_DATE)
    assert rows(extraction) == [
        (
            "Ukrainian forces shot down 12 Russian drones over Odesa overnight",
            "Ukrainian air force",
            "asserts",
        ),
        ("Russia denied losing any aircraft.", "Russia", "denies"),
    ]
    drones, denial = extraction.claims
    # "said on Tuesday" dates the statement; the air force is an organisation, not a person.
    assert (drones.stated_on, drones.stated_on_inferred) == (ODESA_DATE, False)
    assert drones.claimant.kind == "armed_force"
    # One night's count, not a running total; the nationality is the side, not the equipment.
    assert losses(drones) == [("shot_down", "", "drone", 12, 12, 12, "", False, None)]
    assert incident(extraction, drones) == (
        "disrupted_weapons_use",
        dt.date(2024, 3, 4),
        ODESA_DATE,
        "overnight",
        [("Odesa", "city_town", True)],
    )
    # Denying a loss answers the count of losses before it.
    assert links(denial) == [("contradicts", drones.key)]


def test_el_fasher_market_shelling() -> None:
    extraction = extract(EL_FASHER, EL_FASHER_DATE)
    assert rows(extraction) == [
        (
            "At least 30 civilians were killed when shells hit a market in El Fasher on Sunday",
            "local officials",
            "asserts",
        ),
        ("The Rapid Support Forces rejected the accusations", "Rapid Support Forces", "denies"),
        ("saying its fighters had not targeted civilians.", "Rapid Support Forces", "denies"),
        (
            "More than 1,200 people have been wounded in the city since May 10",
            "Doctors Without Borders",
            "asserts",
        ),
    ]
    market, rejection, _, wounded = extraction.claims
    assert losses(market) == [("killed", "civilian", "", 30, 30, None, "at least", False, None)]
    assert incident(extraction, market) == (
        "shelling",
        dt.date(2024, 5, 12),
        None,
        "on Sunday",
        [("El Fasher", "city_town", True)],
    )
    assert links(rejection) == [("contradicts", market.key)]
    # "since May 10": a running total over a period that ends on the publication date.
    assert losses(wounded) == [
        ("wounded", "unknown", "", 1200, 1200, None, "more than", True, dt.date(2024, 5, 10))
    ]
    assert wounded.losses[0].period_end == EL_FASHER_DATE


def test_djibo_attack_on_an_army_post() -> None:
    extraction = extract(DJIBO, DJIBO_DATE)
    assert rows(extraction) == [
        (
            "Twelve soldiers were killed in an attack on an army post outside Djibo",
            "military spokesman",
            "asserts",
        ),
        ("Dozens of militants were killed in the fighting", "army", "asserts"),
        ("The al Qaeda-linked group JNIM said it had captured the post.", "JNIM", "asserts"),
    ]
    soldiers, militants, post = extraction.claims
    assert (soldiers.channel, soldiers.stated_on, soldiers.stated_on_inferred) == (
        "told reporters",
        dt.date(2024, 6, 14),
        False,
    )
    assert losses(soldiers) == [("killed", "military", "", 12, 12, 12, "", False, None)]
    assert incident(extraction, soldiers)[4] == [("Djibo", "city_town", True)]
    assert losses(militants) == [
        ("killed", "military", "", None, None, None, "dozens", False, None)
    ]
    assert (post.claimant.kind, post.claimant.is_new) == ("armed_force", True)


def test_rafah_strikes_and_the_rejected_figures() -> None:
    extraction = extract(RAFAH, RAFAH_DATE)
    assert rows(extraction) == [
        (
            "Israeli air strikes killed at least 20 people in Rafah overnight",
            "health ministry in Gaza",
            "asserts",
        ),
        ("The Israeli military rejected the figures", "Israeli military", "denies"),
        # "struck only militant sites" answers the toll: a denial in substance (issue 13).
        (
            "telling reporters that its aircraft had struck only militant sites.",
            "Israeli military",
            "denies",
        ),
    ]
    strikes, rejection, _ = extraction.claims
    assert losses(strikes) == [("killed", "unknown", "", 20, 20, None, "at least", False, None)]
    assert incident(extraction, strikes) == (
        "air_drone_strike",
        dt.date(2024, 5, 28),
        RAFAH_DATE,
        "overnight",
        [("Rafah", "city_town", True)],
    )
    assert links(rejection) == [("contradicts", strikes.key)]


def test_lashio_armoured_vehicles() -> None:
    extraction = extract(LASHIO, LASHIO_DATE)
    assert rows(extraction) == [
        (
            "Rebel fighters destroyed two armoured vehicles near Lashio on Thursday",
            "defence ministry",
            "asserts",
        ),
        ("Residents said thousands of people had fled the town.", "Residents", "asserts"),
        ("which controls the town", "Myanmar National Democratic Alliance Army", "asserts"),
        ("denied losing any vehicles.", "Myanmar National Democratic Alliance Army", "denies"),
    ]
    vehicles, _, _, denial = extraction.claims
    assert losses(vehicles) == [("destroyed", "", "armoured vehicle", 2, 2, 2, "", False, None)]
    assert incident(extraction, vehicles) == (
        "armed_clash",
        dt.date(2024, 7, 4),
        None,
        "on Thursday",
        [("Lashio", "city_town", True)],
    )
    assert links(denial) == [("contradicts", vehicles.key)]


def test_gao_operation_and_the_denied_report() -> None:
    extraction = extract(GAO, GAO_DATE)
    assert rows(extraction) == [
        ("soldiers killed eight militants near Gao on Monday.", "army", "asserts"),
        (
            "A military spokesman, Colonel Souleymane Dembele, said 14 militants had been killed "
            "so far in the operation.",
            "Souleymane Dembele",
            "asserts",
        ),
        (
            "Local residents reported that dozens of houses were destroyed outside the town.",
            "Local residents",
            "asserts",
        ),
        ("The army denied the report", "army", "denies"),
        ("saying no civilians were killed.", "army", "denies"),
    ]
    raid, operation, houses, denial, _ = extraction.claims
    assert raid.claimant.kind == "armed_force"
    assert losses(raid) == [("killed", "military", "", 8, 8, 8, "", False, None)]
    assert incident(extraction, raid) == (
        "armed_clash",
        dt.date(2024, 3, 4),
        None,
        "on Monday",
        [("Gao", "city_town", True)],
    )
    # The rank is part of the title; the person is the name in apposition to "spokesman".
    assert (operation.claimant.kind, operation.claimant.is_new) == ("person", True)
    # "so far": a running total, though no start date is given.
    assert losses(operation) == [("killed", "military", "", 14, 14, 14, "", True, None)]
    assert losses(houses) == [("destroyed", "", "house", None, None, None, "dozens", False, None)]
    assert links(denial) == [("contradicts", houses.key)]


def test_a_quotation_said_by_a_named_spokesman() -> None:
    (draft,) = extract(
        "“The enemy is exhausted,” said Colonel Oleksandr Shtupun, a military spokesman.",
        dt.date(2024, 3, 11),
    ).claims
    assert (draft.quote, draft.is_direct_quote) == ("The enemy is exhausted", True)
    assert (draft.claimant.name, draft.claimant.kind) == ("Oleksandr Shtupun", "person")


def test_a_drone_hit_and_a_road_between_two_towns() -> None:
    drone = extract(
        "Six people died when a drone hit a car on the outskirts of Kursk, regional governor "
        "Alexei Smirnov said.",
        dt.date(2024, 3, 8),
    )
    (found,) = drone.incidents
    assert (found.kind, [p.name for p in found.places]) == ("air_drone_strike", ["Kursk"])
    ambush = extract(
        "Police said two officers were killed in an ambush on the road between Mopti and Djenne "
        "on Wednesday.",
        dt.date(2024, 3, 8),
    )
    (found,) = ambush.incidents
    assert (found.occurred_on, [p.name for p in found.places]) == (
        dt.date(2024, 3, 6),
        ["Mopti", "Djenne"],
    )


@pytest.mark.parametrize(
    ("text", "claimant", "kind", "expected"),
    [
        # "reported" closes a sentence as "said" does.
        (
            "Two civilians were killed in shelling of Kherson, the regional administration "
            "reported.",
            "regional administration",
            "government_body",
            [("killed", "civilian", "", 2, 2, 2, "", False, None)],
        ),
        # The verb before its speaker, and a role after the name.
        (
            "Eight civilians were killed in the village, said the head of the regional "
            "administration.",
            "head of the regional administration",
            "person",
            [("killed", "civilian", "", 8, 8, 8, "", False, None)],
        ),
        # A running total from an event, not a date: "since the offensive began".
        (
            "Myanmar’s junta said on Saturday that 30 soldiers had been killed since the "
            "offensive began in October.",
            "Myanmar’s junta",
            "government_body",
            [("killed", "military", "", 30, 30, 30, "", True, None)],
        ),
        # "this year": a running total over the year so far.
        (
            "Hundreds of civilians have been killed in Darfur this year, the United Nations "
            "said on Friday.",
            "United Nations",
            "international_organisation",
            [("killed", "civilian", "", None, None, None, "hundreds", True, None)],
        ),
        # An acronym speaking is an organisation to confirm, not a state.
        (
            "The RSF said its fighters had captured three army tanks and a helicopter in the "
            "town of Babanusa.",
            "RSF",
            "other",
            [
                ("captured", "", "army tank", 3, 3, 3, "", False, None),
                ("captured", "", "helicopter", 1, 1, 1, "", False, None),
            ],
        ),
        (
            "The death toll has risen to 1,200, according to the health ministry.",
            "health ministry",
            "ministry_agency",
            [("killed", "unknown", "", 1200, 1200, 1200, "", True, None)],
        ),
    ],
)
def test_wire_sentences(text: str, claimant: str, kind: str, expected: list[tuple]) -> None:
    (draft,) = extract(text, dt.date(2024, 3, 5)).claims
    assert (draft.claimant.name, draft.claimant.kind) == (claimant, kind)
    assert losses(draft) == expected


@pytest.mark.parametrize(("text", "published_on"), PARAGRAPHS)
def test_every_quote_and_count_is_at_its_offsets(text: str, published_on: dt.date) -> None:
    for draft in extract(text, published_on).claims:
        assert text[draft.span_start : draft.span_end] == draft.quote
        for loss in draft.losses:
            assert text[loss.span_start : loss.span_end] == loss.count_text
