"""Paragraphs, sentences and quotations, all as character offsets into the article body."""

# ruff: noqa: RUF001 (curly apostrophes and dashes are the texts' own)

import re
from dataclasses import dataclass

# Opening and closing quotation marks, curly and straight.
OPEN_QUOTES = '“"«'
CLOSE_QUOTES = '”"»'

# Page furniture that is never a claim: link teasers and comment-widget leftovers.
BOILERPLATE = re.compile(
    r"^(READ MORE|Read more|RELATED|Related|WATCH|Watch|ALSO READ|Also read)\s*:"
    r"|^Discussion about this post|^(Advertisement|Share this article)$"
)
# A heading: a short line without sentence-final punctuation.
HEADING_MAX_WORDS = 7
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "gen", "col", "lt", "sgt", "no", "vs", "jr", "sr", "maj",
    "capt", "brig", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec",
}  # fmt: skip
# A wire dateline opening a paragraph: "KYIV, March 5 (Reuters) - ", "KHARTOUM, Sudan (AP) — ",
# "Khan Younis (local press) - ". Where the story was filed, not what it reports: never part
# of a claim, and its date is the filing date, not an event's.
DATELINE = re.compile(
    r"^[A-Z][\w’'.-]*(?: [A-Z][\w’'.-]*){0,3}"
    r"(?:, (?:[A-Z][\w.]*|\d{1,2})(?: (?:[A-Z][\w.]*|of|\d{1,2})){0,4})?"
    r"(?: \([^)]{1,40}\))? [-—–] (?=[A-Z“\"])"
)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # index of the paragraph (line) the sentence is in


def paragraphs(body: str) -> list[Span]:
    """Non-empty lines that carry prose: headings and boilerplate dropped."""
    spans: list[Span] = []
    offset = 0
    for line in body.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        stripped = line.strip()
        if not stripped or BOILERPLATE.search(stripped) or is_heading(stripped):
            continue
        lead = len(line) - len(line.lstrip())
        dateline = DATELINE.match(stripped)
        skip = dateline.end() if dateline else 0
        spans.append(Span(start + lead + skip, start + lead + len(stripped)))
    return spans


def is_heading(line: str) -> bool:
    """A section heading ("Mounting toll"): few words, no closing punctuation, no quote."""
    if line[-1] in ".!?…:;" + CLOSE_QUOTES:
        return False
    return len(line.split()) <= HEADING_MAX_WORDS


def quotations(body: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Quoted passages in ``body[start:end]``: the inner text, without the marks.

    Pairs curly quotes by nesting order; straight quotes pair in sequence. A quote left open
    at the end of the range runs to the end (a quote that spans sentences or paragraphs).
    """
    end = len(body) if end is None else end
    spans: list[Span] = []
    opened: int | None = None
    for mark in QUOTE_MARK.finditer(body, start, end):  # only the marks, not every character
        i, char = mark.start(), mark.group(0)
        if opened is None and (char in "“«" or (char == '"' and _opens_straight(body, i))):
            opened = i + 1
        elif opened is not None and char in '”»"':
            spans.append(Span(opened, i))
            opened = None
    if opened is not None:
        spans.append(Span(opened, end))
    return spans


QUOTE_MARK = re.compile('[“”"«»]')


def _opens_straight(body: str, i: int) -> bool:
    return i == 0 or not body[i - 1].isalnum()


def inside(position: int, spans: list[Span]) -> bool:
    return any(span.start <= position < span.end for span in spans)


SENTENCE_END = re.compile(r"[.!?](?:[”\"»])?(?=\s+[“\"«A-Z0-9])")


SINGLE_CAPITAL = re.compile(r"[A-Z]")  # fullmatch: an initial ("John F. Kennedy")


def _word_before_stop(body: str, start: int, stop: int) -> str:
    """The word characters (regex ``\\w``) just before a full stop at ``stop``, back to
    ``start`` at most ("Gen." or "U.S.": perhaps no sentence end); "" if none. Read backwards
    from the stop: a regex anchored at the end would scan the whole sentence before it."""
    if body[stop] != ".":
        return ""
    begin = stop
    while begin > start and (body[begin - 1].isalnum() or body[begin - 1] == "_"):
        begin -= 1
    return body[begin:stop]


def sentences(body: str) -> list[Sentence]:
    """Sentences of the prose paragraphs; a quotation is never cut in two."""
    result: list[Sentence] = []
    for index, para in enumerate(paragraphs(body)):
        quotes = quotations(body, para.start, para.end)
        start = para.start
        for match in SENTENCE_END.finditer(body, para.start, para.end):
            stop = match.end()
            if inside(match.start(), quotes) and body[stop - 1] not in CLOSE_QUOTES:
                continue
            word = _word_before_stop(body, start, match.start())
            if word and (word.lower() in ABBREVIATIONS or SINGLE_CAPITAL.fullmatch(word)):
                continue
            result.append(Sentence(start, stop, body[start:stop], index))
            start = stop
            while start < para.end and body[start].isspace():
                start += 1
        if start < para.end:
            result.append(Sentence(start, para.end, body[start : para.end], index))
    return result
