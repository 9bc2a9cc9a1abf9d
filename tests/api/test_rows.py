"""The fast read path (api.rows) returns exactly what ClaimSerializer would, byte for byte."""

import datetime
import re

import pytest
from django.core.management import call_command
from django.db import connection
from rest_framework.test import APIClient, APIRequestFactory, force_authenticate

from api.exports.columns import columns_for
from api.exports.geo import GeoJsonWriter, incident_geometry
from api.exports.writers import CsvWriter, NdjsonWriter
from api.renderers import dumps
from api.serializers import ClaimSerializer
from api.views import ClaimViewSet, IncidentViewSet
from conflict.models import Claim, ClaimLink, Incident, Loss


def viewset(
    path: str, user=None, action: str = "list", cls=ClaimViewSet, basename="claim", **extra
):
    """A viewset set up for a GET of ``path``, as DRF would for a real request."""
    django_request = APIRequestFactory().get(path, **extra)
    if user is not None:
        force_authenticate(django_request, user=user)
    view = cls(format_kwarg=None, args=(), kwargs={"version": "v1"})
    view.action_map, view.basename = {"get": action}, basename
    view.headers = {}
    request = view.initialize_request(django_request)
    view.request = request
    view.initial(request, version="v1")
    return view


def serializer_output(view) -> list[dict]:
    claims = view.filter_queryset(view.get_queryset()).order_by("id")
    return view.get_serializer(claims, many=True).data


def fast_output(view: ClaimViewSet) -> list[dict]:
    rows = view.claim_rows()
    return rows.rows(rows.columns(view.filter_queryset(view.base_queryset()).order_by("id")))


@pytest.fixture
def mixed(seed):
    """The seed and a synthetic dataset, with some records in draft and retracted."""
    call_command("generate_synthetic", claims=300, seed=3, force=True, verbosity=0)
    Claim._base_manager.filter(id__in=[2, 7, 60, 61, 62, 100]).update(status="draft")
    Claim._base_manager.filter(id__in=[5, 70, 71]).update(status="retracted")
    Incident._base_manager.filter(id__in=[1, 4, 30, 31]).update(status="draft")
    Loss._base_manager.filter(id__in=[1, 3, 20, 21]).update(status="draft")
    # The denials of claims 7 and 60 now point at drafts: the public must not see them.
    assert ClaimLink.objects.filter(target__status="draft").exists()


@pytest.mark.parametrize("query", ["", "?status=published,retracted", "?contested=true"])
def test_the_public_sees_the_serializers_output(mixed, query):
    view = viewset(f"/api/v1/claims/{query}")
    expected = serializer_output(view)
    assert len(expected) > 40  # contested claims included
    actual = fast_output(view)
    assert actual == expected
    assert dumps(actual) == dumps(expected)


def test_editors_see_the_serializers_output(mixed, editor):
    view = viewset("/api/v1/claims/", user=editor)
    expected = serializer_output(view)
    assert {claim["status"] for claim in expected} == {"draft", "published", "retracted"}
    assert dumps(fast_output(view)) == dumps(expected)


def test_pages_and_details_over_http_match_the_serializer(mixed):
    api = APIClient()
    view = viewset("/api/v1/claims/")
    by_id = {claim["id"]: claim for claim in serializer_output(view)}
    page = api.get("/api/v1/claims/", {"page_size": 500, "ordering": "id"})
    assert page.json()["results"] == list(by_id.values())[:500]
    walked = api.get("/api/v1/claims/", {"page_size": 50, "paginate": "cursor"})
    assert walked.json()["results"] == list(by_id.values())[:50]
    for pk in (1, 6, 5, 301):
        detail = api.get(f"/api/v1/claims/{pk}/")
        detail_view = viewset(f"/api/v1/claims/{pk}/", action="retrieve")
        expected = detail_view.get_serializer(detail_view.get_queryset().get(pk=pk)).data
        assert detail.content == dumps(expected)
    assert api.get("/api/v1/claims/2/").status_code == 404  # a draft, by id


@pytest.mark.parametrize(
    ("path", "extra"),
    [
        ("/api/v1/claims/?format=json", {}),  # the format is carried over into every URL
        ("/api/v1/claims/", {"HTTP_HOST": "data.example.org:8443", "secure": True}),
    ],
)
def test_urls_are_the_serializers_on_any_host_and_format(mixed, settings, path, extra):
    settings.ALLOWED_HOSTS = ["data.example.org", "testserver"]
    view = viewset(path, **extra)
    expected = serializer_output(view)
    actual = fast_output(view)
    assert actual == expected
    urls = [claim["url"] for claim in actual] + [claim["article"]["url"] for claim in actual]
    if "format" in path:
        assert all(url.endswith("/?format=json") for url in urls)
    else:
        assert all(url.startswith("https://data.example.org:8443/api/v1/") for url in urls)


@pytest.mark.parametrize("zone", ["UTC", "Asia/Baku"])
def test_times_match_the_serializer_in_any_zone_and_to_the_second(mixed, settings, zone):
    """On SQLite a page's times are read as the driver parses them (naive, UTC) and written
    from that: the same text as the serializer's, whole seconds and another zone included."""
    settings.TIME_ZONE = zone
    whole = datetime.datetime(2020, 10, 8, 4, 30, tzinfo=datetime.UTC)
    Claim._base_manager.filter(id__in=[1, 3]).update(created_at=whole, updated_at=whole)
    view = viewset("/api/v1/claims/")
    expected = serializer_output(view)
    page = APIClient().get("/api/v1/claims/", {"page_size": 500, "ordering": "id"})
    assert page.json()["results"] == expected[:500]
    first = page.json()["results"][0]
    offset = {"UTC": "Z", "Asia/Baku": "+04:00"}[zone]
    hour = {"UTC": "04", "Asia/Baku": "08"}[zone]
    assert first["created_at"] == f"2020-10-08T{hour}:30:00{offset}"


def test_dates_in_another_format_match_the_serializer(mixed, settings):
    """A page writes a date as its isoformat() only in DRF's default format; another is DRF's."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DATE_FORMAT": "%d.%m.%Y"}
    expected = serializer_output(viewset("/api/v1/claims/"))
    page = APIClient().get("/api/v1/claims/", {"page_size": 500, "ordering": "id"})
    assert page.json()["results"] == expected[:500]
    dates = [claim["stated_on"] for claim in page.json()["results"] if claim["stated_on"]]
    assert dates
    assert all(re.fullmatch(r"\d\d\.\d\d\.\d{4}", date) for date in dates)


def test_times_and_dates_stored_in_other_forms_match_the_serializer(mixed, small_chunks):
    """SQLite's dates and times reach the pages and the CSV as the text it stores, copied when
    in the form Django writes; text in any other form (a zero fraction, a "T", an offset,
    a one-digit day) is parsed, as it was by the driver."""
    stored = {
        2: ("2026-01-02 03:04:05.000000", "2024-3-9"),
        3: ("2026-01-02T03:04:05.250000", "2024-03-09"),
        4: ("2026-01-02 05:04:05+02:00", None),
        8: ("2026-01-02 03:04:05", "2020-10-08"),
    }
    table = connection.ops.quote_name(Claim._meta.db_table)
    with connection.cursor() as cursor:
        for pk, (time, day) in stored.items():
            cursor.execute(
                f"UPDATE {table} SET created_at = %s, stated_on = %s, status = 'published' "
                "WHERE id = %s",
                [time, day, pk],
            )
    api = APIClient()
    expected = serializer_output(viewset("/api/v1/claims/"))
    written = {claim["id"]: (claim["created_at"], claim["stated_on"]) for claim in expected}
    assert [written[pk] for pk in stored] == [
        ("2026-01-02T03:04:05Z", "2024-03-09"),
        ("2026-01-02T03:04:05.250000Z", "2024-03-09"),
        ("2026-01-02T03:04:05Z", None),
        ("2026-01-02T03:04:05Z", "2020-10-08"),
    ]
    page = api.get("/api/v1/claims/", {"page_size": 500, "ordering": "id"}).json()["results"]
    assert page == expected[:500]
    body = b"".join(api.get("/api/v1/claims/export/?format=csv").streaming_content).decode()
    writer = CsvWriter(columns_for(ClaimSerializer()))
    assert body == writer.start() + writer.write([(None, record) for record in expected])


def test_csv_and_ndjson_exports_match_the_serializer(mixed, small_chunks):
    api = APIClient()
    expected = serializer_output(viewset("/api/v1/claims/"))
    ndjson = b"".join(api.get("/api/v1/claims/export/?format=ndjson").streaming_content)
    ndjson_writer = NdjsonWriter(trailer=True)
    records = ndjson_writer.write([(None, record) for record in expected]) + ndjson_writer.end()
    assert ndjson.decode() == records
    body = b"".join(api.get("/api/v1/claims/export/?format=csv").streaming_content).decode()
    writer = CsvWriter(columns_for(ClaimSerializer()))
    assert body == writer.start() + writer.write([(None, record) for record in expected])


@pytest.fixture
def small_chunks(settings):
    settings.EXPORT_CHUNK_SIZE = 37  # many chunks, and a last one that is not full


def incidents_view(path: str, user=None, action: str = "list") -> IncidentViewSet:
    return viewset(path, user, action, cls=IncidentViewSet, basename="incident")


def fast_incidents(view: IncidentViewSet) -> list[dict]:
    rows = view.incident_rows()
    return rows.rows(rows.columns(view.filter_queryset(view.base_queryset()).order_by("id")))


@pytest.mark.parametrize("query", ["", "?status=published,retracted", "?contested=true"])
def test_incidents_as_the_public_sees_them_match_the_serializer(mixed, query):
    view = incidents_view(f"/api/v1/incidents/{query}")
    expected = serializer_output(view)
    assert len(expected) > 20
    assert any(incident["losses"] for incident in expected)
    assert any(len(incident["claims"]) > 1 for incident in expected)
    assert dumps(fast_incidents(view)) == dumps(expected)


def test_incidents_as_editors_see_them_match_the_serializer(mixed, editor):
    view = incidents_view("/api/v1/incidents/", user=editor)
    expected = serializer_output(view)
    assert {incident["status"] for incident in expected} == {"draft", "published"}
    assert dumps(fast_incidents(view)) == dumps(expected)


def test_incident_pages_details_and_geojson_over_http_match_the_serializer(mixed):
    api = APIClient()
    expected = serializer_output(incidents_view("/api/v1/incidents/"))
    page = api.get("/api/v1/incidents/", {"page_size": 500, "ordering": "id"})
    assert page.content == dumps(
        {"count": len(expected), "next": None, "previous": None, "results": expected}
    )
    for key in (expected[0]["id"], expected[3]["slug"], "ganja-shelling"):
        detail = api.get(f"/api/v1/incidents/{key}/")
        view = incidents_view(f"/api/v1/incidents/{key}/", action="retrieve")
        lookup = {"pk": key} if isinstance(key, int) else {"slug": key}
        assert detail.content == dumps(view.get_serializer(view.get_queryset().get(**lookup)).data)
    # A page of GeoJSON: the serializer's records as properties, the places' points.
    writer = GeoJsonWriter(incident_geometry)
    view = incidents_view("/api/v1/incidents/")
    instances = list(view.filter_queryset(view.get_queryset()).order_by("id"))
    body = writer.start() + writer.write(list(zip(instances, expected, strict=True)))
    geojson = api.get(
        "/api/v1/incidents/", {"format": "geojson", "ordering": "id", "page_size": 500}
    )
    assert geojson.content.decode() == body + writer.end()


def test_details_compiled_once_still_keep_drafts_from_the_public(mixed, editor_api):
    """The detail query is compiled once per kind of reader: an editor's must never serve
    the public, nor the other way round, whichever comes first."""
    public = APIClient()
    for _ in range(2):
        assert public.get("/api/v1/claims/2/").status_code == 404  # a draft
        assert editor_api.get("/api/v1/claims/2/").json()["status"] == "draft"
        assert public.get("/api/v1/claims/5/").json()["status"] == "retracted"
        assert public.get("/api/v1/incidents/1/").status_code == 404  # a draft
        assert editor_api.get("/api/v1/incidents/1/").json()["status"] == "draft"
    # Nested records follow the reader too: a published claim's link to a draft.
    link = ClaimLink.objects.filter(source__status="published", target__status="draft").first()
    url = f"/api/v1/claims/{link.source_id}/"
    public_links = public.get(url).json()["links"]
    editor_links = editor_api.get(url).json()["links"]
    assert link.target_id not in [found["claim"]["id"] for found in public_links]
    assert link.target_id in [found["claim"]["id"] for found in editor_links]


def test_lists_built_from_a_shared_queryset_keep_each_readers_contested(mixed, editor_api):
    """The annotated queryset lists start from is built once per set of statuses: a draft
    contradiction counts for editors only, whichever reader lists first."""
    link = ClaimLink.objects.filter(
        relation="contradicts", source__status="published", target__status="draft"
    ).first()
    assert link is not None
    only_by_draft = (
        not ClaimLink.objects.filter(
            relation="contradicts", source_id=link.source_id, target__status="published"
        ).exists()
        and not ClaimLink.objects.filter(
            relation="contradicts", target_id=link.source_id, source__status="published"
        ).exists()
    )
    assert only_by_draft  # the fixture's claims 7/60 denials point at drafts
    public = APIClient()
    query = {"id": link.source_id}
    for _ in range(2):
        assert editor_api.get("/api/v1/claims/", query).json()["results"][0]["contested"] is True
        assert public.get("/api/v1/claims/", query).json()["results"][0]["contested"] is False


def test_a_page_leaves_out_a_record_gone_between_its_two_reads(seed):
    """A page reads its ids, then their columns: a claim deleted in between (by another
    request) is left out of the page, not an error."""
    view = viewset("/api/v1/claims/")
    rows = view.claim_rows()
    ids = list(Claim.objects.order_by("id").values_list("id", flat=True)[:4])
    Claim.objects.filter(pk=ids[1]).delete()
    assert [row["id"] for row in view.page_rows(rows, ids)] == [ids[0], *ids[2:]]
