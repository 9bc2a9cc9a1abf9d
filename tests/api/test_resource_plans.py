"""Articles, places and losses through their read plans (api.rows, api.views.planned): the
same bytes as their serializers', for the public and for editors, with drafts present."""

import math

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from api.exports.columns import columns_for
from api.exports.writers import CsvWriter, NdjsonWriter
from api.renderers import dumps
from api.serializers import ArticleDetailSerializer, ArticleSerializer
from api.views import ArticleViewSet, IncidentViewSet, LossViewSet, PlaceViewSet
from conflict.models import Claim, Incident, Loss, Place

from .test_rows import viewset

VIEWSETS = {"articles": ArticleViewSet, "places": PlaceViewSet, "losses": LossViewSet}
BASENAMES = {"articles": "article", "places": "place", "losses": "loss"}


@pytest.fixture
def mixed(seed):
    """The seed and a synthetic dataset, with drafts and retracted records among the claims,
    incidents, losses and places; a place with a parent and aliases; losses with the
    extraction's confidence and evidence (editors only)."""
    call_command("generate_synthetic", claims=200, seed=7, force=True, verbosity=0)
    Claim._base_manager.filter(id__in=[2, 7, 60, 61, 62, 100]).update(status="draft")
    Claim._base_manager.filter(id__in=[5, 70, 71]).update(status="retracted")
    Incident._base_manager.filter(id__in=[1, 4, 30, 31]).update(status="draft")
    Incident._base_manager.filter(id__in=[6]).update(status="retracted")
    # A published loss on a draft claim: shown to editors only.
    on_draft = Loss._base_manager.filter(status="published").order_by("-id").first()
    Claim._base_manager.filter(pk=on_draft.claim_id).update(status="draft")
    losses = list(Loss._base_manager.order_by("id").values_list("id", flat=True))
    Loss._base_manager.filter(id__in=losses[:3]).update(status="draft")
    Loss._base_manager.filter(id__in=losses[3:5]).update(status="retracted")
    Loss._base_manager.filter(id__in=losses[::4]).update(
        extraction_confidence=0.75, extraction_evidence="rule: toll pattern"
    )
    places = list(Place._base_manager.order_by("id").values_list("id", flat=True))
    Place._base_manager.filter(id__in=places[1:3]).update(status="draft")
    Place._base_manager.filter(id__in=places[3:4]).update(status="retracted")
    Place._base_manager.filter(id__in=places[4:8]).update(parent_id=places[0])
    Place._base_manager.filter(id__in=places[5:7]).update(aliases=["An alias", "Another"])
    Place._base_manager.filter(id__in=places[8:10]).update(
        latitude=None, longitude=None, precision=""
    )


def view_of(resource: str, query: str = "", user=None, action: str = "list"):
    path = f"/api/v1/{resource}/{query}"
    return viewset(path, user, action, cls=VIEWSETS[resource], basename=BASENAMES[resource])


def serializer_output(view, serializer=None) -> list[dict]:
    records = view.filter_queryset(view.get_queryset()).order_by("id")
    if serializer is None:
        return view.get_serializer(records, many=True).data
    return serializer(records, many=True, context=view.get_serializer_context()).data


def plan_output(view, serializer=None) -> list[dict]:
    rows = view.read_rows(serializer or view.list_serializer())
    return rows.rows(rows.columns(view.filter_queryset(view.base_queryset()).order_by("id")))


QUERIES = {
    "articles": ["", "?publisher=Euronews"],
    "places": ["", "?status=published,retracted"],
    "losses": ["", "?status=published,retracted"],
}


@pytest.mark.parametrize(
    ("resource", "query"), [(r, q) for r, queries in QUERIES.items() for q in queries]
)
def test_the_public_sees_the_serializers_records(mixed, resource, query):
    view = view_of(resource, query)
    expected = serializer_output(view)
    assert query or len(expected) >= 5
    assert "draft" not in {record.get("status") for record in expected}
    assert dumps(plan_output(view)) == dumps(expected)


@pytest.mark.parametrize("resource", sorted(VIEWSETS))
def test_editors_see_the_serializers_records(mixed, editor, resource):
    view = view_of(resource, user=editor)
    expected = serializer_output(view)
    if resource != "articles":  # articles have no review status
        assert "draft" in {record["status"] for record in expected}
    assert dumps(plan_output(view)) == dumps(expected)


def test_the_records_hold_what_the_comparison_must_cover(mixed, editor):
    places = serializer_output(view_of("places"))
    assert any(place["parent"] for place in places)
    assert any(place["aliases"] for place in places)
    assert any(place["latitude"] is None for place in places)
    losses = serializer_output(view_of("losses", user=editor))
    assert any(loss["extraction_confidence"] == 0.75 for loss in losses)
    assert any(loss["incident"] is None for loss in losses)
    assert any(loss["side"] is None for loss in losses)
    public = serializer_output(view_of("losses"))
    assert {loss["extraction_confidence"] for loss in public} == {None}
    # Draft claims are not counted for the public, and are for editors.
    editors = {
        a["id"]: a["claim_count"] for a in serializer_output(view_of("articles", user=editor))
    }
    public = {a["id"]: a["claim_count"] for a in serializer_output(view_of("articles"))}
    assert sum(editors.values()) > sum(public.values())


@pytest.mark.parametrize("as_editor", [False, True])
def test_the_article_detail_plan_writes_the_body(mixed, editor, as_editor):
    view = view_of("articles", user=editor if as_editor else None, action="retrieve")
    expected = serializer_output(view, ArticleDetailSerializer)
    assert all("body" in record for record in expected)
    assert dumps(plan_output(view, ArticleDetailSerializer)) == dumps(expected)
    listed = plan_output(view_of("articles", user=editor if as_editor else None))
    assert not any("body" in record for record in listed)


def detail_key(resource: str, record: dict) -> list:
    return [record["id"], record["slug"]] if "slug" in record else [record["id"]]


@pytest.mark.parametrize("resource", sorted(VIEWSETS))
def test_pages_details_and_exports_over_http_match_the_serializer(mixed, settings, resource):
    settings.EXPORT_CHUNK_SIZE = 7  # many chunks, and a last one that is not full
    api = APIClient()
    view = view_of(resource)
    expected = serializer_output(view)
    page = api.get(f"/api/v1/{resource}/", {"ordering": "id", "page_size": 500})
    assert page.content == dumps(
        {"count": len(expected), "next": None, "previous": None, "results": expected}
    )
    walked = api.get(f"/api/v1/{resource}/", {"page_size": 9, "paginate": "cursor"})
    assert dumps(walked.json()["results"]) == dumps(expected[:9])
    for record in (expected[0], expected[len(expected) // 2], expected[-1]):
        for key in detail_key(resource, record):
            detail = api.get(f"/api/v1/{resource}/{key}/")
            one = view_of(resource, f"{key}/", action="retrieve")
            serializer = one.detail_serializer_class or one.serializer_class
            instance = one.get_queryset().get(pk=record["id"])
            assert detail.content == dumps(
                serializer(instance, context=one.get_serializer_context()).data
            )
    ndjson = b"".join(api.get(f"/api/v1/{resource}/export/?format=ndjson").streaming_content)
    writer = NdjsonWriter(trailer=True)
    assert ndjson.decode() == writer.write([(None, r) for r in expected]) + writer.end()
    csv = CsvWriter(columns_for(view.get_serializer()))
    body = b"".join(api.get(f"/api/v1/{resource}/export/?format=csv").streaming_content)
    assert body.decode() == csv.start() + csv.write([(None, r) for r in expected])
    # A page of CSV and of NDJSON: the same records.
    paged = {"ordering": "id", "page_size": 500}
    page_csv = api.get(f"/api/v1/{resource}/", {**paged, "format": "csv"}).content.decode()
    assert page_csv == csv.start() + csv.write([(None, r) for r in expected])
    page_ndjson = api.get(f"/api/v1/{resource}/", {**paged, "format": "ndjson"}).content.decode()
    assert page_ndjson == NdjsonWriter().write([(None, r) for r in expected])


@pytest.mark.parametrize("resource", ["places", "losses"])
def test_details_compiled_once_still_keep_drafts_from_the_public(mixed, editor_api, resource):
    """The detail query is compiled once per kind of reader: an editor's must never serve
    the public, nor the other way round, whichever comes first."""
    model = {"places": Place, "losses": Loss}[resource]
    draft = model._base_manager.filter(status="draft").order_by("id").first()
    retracted = model._base_manager.filter(status="retracted")
    if model is Loss:  # and shown: its claim and incident published
        retracted = retracted.filter(claim__status="published").exclude(incident__status="draft")
    retracted = retracted.order_by("id").first()
    public = APIClient()
    for _ in range(2):
        assert public.get(f"/api/v1/{resource}/{draft.pk}/").status_code == 404
        assert editor_api.get(f"/api/v1/{resource}/{draft.pk}/").json()["status"] == "draft"
        found = public.get(f"/api/v1/{resource}/{retracted.pk}/").json()
        assert found["status"] == "retracted"


def test_a_loss_on_a_draft_claim_is_never_public(mixed, editor_api):
    loss = Loss._base_manager.filter(status="published", claim__status="draft").first()
    assert loss is not None
    public = APIClient()
    assert public.get(f"/api/v1/losses/{loss.pk}/").status_code == 404
    assert loss.pk not in [
        r["id"] for r in public.get("/api/v1/losses/?page_size=500").json()["results"]
    ]
    assert editor_api.get(f"/api/v1/losses/{loss.pk}/").status_code == 200


@pytest.mark.parametrize("editor_first", [False, True])
def test_an_articles_detail_counts_the_claims_its_reader_may_see(
    mixed, editor, editor_api, editor_first
):
    """The detail query is compiled once per kind of reader: its claim_count must count the
    claims this reader may see, whichever reader asked first."""
    article = Claim._base_manager.get(pk=2).article  # it holds a draft claim
    url = f"/api/v1/articles/{article.pk}/"
    public = APIClient()
    expected = {}
    for client, user in ((public, None), (editor_api, editor)):
        view = view_of("articles", f"{article.pk}/", user=user, action="retrieve")
        instance = view.get_queryset().get(pk=article.pk)
        expected[client] = dumps(
            ArticleDetailSerializer(instance, context=view.get_serializer_context()).data
        )
    assert expected[public] != expected[editor_api]
    order = [editor_api, public] if editor_first else [public, editor_api]
    for client in order * 2:
        assert client.get(url).content == expected[client]


def test_the_article_detail_serializer_is_the_detail_plans(mixed):
    view = view_of("articles", action="retrieve")
    assert view.detail_serializer() is ArticleDetailSerializer
    assert view_of("articles").list_serializer() is ArticleSerializer


def exports(api, resource: str) -> tuple[str, str]:
    ndjson = b"".join(api.get(f"/api/v1/{resource}/export/?format=ndjson").streaming_content)
    csv = b"".join(api.get(f"/api/v1/{resource}/export/?format=csv").streaming_content)
    return ndjson.decode(), csv.decode()


def written(expected: list[dict], serializer) -> tuple[str, str]:
    ndjson = NdjsonWriter(trailer=True)
    csv = CsvWriter(columns_for(serializer))
    items = [(None, record) for record in expected]
    return ndjson.write(items) + ndjson.end(), csv.start() + csv.write(items)


@pytest.mark.parametrize("resource", ["articles", "places", "losses", "incidents"])
def test_editors_exports_are_the_serializers(mixed, settings, editor, editor_api, resource):
    """Drafts included, editors-only fields in NDJSON (not CSV columns)."""
    settings.EXPORT_CHUNK_SIZE = 7
    if resource == "incidents":
        view = viewset("/api/v1/incidents/", editor, cls=IncidentViewSet, basename="incident")
    else:
        view = view_of(resource, user=editor)
    expected = serializer_output(view)
    assert exports(editor_api, resource) == written(expected, view.get_serializer())


def test_the_publics_incident_exports_are_the_serializers(mixed, settings):
    settings.EXPORT_CHUNK_SIZE = 7
    view = viewset("/api/v1/incidents/", cls=IncidentViewSet, basename="incident")
    expected = serializer_output(view)
    assert any(incident["sources"] for incident in expected)
    assert exports(APIClient(), "incidents") == written(expected, view.get_serializer())


@pytest.mark.parametrize("resource", sorted(VIEWSETS))
@pytest.mark.parametrize("fmt", ["csv", "ndjson"])
def test_export_queries_per_chunk_are_constant(mixed, settings, resource, fmt):
    """One query per keyset chunk (to-one summaries are joins), however many rows."""
    settings.EXPORT_CHUNK_SIZE = 7
    total = len(serializer_output(view_of(resource)))
    response = APIClient().get(f"/api/v1/{resource}/export/?format={fmt}")
    with CaptureQueriesContext(connection) as captured:
        b"".join(response.streaming_content)
    # A last, empty chunk is read when the rows fill the last chunk exactly.
    assert len(captured.captured_queries) == math.ceil(total / 7) + (total % 7 == 0)
