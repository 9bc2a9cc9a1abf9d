"""Cutting a sentence into clauses that can each carry one claim.

A sentence is cut at a coordinating conjunction ("and", "but") when both sides hold a finite
verb, at a subordinator ("before", "after", "following", "as claimed by") when a finite verb
follows, and before a participle that opens a new clause (", taking", ", adding"). Nothing
inside a quotation is cut, except a quotation whose parts an ellipsis separates.
"""

# ruff: noqa: RUF001 (curly quotes and apostrophes are the text's own)

import re

from .segmentation import Span, inside

AUXILIARIES = [
    "is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "could",
    "can", "must", "may", "might", "should", "shall", "does", "do", "did"
]  # fmt: skip
# Past and present forms that are verbs in any reading (not also plural nouns).
FINITE_VERBS = [
    "said", "says", "told", "denied", "denies", "rejected", "dismissed", "accused", "claimed",
    "launched", "recalled", "erupted", "flared", "shelled", "fled", "hit", "struck", "fired",
    "attacked", "killed", "destroyed", "wants", "belongs", "spills", "continues", "remains",
    "gave", "took", "led", "brought", "ruled", "insisted", "warned", "added", "cited",
    "called", "described", "disputed", "refuted", "acknowledged", "blamed", "condemned",
    "confirmed", "announced",
]  # fmt: skip
DATE_WORDS = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December"
}  # fmt: skip
WORD = re.compile(r"[\w’'-]+")
RELATIVE_VERB = re.compile(r"\b(?:that|which|who) \w+(?:ed|s)\b")

REPORTING_WORDS = (
    r"said|says|denied|denies|rejected|rejects|dismissed|dismisses|disputed|disputes|called|"
    r"calls|described|describes|blamed|blames|refuted|confirmed|claimed|claims|reported|"
    r"acknowledged|condemned|did not confirm|has not confirmed|neither confirmed nor denied|"
    r"did not (?:address|dispute|comment on)|has not (?:addressed|commented on)|declined to"
)
# The relative clause holds an attribution: "which Moscow said", "a claim denied by Kyiv",
# "an accusation the Gulf state has consistently rejected", "which denied any involvement".
REPORTED_RELATIVE = re.compile(
    r"(?:(?:a|an|the) [a-z]+(?: (?:that|which))?|which) (?:[\w’'.-]+ ){0,6}?"
    r"(?:(?:has|have|had|was|were|is|are) )?(?:\w+ly )?(?:" + REPORTING_WORDS + r")\b"
)
ELLIPTIC_COUNT = re.compile(
    r"(?:\d[\d,]*|many|dozens|scores|hundreds|several|[a-z]+ty(?:-[a-z]+)?|one|two|three|four|"
    r"five|six|seven|eight|nine|ten|eleven|twelve) (?:more |others? )?"
    r"(?:were |have been |had been )?(?:wounded|injured|hurt|killed|dead|missing)\b"
)
CLAUSE_BREAK = re.compile(r",|;| but ")  # where a clause after a cut ends (split once)
COORDINATOR = re.compile(r",? (?:and|but) (?!also\b)")
SUBORDINATOR = re.compile(
    r",? (?:before|after|following|while|whereas|"
    r"as(?= (?:claimed|alleged|reported|stated|said) by\b))\s"
)
# "a week after", "hours before": a time phrase, not a new clause.
TIME_BEFORE = re.compile(
    r"\b(?:minutes?|hours?|days?|weeks?|months?|years?|shortly|soon|just|moments?|long)$"
)
# A participle of consequence ("..., killing 40 people", "leaving one sailor missing") goes on
# with the same event: it is part of the claim, not a new one.
PARTICIPLE = re.compile(
    r", (?!including\b|according\b|killing\b|wounding\b|injuring\b|leaving\b|"
    r"destroying\b|damaging\b|setting\b|forcing\b|sending\b|trapping\b)(\w+ing)\b"
)
# An attribution in a relative or appositive clause after the claim it qualifies: "..., a claim
# denied by Kyiv", "..., which Moscow said killed 89", "..., an accusation the Gulf state has
# rejected", "the M23, which denied any involvement".
RELATIVE_ATTRIBUTION = re.compile(
    r", (?=(?:a|an|the) (?:claim|accusation|allegation|charge|figure|report|account|toll|"
    r"version)s?\b|which\b)"
)
# An ellipsis that separates two quoted fragments: the words before it close a phrase.
FRAGMENT_ELLIPSIS = re.compile(r"(?<![\s])…\s*(?=[a-z])")
OPEN_PHRASE_WORDS = {"to", "the", "a", "an", "of", "and", "or", "for", "in", "on", "with", "by"}


def has_finite_verb(text: str) -> bool:
    words = [w.lower() for w in WORD.findall(text)]
    if any(w in AUXILIARIES or w in FINITE_VERBS for w in words):
        return True
    return bool(RELATIVE_VERB.search(text))


def starts_with_finite_verb(text: str) -> bool:
    words = WORD.findall(text)
    return bool(words) and (words[0].lower() in AUXILIARIES or words[0].lower() in FINITE_VERBS)


def split_clauses(body: str, start: int, end: int, quotes: list[Span]) -> list[Span]:
    """Clause spans covering ``body[start:end]`` (trimmed of spaces and joining commas)."""
    cuts: list[tuple[int, int]] = []  # (end of the clause before, start of the next)
    text = body[start:end]

    def chunk_before(at: int) -> str:
        last = max([c[1] for c in cuts if c[1] <= at] + [0])
        return text[last:at]

    def chunk_after(at: int, to_end: bool) -> str:
        rest = text[at:]
        return rest if to_end else CLAUSE_BREAK.split(rest, maxsplit=1)[0]

    def joins_names(cut_start: int, cut_end: int) -> bool:
        """ "Security and Co-operation", "Paris, and Moscow": a list of names, not clauses."""
        before = WORD.findall(text[:cut_start])
        after = WORD.findall(text[cut_end:])
        return bool(
            before
            and after
            and before[-1][0].isupper()
            and after[0][0].isupper()
            and before[-1] not in DATE_WORDS
        )

    candidates: list[tuple[int, int, str]] = []
    for match in COORDINATOR.finditer(text):
        candidates.append((match.start(), match.end(), "coordinator"))
    for match in SUBORDINATOR.finditer(text):
        candidates.append((match.start(), match.end(), "sub"))
    for match in PARTICIPLE.finditer(text):
        candidates.append((match.start(), match.start(1), "participle"))
    for match in RELATIVE_ATTRIBUTION.finditer(text):
        if REPORTED_RELATIVE.match(text, match.end()):
            candidates.append((match.start(), match.end(), "relative"))
    for cut_start, cut_end, kind in sorted(candidates):
        if kind == "coordinator" and ELLIPTIC_COUNT.match(text, cut_end):
            continue  # "two were killed and 14 injured when ...": one statement of losses
        if inside(start + cut_start, quotes):
            continue
        before = chunk_before(cut_start)
        if kind == "coordinator":
            after = chunk_after(cut_end, to_end=False)
            ok = (
                not joins_names(cut_start, cut_end)
                and has_finite_verb(before)
                and (has_finite_verb(after) or starts_with_finite_verb(after))
            )
        elif kind == "sub":
            ok = (
                bool(text[:cut_start].strip()) and not TIME_BEFORE.search(text[:cut_start])
            ) and has_finite_verb(chunk_after(cut_end, to_end=True))
            # "as claimed by X" keeps its "as": the attribution belongs to the clause after.
            if text[cut_start:cut_end].strip(", ") == "as":
                cut_end = text.index("as", cut_start)
        elif kind == "relative":
            ok = bool(before.strip())
        else:
            ok = has_finite_verb(before)
            cut_end = cut_start + 2
        if ok and not any(s < cut_end and cut_start < e for s, e in cuts):
            cuts.append((cut_start, cut_end))
    spans: list[Span] = []
    position = 0
    for cut_start, cut_end in sorted(cuts):
        spans.append(_trim(body, start + position, start + cut_start))
        position = cut_end
    spans.append(_trim(body, start + position, end))
    return [s for s in spans if s.end > s.start]


def split_quotation(body: str, quote: Span) -> list[Span]:
    """A quotation cut where an ellipsis separates fragments ("Armenia… the army does")."""
    parts: list[Span] = []
    position = quote.start
    for match in FRAGMENT_ELLIPSIS.finditer(body, quote.start, quote.end):
        words = WORD.findall(body[position : match.start()])
        if not words or words[-1].lower() in OPEN_PHRASE_WORDS:
            continue
        parts.append(Span(position, match.start() + 1))
        position = match.end()
    parts.append(Span(position, quote.end))
    return [_trim(body, p.start, p.end) for p in parts]


def _trim(body: str, start: int, end: int) -> Span:
    while start < end and body[start] in " ,;":
        start += 1
    while end > start and body[end - 1] in " ,;":
        end -= 1
    return Span(start, end)
