"""One rule for every format: drafts never reach an anonymous reader, directly or nested.

Draft records are added around published ones (a draft claim about a published incident, its
draft claimant, draft losses counted against a published incident, a draft denial of a
published claim, a draft place under a published one...), each carrying a marker word or a
marker number. Then every anonymous output (each resource's JSON list and details, every
export format as a page and as ``/export/``, the tolls and incident counts, every reader
page, and the data package) must not contain the
markers, and must be byte for byte what it was before the drafts existed.
"""

import io
import zipfile

import pytest
from django.test import Client

from api.exports.formats import COLLECTIONS, formats_for
from conflict.models import (
    Actor,
    Article,
    Claim,
    ClaimLink,
    Incident,
    IncidentParticipant,
    Loss,
    Place,
)
from conflict.quotes import locate_quote

from .conftest import RESOURCES, body

pytestmark = pytest.mark.django_db

WORD = "Quokkaville"  # in draft records' names and text
NUMBER = "987654"  # a draft death toll
PUBLISHER = "Wombat Herald"  # an article whose only claim is a draft
MODELS = (Actor, Article, Claim, Incident, Loss, Place)
BASENAMES = {collection: basename for basename, collection in COLLECTIONS.items()}
WOMBAT_BODY = "Officials said the depot was hit at dawn.\n"


def anonymous_outputs(client: Client) -> dict[str, bytes]:
    """Everything the public can download, by URL (zip members as ``url!member``)."""
    out: dict[str, bytes] = {}

    def get(url: str) -> bytes:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        out[url] = body(response)
        return out[url]

    for resource in RESOURCES:
        listing = client.get(f"/api/v1/{resource}/?page_size=500")
        assert listing.status_code == 200
        out[f"/api/v1/{resource}/"] = listing.content
        for record in listing.json()["results"]:
            get(f"/api/v1/{resource}/{record['id']}/")
        for fmt in formats_for(BASENAMES[resource]):
            get(f"/api/v1/{resource}/?format={fmt.name}&page_size=500")
            get(f"/api/v1/{resource}/export/?format={fmt.name}")
    # The aggregates and the reader pages read the same records.
    for fmt in ("json", "csv", "ndjson"):
        get(f"/api/v1/tolls/?format={fmt}")
    for by in ("day", "week", "month"):
        get(f"/api/v1/incidents/summary/?by={by}")
        get(f"/api/v1/incidents/summary/?by={by}&format=csv")
    for page in ("/", "/map/", "/tolls/", "/search/?q=shell", f"/search/?q={WORD}"):
        get(page)
    for resource in ("articles", "incidents", "actors"):
        for record in client.get(f"/api/v1/{resource}/?page_size=500").json()["results"]:
            get(f"/{resource}/{record['slug']}/")
    package = get("/api/v1/datapackage.zip")
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        for name in archive.namelist():
            out[f"/api/v1/datapackage.zip!{name}"] = archive.read(name)
    del out["/api/v1/datapackage.zip"]  # the members are compared, not the zip's timestamps
    return out


def add_drafts() -> None:
    """Drafts that name published records (which the rules allow), each with a marker."""
    incident = (
        Incident.objects.filter(
            status="published", occurred_on__isnull=False, places__latitude__isnull=False
        )
        .order_by("id")
        .first()
    )
    claim = incident.claims.filter(status="published").order_by("id").first()
    side = Actor.objects.filter(status="published").order_by("id").first()
    place = incident.places.order_by("id").first()
    article = claim.article

    draft_actor = Actor.objects.create(
        name=f"{WORD} Brigade",
        slug="quokka-brigade",
        kind="armed_force",
        status="draft",
        parent=side,
        notes=WORD,
    )
    Place.objects.create(
        name=WORD,
        slug="quokkaville",
        kind="city_town",
        status="draft",
        parent=place,
        latitude=40.0,
        longitude=46.0,
        precision="near",
    )
    draft_claim = Claim.objects.create(
        article=article,
        quote=claim.quote,
        span_start=claim.span_start,
        span_end=claim.span_end,
        text=f"{WORD} fighters say they did it.",
        claimant=draft_actor,
        channel=f"on {WORD} radio",
        category="event_report",
        notes=WORD,
        status="draft",
    )
    draft_claim.incidents.add(incident)
    ClaimLink.objects.create(source=draft_claim, target=claim, relation="contradicts", notes=WORD)
    for on_claim in (claim, draft_claim):  # a draft loss of a published claim, and of a draft
        Loss.objects.create(
            claim=on_claim,
            incident=incident,
            side=side,
            category="killed",
            population="military",
            count_low=int(NUMBER),
            count_best=int(NUMBER),
            count_high=int(NUMBER),
            count_text=f"{NUMBER} {WORD} dead",
            notes=WORD,
            status="draft",
        )
    Loss.objects.create(
        claim=claim,
        incident=incident,
        category="killed",
        population="civilian",
        qualifier=f"{WORD} many",
        status="draft",
    )
    draft_incident = Incident.objects.create(
        title=f"{WORD} raid",
        slug="quokka-raid",
        kind="armed_clash",
        status="draft",
        occurred_on=incident.occurred_on,
        date_precision="day",
        description=WORD,
    )
    draft_incident.places.add(place)
    draft_claim.incidents.add(draft_incident)
    IncidentParticipant.objects.create(incident=draft_incident, actor=side, role="perpetrator")

    wombat = Article.objects.get(publisher=PUBLISHER)
    quote = WOMBAT_BODY.strip()
    start, end = locate_quote(wombat.body, quote)
    wombat_claim = Claim.objects.create(
        article=wombat,
        quote=quote,
        span_start=start,
        span_end=end,
        text="The depot was hit.",
        category="event_report",
        status="draft",
    )
    wombat_claim.incidents.add(incident)


def test_no_draft_reaches_any_anonymous_output(seed):
    # A public article whose only claim will be a draft: its publisher is no incident's source.
    Article.objects.create(
        title="Depot hit",
        slug="depot-hit",
        publisher=PUBLISHER,
        body=WOMBAT_BODY,
        language="en",
    )
    client = Client()
    before = anonymous_outputs(client)
    stamps = {model: dict(model.objects.values_list("pk", "updated_at")) for model in MODELS}
    add_drafts()
    # A published record's updated_at moves when a part of it changes, even a draft part
    # (conflict.signals: mirrors sync by it); that says "changed", not what: set it back.
    for model, by_pk in stamps.items():
        for pk, stamp in by_pk.items():
            model.objects.filter(pk=pk).update(updated_at=stamp)
    after = anonymous_outputs(client)

    # A search for the marker echoes it ("Results for …"); that page is held to being
    # unchanged below, like every other.
    leaks = [url for url, content in after.items() if WORD.encode() in content and WORD not in url]
    assert leaks == []
    leaks = [url for url, content in after.items() if NUMBER.encode() in content]
    assert leaks == []
    # The article is public; the incidents it only draft-reports do not cite it.
    cited = [
        url
        for url, content in after.items()
        if PUBLISHER.encode() in content and "articles" not in url and "datapackage.json" not in url
    ]
    assert cited == []
    changed = sorted(url for url in after if after[url] != before.get(url))
    assert changed == []
