# ruff: noqa: RUF001 (curly apostrophes are the texts' own)

"""The gazetteer's index finds names as a longest-first, word-bounded regex alternation would.

The index is an Aho-Corasick automaton (it builds in a millisecond where the regex took
tens); the regex it replaced is kept here as the reference its answers must equal.
"""

import random
import re

from conflict.extraction.gazetteer import Entry, Index

NAMES = [
    "Azerbaijan", "Azerbaijan’s Defence Ministry", "Defence Ministry", "Ministry of Defence",
    "Ministry of Defence of Azerbaijan", "Armenia", "Kyiv", "Kyiv Oblast", "al-Shabaab",
    "U.N.", "UN", "Nagorno-Karabakh", "Karabakh", "Rapid Support Forces", "RSF", "Sudan",
    "Côte d'Ivoire", "São Tomé", "M23", "Hamas", "Israel Defense Forces", "Israel",
]  # fmt: skip
SEPARATORS = [" ", " ", ", ", ". ", "-", "’s ", "'s ", "_", "é", "x", "(", ")", "\n", "’", "'"]


def reference(entries: list[Entry], text: str) -> list[tuple[int, int, str]]:
    """The regex the index replaced: names longest first, either apostrophe, word-bounded."""
    by_name = {}
    for entry in entries:
        for name in entry.names:
            by_name.setdefault(name.replace("'", "’"), entry)
    names = sorted({n for e in entries for n in e.names}, key=len, reverse=True)
    escaped = ("".join("['’]" if c in "'’" else re.escape(c) for c in n) for n in names)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(escaped) + r")(?![\w-])")
    return [
        (m.start(), m.end(), by_name[m.group(0).replace("'", "’")].slug)
        for m in pattern.finditer(text)
    ]


def test_the_index_finds_what_the_regex_found_on_random_texts():
    rng = random.Random(7)
    entries = [
        Entry(f"e{number}", name, (name.upper(),) if number % 5 == 0 else (), "state")
        for number, name in enumerate(NAMES)
    ]
    index = Index(entries)
    found = 0
    for _ in range(3000):
        parts = []
        for _ in range(rng.randint(1, 12)):
            word = rng.choice([*NAMES, "the", "said", "Kyivan", "Sudanese", "Minis"])
            if rng.random() < 0.2:
                word = word.replace("’", "'")
            if rng.random() < 0.1:
                word = word.upper()
            parts += [word, rng.choice(SEPARATORS)]
        text = "".join(parts)
        expected = reference(entries, text)
        assert [(m.start, m.end, m.entry.slug) for m in index.find(text)] == expected, text
        found += len(expected)
    assert found > 5000  # the texts did name things


def test_the_longest_name_wins_and_bounds_are_words():
    entries = [
        Entry("az", "Azerbaijan", (), "state"),
        Entry("mod", "Azerbaijan’s Defence Ministry", (), "ministry_agency"),
    ]
    index = Index(entries)
    text = "Azerbaijan's Defence Ministry said; Azerbaijani troops; non-Azerbaijan; Azerbaijan."
    assert [(m.start, m.end, m.entry.slug) for m in index.find(text)] == [
        (0, 29, "mod"),
        (text.rindex("Azerbaijan."), text.rindex("."), "az"),
    ]
    assert Index([]).find(text) == []
