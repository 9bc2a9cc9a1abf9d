"""What text the API accepts from a client, wherever it enters (JSON bodies, headers, query).

A lone surrogate (JSON's ``"\\ud800"``) is not a character: Python keeps it in a ``str``, but
no UTF-8 encoder writes it, so a stored one makes every page showing the record fail. NUL is
a character PostgreSQL refuses in text and jsonb. Both are refused where they arrive, with
the field, header or parameter named, so nothing stored can fail to render.
"""

import re
from typing import NamedTuple
from urllib.parse import unquote

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class TextProblem(NamedTuple):
    code: str  # DRF's own codes for the same refusal in a CharField
    detail: str


def text_problem(value: str) -> TextProblem | None:
    """Why ``value`` cannot be stored as text; None when it can."""
    found = _UNSTORABLE.search(value)
    if found is None:
        return None
    char = found.group()
    if char == "\x00":
        return TextProblem("null_characters_not_allowed", "Null characters are not allowed.")
    return TextProblem(
        "surrogate_characters_not_allowed",
        f"Surrogate characters are not allowed: U+{ord(char):04X} (a lone surrogate is not "
        "a character; send valid Unicode).",
    )


def printable(value: str) -> str:
    """``value`` safe to echo in an error message (a bad character shown as an escape)."""
    return value.encode("utf-8", "backslashreplace").decode("utf-8").replace("\x00", "\\x00")


# RFC 8187's ext-value: charset'language'percent-encoded bytes (UTF-8 is the one charset
# every recipient must support, and the one we take).
_EXT_VALUE = re.compile(r"^[Uu][Tt][Ff]-8'[A-Za-z0-9-]*'(?P<value>.*)$", re.DOTALL)


def header_text(raw: str) -> str:
    """A header's value as the characters the client meant; ValueError says why it is not text.

    WSGI hands header bytes over decoded as latin-1, so UTF-8 arrives as mojibake ("Ã©" for
    "é"): the bytes are recovered and read as UTF-8. A value in RFC 8187 form
    (``UTF-8''Fix%20%C3%A9``) is percent-decoded instead, for clients that keep headers ASCII.
    """
    ext = _EXT_VALUE.match(raw)
    try:
        if ext:
            text = unquote(ext.group("value"), encoding="utf-8", errors="strict")
        else:
            text = raw.encode("latin-1").decode("utf-8")
    except UnicodeEncodeError:
        text = raw  # already characters beyond latin-1: a server that decoded it for us
    except UnicodeDecodeError:
        raise ValueError(
            "Not UTF-8. Send UTF-8, or RFC 8187 form: UTF-8''%C3%A9 for \u00e9."
        ) from None
    problem = text_problem(text)
    if problem:
        raise ValueError(problem.detail)
    return text
