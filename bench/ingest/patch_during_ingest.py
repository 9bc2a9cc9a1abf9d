"""PATCH latency while a 200,000-character article is ingested (issue 12 item 7).

Serves the API with gunicorn on a fresh SQLite database with the seed, starts
``manage.py ingest`` of a generated 200,000-character article in another process, and PATCHes
an actor's notes through the API once a second until the ingest ends. Prints each PATCH's
status and latency, and a summary. Run from a checkout (it uses that checkout's code):

    .venv/bin/python bench/ingest/patch_during_ingest.py [--port 8765]
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path.cwd()
SEED = ROOT / "seeds" / "000_bba3e84961ba8579.txt"
DAYS = ["Sunday", "Monday", "Tuesday"]


def big_article(chars: int = 200_000) -> str:
    """The seed's paragraphs repeated, numbered and with weekdays varied, cut to ``chars``."""
    paragraphs = [p for p in SEED.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    out: list[str] = []
    i = 0
    while sum(map(len, out)) < chars:
        p = paragraphs[i % len(paragraphs)]
        out.append(p.replace("Sunday", DAYS[i % 3]) + f" ({i})")
        i += 1
    return "\n\n".join(out)[:chars]


def request(url: str, method: str = "GET", body: dict | None = None, headers: dict | None = None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=120) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=18641)
    args = parser.parse_args()
    py = sys.executable
    tmp = Path(tempfile.mkdtemp())
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp / 'db.sqlite3'}", "DEBUG": "0"}
    env.update(SECRET_KEY="bench-secret-key-" + "x" * 40, ALLOWED_HOSTS="127.0.0.1")
    env.update(SECURE_SSL_REDIRECT="0")  # plain http on loopback
    run = lambda *a: subprocess.run([py, "manage.py", *a], env=env, check=True, cwd=ROOT)  # noqa: E731
    run("migrate", "-v0")
    run("load_seed", "-v0")
    token = (
        subprocess.run(
            [
                py,
                "manage.py",
                "shell",
                "--no-imports",
                "-c",
                "from django.contrib.auth.models import User; from rest_framework.authtoken.models "
                "import Token; from conflict.editors import ensure_editors_group; "
                "from django.apps import apps; u=User.objects.create_user('bench', is_staff=True); "
                "u.groups.add(ensure_editors_group(apps)); print(Token.objects.create(user=u).key)",
            ],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    article = tmp / "big.txt"
    article.write_text(big_article(), encoding="utf-8")
    server = subprocess.Popen(
        [
            py,
            "-m",
            "gunicorn",
            "conflict.wsgi",
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            "2",
        ],
        env=env,
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{args.port}/api/v1"
    auth = {"Authorization": f"Token {token}", "Accept": "application/json"}
    try:
        for _ in range(100):
            try:
                status, headers, body = request(f"{base}/actors/", headers=auth)
                break
            except OSError:
                time.sleep(0.2)
        assert status == 200, (status, body[:300])
        slug = json.loads(body)["results"][0]["slug"]
        started = time.perf_counter()
        ingest = subprocess.Popen(
            [py, "manage.py", "ingest", str(article), "--published-on", "2020-10-08"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
        )
        results = []
        n = 0
        while ingest.poll() is None:
            n += 1
            _, headers, _ = request(f"{base}/actors/{slug}/", headers=auth)
            t0 = time.perf_counter()
            status, headers, body = request(
                f"{base}/actors/{slug}/",
                "PATCH",
                {"notes": f"patch {n}"},
                {**auth, "If-Match": headers["ETag"]},
            )
            latency = time.perf_counter() - t0
            kind = headers.get("Content-Type", "").split(";")[0]
            results.append((status, latency, kind, headers.get("Retry-After")))
            retry = headers.get("Retry-After")
            print(f"PATCH {n}: {status} {latency:.3f}s {kind} Retry-After={retry}", flush=True)
            time.sleep(1)
        took = time.perf_counter() - started
        ok = [r[1] for r in results if r[0] == 200]
        print(
            f"ingest: {took:.1f}s (exit {ingest.returncode}); PATCHes: {len(results)}, "
            f"200: {len(ok)}, others: {sorted({(r[0], r[2]) for r in results if r[0] != 200})}"
        )
        if ok:
            ok.sort()
            print(f"200 latency: median {ok[len(ok) // 2]:.3f}s, max {ok[-1]:.3f}s")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
