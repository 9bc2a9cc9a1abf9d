"""``manage.py ingest``: the seed text in, a report out; clear errors for bad input."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from conflict.models import Article, Claim

from .conftest import ROOT

pytestmark = pytest.mark.django_db

SEED = ROOT / "seeds" / "000_bba3e84961ba8579.txt"


def ingest(*args: str) -> str:
    out = StringIO()
    call_command("ingest", *args, stdout=out)
    return out.getvalue()


def test_ingesting_the_seed_prints_what_was_created_and_what_to_decide():
    out = ingest(
        str(SEED), "--published-on", "2020-10-08", "--publisher", "Euronews", "--title", "Clashes"
    )
    article = Article.objects.get()
    assert article.body == SEED.read_text(encoding="utf-8")
    assert (article.title, article.title_is_editorial, article.publisher) == (
        "Clashes",
        False,
        "Euronews",
    )
    lines = out.splitlines()
    assert lines[0] == f"Stored article {article.pk} (clashes): Clashes"
    assert lines[1].startswith(f"Drafts created: {Claim.objects.count()} claims, ")
    assert lines[2].startswith("For an editor to decide (")
    assert any("new actor 'Anar Eyvazov' (kind 'person' guessed)" in line for line in lines)


def test_the_same_file_twice_says_so_and_creates_nothing():
    ingest(str(SEED), "--published-on", "2020-10-08")
    claims = Claim.objects.count()
    out = ingest(str(SEED), "--published-on", "2020-10-08")
    assert out.startswith("Already stored: article ")
    assert Article.objects.count() == 1
    assert Claim.objects.count() == claims


def test_windows_line_endings_are_kept(tmp_path: Path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Armenia said 30 soldiers were killed.\r\nBaku denied it.\r\n")
    ingest(str(path), "--published-on", "2020-10-08")
    assert Article.objects.get().body.endswith(".\r\nBaku denied it.\r\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.txt", "--published-on", "2020-10-08"], "missing.txt: no such file."),
        ([str(SEED), "--published-on", "2020-13-01"], "--published-on: '2020-13-01' is not"),
        ([str(SEED), "--published-on", "2020-10-08", "--source-url", "nope"], "source_url: "),
    ],
)
def test_bad_input_is_a_command_error(args, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        ingest(*args)
    assert not Article.objects.exists()


def test_an_empty_file_is_a_command_error(tmp_path: Path):
    path = tmp_path / "empty.txt"
    path.write_text("\n  \n", encoding="utf-8")
    with pytest.raises(CommandError, match=re.escape("body: The article text is empty.")):
        ingest(str(path), "--published-on", "2020-10-08")


def test_a_file_that_is_not_utf8_is_a_command_error(tmp_path: Path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Gäncä was shelled.".encode("latin-1"))
    with pytest.raises(CommandError, match="cannot read it as UTF-8"):
        ingest(str(path), "--published-on", "2020-10-08")
