"""Claims filtered by a period: the page as the list chooses to read it, walked, and sorted whole.

A period's page is read either by walking the list's order until the page is filled or by
sorting the whole period (api/pagination.py ``sorts_whole``); this prints, per query, the
wall milliseconds of the list's own choice and of each way forced, the best of
``--requests`` after a warm-up (which also leaves the counts cached, as a busy listing has
them). Requests go through Django's full stack in process, as bench/requests_cpu.py does.

    DATABASE_URL=sqlite:////tmp/conflict-bench/claims_1m.sqlite3 \\
        .venv/bin/python bench/periods.py [--requests 5]

The dates suit ``manage.py generate_synthetic`` (claims of 2018 to 2025, reported in order).
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

QUERIES = [
    "stated_after=2018-06-01",
    "stated_after=2020-06-01",
    "stated_after=2023-01-01",
    "stated_after=2024-09-01",
    "stated_after=2023-01-01&page=200",
    "stated_before=2019-01-01",
    "stated_before=2024-09-01",
    "stated_after=2021-01-01&stance=denies",
    "category=toll&stated_after=2024-01-01",
    "stated_after=2025-09-01&ordering=-stated_on",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=5)
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        parser.error("set DATABASE_URL to a generated dataset (see bench/README.md)")
    from requests_cpu import configure

    configure()
    from django.conf import settings
    from django.test import Client

    client = Client()
    ways = {
        "chosen": {},
        "walked": {"SORT_WHOLE_AT_MOST": 0, "SORT_WHOLE_SHARE": 0},
        "sorted": {"SORT_WHOLE_AT_MOST": 10**12},
    }
    print(f"{'query':45} {'count':>8} " + " ".join(f"{way:>8}" for way in ways) + "   (ms)")
    for query in QUERIES:
        url = f"/api/v1/claims/?{query}"
        figures = []
        count = None
        for overrides in ways.values():
            saved = {name: getattr(settings, name, None) for name in overrides}
            for name, value in overrides.items():
                setattr(settings, name, value)
            try:
                response = client.get(url)
                if response.status_code != 200:
                    raise SystemExit(f"{url} answered {response.status_code}")
                count = response.json()["count"]
                best = float("inf")
                for _ in range(args.requests):
                    start = time.perf_counter()
                    client.get(url)
                    best = min(best, time.perf_counter() - start)
                figures.append(best * 1000)
            finally:
                for name, value in saved.items():
                    if value is None:
                        delattr(settings, name)
                    else:
                        setattr(settings, name, value)
        print(f"{query:45} {count:>8} " + " ".join(f"{f:8.1f}" for f in figures), flush=True)


if __name__ == "__main__":
    main()
