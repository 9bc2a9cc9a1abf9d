"""The aggregates kept per data version (conflict.versioned): a write is seen at once, each
reader gets its own entry, and the counts per period are the calendar's."""

from collections import Counter
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conflict.models import Claim, Incident, Loss
from conflict.models.choices import ReviewStatus
from conflict.versioned import data_version

pytestmark = pytest.mark.django_db

TOLLS = "/api/v1/tolls/"
SUMMARY = "/api/v1/incidents/summary/"


def figures(client) -> set[int]:
    """Every count_best of every point of every series (the seed's fit on one page)."""
    data = client.get(TOLLS, {"page_size": 500}).json()
    return {p["count_best"] for s in data["results"] for p in s["points"]}


def equipment(client) -> set[str]:
    """The equipment of every series: a figure of new equipment is a new series."""
    data = client.get(TOLLS, {"page_size": 500}).json()
    return {s["equipment"] for s in data["results"]}


def queries(client, url: str, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200
    return len(captured)


def test_a_repeated_request_reads_the_cache_and_answers_the_same(seed, api) -> None:
    for url, params in ((TOLLS, {}), (SUMMARY, {"by": "week"})):
        cold = queries(api, url, params)
        first = api.get(url, params).content
        warm = queries(api, url, params)
        assert warm < cold, url  # the aggregate's own query is skipped
        assert api.get(url, params).content == first


def test_a_write_is_seen_by_the_next_request(seed, api) -> None:
    claim = Loss.objects.get(count_best=350).claim
    assert "test howitzer" not in equipment(api)
    before = data_version()
    loss = Loss.objects.create(
        claim=claim,
        side=claim.claimant,
        category="destroyed",
        equipment="test howitzer",
        count_low=4,
        count_best=4,
        count_high=4,
        status=ReviewStatus.PUBLISHED,
    )
    assert data_version() != before
    assert "test howitzer" in equipment(api)
    # An edit through a bulk update (no save(), no signal) and a deletion count too.
    Loss.objects.filter(pk=loss.pk).update(status=ReviewStatus.DRAFT)
    assert "test howitzer" not in equipment(api)
    Loss.objects.filter(pk=loss.pk).update(status=ReviewStatus.PUBLISHED)
    assert "test howitzer" in equipment(api)
    Loss.objects.filter(pk=loss.pk).delete()
    assert "test howitzer" not in equipment(api)


def test_retracting_the_claim_hides_its_figure_at_once(seed, api) -> None:
    claim = Loss.objects.get(count_best=350).claim
    Loss.objects.create(
        claim=claim,
        side=claim.claimant,
        category="damaged",
        equipment="test radar",
        count_best=1,
        count_low=1,
        count_high=1,
        status=ReviewStatus.PUBLISHED,
    )
    assert 350 in figures(api)
    assert "test radar" in equipment(api)
    claim.status = ReviewStatus.RETRACTED
    claim.save()
    assert 350 not in figures(api)
    assert "test radar" not in equipment(api)


def test_the_public_never_reads_the_editors_entry(seed, api, editor_api) -> None:
    claim = Loss.objects.get(count_best=350).claim
    draft = Claim.objects.create(
        article=claim.article,
        claimant=claim.claimant,
        category="toll",
        text="A draft toll only editors see.",
        quote=claim.quote,
        span_start=claim.span_start,
        span_end=claim.span_end,
        status=ReviewStatus.DRAFT,
    )
    Loss.objects.create(
        claim=draft,
        side=claim.claimant,
        category="killed",
        population="military",
        count_low=919,
        count_best=919,
        count_high=919,
        status=ReviewStatus.PUBLISHED,
    )
    Incident.objects.create(
        title="A draft clash",
        slug="a-draft-clash",
        kind="armed_clash",
        occurred_on=date(1999, 1, 4),
        date_precision="day",
        status=ReviewStatus.DRAFT,
    )
    # The editor asks first, so an entry with the draft exists when the public asks.
    for _ in range(2):
        assert 919 in figures(editor_api)
        assert 919 not in figures(api)
        editor_days = {r["period_start"] for r in editor_api.get(SUMMARY, {"by": "day"}).json()}
        public_days = {r["period_start"] for r in api.get(SUMMARY, {"by": "day"}).json()}
        assert "1999-01-04" in editor_days
        assert "1999-01-04" not in public_days


def test_weeks_start_on_monday_and_months_on_the_first(db, api) -> None:
    # Three weeks across a year's end, each day once: every weekday, Sundays included.
    days = [date(2020, 12, 20) + timedelta(days=n) for n in range(21)]
    Incident.objects.bulk_create(
        Incident(
            title=f"Clash on {day}",
            slug=f"clash-{day}",
            kind="armed_clash",
            occurred_on=day,
            date_precision="day",
            status=ReviewStatus.PUBLISHED,
        )
        for day in days
    )
    for by, start in (
        ("day", lambda d: d),
        ("week", lambda d: d - timedelta(days=d.weekday())),
        ("month", lambda d: d.replace(day=1)),
    ):
        expected = Counter(start(day).isoformat() for day in days)
        rows = api.get(SUMMARY, {"by": by}).json()
        assert {r["period_start"]: r["count"] for r in rows} == expected, by
