"""``manage.py ingest`` over many articles: files, a directory, a CSV manifest.

Idempotent (a second run stores nothing), one bad row stops no other, and the command fails
(exit 1) naming every item that failed, after a summary.
"""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from conflict.models import Article, Claim

pytestmark = pytest.mark.django_db

TEXTS = {
    "tavush.txt": "Armenia's Defence Ministry said on Friday that Azerbaijani forces shelled two "
    "villages in the Tavush region, killing one civilian.\n",
    "tovuz.txt": "Azerbaijan's Defence Ministry said on Saturday that Armenian forces shelled "
    "the Tovuz district overnight, wounding two soldiers.\n",
    "denial.txt": "Armenia's Defence Ministry denied on Sunday that its forces had fired at "
    "Tovuz, calling the report disinformation.\n",
}


def write_texts(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in TEXTS.items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def ingest(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("ingest", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_several_files_each_get_a_line_and_a_summary(tmp_path):
    paths = write_texts(tmp_path)
    out, _ = ingest(*map(str, paths), "--published-on", "2020-10-09", "--publisher", "Wire")
    assert Article.objects.count() == 3
    assert set(Article.objects.values_list("publisher", flat=True)) == {"Wire"}
    assert out.count(": Stored article ") == 3
    assert out.splitlines()[-1] == "3 article(s): 3 stored, 0 already stored, 0 failed."


def test_a_directory_twice_stores_each_text_once(tmp_path):
    write_texts(tmp_path / "wire")
    (tmp_path / "wire" / "notes.json").write_text("{}", encoding="utf-8")  # not a text file
    ingest(str(tmp_path / "wire"), "--published-on", "2020-10-09")
    claims = Claim.objects.count()
    out, _ = ingest(str(tmp_path / "wire"), "--published-on", "2020-10-09")
    assert Article.objects.count() == 3
    assert Claim.objects.count() == claims
    assert out.count("Already stored: article ") == 3
    assert out.splitlines()[-1] == "3 article(s): 0 stored, 3 already stored, 0 failed."


def test_a_manifest_with_bad_rows_ingests_the_rest_and_names_the_failures(tmp_path):
    write_texts(tmp_path / "texts")
    manifest = tmp_path / "batch.csv"
    manifest.write_text(
        "path,published_on,publisher,source_url,title,language\n"
        "texts/tavush.txt,2020-10-09,Wire A,https://a.example/tavush,Tavush shelled,en\n"
        "texts/missing.txt,2020-10-09,Wire A,,,\n"
        "texts/tovuz.txt,2020-13-40,Wire B,,,\n"
        "texts/tovuz.txt,2020-10-10,Wire B,,,\n"
        "texts/denial.txt,2020-10-11,Wire C,not a url,,\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as caught:
        ingest("--manifest", str(manifest))
    message = str(caught.value)
    assert message.startswith("3 of 5 failed:")
    assert "batch.csv line 3: " in message
    assert "missing.txt: no such file." in message
    assert "batch.csv line 4: published_on: '2020-13-40' is not a date" in message
    assert "batch.csv line 6: not ingested: source_url: " in message
    tavush = Article.objects.get(source_url="https://a.example/tavush")
    assert (tavush.title, tavush.publisher, str(tavush.published_on)) == (
        "Tavush shelled",
        "Wire A",
        "2020-10-09",
    )
    assert Article.objects.filter(publisher="Wire B", published_on="2020-10-10").exists()
    assert Article.objects.count() == 2


def test_a_manifest_with_an_unknown_column_is_refused_before_anything(tmp_path):
    manifest = tmp_path / "batch.csv"
    manifest.write_text("path,published,publisher\nx.txt,2020-10-09,W\n", encoding="utf-8")
    with pytest.raises(CommandError, match=re.escape("unknown column(s) published;")):
        ingest("--manifest", str(manifest))


def test_files_need_a_date(tmp_path):
    paths = write_texts(tmp_path)
    with pytest.raises(CommandError, match="--published-on is required for files"):
        ingest(*map(str, paths))


def test_the_progress_bar_goes_to_stderr(tmp_path):
    paths = write_texts(tmp_path)
    out, err = ingest(*map(str, paths), "--published-on", "2020-10-09", "--progress")
    assert "Ingesting: 100%" in err
    assert "3/3" in err
    assert "Ingesting" not in out


def test_a_failed_file_fails_the_command_after_the_others(tmp_path):
    # CommandError: manage.py exits 1 and prints the message.
    paths = write_texts(tmp_path)
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("Gäncä was shelled.".encode("latin-1"))
    with pytest.raises(CommandError) as caught:
        ingest(*map(str, paths), str(bad), "--published-on", "2020-10-09")
    assert "1 of 4 failed" in str(caught.value)
    assert "latin1.txt: cannot read it as UTF-8" in str(caught.value)
    assert Article.objects.count() == 3
