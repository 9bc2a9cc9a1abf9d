"""Ingest jobs through a real RQ worker process on Redis, against PostgreSQL.

The worker is ``manage.py ingest_worker`` in a subprocess using this test's database. One
test ingests through the API (202, then the job's URL) and ``manage.py ingest --queue``; the
other kills the worker in the middle of the write and shows that no row was left and that
the job, queued again, completes.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from io import StringIO
from pathlib import Path

import psycopg
import pytest
import redis
from django.core.management import call_command
from django.db import connection

from conflict.models import Article, Claim, Incident, IngestJob, Loss
from tests.redis_server import REDIS_URL, needs_redis

ROOT = Path(__file__).resolve().parents[2]


pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="The worker is another process: it needs this test's database (PostgreSQL).",
    ),
    needs_redis,
]


@pytest.fixture
def queue(settings):
    """This test's own queue name (the Redis server may be shared), emptied afterwards."""
    settings.INGEST_QUEUE_URL = REDIS_URL
    settings.INGEST_QUEUE_NAME = f"test-ingest-{uuid.uuid4().hex[:12]}"
    yield settings
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"*{settings.INGEST_QUEUE_NAME}*"):
        client.delete(key)


def worker(settings, *args: str) -> subprocess.Popen:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": url,
        "INGEST_QUEUE_URL": settings.INGEST_QUEUE_URL,
        "INGEST_QUEUE_NAME": settings.INGEST_QUEUE_NAME,
        "DB_LOCK_TIMEOUT": "120",
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "ingest_worker", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def run_burst(settings) -> str:
    process = worker(settings, "--burst")
    out, _ = process.communicate(timeout=180)
    assert process.returncode == 0, out
    return out


def test_the_api_answers_202_and_a_worker_ingests(queue, editor_api, seed_text, tmp_path):
    response = editor_api.post(
        "/api/v1/articles/", {"body": seed_text, "published_on": "2020-10-08"}, format="json"
    )
    assert response.status_code == 202, response.content
    location = response["Location"]
    assert location.endswith(f"/api/v1/ingest-jobs/{response.json()['id']}/")
    assert response.json()["status"] == "queued"
    assert not Article.objects.exists()  # nothing until a worker runs it

    path = tmp_path / "tavush.txt"
    path.write_text(
        "Armenia's Defence Ministry said on Friday that Azerbaijani forces shelled two "
        "villages in the Tavush region, killing one civilian.\n",
        encoding="utf-8",
    )
    out = StringIO()
    call_command("ingest", str(path), "--published-on", "2020-10-09", "--queue", stdout=out)
    assert "queued as ingest job" in out.getvalue()

    run_burst(queue)
    job = editor_api.get(location).json()
    assert job["status"] == "done", job
    assert job["report"]["created"] is True
    assert (
        job["report"]["counts"]["claims"]
        == Claim.objects.filter(article_id=job["report"]["article"]).count()
    )
    assert job["article_url"].endswith(f"/api/v1/articles/{job['report']['article']}/")
    assert Article.objects.count() == 2
    assert IngestJob.objects.filter(status="done").count() == 2


def test_a_worker_killed_mid_write_leaves_no_rows_and_the_job_can_be_retried(
    queue, editor_api, seed_text
):
    response = editor_api.post(
        "/api/v1/articles/", {"body": seed_text, "published_on": "2020-10-08"}, format="json"
    )
    job = IngestJob.objects.get(pk=response.json()["id"])
    db = connection.settings_dict
    holder = psycopg.connect(
        dbname=db["NAME"], user=db["USER"], host=db["HOST"] or "127.0.0.1", port=db["PORT"]
    )
    # Reads go on, inserts wait: the worker writes the article, incidents, claims and
    # losses, then waits to write the claims' links, in the middle of its transaction.
    holder.execute("LOCK TABLE conflict_claimlink IN SHARE MODE")
    process = worker(queue)
    try:
        deadline = time.monotonic() + 120
        waiting = 0
        while time.monotonic() < deadline and not waiting:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM pg_locks WHERE NOT granted "
                    "AND relation = 'conflict_claimlink'::regclass"
                )
                waiting = cursor.fetchone()[0]
            time.sleep(0.2)
        assert waiting, "the worker never reached the write"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        holder.rollback()
        holder.close()
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)
        process.stdout.close()
    job.refresh_from_db()
    assert job.status == "running"  # its worker died: nothing finished it
    assert job.attempts == 1
    for model in (Article, Claim, Incident, Loss):
        assert not model.objects.exists(), model

    out = StringIO()
    call_command("ingest", "--retry", str(job.pk), stdout=out)
    assert out.getvalue().startswith(f"Ingest job {job.pk} queued again (attempt 2).")
    run_burst(queue)
    job.refresh_from_db()
    assert (job.status, job.attempts) == ("done", 2)
    assert Article.objects.count() == 1
    assert job.report["counts"]["links"] > 0
