"""CPU time per request, in process: what one request of each scenario costs the server.

wrk's throughput depends on everything else the machine runs; the CPU time a request takes
inside Django (middleware, DRF, the queries, rendering) does much less, so this is the figure
to compare before and after a change to the read path. Each scenario's URL is the one
bench/run.py sends; requests go through Django's full stack (test client, DEBUG off,
throttles raised), and the database is whichever ``DATABASE_URL`` names.

    DATABASE_URL=sqlite:////tmp/conflict-bench/claims_1m.sqlite3 \\
        .venv/bin/python bench/requests_cpu.py [--requests 200] [--scenarios list,detail]

Prints, per scenario: wall and CPU milliseconds per request (mean over ``--requests`` after
a warm-up) and the number of queries one request makes.
"""

import argparse
import os
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def configure() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflict.settings")
    os.environ.pop("DEBUG", None)
    os.environ["SECRET_KEY"] = secrets.token_urlsafe(50)
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    os.environ.setdefault("CONN_MAX_AGE", "600")
    os.environ["THROTTLE_ANON"] = os.environ["THROTTLE_USER"] = "1000000000/second"
    import django

    django.setup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--scenarios", default="list,filter_stance,detail,incidents_geojson,deep")
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        parser.error("set DATABASE_URL to a generated dataset (see bench/README.md)")
    configure()

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from run import scenarios

    from conflict.models import Actor, Claim

    top = Claim.objects.order_by("-id").values_list("id", flat=True).first()
    claimant = Actor.objects.filter(claims__isnull=False).order_by("id").first()
    values = {"claimant": claimant.slug, "claimant_id": str(claimant.pk), "top": str(top)}
    urls = {name: ours for name, (ours, _) in scenarios(values, "unused").items()}
    client = Client()
    print(f"{'scenario':24} {'wall ms':>8} {'cpu ms':>8} {'queries':>8}")
    for name in args.scenarios.split(","):
        url = urls[name]
        for _ in range(5):
            response = client.get(url)
            if response.status_code != 200:
                raise SystemExit(f"{name}: {url} answered {response.status_code}")
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        queries = len(captured.captured_queries)  # before the next request resets the log
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(args.requests):
            client.get(url)
        wall = (time.perf_counter() - wall) / args.requests * 1000
        cpu = (time.process_time() - cpu) / args.requests * 1000
        print(f"{name:24} {wall:8.2f} {cpu:8.2f} {queries:8}", flush=True)


if __name__ == "__main__":
    main()
