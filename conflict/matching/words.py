"""Words for comparing texts and names: lower case, no stop words, crude stems."""

import re
from functools import lru_cache

WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?|\d+")
STOP = frozenset(
    """
    a about after against all also an and any are as at be been before being but by can could
    did do does during each for from had has have he her his if in into is it its more most no
    nor not of on or other our out over said says say saying she should so some such than that
    the their them then there these they this those through to told under until up was we were
    what when where which while who whom why will with would you on sunday monday tuesday
    wednesday thursday friday saturday yesterday today overnight night morning evening day
    week according statement added reported report reports
    """.split()  # noqa: SIM905 (a list of words reads better as text)
)


@lru_cache(maxsize=65536)  # a corpus's vocabulary repeats: each word's stem computed once
def stem(word: str) -> str:
    """A crude stem, enough for two reports' words to meet ("strikes"/"struck" do not)."""
    for ending in ("ings", "ing", "ies", "ed", "es", "s"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


@lru_cache(maxsize=16384)  # a candidate's claims are read by ingest after ingest
def content_words(text: str) -> frozenset[str]:
    """The stems of the words that carry meaning."""
    words = set()
    for word in WORD.findall(text.lower()):
        word = word.replace("\u2019", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) < 3 or word in STOP:
            continue
        words.add(stem(word))
    return frozenset(words)


def dice(a: set[str], b: set[str]) -> float:
    """2|A∩B| / (|A|+|B|): 1 for the same words, 0 for none shared or none at all."""
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))
