"""Actors through their read plan (api.rows): the same bytes as ActorSerializer's."""

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from api.exports.columns import columns_for
from api.exports.writers import CsvWriter, NdjsonWriter
from api.renderers import dumps
from api.serializers import ActorSerializer
from api.views import ActorViewSet
from conflict.models import Actor, Claim

from .test_rows import viewset


@pytest.fixture
def actors(seed):
    call_command("generate_synthetic", claims=200, seed=5, force=True, verbosity=0)
    # Some actors' only claims are drafts: the public's articles_count must not count them.
    Claim._base_manager.filter(id__in=[1, 2, 3, 40, 41]).update(status="draft")
    Actor._base_manager.filter(id__in=[2]).update(status="draft")
    child = Actor.objects.exclude(pk=1).order_by("id").first()
    Actor.objects.filter(pk=child.pk).update(parent_id=1, aliases=["An alias", "Another"])


def actors_view(path: str, user=None, action: str = "list") -> ActorViewSet:
    return viewset(path, user, action, cls=ActorViewSet, basename="actor")


def serializer_output(view: ActorViewSet) -> list[dict]:
    records = view.filter_queryset(view.get_queryset()).order_by("id")
    return view.get_serializer(records, many=True).data


def plan_output(view: ActorViewSet) -> list[dict]:
    rows = view.actor_rows()
    return rows.rows(rows.columns(view.filter_queryset(view.get_queryset()).order_by("id")))


@pytest.mark.parametrize("as_editor", [False, True])
def test_the_plan_writes_the_serializers_actors(actors, editor, as_editor):
    view = actors_view("/api/v1/actors/", user=editor if as_editor else None)
    expected = serializer_output(view)
    assert len(expected) > 10
    assert any(record["parent"] for record in expected)
    actual = plan_output(view)
    assert dumps(actual) == dumps(expected)


def test_actor_pages_details_and_exports_match_the_serializer(actors, settings):
    settings.EXPORT_CHUNK_SIZE = 7  # many chunks, and a last one that is not full
    api = APIClient()
    expected = serializer_output(actors_view("/api/v1/actors/"))
    by_id = {record["id"]: record for record in expected}
    page = api.get("/api/v1/actors/", {"ordering": "id", "page_size": 500}).json()["results"]
    assert dumps(page) == dumps(expected)
    first = expected[0]
    assert dumps(api.get(f"/api/v1/actors/{first['id']}/").json()) == dumps(first)
    assert dumps(api.get(f"/api/v1/actors/{first['slug']}/").json()) == dumps(by_id[first["id"]])
    ndjson = b"".join(api.get("/api/v1/actors/export/?format=ndjson").streaming_content)
    writer = NdjsonWriter(trailer=True)
    assert ndjson.decode() == writer.write([(None, r) for r in expected]) + writer.end()
    body = b"".join(api.get("/api/v1/actors/export/?format=csv").streaming_content).decode()
    csv = CsvWriter(columns_for(ActorSerializer()))
    assert body == csv.start() + csv.write([(None, r) for r in expected])
