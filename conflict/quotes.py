"""Locating a quote in an article body: the one way offsets are ever computed."""


class QuoteError(ValueError):
    """A quote that cannot be pinned to exactly one place in the text."""


def find_all(body: str, quote: str) -> list[int]:
    """Start offsets of every occurrence of ``quote`` in ``body`` (overlaps included)."""
    starts: list[int] = []
    start = body.find(quote)
    while start != -1:
        starts.append(start)
        start = body.find(quote, start + 1)
    return starts


def locate_quote(body: str, quote: str, occurrence: int | None = None) -> tuple[int, int]:
    """Return ``(start, end)`` with ``body[start:end] == quote``.

    The quote must occur exactly once, unless ``occurrence`` (1-based) picks one of
    several. Raises ``QuoteError`` with a message fit to show an editor.
    """
    if not quote:
        raise QuoteError("The quote is empty.")
    starts = find_all(body, quote)
    if not starts:
        raise QuoteError("This quote does not occur in the article text.")
    if occurrence is None:
        if len(starts) > 1:
            raise QuoteError(
                f"This quote occurs {len(starts)} times in the article text; "
                "quote more of the sentence so it is found once."
            )
        index = 0
    else:
        if not 1 <= occurrence <= len(starts):
            raise QuoteError(
                f"Occurrence {occurrence} asked for, but the quote occurs {len(starts)} time(s)."
            )
        index = occurrence - 1
    return starts[index], starts[index] + len(quote)


def paragraph_bounds(body: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the paragraph (line) that holds ``body[start:end]``."""
    para_start = body.rfind("\n", 0, start) + 1
    para_end = body.find("\n", end)
    return para_start, len(body) if para_end == -1 else para_end
