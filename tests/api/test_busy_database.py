"""A write that finds the database locked answers a JSON 503 with Retry-After, not a 500 page.

Issue 12 item 7: a long ingest held SQLite's write lock and a concurrent PATCH got Django's
HTML 500 "database is locked". The lock here is real: another connection holds SQLite's write
lock (a separate process with its own database file, since the test database lives in
memory) or a PostgreSQL row lock, and the PATCH waits out the configured timeout.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from conflict.models import Actor

ROOT = Path(__file__).resolve().parents[2]

SQLITE_SCRIPT = """
import json, os, sqlite3
import django
django.setup()
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient
from conflict.editors import ensure_editors_group
from conflict.models import Actor

call_command("migrate", verbosity=0)
user = User.objects.create_user("editor", is_staff=True)
user.groups.add(ensure_editors_group(apps))
actor = Actor.objects.create(
    name="Ministry of Examples", slug="ministry-of-examples", kind="ministry_agency"
)
client = APIClient()
client.credentials(HTTP_AUTHORIZATION="Token " + Token.objects.create(user=user).key)
url = "/api/v1/actors/ministry-of-examples/"
etag = client.get(url)["ETag"]
holder = sqlite3.connect(os.environ["DB_FILE"], isolation_level=None)
holder.execute("BEGIN IMMEDIATE")  # the write lock, as a long ingest held it
response = client.patch(url, {"notes": "edited"}, format="json", HTTP_IF_MATCH=etag)
holder.execute("ROLLBACK")
after = client.patch(url, {"notes": "edited"}, format="json", HTTP_IF_MATCH=etag)
print(json.dumps({
    "status": response.status_code,
    "content_type": response["Content-Type"],
    "retry_after": response.get("Retry-After"),
    "body": response.json(),
    "after": after.status_code,
}))
"""


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's write lock")
def test_a_locked_sqlite_database_is_a_json_503_with_retry_after(tmp_path):
    db_file = tmp_path / "db.sqlite3"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": f"sqlite:///{db_file}",
        "DB_FILE": str(db_file),
        "DEBUG": "0",  # production's error pages: the bug was an HTML 500
        "ALLOWED_HOSTS": "testserver",
        "SQLITE_BUSY_TIMEOUT": "1",
    }
    result = subprocess.run(
        [sys.executable, "-c", SQLITE_SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["status"] == 503
    assert seen["content_type"] == "application/json"
    assert seen["retry_after"] == "5"
    assert seen["body"]["errors"][0]["code"] == "database_busy"
    assert seen["after"] == 200  # once the lock is gone the same write goes through


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's lock_timeout")
def test_a_locked_postgresql_row_is_a_json_503_with_retry_after(editor_api):
    with connection.cursor() as cursor:
        cursor.execute("SHOW lock_timeout")
        assert cursor.fetchone()[0] == "20s"  # DB_LOCK_TIMEOUT's default
        # The same connection serves the test client's requests: wait 0.3 s, not 20.
        cursor.execute("SET lock_timeout = '300ms'")
    Actor.objects.create(
        name="Ministry of Examples", slug="ministry-of-examples", kind="ministry_agency"
    )
    url = "/api/v1/actors/ministry-of-examples/"
    etag = editor_api.get(url)["ETag"]
    settings = connection.settings_dict
    conninfo = psycopg.conninfo.make_conninfo(
        dbname=settings["NAME"],
        user=settings["USER"],
        host=settings["HOST"],
        port=settings["PORT"] or None,
        password=settings["PASSWORD"] or None,
    )
    with psycopg.connect(conninfo) as holder:
        holder.execute(
            "SELECT 1 FROM conflict_actor WHERE slug = %s FOR UPDATE", [url.split("/")[-2]]
        )
        response = editor_api.patch(url, {"notes": "edited"}, format="json", HTTP_IF_MATCH=etag)
        holder.rollback()
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "5"
    assert response.json()["errors"][0]["code"] == "database_busy"
    with connection.cursor() as cursor:
        cursor.execute("SET lock_timeout = '20s'")
    after = editor_api.patch(url, {"notes": "edited"}, format="json", HTTP_IF_MATCH=etag)
    assert after.status_code == 200
