"""One representation, one ETag: the ETag a GET gives is the one every write accepts.

For each resource: GET a record, PATCH it with that ETag, PUT it with the ETag the PATCH
answered (which must equal a fresh GET's), and DELETE it with the PUT's.
"""

import datetime as dt

import pytest

from api.serializers.write import (
    ActorWriteSerializer,
    ArticleWriteSerializer,
    ClaimWriteSerializer,
    IncidentWriteSerializer,
    LossWriteSerializer,
    PlaceWriteSerializer,
)
from conflict.models import Actor, Article, Claim, Incident, Loss, Place
from conflict.quotes import locate_quote

from .helpers import etag_of

pytestmark = pytest.mark.django_db

BODY = "Officials said a bridge near the river was damaged overnight.\n"
QUOTE = "Officials said a bridge near the river was damaged overnight."


def spare_records() -> dict[str, tuple[object, type]]:
    """One record per resource that nothing else depends on, so each may be deleted."""
    article = Article.objects.create(title="Spare", slug="spare", body=BODY, language="en")
    lonely = Article.objects.create(
        title="Lonely", slug="lonely", body="Nothing was claimed here.\n", language="en"
    )
    actor = Actor.objects.create(name="Spare actor", slug="spare-actor", kind="other")
    place = Place.objects.create(name="Spare place", slug="spare-place", kind="city_town")
    start, end = locate_quote(BODY, QUOTE)
    claim = Claim.objects.create(
        article=article,
        quote=QUOTE,
        text="A bridge was damaged.",
        span_start=start,
        span_end=end,
        category="event_report",
        status="published",
    )
    spare_claim = Claim.objects.create(
        article=article,
        quote=QUOTE,
        text="A bridge was damaged (again).",
        span_start=start,
        span_end=end,
        category="event_report",
        status="published",
    )
    incident = Incident.objects.create(
        title="Bridge damaged",
        slug="bridge-damaged",
        kind="property_destruction",
        occurred_on=dt.date(2020, 10, 8),
        date_precision="day",
        status="published",
    )
    claim.incidents.add(incident)
    spare_claim.incidents.add(incident)
    loss = Loss.objects.create(
        claim=claim, category="damaged", equipment="bridge", count_best=1, status="published"
    )
    return {
        "articles": (lonely, ArticleWriteSerializer),
        "actors": (actor, ActorWriteSerializer),
        "places": (place, PlaceWriteSerializer),
        "incidents": (incident, IncidentWriteSerializer),
        "claims": (spare_claim, ClaimWriteSerializer),
        "losses": (loss, LossWriteSerializer),
    }


@pytest.mark.parametrize(
    "resource", ["articles", "actors", "places", "incidents", "claims", "losses"]
)
def test_the_etag_of_a_get_is_the_one_patch_put_and_delete_accept(resource, editor_api):
    record, write_serializer = spare_records()[resource]
    url = f"/api/v1/{resource}/{record.pk}/"

    patched = editor_api.patch(
        url, {"notes": "Checked."}, format="json", HTTP_IF_MATCH=etag_of(editor_api, url)
    )
    assert patched.status_code == 200, patched.content
    assert patched["ETag"] == etag_of(editor_api, url)

    record.refresh_from_db()
    body = dict(write_serializer(record).data)  # the record as a client would PUT it back
    body["notes"] = "Checked twice."
    put = editor_api.put(url, body, format="json", HTTP_IF_MATCH=patched["ETag"])
    assert put.status_code == 200, put.content
    assert put["ETag"] == etag_of(editor_api, url)

    deleted = editor_api.delete(url, HTTP_IF_MATCH=put["ETag"])
    assert deleted.status_code == 204, deleted.content
    assert editor_api.get(url).status_code == 404
