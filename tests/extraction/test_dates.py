"""Relative dates resolved against the publication date, keeping the words."""

import datetime as dt

import pytest

from conflict.extraction.dates import find_dates

THURSDAY = dt.date(2020, 10, 8)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Ganja was shelled on Thursday.", THURSDAY, ("on Thursday", "2020-10-08", None, "day")),
        (
            "Athens recalled its envoy on Wednesday.",
            THURSDAY,
            ("on Wednesday", "2020-10-07", None, "day"),
        ),
        # The future: talks the ministers "have been invited to take part in".
        (
            "They have been invited to take part in talks in Moscow on Friday.",
            THURSDAY,
            ("on Friday", "2020-10-09", None, "day"),
        ),
        (
            "350 killed since September 27.",
            THURSDAY,
            ("since September 27", "2020-09-27", "2020-10-08", "span"),
        ),
        (
            "Kherson was shelled overnight.",
            THURSDAY,
            ("overnight", "2020-10-07", "2020-10-08", "span"),
        ),
        ("a 1991-94 war", THURSDAY, ("1991-94", "1991-01-01", "1994-12-31", "year")),
        # Across a new year: 30 December is in the year before a 3 January article.
        (
            "fighting since December 30",
            dt.date(2021, 1, 3),
            ("since December 30", "2020-12-30", "2021-01-03", "span"),
        ),
        # A past Monday from a Friday.
        (
            "On Monday, the UN warned.",
            dt.date(2023, 6, 2),
            ("On Monday", "2023-05-29", None, "day"),
        ),
    ],
)
def test_resolved_dates(text: str, published: dt.date, expected: tuple) -> None:
    (mention,) = find_dates(text, published)
    words, on, until, precision = expected
    assert mention.text == words
    assert text[mention.start : mention.end] == words
    assert mention.on == dt.date.fromisoformat(on)
    assert mention.until == (dt.date.fromisoformat(until) if until else None)
    assert mention.precision == precision


def test_no_date_in_plain_words() -> None:
    assert find_dates("The army did not comment.", THURSDAY) == []
