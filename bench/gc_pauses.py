"""Garbage-collection pauses while serving requests, with and without ``gc.freeze()``.

A gunicorn worker (gunicorn.conf.py ``post_worker_init``) loads every view and then freezes
what it holds, so Python's full collections stop walking the loaded app's objects. This
script shows why: it sends one scenario's URL through Django's whole stack in process (as
bench/requests_cpu.py does), first as a worker did before, then after the same freeze, and
prints per generation how many collections ran, their total and their longest pause.

    DATABASE_URL=sqlite:////tmp/conflict-bench/claims_1m.sqlite3 \\
        .venv/bin/python bench/gc_pauses.py [--requests 300] [--scenario list]

Run each mode in its own process (``--mode plain`` / ``--mode frozen``) to compare them
without the first run's garbage in the second; without ``--mode`` both run, one per process.
"""

import argparse
import gc
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def measure(scenario: str, requests: int, frozen: bool) -> None:
    from requests_cpu import configure

    configure()
    from django.test import Client
    from django.urls import get_resolver
    from run import scenarios

    from conflict.models import Actor, Claim

    top = Claim.objects.order_by("-id").values_list("id", flat=True).first()
    claimant = Actor.objects.filter(claims__isnull=False).order_by("id").first()
    values = {"claimant": claimant.slug, "claimant_id": str(claimant.pk), "top": str(top)}
    url = scenarios(values, "unused")[scenario][0]
    get_resolver().url_patterns  # noqa: B018 (as the worker loads them)
    client = Client()
    for _ in range(5):
        client.get(url)
    if frozen:
        gc.collect()
        gc.freeze()
    pauses: dict[int, list[float]] = {0: [], 1: [], 2: []}
    started: list[float] = []

    def record(phase: str, info: dict) -> None:
        if phase == "start":
            started.append(time.perf_counter())
        elif started:
            pauses[info["generation"]].append(time.perf_counter() - started.pop())

    gc.callbacks.append(record)
    wall = time.perf_counter()
    for _ in range(requests):
        client.get(url)
    wall = time.perf_counter() - wall
    gc.callbacks.remove(record)
    mode = "frozen" if frozen else "plain"
    print(f"{mode}: {wall / requests * 1000:.2f} ms per request, {len(gc.get_objects())} tracked")
    for generation, found in pauses.items():
        total, longest = sum(found) * 1000, max(found, default=0) * 1000
        runs = len(found)
        print(f"  gen {generation}: {runs:4} runs, {total:7.1f} ms, longest {longest:5.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--scenario", default="list")
    parser.add_argument("--mode", choices=["plain", "frozen"])
    args = parser.parse_args()
    if "DATABASE_URL" not in os.environ:
        parser.error("set DATABASE_URL to a generated dataset (see bench/README.md)")
    if args.mode:
        measure(args.scenario, args.requests, args.mode == "frozen")
        return
    for mode in ("plain", "frozen"):
        command = [sys.executable, __file__, "--mode", mode]
        command += ["--requests", str(args.requests), "--scenario", args.scenario]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
