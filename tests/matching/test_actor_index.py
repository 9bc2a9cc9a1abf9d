"""Known actors indexed: a new name is compared only with those it may be, same answers.

``KnownActors.candidates`` leaves out every actor that shares no word with the new name and
whose names' Indel similarity (rapidfuzz) is under the cutoff; difflib's ratio never exceeds
that similarity, so :func:`ranked` must answer as the full comparison did, name for name.
"""

import random

from conflict.matching.actors import Known, KnownActors, name_key, ranked

WORDS = [
    "ministry", "defence", "defense", "armenia", "armenian", "azerbaijan", "azerbaijani",
    "army", "forces", "national", "guard", "police", "kyiv", "rebels", "rapid", "support",
    "command", "southern", "regional", "council", "government", "minstry", "ukraine",
    "russian", "militia", "brigade", "13th", "press", "service", "office", "president",
]  # fmt: skip
KINDS = ["state", "ministry_agency", "armed_force", "government_body", "person", "other"]
COUNTRIES = ["", "", "AM", "AZ", "UA", "RU"]


def name(rng: random.Random) -> str:
    words = rng.sample(WORDS, rng.randint(1, 5))
    if rng.random() < 0.2:  # a typo
        at = rng.randrange(len(words))
        word = words[at]
        cut = rng.randrange(len(word))
        words[at] = word[:cut] + word[cut + 1 :]
    return " ".join(words).title()


def test_ranked_through_the_index_equals_ranked_against_every_actor():
    rng = random.Random(3)
    known = []
    for pk in range(1, 1501):
        names = [name(rng) for _ in range(rng.randint(1, 3))]
        keys = [name_key(n) for n in names]
        known.append(Known(pk, rng.choice(KINDS), rng.choice(COUNTRIES), keys, names))
    index = KnownActors(known)
    assert len(index) == 1500
    kept = 0
    for _ in range(400):
        new, kind = name(rng), rng.choice(KINDS)
        expected = ranked(new, kind, known)
        assert ranked(new, kind, index) == expected, new
        kept += len(expected)
    assert kept > 100  # the names did meet known ones
