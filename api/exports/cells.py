"""CSV cells a spreadsheet must not run: OWASP's advice against CSV (formula) injection.

A spreadsheet opening a CSV treats a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a
formula (and some also after a leading tab or CR), so a name like ``=HYPERLINK(...)`` taken
from an article would run on the reader's machine. Every CSV we write (page and ``/export/``
CSV, the claims' fast path, ACLED's layout, the data package) therefore starts such a *text*
cell with a single quote, which spreadsheets show as text. Numbers, dates and booleans are
never text: ``-33.9`` in a latitude column stays a number. JSON, NDJSON, GeoJSON and JSON-LD
keep every value exactly as stored.
"""

import re
from collections.abc import Sequence

TRIGGERS = frozenset("=+-@\t\r")
QUOTE = "'"

# A trigger after a separator in a row's cells joined with it: one C-speed scan per row
# instead of a Python test per cell; only a row it finds (a text with ",=" or a negative
# number is enough) pays for the exact check. No "^|" alternative in the pattern: it makes
# the engine try every position (~10x slower than a literal first character).
_AFTER_COMMA = re.compile(r",[-=+@\t\r]")


def neutralised(text: str) -> str:
    """The text cell as a spreadsheet will show it, never run it."""
    return QUOTE + text if text[:1] in TRIGGERS else text


def maybe_formula(line: str) -> bool:
    """Whether some cell of ``line`` (a row's cells joined with ",") may start a formula."""
    return line[:1] in TRIGGERS or _AFTER_COMMA.search(line) is not None


def neutralise_row(row: list[str], positions: Sequence[int]) -> None:
    """Neutralise, in place, the text cells at ``positions``."""
    for position in positions:
        cell = row[position]
        if cell[:1] in TRIGGERS:
            row[position] = QUOTE + cell


def neutralise_rows(rows: Sequence[list[str]], positions: Sequence[int]) -> None:
    """Neutralise, in place, the text cells at ``positions`` of every row."""
    if not positions:
        return
    for row in rows:
        if maybe_formula(",".join(row)):
            neutralise_row(row, positions)
