"""The claims' fast CSV export (api.exports.claim_table) writes exactly the serializer's bytes.

The expected body is built the slow, obvious way: ClaimSerializer's records for the same
request, flattened by api.exports.columns.flatten, written by csv.writer.
"""

import csv
import io
import math

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.test import APIClient

from api.exports.claim_table import LAYOUT, check_layout
from api.exports.columns import columns_for, flatten
from api.exports.writers import csv_lines, csv_text
from api.serializers import ClaimSerializer
from conflict.models import Actor, Article, Claim, ClaimLink, Incident, Loss
from tests.api.test_rows import serializer_output, viewset

NASTY = 'semi;colon, comma "quoted" line\nbreak\r\ncarriage\rreturn ünïcödé 😀 ,;"'


@pytest.fixture
def chunks(settings):
    settings.EXPORT_CHUNK_SIZE = 7  # many chunks, and a last one that is not full
    return 7


def pks(model) -> list[int]:
    return list(model._base_manager.order_by("id").values_list("id", flat=True))


@pytest.fixture
def adversarial(seed):
    """The seed and a small synthetic dataset, made awkward: separators, quotes, line
    breaks and emoji in every free text; nulls wherever a column allows one; a claim with
    many incidents, losses and links; drafts and retracted records among them."""
    call_command("generate_synthetic", claims=120, seed=5, force=True, verbosity=0)
    ids = pks(Claim)
    losses, incidents = pks(Loss), pks(Incident)
    # Free text with everything csv.writer must quote, and the list separator.
    Claim._base_manager.filter(id__in=ids[::3]).update(
        text=NASTY, notes=NASTY, channel='TV, radio; "Press"\n'
    )
    Claim._base_manager.filter(id__in=ids[1::4]).update(
        quote=NASTY, span_end=F("span_start") + len(NASTY)
    )
    Article.objects.filter(id__in=pks(Article)[:2]).update(title=NASTY)
    Actor.objects.filter(id__in=pks(Actor)[:5]).update(name=NASTY)
    Incident._base_manager.filter(id__in=incidents[:6]).update(title=NASTY)
    Loss._base_manager.filter(id__in=losses[::2]).update(qualifier=NASTY[:40])
    # Nulls: no claimant, no channel actor, no date; losses without side or bounds.
    Claim._base_manager.filter(id__in=ids[2::5]).update(
        claimant=None, channel_actor=None, stated_on=None
    )
    Claim._base_manager.filter(id__in=ids[4::7]).exclude(claimant=None).update(
        channel_actor=F("claimant")
    )
    Loss._base_manager.filter(id__in=losses[1::3]).update(
        side=None, count_low=None, count_high=None, qualifier='many, "some"; a few'
    )
    # One claim about many things.
    busy = Claim._base_manager.get(id=ids[10])
    busy.incidents.add(*Incident._base_manager.order_by("id")[:9])
    for other in Claim._base_manager.exclude(id=busy.id).order_by("id")[:6]:
        ClaimLink.objects.get_or_create(source=busy, target=other, relation="contradicts")
        ClaimLink.objects.get_or_create(source=other, target=busy, relation="supports")
    for loss in Loss._base_manager.order_by("id")[:5]:
        Loss._base_manager.create(
            claim=busy,
            side=loss.side,
            category=loss.category,
            population=loss.population,
            equipment=loss.equipment,
            count_best=loss.count_best,
            qualifier=NASTY[:30],
            cumulative=True,
        )
    # Review states: hidden from the public, shown to editors and on request.
    Claim._base_manager.filter(id__in=[2, 7, ids[20], ids[21], ids[11]]).update(status="draft")
    Claim._base_manager.filter(id__in=[5, ids[30], ids[12]]).update(status="retracted")
    Incident._base_manager.filter(id__in=[1, 4, 30, 31]).update(status="draft")
    Loss._base_manager.filter(id__in=[1, 3, 20, 21]).update(status="draft")
    assert ClaimLink.objects.filter(source=busy, target__status="draft").exists()
    return busy


def expected_csv(query: str, user=None) -> str:
    """What the serializer path writes: the records, flattened, through csv.writer."""
    columns = columns_for(ClaimSerializer())
    records = serializer_output(viewset(f"/api/v1/claims/{query}", user=user))
    rows = [flatten(record, columns) for record in records]
    return csv_text([[column.name for column in columns], *rows])


def exported(query: str, user=None) -> str:
    api = APIClient()
    if user is not None:
        api.force_authenticate(user)
    separator = "&" if query else "?"
    response = api.get(f"/api/v1/claims/export/{query}{separator}format=csv")
    assert response.status_code == 200, response.content
    return b"".join(response.streaming_content).decode("utf-8")


QUERIES = [
    "",
    "?stance=denies",
    "?claimant=azerbaijan",
    "?search=comma",
    "?search=Shusha",
    "?status=published,retracted",
    "?contested=true&stance=asserts,denies",
]


@pytest.mark.parametrize("query", QUERIES)
def test_the_public_gets_the_serializers_bytes(adversarial, chunks, query):
    expected = expected_csv(query)
    assert exported(query) == expected
    assert expected.count("\r\n") > 1 or query.startswith("?claimant")


@pytest.mark.parametrize("query", [*QUERIES, "?status=draft"])
def test_editors_get_the_serializers_bytes(adversarial, chunks, editor, query):
    expected = expected_csv(query, editor)
    assert exported(query, editor) == expected


def rows_by_id(body: str) -> dict[int, dict[str, str]]:
    return {int(row["id"]): row for row in csv.DictReader(io.StringIO(body, newline=""))}


def test_the_awkward_records_are_in_the_comparison(adversarial, chunks, editor):
    body = exported("?status=draft,published,retracted", editor)
    assert '"' + NASTY.replace('"', '""') + '"' in body  # quoted, quotes doubled
    every = rows_by_id(body)
    assert {row["status"] for row in every.values()} == {"draft", "published", "retracted"}
    assert any(row["text"] == NASTY and row["quote"] == NASTY for row in every.values())
    assert any(row["claimant_id"] == "" and row["stated_on"] == "" for row in every.values())
    busy = every[adversarial.id]
    assert len(busy["incidents_id"].split(";")) >= 9
    assert len(busy["losses_id"].split(";")) >= 5
    assert len(busy["links_claim_id"].split(";")) >= 12
    public = rows_by_id(exported(""))
    assert {row["status"] for row in public.values()} == {"published"}
    # A link to a draft is in the editor's row, not in the public's.
    assert len(public[adversarial.id]["links_claim_id"].split(";")) < len(
        busy["links_claim_id"].split(";")
    )


def test_the_seed_exports_as_the_serializer_writes_it(seed):
    assert exported("") == expected_csv("")


def test_queries_per_chunk_are_constant(adversarial, chunks):
    total = Claim.objects.filter(status="published").count()
    api = APIClient()
    response = api.get("/api/v1/claims/export/?format=csv")
    with CaptureQueriesContext(connection) as captured:
        pieces = list(response.streaming_content)
    pages = math.ceil(total / chunks) + (total % chunks == 0)
    # Pages with rows: each reads incidents, losses, and links (both directions in one query).
    full = math.ceil(total / chunks)
    assert len(captured.captured_queries) == pages + 3 * full
    assert len(pieces) == 1 + full  # the header, then one piece per chunk


def test_the_layout_is_the_serializers():
    assert check_layout() == LAYOUT == [c.name for c in columns_for(ClaimSerializer())]


cells = st.text(alphabet=st.sampled_from(list('ab;,"\r\n é😀 ')), max_size=6)


@given(st.lists(st.lists(cells, min_size=4, max_size=4), max_size=6))
def test_csv_lines_writes_what_csv_writer_writes(rows):
    assert csv_lines(rows, 4) == csv_text(rows)


def test_times_outside_utc_are_written_as_the_serializer_writes_them(seed, settings):
    # DRF then writes each time in Baku's offset (+04:00): the generic path, not the UTC one.
    settings.TIME_ZONE = "Asia/Baku"
    body = exported("")
    assert "+04:00," in body
    assert body == expected_csv("")


def test_an_export_with_no_rows_is_the_header(seed, chunks):
    body = exported("?search=no-claim-says-this")
    assert body == expected_csv("?search=no-claim-says-this")
    assert body.count("\r\n") == 1


def test_the_keyset_bound_is_found_whatever_values_the_filters_hold(seed):
    """A filter may hold any value, even the placeholder's: the bound is found by position."""
    from api.exports.claim_table import _SENTINEL, _keyset

    claims = Claim.objects.filter(pk__gt=_SENTINEL).order_by("pk").values_list("pk")
    sql, params, where = _keyset(claims, 10)
    assert params.count(_SENTINEL) == 2  # the filter's and the bound's
    params[where] = 5
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = [row[0] for row in cursor.fetchall()]
    assert found == list(
        Claim.objects.filter(pk__gt=5).order_by("pk").values_list("pk", flat=True)[:10]
    )
