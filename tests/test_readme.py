"""The README's examples run as written and print what the README shows.

The `manage.py ingest` examples are run on a fresh database with the seed (what `make serve`
leaves), and their output compared line by line with the README's (`…` stands for any text;
a line that is only `…` for any number of lines). Every `curl` read in the tour is sent to a
live server with the seed: it answers the status its output implies, and every `"key":
value` the README shows is in the answer.
"""

from __future__ import annotations

import json
import re
import shlex
import urllib.error
import urllib.request
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
MANAGE = "$ DEBUG=1 .venv/bin/python manage.py "


def shell_examples() -> list[tuple[str, list[str]]]:
    """Each `$ command` line in the README's sh blocks, with the output lines after it."""
    examples: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```sh\n(.*?)```", README, flags=re.S):
        for line in block.splitlines():
            if line.startswith("$ "):
                examples.append((line, []))
            elif examples and not line.startswith("#"):
                examples[-1][1].append(line)
    return examples


def pattern(expected: list[str]) -> re.Pattern[str]:
    parts = []
    for line in expected:
        if line.strip() == "…":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append(".*?".join(map(re.escape, line.split("…"))) + r"\n")
    return re.compile("".join(parts))


INGESTS = [(command, out) for command, out in shell_examples() if "manage.py ingest " in command]


def test_the_readme_has_ingest_examples() -> None:
    assert len(INGESTS) >= 2


@pytest.mark.django_db(transaction=True, reset_sequences=True)
def test_ingest_examples_print_what_the_readme_shows(monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    call_command("load_seed", verbosity=0)
    for command, expected in INGESTS:
        args = shlex.split(command.removeprefix(MANAGE))
        out = StringIO()
        call_command(*args, stdout=out)
        assert pattern(expected).fullmatch(out.getvalue()), (command, out.getvalue())


CURLS = [
    (command, out)
    for command, out in shell_examples()
    if command.startswith("$ curl -s") and " -X " not in command and " -o " not in command
]


def pairs(value: Any) -> set[tuple[str, str]]:
    """Every (key, JSON scalar) in a JSON document, the scalar as JSON text."""
    found: set[tuple[str, str]] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(item, dict | list):
                found.add((key, json.dumps(item, ensure_ascii=False)))
            found |= pairs(item)
    elif isinstance(value, list):
        for item in value:
            found |= pairs(item)
    return found


SHOWN_PAIR = re.compile(r'"(\w+)": ?("(?:[^"\\…]|\\.)*"|-?[0-9.]+|true|false|null)(?=[,}\]\s]|$)')


@pytest.mark.parametrize(("command", "expected"), CURLS, ids=[c for c, _ in CURLS])
def test_curl_reads_answer_what_the_readme_shows(live_server, seed, command, expected) -> None:
    args = shlex.split(command[2:])
    url = next(arg for arg in args if arg.startswith("http://127.0.0.1:8000"))
    request = urllib.request.Request(url.replace("http://127.0.0.1:8000", live_server.url))
    if "-H" in args:
        name, _, value = args[args.index("-H") + 1].partition(": ")
        request.add_header(name, value)
    shown = "\n".join(expected)
    try:
        with urllib.request.urlopen(request) as response:
            status, body = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode()
    assert status == (400 if '"validation_error"' in shown else 200), body
    if body.startswith("{") and "\n{" not in body:
        answer = pairs(json.loads(body))
        host = live_server.url
        for key, value in SHOWN_PAIR.findall(shown):
            assert (key, value.replace("http://127.0.0.1:8000", host)) in answer, (key, value)
    elif expected and not body.startswith("{"):  # CSV: the header as far as the README shows
        header = expected[0].split("…")[0] if "-D" not in args else ""
        assert body.startswith(header)
