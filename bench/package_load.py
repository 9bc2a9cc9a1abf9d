"""The data package under load: build time, a cached hit, and claim detail latency while
eight clients download it (issue 12, item 6).

    DATABASE_URL=sqlite:////tmp/load300k.sqlite3 .venv/bin/python manage.py migrate
    DATABASE_URL=sqlite:////tmp/load300k.sqlite3 .venv/bin/python manage.py \\
        generate_synthetic --claims 300000
    .venv/bin/python bench/package_load.py --database-url sqlite:////tmp/load300k.sqlite3

Starts gunicorn (gunicorn.conf.py: 2 gthread workers x 4 threads, DEBUG off) on 127.0.0.1
with an empty package directory, then measures:

1. the first ``datapackage.zip`` (built now) and a second one (served from the file);
2. claim detail latency alone, then while 8 clients (8 addresses, given through
   X-Forwarded-For with NUM_PROXIES=1) fetch the package over and over for ``--seconds``;
   it prints how many downloads were served and how many refused (429/503).

Needs curl. Only loopback traffic; every loop is bounded in time and count.
"""

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            requests.get(url, timeout=2)
            return
        except requests.ConnectionError:
            time.sleep(0.3)
    raise SystemExit(f"server did not answer at {url}")


def timed_get(session: requests.Session, url: str, **kwargs) -> tuple[float, requests.Response]:
    started = time.monotonic()
    response = session.get(url, timeout=3600, **kwargs)  # a first build sends nothing for minutes
    _ = response.content
    return time.monotonic() - started, response


def latencies(base: str, ids: list[int], seconds: float) -> list[float]:
    session = requests.Session()
    out, deadline, index = [], time.monotonic() + seconds, 0
    while time.monotonic() < deadline and index < 10_000:
        elapsed, response = timed_get(session, f"{base}/api/v1/claims/{ids[index % len(ids)]}/")
        assert response.status_code == 200, response.status_code
        out.append(elapsed * 1000)
        index += 1
        time.sleep(0.05)
    return out


def summary(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return (
        f"n={len(values)} median={statistics.median(values):.1f} ms "
        f"p95={p95:.1f} ms max={max(values):.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--port", type=int, default=0, help="Default: a free one.")
    parser.add_argument("--seconds", type=float, default=20, help="Load phase length.")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument(
        "--base-url",
        help="Measure a server already running (started as this script would) instead.",
    )
    args = parser.parse_args()
    if args.base_url:
        measure(args.base_url.rstrip("/"), args)
        return

    if not args.port:
        with socket.socket() as probe:  # a port nobody else on this machine is using
            probe.bind(("127.0.0.1", 0))
            args.port = probe.getsockname()[1]
    work = Path(tempfile.mkdtemp(prefix="package-bench-"))
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "SECRET_KEY": "bench-only-" + "k" * 60,
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "THROTTLE_ANON": "1000000/minute",
        "NUM_PROXIES": "1",
        "CACHE_DIR": str(work / "cache"),
        "PACKAGE_CACHE_DIR": str(work / "packages"),
        "GUNICORN_BIND": f"127.0.0.1:{args.port}",
        "GUNICORN_TIMEOUT": "600",
    }
    base = f"http://127.0.0.1:{args.port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "conflict.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(work / "gunicorn.log", "w"),  # noqa: SIM115
    )
    try:
        wait_for(f"{base}/api/v1/")
        measure(base, args)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
        shutil.rmtree(work, ignore_errors=True)


def measure(base: str, args: argparse.Namespace) -> None:
    """The figures, against a server at ``base``."""
    session = requests.Session()
    page = session.get(f"{base}/api/v1/claims/?page_size=50", timeout=60).json()
    ids = [claim["id"] for claim in page["results"]]

    first, response = timed_get(session, f"{base}/api/v1/datapackage.zip")
    assert response.status_code == 200, response.text[:300]
    size = len(response.content)
    print(f"first datapackage.zip (built unless cached): {first:.1f} s, {size / 1e6:.1f} MB")
    second, response = timed_get(session, f"{base}/api/v1/datapackage.zip")
    assert response.status_code == 200
    print(f"second datapackage.zip (cached file): {second:.2f} s")

    print(f"claim detail alone: {summary(latencies(base, ids, 5))}")

    counts: dict[int, int] = {}
    lock = threading.Lock()
    stop = time.monotonic() + args.seconds

    def downloader(n: int) -> None:
        # curl in its own process: the downloads' CPU must not sit in this process's GIL,
        # where it would slow the latency probe instead of the server.
        address = f"198.51.100.{n + 1}"
        for _ in range(1000):
            if time.monotonic() >= stop:
                return
            curl = ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}"]
            done = subprocess.run(
                [*curl, "-H", f"X-Forwarded-For: {address}", f"{base}/api/v1/datapackage.zip"],
                capture_output=True,
                text=True,
                timeout=3600,
            )
            code = int(done.stdout[-3:])
            with lock:
                counts[code] = counts.get(code, 0) + 1
            if code != 200:
                time.sleep(1.0)  # Retry-After says 10 or 30 s; come back sooner to press

    threads = [threading.Thread(target=downloader, args=(n,)) for n in range(args.clients)]
    for thread in threads:
        thread.start()
    time.sleep(1)
    during = latencies(base, ids, max(1.0, args.seconds - 2))
    for thread in threads:
        thread.join()
    print(f"claim detail during {args.clients} downloaders: {summary(during)}")
    print(f"package answers during the load: {dict(sorted(counts.items()))}")


if __name__ == "__main__":
    main()
