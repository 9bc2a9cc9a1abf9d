"""Time each reader page (web/) and the aggregate endpoints on a generated dataset.

Requests go through Django's full stack in process (test client, DEBUG off, throttles
raised), as bench/requests_cpu.py does for the API; the database is whichever
``DATABASE_URL`` names (a dataset from ``manage.py generate_synthetic``, bench/README.md).

    DATABASE_URL=sqlite:////tmp/conflict-bench/claims_1m.sqlite3 \\
        .venv/bin/python bench/pages.py [--requests 20]

Prints, per page: median and worst wall milliseconds over ``--requests`` (after one warm-up
request), the CPU milliseconds, and the response size (the query counts are pinned by tests/web).

Warm and cold: the aggregates over the whole record (tolls, incident counts) are kept per
data version (conflict.versioned), so a repeated request is served from the cache ("warm").
The "cold" columns time the first request after a write: the cache is emptied before each
such request, which is what a write does to it (a new data version finds no entry), without
writing to the dataset. The bench uses its own, temporary, cache directory.
"""

import argparse
import atexit
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def pages(values: dict[str, str]) -> dict[str, str]:
    return {
        "home": "/",
        "article": f"/articles/{values['article']}/",
        "incident": f"/incidents/{values['incident']}/",
        "actor": f"/actors/{values['actor']}/",
        "map": "/map/",
        "map_filtered": f"/map/?participant={values['actor']}",
        "tolls": "/tolls/",
        "tolls_side": f"/tolls/?side={values['side']}",
        "search": "/search/?q=shelling",
        "search_common": "/search/?q=said",
        "api_tolls": "/api/v1/tolls/",
        "api_tolls_side": f"/api/v1/tolls/?side={values['side']}",
        "api_incident_summary": "/api/v1/incidents/summary/?by=month",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--pages", default="", help="comma list of page names; default all")
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        parser.error("set DATABASE_URL to a generated dataset (see bench/README.md)")
    from requests_cpu import configure

    # A cache of its own: the cold runs empty it.
    os.environ["CACHE_DIR"] = tempfile.mkdtemp(prefix="bench-pages-cache-")
    atexit.register(shutil.rmtree, os.environ["CACHE_DIR"], ignore_errors=True)
    configure()

    from django.core.cache import cache
    from django.test import Client

    from conflict.models import Actor, Article, Claim, Incident, Loss

    # A busy actor, an article with claims, an incident with claims: the pages' worst cases
    # are those with the most to show, not the empty ones.
    claim = (
        Claim.objects.filter(status="published", claimant__isnull=False, incidents__isnull=False)
        .order_by("-id")
        .first()
    )
    side = Loss.objects.filter(status="published", side__isnull=False).order_by("-id").first()
    values = {
        "article": Article.objects.get(pk=claim.article_id).slug,
        "incident": Incident.objects.filter(claims=claim).first().slug,
        "actor": Actor.objects.get(pk=claim.claimant_id).slug,
        "side": Actor.objects.get(pk=side.side_id).slug,
    }
    wanted = set(filter(None, args.pages.split(",")))
    client = Client()
    print(
        f"{'page':<22} {'warm median':>11} {'max':>7} {'cpu':>6} "
        f"{'cold median':>11} {'max':>7} {'cpu':>6} {'KiB':>7}   (ms)"
    )
    for name, url in pages(values).items():
        if wanted and name not in wanted:
            continue
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        warm = timed(client, url, args.requests)
        cold = timed(client, url, args.requests, before=cache.clear)
        size = len(response.content) / 1024
        print(
            f"{name:<22} {statistics.median(warm[0]):>11.1f} {max(warm[0]):>7.1f} "
            f"{statistics.median(warm[1]):>6.1f} {statistics.median(cold[0]):>11.1f} "
            f"{max(cold[0]):>7.1f} {statistics.median(cold[1]):>6.1f} {size:>7.1f}",
            flush=True,
        )


def timed(
    client: Any, url: str, n: int, before: Callable[[], Any] | None = None
) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of ``n`` requests, ``before()`` run (untimed) before each."""
    walls, cpus = [], []
    for _ in range(n):
        if before:
            before()
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(url)
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return walls, cpus


if __name__ == "__main__":
    main()
