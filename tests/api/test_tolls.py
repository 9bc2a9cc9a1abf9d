"""``/api/v1/tolls/`` and ``/api/v1/incidents/summary/`` over the seed."""

import csv
import io
import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from conflict.models import Claim, Incident, Loss
from conflict.models.choices import ReviewStatus

pytestmark = pytest.mark.django_db

TOLLS = "/api/v1/tolls/"
SUMMARY = "/api/v1/incidents/summary/"


@pytest.fixture
def api() -> APIClient:
    return APIClient()


def one_series(data, claimant, side, category, population):
    found = [
        s
        for s in data
        if (s["claimant"] or {}).get("slug") == claimant
        and (s["side"] or {}).get("slug") == side
        and s["category"] == category
        and s["population"] == population
    ]
    assert len(found) == 1
    return found[0]


def test_armenia_says_350_of_its_soldiers_were_killed_since_27_september(seed, api) -> None:
    response = api.get(TOLLS, {"claimant": "armenia", "side": "armenia"})
    assert response.status_code == 200
    series = one_series(response.json(), "armenia", "armenia", "killed", "military")
    (level,) = [p for p in series["points"] if p["cumulative"]]
    assert level["period_start"] == "2020-09-27"
    assert level["count_low"] == level["count_best"] == level["count_high"] == 350
    assert level["derived"] is False
    claim = Claim.objects.get(pk=level["claims"][0]["id"])
    assert "350" in claim.quote
    assert level["claims"][0]["url"].endswith(f"/api/v1/claims/{claim.pk}/")
    # The single figure of 30 stays a point of its own; nothing adds it to the level.
    assert series["total"] is None


def test_each_side_and_claimant_is_its_own_series(seed, api) -> None:
    data = api.get(TOLLS, {"category": "destroyed"}).json()
    assert data, "the seed has materiel losses"
    assert {s["side"]["slug"] for s in data} == {"armenia"}
    assert {s["population"] for s in data} == {""}
    assert len({s["equipment"] for s in data}) == len(data)  # one series per equipment


def test_filters_narrow_and_bad_values_name_the_parameter(seed, api) -> None:
    everything = api.get(TOLLS).json()
    stated = api.get(TOLLS, {"stated_after": "2020-10-09"}).json()
    assert everything
    assert stated == []
    incident = Incident.objects.get(slug="tochka-u-strikes")
    by_incident = api.get(TOLLS, {"incident": incident.slug}).json()
    assert {p["incidents"][0] for s in by_incident for p in s["points"]} == {incident.pk}
    boxed = api.get(TOLLS, {"bbox": "47.0,40.0,47.5,40.5"}).json()  # Barda, Tartar
    assert boxed
    assert all(incident.pk in p["incidents"] for s in boxed for p in s["points"])
    for params, name in [
        ({"bbox": "1,2"}, "bbox"),
        ({"side": "atlantis"}, "side"),
        ({"stated_before": "08/10/2020"}, "stated_before"),
        ({"category": "eaten"}, "category"),
    ]:
        response = api.get(TOLLS, params)
        assert response.status_code == 400
        assert response.json()["errors"][0]["attr"] == name


def test_csv_and_ndjson(seed, api) -> None:
    response = api.get(TOLLS, {"claimant": "armenia", "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    level = [r for r in rows if r["count_best"] == "350"]
    assert len(level) == 1
    assert level[0]["cumulative"] == "true"
    assert level[0]["claim_urls"].endswith("/")  # the API URL, not ?format=csv
    lines = api.get(TOLLS, {"claimant": "armenia", "format": "ndjson"}).content.splitlines()
    assert [json.loads(line) for line in lines] == api.get(TOLLS, {"claimant": "armenia"}).json()
    error = api.get(TOLLS, {"format": "csv", "bbox": "x"})
    assert error.status_code == 400
    assert error["Content-Type"] == "application/json"


def test_the_public_never_sees_a_draft_figure(seed, api, editor_api) -> None:
    claim = Loss.objects.get(count_best=350).claim
    draft = Claim.objects.create(
        article=claim.article,
        claimant=claim.claimant,
        category="toll",
        text="A draft toll.",
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
        count_low=777,
        count_best=777,
        count_high=777,
        status=ReviewStatus.PUBLISHED,
    )
    assert "777" not in api.get(TOLLS).content.decode()
    assert "777" in editor_api.get(TOLLS).content.decode()


def count_queries(api, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert api.get(url).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_the_rows(seed, api) -> None:
    urls = [TOLLS, f"{TOLLS}?format=csv", f"{SUMMARY}?by=week"]
    before = [count_queries(api, url) for url in urls]
    claim = Loss.objects.get(count_best=350).claim
    Loss.objects.bulk_create(
        Loss(
            claim=claim,
            side=claim.claimant,
            category="wounded",
            population="military",
            count_low=n,
            count_best=n,
            count_high=n,
            period_start=date(2020, 10, n),
            period_end=date(2020, 10, n),
            status=ReviewStatus.PUBLISHED,
        )
        for n in range(1, 29)
    )
    Incident.objects.bulk_create(
        Incident(
            title=f"Clash {n}",
            slug=f"clash-{n}",
            kind="armed_clash",
            occurred_on=date(2020, 10, n),
            date_precision="day",
            status=ReviewStatus.PUBLISHED,
        )
        for n in range(1, 29)
    )
    assert [count_queries(api, url) for url in urls] == before


def test_incident_summary_counts_per_period_and_kind(seed, api) -> None:
    rows = api.get(SUMMARY, {"by": "day"}).json()
    visible = Incident.objects.filter(status=ReviewStatus.PUBLISHED).count()
    assert sum(row["count"] for row in rows) == visible
    ganja_day = [r for r in rows if r["period_start"] == "2020-10-08" and r["kind"] == "shelling"]
    assert ganja_day == [
        {"period_start": "2020-10-08", "period_end": "2020-10-08", "kind": "shelling", "count": 1}
    ]
    month = api.get(SUMMARY, {"by": "month", "kind": "diplomatic_meeting"}).json()
    assert month == [
        {
            "period_start": "2020-10-01",
            "period_end": "2020-10-31",
            "kind": "diplomatic_meeting",
            "count": 2,
        },
        {"period_start": None, "period_end": None, "kind": "diplomatic_meeting", "count": 1},
    ]
    week = api.get(SUMMARY, {"by": "week", "place": "ganja"}).json()
    assert week == [
        {"period_start": "2020-10-05", "period_end": "2020-10-11", "kind": "shelling", "count": 1}
    ]
    text = api.get(SUMMARY, {"by": "week", "place": "ganja", "format": "csv"}).content.decode()
    assert text == "period_start,period_end,kind,count\r\n2020-10-05,2020-10-11,shelling,1\r\n"
    bad = api.get(SUMMARY, {"by": "year"})
    assert bad.status_code == 400
    assert bad.json()["errors"][0]["attr"] == "by"
    Incident.objects.filter(slug="ganja-shelling").update(status=ReviewStatus.DRAFT)
    assert api.get(SUMMARY, {"by": "week", "kind": "shelling"}).json()[0]["period_start"] is None


def test_options_with_a_format_is_json(seed, api) -> None:
    for url in (TOLLS, SUMMARY):
        response = api.options(url, {"format": "csv"})
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
