"""Any text extracts without an error, and every offset still indexes the body.

Texts are shuffled words of the three articles with the tokens the rules key on (quotes,
reporting verbs, numbers, impossible dates), from a fixed seed so a failure reproduces.
"""

import datetime as dt
import random
from pathlib import Path

import pytest

from conflict.extraction import extract

from .test_paragraphs import KHARTOUM, KHERSON

SEED_TEXT = (Path(__file__).resolve().parents[2] / "seeds" / "000_bba3e84961ba8579.txt").read_text(
    encoding="utf-8"
)
WORDS = (SEED_TEXT + KHERSON + KHARTOUM).replace("\n", " \n ").split(" ")
TRICKY = [
    "“", "”", '"', "…", ",", ".", "(", ")", "\n", "", "\u2019s", "A.", "Mr.",
    "said", "denied", "told", "told Euronews", "cited", "as saying", ", adding", "saying", "who",
    "which it said", "allegations by", "that", "it", "he", "its", "its Foreign Ministry",
    "the ministry", "the statement", "According to", "according to", "as claimed by",
    "On Monday,", "on", "Friday", "overnight", "yesterday", "since", "February 30",
    "since February 29", "1991-1990", "2020-21", "killing", "wounding", "others", "shot down",
    "of 16", "death toll to", "30,000", "1,000,000", "dozens of", "ninety-nine", "one hundred",
    "twenty-five", "at least", "many", "killed", "were", "destroyed",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(4))
def test_shuffled_texts_extract_cleanly(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(300):
        text = " ".join(rng.choice(WORDS + TRICKY) for _ in range(rng.randint(0, 60)))
        published_on = rng.choice([dt.date(2020, 10, 8), dt.date(2024, 2, 29), dt.date(2021, 1, 1)])
        extraction = extract(text, published_on)
        for claim in extraction.claims:
            assert text[claim.span_start : claim.span_end] == claim.quote
            assert claim.quote.strip()
            for loss in claim.losses:
                assert text[loss.span_start : loss.span_end] == loss.count_text
                for low, high in [
                    (loss.count_low, loss.count_best),
                    (loss.count_best, loss.count_high),
                ]:
                    assert low is None or high is None or low <= high


def test_an_empty_text_has_no_claims() -> None:
    assert extract("", dt.date(2020, 10, 8)).claims == []


def test_an_impossible_date_is_not_a_date() -> None:
    extraction = extract(
        "Fighting has raged since February 30, officials said.", dt.date(2023, 3, 1)
    )
    (claim,) = extraction.claims
    (incident,) = extraction.incidents
    assert claim.incidents == [incident.key]
    assert (incident.kind, incident.occurred_on, incident.date_text) == ("armed_clash", None, "")
    # The same words with a real day are dated.
    dated = extract("Fighting has raged since February 28, officials said.", dt.date(2023, 3, 1))
    assert dated.incidents[0].occurred_on == dt.date(2023, 2, 28)
