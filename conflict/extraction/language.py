"""Which language an article is in, from its own words: a script count and stopword hits.

The extractor's rules read English news prose; run on another language they make garbage
drafts. Detection needs no model: the share of letters in each script settles the non-Latin
languages, and among Latin-script ones the most frequent function words do (the 20 or so
commonest words of a language cover a third of any running text in it). Measured on the
development corpus, the seed and texts in ten other languages: see
tests/extraction/test_language.py.
"""

# ruff: noqa: RUF001 (the languages' own letters and apostrophes)

import re
from collections import Counter
from dataclasses import dataclass


# The commonest function words; words shared between languages ("a", "de", "en") are kept
# only where they are frequent, since only the totals are compared.
def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS: dict[str, frozenset[str]] = {
    "en": _words(
        "the of and to in a is that for on with as was by it said he at from his an were "
        "are which this be has have had its their they not but who after been"
    ),
    "fr": _words(
        "le la les de des du et en un une est que qui dans pour par sur au aux a il elle "
        "ont été selon ce cette pas plus avec son sa ses ont"
    ),
    "es": _words(
        "el la los las de del y en un una es que por para con se su sus al lo como más "
        "fue han según este esta pero ha"
    ),
    "de": _words(
        "der die das und in den von zu mit sich des auf für ist im dem nicht ein eine als "
        "auch es an werden aus er hat dass sie nach wird bei"
    ),
    "it": _words(
        "il la di che e è un una per in del della dei delle le gli con non si da al sono "
        "ha alla nel ma come secondo"
    ),
    "pt": _words(
        "o a os as de do da dos das e em um uma que para com por não se no na ao foi são "
        "mais segundo pelo pela"
    ),
    "nl": _words(
        "de het een en van in is op te dat die voor met zijn niet aan er ook als bij door "
        "werd naar volgens"
    ),
    "tr": _words("ve bir bu da de ile için olarak daha çok göre ancak gibi olan"),
    "id": _words("yang dan di ke dari ini itu dengan untuk pada adalah tidak dalam"),
}
# Letters of non-Latin scripts, and the language each most often means in war reporting.
SCRIPTS = [
    ("ru", re.compile(r"[\u0400-\u04FF]")),  # Cyrillic (Ukrainian told apart below)
    ("ar", re.compile(r"[\u0600-\u06FF]")),
    ("he", re.compile(r"[\u0590-\u05FF]")),
    ("hy", re.compile(r"[\u0530-\u058F]")),
    ("ka", re.compile(r"[\u10A0-\u10FF]")),
    ("am", re.compile(r"[\u1200-\u137F]")),
    ("my", re.compile(r"[\u1000-\u109F]")),
    ("zh", re.compile(r"[\u4E00-\u9FFF]")),
    ("el", re.compile(r"[\u0370-\u03FF]")),
]
UKRAINIAN_LETTERS = re.compile(r"[іїєґІЇЄҐ]")
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
LETTERS = re.compile(r"[^\W\d_]+")  # runs of letters: counted by their lengths
MIN_WORDS = 8  # fewer words than this: too little text to say
SAMPLE_CHARS = 3000  # about 500 words: enough to tell, and a long article costs no more


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, or "" when the text is too short to tell
    confidence: float  # 0-1
    evidence: str  # what decided it, for the editor


def detect_language(text: str) -> Language:
    """The language of ``text``: a script share above a third, else the most stopword hits."""
    text = text[:SAMPLE_CHARS]
    letters = sum(map(len, LETTERS.findall(text)))
    if letters:
        for code, script in SCRIPTS:
            share = len(script.findall(text)) / letters
            if share > 1 / 3:
                if code == "ru" and UKRAINIAN_LETTERS.search(text):
                    code = "uk"
                share = min(1.0, share)  # combining marks count in the script, not as letters
                return Language(code, round(share, 2), f"{share:.0%} of letters in its script")
    words = [w.lower() for w in WORD.findall(text)]
    if len(words) < MIN_WORDS:
        return Language("", 0.0, f"only {len(words)} words: too short to tell")
    frequency = Counter(words)
    hits = {code: sum(frequency[w] for w in stop) for code, stop in STOPWORDS.items()}
    best = max(hits, key=lambda code: hits[code])
    ranked = sorted(hits.values(), reverse=True)
    share = hits[best] / len(words)
    margin = (ranked[0] - ranked[1]) / max(ranked[0], 1)
    if share < 0.08:
        return Language("", round(share, 2), f"function words are {share:.0%} of the words")
    confidence = round(min(1.0, 0.5 + margin / 2 + share), 2)
    return Language(
        best,
        confidence,
        f"{share:.0%} of the words are common {best} function words "
        f"(next language {ranked[1]} hits to {ranked[0]})",
    )
