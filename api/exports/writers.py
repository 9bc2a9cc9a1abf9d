"""Writers turn chunks of records into text: ``start()``, ``write(items)`` per chunk, ``end()``.

An item is ``(instance, record)``: the model instance and its serializer output. Most formats
read only the record; geometry and the ACLED layout also read the instance's prefetched
relations. The same writer renders a page of a list endpoint and a whole-collection stream.
"""

import csv
import io
import json
from collections.abc import Sequence
from typing import Any, Protocol

import orjson
from django.db.models import Model
from rest_framework.utils.encoders import JSONEncoder

from ..renderers import maybe_unlike_python
from .cells import maybe_formula, neutralise_row
from .columns import Column, readers

_encoder = JSONEncoder()
Item = tuple[Model, dict[str, Any]]


class Writer(Protocol):
    # Whether the records may hold a float (api.rows' may_hold_floats); a page of a plan's
    # records sets it, and a JSON writer then writes them without looking for one.
    floats: bool

    def start(self) -> str: ...

    def write(self, items: Sequence[Item]) -> str: ...

    def end(self) -> str: ...


# orjson writes what json.dumps does here, except some floats (1e-7 for 1e-07, 0.00001 for
# 1e-05): anything that may hold one goes through json (api.renderers.maybe_unlike_python).


def _orjson(value: Any) -> bytes:
    return orjson.dumps(value, default=_encoder.default, option=orjson.OPT_PASSTHROUGH_DATETIME)


def to_json(value: Any, floats: bool = True) -> str:
    """``value`` as json.dumps writes it (``floats=False``: it holds no float, see
    api.renderers.dumps)."""
    text = _orjson(value)
    if floats and maybe_unlike_python(text):
        return json.dumps(value, cls=JSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return text.decode("utf-8")


def to_json_members(values: Sequence[Any], floats: bool = True) -> str:
    """``",".join(to_json(value) for value in values)``, encoded and checked as one array."""
    text = _orjson(list(values))
    if floats and maybe_unlike_python(text):
        return ",".join(to_json(value) for value in values)
    return text[1:-1].decode("utf-8")


def csv_text(rows: Sequence[Sequence[str]]) -> str:
    """RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue()


class CsvWriter:
    """A header row, then one row per record with the flattened columns."""

    floats = True  # no JSON: unused

    def __init__(self, columns: list[Column]) -> None:
        self.columns = columns
        self.readers = readers(columns)

    def start(self) -> str:
        return csv_text([[column.name for column in self.columns]])

    def write(self, items: Sequence[Item]) -> str:
        cells = self.readers
        return csv_text([[read(record) for read in cells] for _, record in items])

    def end(self) -> str:
        return ""


# The member that marks the last line of a whole-collection NDJSON export: no record has it.
COMPLETE_MEMBER = "_complete"


class NdjsonWriter:
    """One JSON object per line: exactly the JSON API's record.

    With ``trailer`` (whole-collection exports) a last line ``{"_complete": true, "rows": N,
    "last_id": ID}`` says the stream ended where the server meant it to: a body cut short
    lacks it, and ``?after=ID`` of the last record received resumes.
    """

    def __init__(self, trailer: bool = False) -> None:
        self.trailer, self.rows, self.last_id = trailer, 0, None
        self.floats = True

    def start(self) -> str:
        return ""

    def write(self, items: Sequence[Item]) -> str:
        if items:
            self.rows += len(items)
            self.last_id = items[-1][1].get("id")
        return "".join(to_json(record, self.floats) + "\n" for _, record in items)

    def end(self) -> str:
        if not self.trailer:
            return ""
        return to_json({COMPLETE_MEMBER: True, "rows": self.rows, "last_id": self.last_id}) + "\n"


class JsonArrayWriter:
    """A JSON document ``{head..., "<key>": [ items ], tail...}`` written piece by piece."""

    def __init__(self, head: dict[str, Any], key: str) -> None:
        self.head, self.key, self.count = head, key, 0
        self.floats = True

    def start(self) -> str:
        opening = to_json(self.head)[:-1]  # the head object without its closing brace
        return f'{opening}{"," if self.head else ""}"{self.key}":['

    def members(self, items: Sequence[Item]) -> list[dict[str, Any]]:
        raise NotImplementedError

    def write(self, items: Sequence[Item]) -> str:
        members = self.members(items)
        if not members:
            return ""
        text = ("," if self.count else "") + to_json_members(members, self.members_floats())
        self.count += len(members)
        return text

    def members_floats(self) -> bool:
        """Whether the members written last may hold a float."""
        return self.floats

    def tail(self) -> dict[str, Any]:
        return {}

    def end(self) -> str:
        tail = to_json(self.tail())[1:]  # the tail object without its opening brace
        return "]" + ("," + tail if tail != "}" else "}")


def csv_lines(rows: Sequence[list[str]], width: int, text_positions: Sequence[int] = ()) -> str:
    """:func:`csv_text` of rows of ``width`` text cells, the same bytes, faster; the text
    cells at ``text_positions`` neutralised as formulas first (api.exports.cells).

    csv.writer (minimal quoting) quotes a cell only when it holds a comma, a quote, CR or LF;
    a row whose joined line has none but its ``width - 1`` separators needs no quoting and is
    that line. Only the other rows (a claim's text with a comma) go through csv.writer.
    """
    separators = width - 1
    lines = []
    for row in rows:
        line = ",".join(row)
        if text_positions and maybe_formula(line):
            neutralise_row(row, text_positions)
            line = ",".join(row)
        if line.count(",") != separators or '"' in line or "\r" in line or "\n" in line:
            line = csv_text([row])[:-2]
        lines.append(line)
    lines.append("")
    return "\r\n".join(lines)
