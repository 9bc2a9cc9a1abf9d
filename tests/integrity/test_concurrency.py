"""Concurrent editors over real HTTP on PostgreSQL: no lost update, no server error.

Several threads each add 1 to a counter kept in a claim's notes, by read-modify-write with
If-Match, retrying on 412. If two writes based on the same version could both succeed, the
final count would be short.
"""

import json
import threading
import urllib.error
import urllib.request
from collections import Counter

import pytest
from django.db import connection

from conflict.models import Claim

WORKERS = 8
INCREMENTS = 5
URL = "/api/v1/claims/3/"


def call(method: str, url: str, token: str, body: dict | None = None, etag: str = "") -> tuple:
    headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if etag:
        headers["If-Match"] = etag
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("ETag"), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, None, None


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Row locks (SELECT ... FOR UPDATE) are what is tested; run with DATABASE_URL "
    "pointing at PostgreSQL.",
)
def test_concurrent_read_modify_writes_lose_nothing(live_server, seed, editor_token):
    url = live_server.url + URL
    statuses: Counter[int] = Counter()
    lock = threading.Lock()

    def worker() -> None:
        done = 0
        while done < INCREMENTS:
            code, etag, record = call("GET", url, editor_token)
            with lock:
                statuses[code] += 1
            assert code == 200
            count = int(record["notes"] or 0)
            code, _, _ = call("PATCH", url, editor_token, {"notes": str(count + 1)}, etag)
            with lock:
                statuses[code] += 1
            if code == 200:
                done += 1
            else:
                assert code == 412, code  # someone else saved first: read again

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(thread.is_alive() for thread in threads)

    requests = sum(statuses.values())
    conflicts = statuses[412]
    final = int(Claim.objects.get(pk=3).notes)
    lost = WORKERS * INCREMENTS - final
    print(
        f"\nconcurrency: {WORKERS} editors x {INCREMENTS} increments: {requests} requests, "
        f"{conflicts} conflicts detected (412), statuses {dict(statuses)}, lost updates {lost}"
    )
    assert not [code for code in statuses if code >= 500]
    assert lost == 0
    assert statuses[200] == requests - conflicts
    assert conflicts > 0  # the editors really did collide
