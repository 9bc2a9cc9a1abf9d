"""Time each reader page (web/) and the aggregate endpoints on a generated dataset.

Requests go through Django's full stack in process (test client, DEBUG off, throttles
raised), as bench/requests_cpu.py does for the API; the database is whichever
``DATABASE_URL`` names (a dataset from ``manage.py generate_synthetic``, bench/README.md).

    DATABASE_URL=sqlite:////tmp/conflict-bench/claims_1m.sqlite3 \\
        .venv/bin/python bench/pages.py [--requests 20]

Prints, per page: median and worst wall milliseconds over ``--requests`` (after one warm-up
request), the CPU milliseconds, and the response size (the query counts are pinned by tests/web).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

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

    configure()

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
    print(f"{'page':<22} {'median ms':>10} {'max ms':>8} {'cpu ms':>8} {'KiB':>7}")
    for name, url in pages(values).items():
        if wanted and name not in wanted:
            continue
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        walls, cpus = [], []
        for _ in range(args.requests):
            wall, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
        size = len(response.content) / 1024
        print(
            f"{name:<22} {statistics.median(walls):>10.1f} {max(walls):>8.1f} "
            f"{statistics.median(cpus):>8.1f} {size:>7.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
