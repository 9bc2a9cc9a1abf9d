"""The two paragraphs of our own (tests/extraction/test_paragraphs.py), ingested end to end:
one through ``manage.py ingest`` from a file, one through the API; then read back."""

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from conflict.models import Actor, Article, Claim, Loss, Place
from conflict.models.choices import ReviewStatus
from tests.extraction.test_paragraphs import KHARTOUM, KHARTOUM_DATE, KHERSON, KHERSON_DATE

pytestmark = pytest.mark.django_db


def test_kherson_from_a_file(tmp_path: Path):
    path = tmp_path / "kherson.txt"
    path.write_text(KHERSON, encoding="utf-8")
    out = StringIO()
    call_command("ingest", str(path), "--published-on", KHERSON_DATE.isoformat(), stdout=out)
    article = Article.objects.get()
    assert article.body == KHERSON
    assert "new actor 'Oleksandr Prokudin' (kind 'person' guessed)" in out.getvalue()
    # The participle of consequence ("killing ...") stays in the claim (issue 13).
    shelled = Claim.objects.get(quote__startswith="Russian forces shelled the city of Kherson")
    assert shelled.claimant.name == "Oleksandr Prokudin"
    incident = shelled.incidents.get()
    # "overnight" in an article of 15 March 2023: the night of the 14th to the 15th.
    assert (incident.kind, incident.occurred_on, incident.occurred_until) == (
        "shelling",
        dt.date(2023, 3, 14),
        dt.date(2023, 3, 15),
    )
    rejected = Claim.objects.get(quote="Moscow rejected the accusations")
    assert rejected.stance == "denies"
    (link,) = rejected.links_out.all()
    assert (link.relation, link.target.quote) == (
        "contradicts",
        "Russian forces shelled the city of Kherson overnight, killing at least 3 civilians "
        "and wounding 12 others",
    )
    losses = {
        (loss.category, loss.population, loss.equipment, loss.count_best, loss.qualifier)
        for loss in Loss.objects.all()
    }
    assert losses == {
        ("killed", "civilian", "", 3, "at least"),
        ("wounded", "civilian", "", 12, ""),
        ("shot_down", "", "Shahed drone", 14, ""),
        ("destroyed", "", "HIMARS launcher", 2, ""),
        ("destroyed", "", "tank", 5, ""),
        ("captured", "military", "", None, "dozens"),
    }
    bakhmut = Claim.objects.get(quote__contains="near Bakhmut since March 1")
    assert bakhmut.losses.first().cumulative
    assert [p.name for p in bakhmut.incidents.get().places.all()] == ["Bakhmut"]
    assert Place.objects.get(name="Bakhmut").status == ReviewStatus.DRAFT


def test_khartoum_through_the_api(editor_api):
    response = editor_api.post(
        "/api/v1/articles/",
        {"body": KHARTOUM, "published_on": KHARTOUM_DATE.isoformat(), "language": "en"},
        format="json",
    )
    assert response.status_code == 201, response.content
    report = response.json()["report"]
    assert report["counts"]["claims"] == Claim.objects.count()
    toll = Claim.objects.get(quote__startswith="At least 1,200 people have been killed")
    assert toll.claimant.name == "Sudanese health ministry"
    assert toll.claimant.kind == "ministry_agency"
    (loss,) = toll.losses.all()
    assert (loss.count_best, loss.qualifier, loss.cumulative) == (1200, "at least", True)
    assert (loss.period_start, loss.period_end) == (dt.date(2023, 4, 15), KHARTOUM_DATE)
    denial = Claim.objects.get(quote__startswith="The Rapid Support Forces (RSF) denied")
    assert denial.stance == "denies"
    assert denial.claimant == Actor.objects.get(name="Rapid Support Forces")
    # Nothing in the text is what it denies (nor what "spreading lies" denies, issue 13):
    # the report asks an editor.
    lies = Claim.objects.get(quote__startswith="saying the army was spreading")
    assert lies.stance == "denies"
    assert {
        (d["kind"], d["id"]) for d in report["decisions"] if d["kind"] == "unlinked_denial"
    } == {("unlinked_denial", denial.pk), ("unlinked_denial", lies.pk)}
    strike = Claim.objects.get(quote__startswith="Witnesses said an air strike")
    incident = strike.incidents.get()
    assert (incident.kind, incident.occurred_on, incident.date_text) == (
        "air_drone_strike",
        dt.date(2023, 6, 1),
        "on Thursday",
    )
    assert [p.name for p in incident.places.all()] == ["Omdurman"]
