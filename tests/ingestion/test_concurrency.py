"""Concurrent ingests over real HTTP on PostgreSQL: no duplicate article, no server error.

Six clients send the same text at once: one article, one 201, five 409s. Then six clients
send six different texts that share a title and a new speaker at once: six articles, one
draft actor for the shared speaker (the slugs they race for are retried, not a 500).
"""

import json
import threading
import urllib.error
import urllib.request
from collections import Counter

import pytest
from django.db import connection

from conflict.models import Actor, Article, Claim

WORKERS = 6

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Concurrent transactions are what is tested (SQLite serialises writers); run "
        "with DATABASE_URL pointing at PostgreSQL.",
    ),
]


def post(url: str, token: str, body: dict) -> int:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={
            "Authorization": f"Token {token}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def race(url: str, token: str, bodies: list[dict]) -> Counter[int]:
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    start = threading.Barrier(len(bodies))

    def worker(body: dict) -> None:
        start.wait()
        code = post(url, token, body)
        with lock:
            statuses[code] += 1

    threads = [threading.Thread(target=worker, args=(body,)) for body in bodies]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_the_same_text_at_once_is_stored_once(live_server, editor_token, seed_text):
    url = f"{live_server.url}/api/v1/articles/"
    body = {"body": seed_text, "published_on": "2020-10-08"}
    statuses = race(url, editor_token, [body] * WORKERS)
    assert statuses == {201: 1, 409: WORKERS - 1}
    assert Article.objects.count() == 1
    claims = Claim.objects.count()
    assert claims == Article.objects.get().claims.count()
    assert Actor.objects.filter(name="Kremlin").count() == 1


def test_different_texts_sharing_names_at_once_all_store(live_server, editor_token):
    url = f"{live_server.url}/api/v1/articles/"
    bodies = [
        {
            "body": f"Mount Olympus officials said {n + 2} tanks were destroyed near Larissa.",
            "published_on": "2020-10-08",
            "title": "Tanks destroyed",
        }
        for n in range(WORKERS)
    ]
    statuses = race(url, editor_token, bodies)
    assert statuses == {201: WORKERS}
    assert Article.objects.count() == WORKERS
    assert len(set(Article.objects.values_list("slug", flat=True))) == WORKERS
    assert Actor.objects.filter(name="Mount Olympus officials").count() == 1
