"""The search index follows every write, however it is made, and is what answers."""

from importlib import import_module

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from api.filters import SearchFilter
from api.views.claim import ClaimViewSet
from conflict.models import Article, Claim, Incident
from conflict.quotes import locate_quote
from conflict.search import CLAIM, TEXT_INDEXES

MIGRATIONS = ("0008_text_search", "0009_article_search")

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="FTS5 tables and their triggers are SQLite's"
)
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_trgm indexes are PostgreSQL's"
)


def found(client, word: str, endpoint: str = "claims") -> set[int]:
    cache.clear()  # counts are cached between requests; these tests change the rows
    response = client.get(f"/api/v1/{endpoint}/", {"search": word, "page_size": 500})
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_writes_through_the_api_are_searchable_at_once(seed, editor_api):
    article = Article.objects.get(pk=1)
    quote = "It gave no reason."
    created = editor_api.post(
        "/api/v1/claims/",
        {
            "article": article.pk,
            "stance": "asserts",
            "category": "other",
            "text": "Zorvathian envoys gave no reason.",
            "quote": quote,
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    claim_id = created.json()["id"]
    url = f"/api/v1/claims/{claim_id}/"
    assert found(editor_api, "zorvathian") == {claim_id}

    etag = editor_api.get(url)["ETag"]
    changed = editor_api.patch(
        url, {"text": "Quellmarine envoys gave no reason."}, format="json", HTTP_IF_MATCH=etag
    )
    assert changed.status_code == 200, changed.content
    assert found(editor_api, "zorvathian") == set()
    assert found(editor_api, "QUELLMARINE") == {claim_id}

    etag = editor_api.get(url)["ETag"]
    assert editor_api.delete(url, HTTP_IF_MATCH=etag).status_code == 204
    assert found(editor_api, "quellmarine") == set()


def test_bulk_writes_that_send_no_signals_are_searchable(seed, editor_api):
    article = Article.objects.get(pk=1)
    quote = "It gave no reason."
    start, end = locate_quote(article.body, quote)
    made = Claim.objects.bulk_create(
        Claim(
            article=article,
            quote=quote,
            span_start=start,
            span_end=end,
            category="other",
            text=f"Bulkwritten claim {n}",
            channel="via Ostrelka radio" if n == 0 else "",
        )
        for n in range(3)
    )
    ids = {c.pk for c in made}
    assert found(editor_api, "bulkwritten") == ids
    assert found(editor_api, "Ostrelka") == {made[0].pk}

    Claim.objects.filter(pk__in=ids).update(text="Rewritten in bulk", channel="")
    assert found(editor_api, "bulkwritten") == set()
    assert found(editor_api, "Ostrelka") == set()
    assert found(editor_api, "rewritten in bulk") == ids
    # Updating other columns leaves the index as it was.
    Claim.objects.filter(pk__in=ids).update(notes="checked", stance="denies")
    assert found(editor_api, "rewritten in bulk") == ids

    Claim.objects.filter(pk=made[1].pk).delete()
    assert found(editor_api, "rewritten in bulk") == ids - {made[1].pk}

    Incident.objects.filter(pk=Incident.objects.first().pk).update(description="Vexmoor raid")
    assert len(found(editor_api, "vexmoor", "incidents")) == 1
    Article.objects.filter(pk=1).update(publisher="Glimmerfeld Post")
    assert found(editor_api, "glimmerfeld", "articles") == {1}


@sqlite_only
def test_the_index_agrees_with_its_table_after_writes(seed):
    Claim.objects.filter(pk__lte=10).update(text="changed")
    Claim.objects.filter(pk__in=[11, 12]).delete()
    with connection.cursor() as cursor:
        for index in TEXT_INDEXES.values():
            # FTS5 checks its index against the content table and raises if they differ.
            cursor.execute(
                f"INSERT INTO {index.fts_table}({index.fts_table}, rank) "
                "VALUES ('integrity-check', 1)"
            )


@sqlite_only
@pytest.mark.django_db(transaction=True)
def test_migrate_restores_triggers_a_table_rebuild_dropped(editor_api):
    """On SQLite, altering a column rebuilds the table, and its triggers go with it."""
    call_command("load_seed", verbosity=0)
    field = Claim._meta.get_field("channel")
    wider = field.clone()
    wider.max_length = 250
    wider.set_attributes_from_name("channel")
    wider.model = Claim
    with connection.schema_editor() as editor:
        editor.alter_field(Claim, field, wider)
        editor.alter_field(Claim, wider, field)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        assert CLAIM.trigger("ai") not in {row[0] for row in cursor.fetchall()}
    Claim.objects.filter(pk=1).update(text="Written while the triggers were gone")

    call_command("migrate", verbosity=0)
    assert found(editor_api, "triggers were gone") == {1}
    Claim.objects.filter(pk=2).update(text="Written after migrate")
    assert found(editor_api, "after migrate") == {2}


SEARCHES = ["Ganja", "Ganja said", '"city of Ganja" said Azerbaijan', "of Ganja"]


@pytest.mark.parametrize("search", SEARCHES)
def test_a_search_costs_the_same_queries_however_many_words(seed, api, search):
    def queries(params: dict) -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            response = api.get("/api/v1/claims/", params)
        assert response.status_code == 200
        assert response.json()["count"] > 0  # (with none, the page's own queries are skipped)
        return len(captured.captured_queries)

    plain = queries({"search": "Shusha"})
    assert queries({"search": search}) == plain


@sqlite_only
@pytest.mark.parametrize("search", ["Ganja", "Ganja shelled"])
def test_sqlite_asks_the_fts5_table_not_like(seed, api, search):
    with CaptureQueriesContext(connection) as captured:
        assert api.get("/api/v1/claims/", {"search": search}).status_code == 200
    sqls = [q["sql"] for q in captured.captured_queries]
    assert any(f"{CLAIM.fts_table} MATCH" in sql for sql in sqls)
    assert not any("LIKE" in sql for sql in sqls)


@postgres_only
@pytest.mark.parametrize("search", ["Ganja", "Ganja shelled", '"Ganja city"'])
def test_postgresql_answers_a_search_from_the_trigram_indexes(seed, search):
    """The search's own condition, as the API's filter writes it, planned with whole-table
    and plain index scans priced out (on a few dozen rows one would win): every field's
    trigram index serves it. (At a million rows the planner picks these for a rare word
    unprompted, and for a common one walks the list's order index instead.)"""
    request = Request(APIRequestFactory().get("/", {"search": search}))
    queryset = SearchFilter().filter_queryset(
        request, Claim.objects.only("id").order_by(), ClaimViewSet()
    )
    sql, params = queryset.query.sql_with_params()
    assert "LIKE" in sql
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_indexscan"):  # the test's transaction only
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        steps = "\n".join(row[0] for row in cursor.fetchall())
    for column in CLAIM.columns:
        assert f"Bitmap Index Scan on {CLAIM.pg_index(column)}" in steps, steps
    assert "Seq Scan" not in steps


def test_the_migrations_built_exactly_the_registered_indexes():
    # Migrations carry frozen SQL; the live registry (which the query side and the trigger
    # repair read) must describe what they built, or a change needs a new migration.
    frozen = [import_module(f"conflict.migrations.{name}") for name in MIGRATIONS]
    for vendor, method in (("SQLITE", "sqlite_create"), ("POSTGRESQL", "pg_create")):
        built = [s for module in frozen for s in getattr(module, f"{vendor}_CREATE")]
        live = [s for index in TEXT_INDEXES.values() for s in getattr(index, method)()]
        assert sorted(built) == sorted(live), vendor
