"""Sentences and quotations, as offsets into the body."""

from pathlib import Path

from conflict.extraction.segmentation import quotations, sentences

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_bba3e84961ba8579.txt"


def test_a_quotation_that_spans_sentences_is_one_sentence() -> None:
    body = "“We will fight. We will win,” the minister said. Then he left."
    found = [s.text for s in sentences(body)]
    assert found == ["“We will fight. We will win,” the minister said.", "Then he left."]


def test_sentence_offsets_index_the_body() -> None:
    body = SEED.read_text(encoding="utf-8")
    for sentence in sentences(body):
        assert body[sentence.start : sentence.end] == sentence.text


def test_headings_and_page_furniture_are_not_sentences() -> None:
    texts = [s.text for s in sentences(SEED.read_text(encoding="utf-8"))]
    assert "Mounting toll" not in texts
    assert not [t for t in texts if t.startswith(("READ MORE", "Discussion about"))]
    assert "It gave no reason." in texts


def test_initials_and_numbers_before_a_full_stop() -> None:
    body = "Troops advanced since March 1. The U.N. envoy J. Smith said talks failed."
    assert [s.text for s in sentences(body)] == [
        "Troops advanced since March 1.",
        "The U.N. envoy J. Smith said talks failed.",
    ]


def test_quotations_are_the_words_inside_the_marks() -> None:
    body = 'He said “our brothers” and "no comment" twice.'
    assert [body[q.start : q.end] for q in quotations(body)] == ["our brothers", "no comment"]
