"""``POST /api/v1/ingest-jobs/{id}/retry/``: a failed job queued again and run by a real worker.

The worker is RQ on Redis: on PostgreSQL ``manage.py ingest_worker`` in a subprocess (as
tests/ingestion/test_queue.py), on SQLite an RQ worker in this process (the test database is
in memory: no other process can open it). The article comes from a page served here that
first answers 503 (the site is down: the job fails) and then the article.
"""

import os
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import redis
from django.contrib.auth.models import User
from django.db import connection
from rest_framework.test import APIClient
from rq import SimpleWorker

from conflict.models import Article, IngestJob
from conflict.queue import ingest_queue
from tests.redis_server import REDIS_URL, needs_redis

ROOT = Path(__file__).resolve().parents[2]
PAGE = (Path(__file__).parent / "pages" / "strike.html").read_bytes()


class Site(BaseHTTPRequestHandler):
    up = False  # the site is down (503) until the test says otherwise

    def do_GET(self) -> None:
        status, body = (200, PAGE) if Site.up else (503, b"down for maintenance")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    Site.up = False
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/strike"
    server.shutdown()
    server.server_close()


@pytest.fixture
def queue(settings):
    """This test's own queue name (the Redis server may be shared), emptied afterwards."""
    settings.INGEST_QUEUE_URL = REDIS_URL
    settings.INGEST_QUEUE_NAME = f"test-retry-{uuid.uuid4().hex[:12]}"
    settings.INGEST_ALLOW_PRIVATE_HOSTS = True
    yield settings
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"*{settings.INGEST_QUEUE_NAME}*"):
        client.delete(key)


def run_worker(settings) -> None:
    """Every queued job, by a real RQ worker, until the queue is empty."""
    if connection.vendor == "sqlite":
        queue = ingest_queue()
        SimpleWorker([queue], connection=queue.connection).work(burst=True, with_scheduler=False)
        return
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": url,
        "INGEST_QUEUE_URL": settings.INGEST_QUEUE_URL,
        "INGEST_QUEUE_NAME": settings.INGEST_QUEUE_NAME,
        "INGEST_ALLOW_PRIVATE_HOSTS": "1",
    }
    process = subprocess.run(
        [sys.executable, "manage.py", "ingest_worker", "--burst"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert process.returncode == 0, process.stdout + process.stderr


def retry_url(job_id: int) -> str:
    return f"/api/v1/ingest-jobs/{job_id}/retry/"


@needs_redis
@pytest.mark.django_db(transaction=True)
def test_a_failed_job_retried_through_the_api_is_run_again_and_completes(queue, site, editor_api):
    response = editor_api.post(
        "/api/v1/articles/", {"source_url": site, "published_on": "2020-10-09"}, format="json"
    )
    assert response.status_code == 202, response.content
    job_url = response["Location"]
    run_worker(queue)
    job = editor_api.get(job_url).json()
    assert job["status"] == "failed", job
    assert "503" in job["error"]
    assert not Article.objects.exists()

    Site.up = True
    response = editor_api.post(retry_url(job["id"]))
    assert response.status_code == 202, response.content
    assert response["Location"] == job_url
    assert response.json()["status"] == "queued"
    assert response.json()["error"] == ""
    run_worker(queue)
    job = editor_api.get(job_url).json()
    assert (job["status"], job["attempts"]) == ("done", 2), job
    assert job["report"]["created"] is True
    assert Article.objects.get().source_url == site

    # Done: not run again; the report stands.
    response = editor_api.post(retry_url(job["id"]))
    assert response.status_code == 409, response.content
    [error] = response.json()["errors"]
    assert (error["attr"], error["code"]) == ("status", "done")
    assert f"Ingest job {job['id']} is done" in error["detail"]
    assert editor_api.get(job_url).json() == job
    assert ingest_queue().count == 0


@needs_redis
@pytest.mark.django_db(transaction=True)
def test_a_job_left_running_by_a_dead_worker_is_queued_again(queue, editor_api):
    job = IngestJob.objects.create(
        params={"body": "A text.", "published_on": "2020-10-09"}, status="running", attempts=1
    )
    response = editor_api.post(retry_url(job.pk))
    assert response.status_code == 202, response.content
    assert response.json()["status"] == "queued"
    # What a worker will take: one RQ job, for this ingest job.
    [queued] = ingest_queue().get_jobs()
    assert queued.args == (job.pk,)


@pytest.mark.django_db
def test_retry_is_for_editors_and_known_jobs(settings, editor_api):
    settings.INGEST_QUEUE_URL = REDIS_URL
    job = IngestJob.objects.create(params={"body": "A text.", "published_on": "2020-10-09"})
    job.status = "failed"
    job.save()
    assert APIClient().post(retry_url(job.pk)).status_code in (401, 403)
    reader = User.objects.create_user("reader", password="a-long-enough-password")
    client = APIClient()
    client.force_authenticate(reader)
    assert client.post(retry_url(job.pk)).status_code == 403
    response = editor_api.post(retry_url(job.pk + 1000))
    assert response.status_code == 404
    job.refresh_from_db()
    assert job.status == "failed"  # none of these queued it


@pytest.mark.django_db
def test_retry_without_a_queue_is_refused(settings, editor_api):
    settings.INGEST_QUEUE_URL = ""
    job = IngestJob.objects.create(
        params={"body": "A text.", "published_on": "2020-10-09"}, status="failed"
    )
    response = editor_api.post(retry_url(job.pk))
    assert response.status_code == 409, response.content
    [error] = response.json()["errors"]
    assert error["code"] == "no_queue"
    job.refresh_from_db()
    assert job.status == "failed"
