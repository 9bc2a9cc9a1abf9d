"""Date expressions resolved against the article's publication date, keeping the source words.

"On Thursday" is the latest Thursday on or before the publication date, unless the clause
speaks of the future ("will", "was to meet", "invited to take part"), then the next one on or
after it. "Since September 27" is a span ending on the publication date.
"""

# ruff: noqa: RUF001, RUF003 (curly quotes and apostrophes are the text's own)

import datetime as dt
import re
from dataclasses import dataclass

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

FUTURE = re.compile(
    r"\b(?:will|shall|(?:is|are|was|were) (?:due |set |scheduled )?to|invited to|plans? to|"
    r"going to|expected to|tomorrow|next)\b"
)  # matched against the lowercased text (faster than a case-blind pattern)

# Month abbreviations of wire style ("Oct. 4", "Sept 24").
MONTH_SHORT = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
HOLIDAYS = {
    "new year's eve": (12, 31), "new year's day": (1, 1), "christmas eve": (12, 24),
    "christmas day": (12, 25), "christmas": (12, 25),
}  # fmt: skip

PATTERNS = [
    # "since September 27", "since 27 September"
    ("since", re.compile(rf"\bsince (?:{MONTH} (\d{{1,2}})|(\d{{1,2}}) {MONTH})\b")),
    # "since Friday": from that day to the publication date
    ("since_weekday", re.compile(rf"\bsince (?:last )?{WEEKDAY}\b")),
    ("holiday", re.compile(r"\b(?:New Year[’']s (?:Eve|Day)|Christmas(?: Eve| Day)?)\b")),
    ("past_day", re.compile(r"\b(?:in|over|during) the (?:past|last) (?:24 hours|day)\b")),
    ("last_week", re.compile(r"\blast week\b", re.IGNORECASE)),
    ("this_week", re.compile(r"\b(?:earlier )?this week\b", re.IGNORECASE)),
    ("weekend", re.compile(r"\b(?:(?:over|at|during) the|last) weekend\b", re.IGNORECASE)),
    ("this_month", re.compile(r"\b(?:earlier )?this month\b", re.IGNORECASE)),
    ("last_month", re.compile(r"\blast month\b", re.IGNORECASE)),
    # "in February", "since April 2023", "in November 2020": a whole month
    (
        "month",
        re.compile(
            rf"\b(?P<since>since )?(?:(?:in|during|early|late|mid-?|since) )?(?:early |late )?"
            rf"{MONTH}(?: (?P<year>(?:19|20)\d\d))?\b(?! \d)"
        ),
    ),
    # "on September 27", "27 September", "September 27, 2020"
    ("date", re.compile(rf"\b(?:{MONTH} (\d{{1,2}})|(\d{{1,2}}) {MONTH})(?:,? (\d{{4}}))?\b")),
    ("weekday", re.compile(rf"\b(?:[Oo]n |[Ll]ast |[Tt]his )?{WEEKDAY}\b")),
    ("overnight", re.compile(r"\b(?:overnight|last night)\b", re.IGNORECASE)),
    ("relative_day", re.compile(r"\b(?:yesterday|today|tomorrow)\b", re.IGNORECASE)),
    # "1991-94", "1991–1994": a span of whole years
    ("years", re.compile(r"\b((?:19|20)\d\d)[-–]((?:19|20)?\d\d)\b")),
]


# A word every date pattern above needs: a digit, a weekday, a month, or a relative word.
DATE_HINT = re.compile(
    (
        rf"\d|{WEEKDAY}|{MONTH}|\b(?:overnight|night|yesterday|today|tomorrow|week|weekend|"
        r"month|eve|christmas|hours|day)\b"
    ).lower()
)  # matched against the lowercased text


LOWER_WORD = re.compile(r"[a-z]+")  # the words of lowercased text ("in", "february")

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# Words (lowercase) at least one of which each pattern needs; checked with ``in`` first.
NEEDLES: dict[str, tuple[str, ...]] = {
    "since": ("since",),
    "since_weekday": ("since",),
    "holiday": ("eve", "christmas", "new year"),
    "past_day": ("past", "last"),
    "last_week": ("last week",),
    "this_week": ("this week",),
    "weekend": ("weekend",),
    "this_month": ("this month",),
    "last_month": ("last month",),
    "weekday": _DAYS,
    "overnight": ("overnight", "last night"),
    "relative_day": ("yesterday", "today", "tomorrow"),
    "month": tuple(MONTHS),
    "date": tuple(MONTHS),
    "years": ("19", "20"),
}


@dataclass(frozen=True)
class DateMention:
    start: int  # offsets into the text given to find_dates
    end: int
    text: str
    on: dt.date
    until: dt.date | None
    precision: str  # conflict.models.choices.DatePrecision values


def find_dates(text: str, published_on: dt.date, offset: int = 0) -> list[DateMention]:
    """Every date expression in ``text``, in order; ``offset`` is added to the positions."""
    lower = text.lower()
    if not DATE_HINT.search(lower):
        return []  # no date word: one cheap look instead of every pattern
    future = bool(FUTURE.search(lower))
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in PATTERNS:
        needles = NEEDLES.get(kind)
        if needles and not any(n in lower for n in needles):
            continue  # a word the pattern needs is absent: skip it (speed, issue 13)
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            try:
                mention = _resolve(kind, match, published_on, future)
            except ValueError:
                # "February 30", or 29 February moved to a year without one: no such day,
                # so the words are not taken as a date.
                mention = None
            if mention is None:
                continue
            taken.append((match.start(), match.end()))
            found.append(
                DateMention(
                    match.start() + offset,
                    match.end() + offset,
                    match.group(0),
                    *mention,
                )
            )
    return sorted(found, key=lambda m: m.start)


def _month_day(match: re.Match[str]) -> tuple[int, int]:
    words = match.group(0).lower().replace(",", " ").split()
    month = next(MONTHS.index(w) + 1 for w in words if w in MONTHS)
    day = int(next(g for g in match.groups()[:2] if g))
    return month, day


def _month_end(first: dt.date) -> dt.date:
    following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def _before(published_on: dt.date, month: int, day: int) -> dt.date:
    """The date with that month and day on or before the publication date."""
    candidate = dt.date(published_on.year, month, day)
    return candidate if candidate <= published_on else candidate.replace(year=published_on.year - 1)


def _resolve(
    kind: str, match: re.Match[str], published_on: dt.date, future: bool
) -> tuple[dt.date, dt.date | None, str] | None:
    word = match.group(0).lower()
    if kind == "since":
        month, day = _month_day(match)
        return _before(published_on, month, day), published_on, "span"
    if kind == "since_weekday":
        target = next(i for i, name in enumerate(WEEKDAYS) if name in word)
        back = (published_on.weekday() - target) % 7
        return published_on - dt.timedelta(days=back), published_on, "span"
    if kind == "holiday":
        month, day = HOLIDAYS[word.replace("’", "'")]
        return _before(published_on, month, day), None, "day"
    monday = published_on - dt.timedelta(days=published_on.weekday())
    if kind == "past_day":
        return published_on - dt.timedelta(days=1), published_on, "span"
    if kind == "last_week":
        start = monday - dt.timedelta(days=7)
        return start, start + dt.timedelta(days=6), "week"
    if kind == "this_week":
        return monday, published_on, "span"
    if kind == "weekend":
        # the latest Saturday-Sunday that has begun by the publication date
        saturday = published_on - dt.timedelta(days=(published_on.weekday() - 5) % 7)
        return saturday, saturday + dt.timedelta(days=1), "span"
    if kind == "this_month":
        return published_on.replace(day=1), published_on, "span"
    if kind == "last_month":
        end = published_on.replace(day=1) - dt.timedelta(days=1)
        return end.replace(day=1), end, "month"
    if kind == "month":
        month = next(MONTHS.index(w) + 1 for w in LOWER_WORD.findall(word) if w in MONTHS)
        if match.group("year"):
            first = dt.date(int(match.group("year")), month, 1)
        else:
            first = _before(published_on, month, 1)
        last = _month_end(first)
        if match.group("since") or word.startswith("since"):
            return first, published_on, "span"
        return first, last, "month"
    if kind == "date":
        month, day = _month_day(match)
        if match.group(3):
            return dt.date(int(match.group(3)), month, day), None, "day"
        if future:
            candidate = dt.date(published_on.year, month, day)
            if candidate < published_on:
                candidate = candidate.replace(year=published_on.year + 1)
            return candidate, None, "day"
        return _before(published_on, month, day), None, "day"
    if kind == "weekday":
        target = next(i for i, name in enumerate(WEEKDAYS) if name in word)
        back = (published_on.weekday() - target) % 7
        if future and not word.startswith("last"):
            ahead = (target - published_on.weekday()) % 7
            return published_on + dt.timedelta(days=ahead), None, "day"
        return published_on - dt.timedelta(days=back), None, "day"
    if kind == "overnight":
        return published_on - dt.timedelta(days=1), published_on, "span"
    if kind == "relative_day":
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[word]
        return published_on + dt.timedelta(days=shift), None, "day"
    if kind == "years":
        first = int(match.group(1))
        last_text = match.group(2)
        last = int(last_text) if len(last_text) == 4 else first // 100 * 100 + int(last_text)
        if last <= first:
            return None
        return dt.date(first, 1, 1), dt.date(last, 12, 31), "year"
    raise ValueError(kind)
