"""Stance (asserts or denies), category, and which claim a denial contradicts."""

# ruff: noqa: RUF001 (curly quotes and apostrophes are the text's own)

import re
from functools import lru_cache

from .records import DraftClaim

DENIAL_VERBS = re.compile(
    r"^(?:denied|denies|deny|rejected|rejects|reject|ruled out|rules out|refused|refuses|"
    r"disputed|disputes|refuted|refutes|denying|rejecting|dismissing)$"
)
# "dismissed the head of ..." is not a denial; "dismissed calls for ..." is.
DISMISSED = re.compile(
    r"\bdismiss(?:ed|es)? (?:the )?(?:calls?|allegations?|claims?|reports?|accusations?|"
    r"suggestions?|demands?|proposals?|charges?)\b"
)
DENIAL_WORDS = re.compile(
    r"\bnothing to do with\b|\b(?:unfounded|baseless|groundless|fabricated|untrue)\b|"
    r"\b(?:does|do|did|has|have|had|will|would) (?:not|never) "
    r"(?:target|attack|shell|strike|bomb|fire on|kill|use)(?:ed|d)?\b|"
    r"\bnever (?:targeted|attacked|shelled)\b|"
    r"\b(?:does|do|did|has|have|had|was|were) (?:not|never) (?:carr(?:y|ied) out|conduct(?:ed)?|"
    r"launch(?:ed)?|order(?:ed)?|involved|behind|responsible)\b|"
    r"\b(?:propaganda|lies|a lie|lying|fake news|fake|fabrications?|fabricated|baseless|"
    r"groundless|unfounded|preposterous|exaggerated|inflated|false|categorically|provocation|"
    r"psychological|staged|absurd|nonsense|smear|slander(?:ous)?|ridiculous|misinformation|"
    r"disinformation|no truth|never happened|did not happen|no (?:link|connection|role)|"
    # dismissive idioms: "as true as their last report", "a fairy tale"
    r"fairy ?tales?|fiction|fantasy|fantasies|wishful thinking|not true|isn't true|"
    r"as true as)\b|"
    r"\b(?:was|were|is|are|has|have|had|did|does|do) (?:not|never) (?:been )?(?:targeted|"
    r"struck|hit|attacked|shelled|bombed|fired on|killed|used|involved)\b|"
    r"\b(?:hit|struck|targeted|target|strikes?) only (?:military|militant)\b|"
    # "there was no attack on the port": the event itself denied
    r"\bthere (?:was|were|has been|had been) no (?:attack|strike|shelling|bombing|raid|"
    r"incident|fighting|assault)s?\b|"
    r"\bnot civilians\b|\bno (?:civilian )?casualties\b|\bno (?:[\w-]+ ){0,2}(?:were|was) lost\b|"
    # "saying no civilians were killed", "no one was hurt"
    r"\b(?:no (?:[\w-]+ ){0,2}|nobody |no-one |none (?:of [\w-]+ (?:[\w-]+ )?)?)"
    r"(?:was|were|had been|have been|has been) (?:killed|wounded|hurt|injured|harmed)\b"
)  # these three are matched against the lowercased quote (faster than case-blind patterns)
LOSS_DENIAL = re.compile(r"\b(?:losing|lost|losses|casualties|suffer(?:ed|ing)?)\b")
ALLEGATION = re.compile(r"\b(?:accused|accuses|alleged|alleges|claimed|allegations? by)\b")
APPEAL = re.compile(r"\b(?:calls? for|calls? on|urged?s?|appeal(?:ed|s)?|renew my call)\b")
POSITION = re.compile(
    r"\b(?:must|should|demand|position|wants?|cannot|will continue|would continue|ruled out)\b"
)
EVENT = re.compile(
    r"\b(?:shell|fired|killed|wounded|destroyed|shot down|launched|strikes?|attack|clash|"
    r"recalled|dismissed|invited|meet|damage|target)"
)
STOP = {
    "the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "but", "that", "this",
    "with", "by", "from", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had",
    "its", "it", "their", "they", "his", "her", "he", "she", "not", "no", "any", "all", "will",
    "would", "could", "can", "said", "says", "told", "which", "who", "what", "about", "into",
    "over", "after", "before"
}  # fmt: skip


def is_denial(quote: str, verb: str) -> bool:
    return bool(
        DENIAL_VERBS.match(verb or "")
        or DISMISSED.search(quote)
        or DENIAL_WORDS.search(quote.lower())
    )


def category_for(quote: str, verb: str, denies: bool, has_losses: bool, narration: bool) -> str:
    if has_losses:
        return "toll"
    if denies:
        return "event_report" if EVENT.search(quote.lower()) else "position"
    if verb in {"claimed", "alleged", "accused", "accuses"} or ALLEGATION.search(quote):
        return "allegation"
    if APPEAL.search(quote):
        return "appeal"
    if POSITION.search(quote) or verb == "demand":
        return "position"
    if EVENT.search(quote.lower()):
        return "event_report"
    return "other" if narration else "event_report"


# "denied the allegations": a denial of what was just reported, by someone else.
ANSWERED_REPORT = re.compile(
    r"\b(?:the|these|those) (?:allegations|claims|accusations|reports?|figures|toll|account)\b"
)
STEM_WORD = re.compile(r"[A-Za-z][\w-]+")


@lru_cache(maxsize=4096)
def _stems(text: str) -> frozenset[str]:
    # Cached: every denial compares its words with every other claim's.
    words = STEM_WORD.findall(text.replace("’s", ""))
    return frozenset(lower[:6] for w in words if len(w) > 2 and (lower := w.lower()) not in STOP)


def denial_target(claims: list[DraftClaim], index: int) -> DraftClaim | None:
    """The claim a denial answers: "the allegations" are the latest claim by someone else;
    otherwise the claim by another speaker that shares the most words with it."""
    denial = claims[index]
    if denial.claimant is None:
        return None
    others = [
        c
        for c in claims
        if c is not denial
        and c.claimant is not None
        and c.claimant.name != denial.claimant.name
        and c.stance == "asserts"
    ]
    if ANSWERED_REPORT.search(denial.quote):
        earlier = [c for c in others if c.span_end <= denial.span_start]
        return earlier[-1] if earlier else None
    if LOSS_DENIAL.search(denial.quote.lower()):
        # "Russia denied losing any aircraft": it answers the latest count of losses.
        earlier = [c for c in others if c.losses and c.span_end <= denial.span_start]
        if earlier:
            return earlier[-1]
    words = _stems(denial.quote) - _stems(denial.claimant.name)
    best: tuple[int, int, DraftClaim] | None = None
    for claim in others:
        shared = words & _stems(claim.quote)
        needed = 1 if claim.category == "allegation" else 2
        if len(shared) < needed:
            continue
        score = (len(shared), -abs(claim.span_start - denial.span_start))
        if best is None or score > best[:2]:
            best = (*score, claim)
    return best[2] if best else None
