"""The JSON parser every write goes through: DRF's, with the limits a server needs.

- Depth: a document nested deeper than ``MAX_DEPTH`` is a 400 (Python's parser and
  everything after it recurse, so a thousand ``[`` would otherwise end in a RecursionError
  and a 500). No write this API takes is deeper than an object holding a list.
- Text: every string and every key is checked by ``api.text.text_problem`` (lone surrogates,
  NUL), and a bad one is a 400 naming where it is (``aliases.1``, ``notes``).
"""

import codecs
import json
from typing import Any

from django.conf import settings
from rest_framework import exceptions, parsers

from .text import printable, text_problem

MAX_DEPTH = 32


def _no_constants(name: str) -> None:
    # NaN and Infinity are not JSON (DRF's own parser refuses them the same way).
    raise ValueError(f"{name} is not valid JSON")


def check_document(data: Any) -> None:
    """Raise a 400 for a document too deep or holding text that cannot be stored.

    Walks with an explicit stack: the point is to not recurse on a client's nesting.
    """
    errors: dict[str, list[exceptions.ErrorDetail]] = {}
    stack: list[tuple[Any, str | None, int]] = [(data, None, 1)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, (dict, list)) and depth > MAX_DEPTH:
            raise exceptions.ParseError(
                f"JSON parse error - nested deeper than {MAX_DEPTH} levels.", code="too_deep"
            )
        if isinstance(value, dict):
            for key, item in value.items():
                name = printable(key) if path is None else f"{path}.{printable(key)}"
                problem = text_problem(key)
                if problem:
                    detail = f"In the field name: {problem.detail}"
                    errors.setdefault(name, []).append(exceptions.ErrorDetail(detail, problem.code))
                stack.append((item, name, depth + 1))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                name = str(index) if path is None else f"{path}.{index}"
                stack.append((item, name, depth + 1))
        elif isinstance(value, str):
            problem = text_problem(value)
            if problem:
                detail = exceptions.ErrorDetail(problem.detail, problem.code)
                errors.setdefault(path or "non_field_errors", []).append(detail)
    if errors:
        raise exceptions.ValidationError(dict(sorted(errors.items())))


class JSONParser(parsers.JSONParser):
    def parse(
        self, stream: Any, media_type: str | None = None, parser_context: dict | None = None
    ) -> Any:
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        try:
            text = codecs.getreader(encoding)(stream).read()
            data = json.loads(text, parse_constant=_no_constants)
        except RecursionError:
            raise exceptions.ParseError(
                f"JSON parse error - nested deeper than {MAX_DEPTH} levels.", code="too_deep"
            ) from None
        except ValueError as exc:
            raise exceptions.ParseError(f"JSON parse error - {exc}") from None
        check_document(data)
        return data
