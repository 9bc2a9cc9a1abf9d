"""The generated corpus scores matching against known truth, through the real ingest."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_matching_meets_its_targets_on_a_small_corpus() -> None:
    out = StringIO()
    # Raises CommandError when any figure is under its target (precision 0.95, recall 0.85).
    call_command("evaluate_matching", events=6, seed=1, stdout=out)
    text = out.getvalue()
    assert "incidents (pairs of reports of one event on one incident): precision" in text
    assert "actors (claimants named other than by a curated name): precision" in text


def test_the_corpus_tells_one_event_in_different_words() -> None:
    from conflict.matching.corpus import build

    corpus = build(6, seed=1)
    by_event: dict[int, list[str]] = {}
    for report in corpus.reports:
        by_event.setdefault(report.event, []).append(report.body)
    assert all(len(bodies) >= 2 for bodies in by_event.values())
    assert all(len(set(bodies)) == len(bodies) for bodies in by_event.values())
