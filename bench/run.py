"""Benchmark the API against Datasette and the database's own dump, on synthetic data.

    .venv/bin/python bench/run.py --sizes 100k,1m --dbs sqlite,postgres --label after

For each dataset size and database: builds the dataset once (generate_synthetic, kept in
--data-dir between runs), serves the API with gunicorn (gunicorn.conf.py), drives it with wrk
from a separate process (fixed duration, concurrency 8), times a full CSV export of the claims
while reading the workers' peak RSS, and does the same with Datasette on the same SQLite file
and with the floor (sqlite3's CSV output, or PostgreSQL's COPY ... TO STDOUT). Prints a table,
and merges the figures into results.json and chart.png in --out (keyed by label, size,
database and scenario, so a "before" and an "after" run sit side by side).

Not a test: the numbers depend on the machine and on whatever else runs on it.
"""

import argparse
import atexit
import base64
import functools
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
SEED = 1
OUR_PORT, DATASETTE_PORT = 8731, 8732
SCENARIOS = ["list", "filter_stance", "filter_claimant_dates", "filter_category_since"]
SCENARIOS += ["search", "detail", "incidents_geojson", "deep"]

# The floor: the claims with the same columns the CSV export has (to-one joins, and the
# many-valued columns aggregated per claim), in the database's own CSV writer.
FLOOR_SQL = {
    "sqlite": """
SELECT c.id, c.article_id, a.slug, a.title, c.claimant_id, cl.slug, cl.name, c.stance,
  c.category, c.text, c.quote, c.span_start, c.span_end, c.is_direct_quote, c.channel,
  c.channel_actor_id, ch.slug, ch.name, c.stated_on, c.stated_on_inferred,
  (SELECT group_concat(i.id || ' ' || i.slug || ' ' || i.title, ';')
     FROM conflict_claim_incidents ci JOIN conflict_incident i ON i.id = ci.incident_id
    WHERE ci.claim_id = c.id AND i.status = 'published'),
  (SELECT group_concat(l.id || ' ' || l.category || ' ' || coalesce(l.count_best, ''), ';')
     FROM conflict_loss l WHERE l.claim_id = c.id AND l.status = 'published'),
  (SELECT group_concat(k.relation || ' ' || k.target_id, ';')
     FROM conflict_claimlink k WHERE k.source_id = c.id),
  (SELECT group_concat(k.relation || ' ' || k.source_id, ';')
     FROM conflict_claimlink k WHERE k.target_id = c.id),
  c.status, c.notes, c.created_at, c.updated_at
FROM conflict_claim c JOIN conflict_article a ON a.id = c.article_id
LEFT JOIN conflict_actor cl ON cl.id = c.claimant_id
LEFT JOIN conflict_actor ch ON ch.id = c.channel_actor_id
WHERE c.status = 'published' ORDER BY c.id""",
    "postgres": """
SELECT c.id, c.article_id, a.slug, a.title, c.claimant_id, cl.slug, cl.name, c.stance,
  c.category, c.text, c.quote, c.span_start, c.span_end, c.is_direct_quote, c.channel,
  c.channel_actor_id, ch.slug, ch.name, c.stated_on, c.stated_on_inferred,
  (SELECT string_agg(i.id || ' ' || i.slug || ' ' || i.title, ';')
     FROM conflict_claim_incidents ci JOIN conflict_incident i ON i.id = ci.incident_id
    WHERE ci.claim_id = c.id AND i.status = 'published'),
  (SELECT string_agg(l.id || ' ' || l.category || ' ' || coalesce(l.count_best::text, ''), ';')
     FROM conflict_loss l WHERE l.claim_id = c.id AND l.status = 'published'),
  (SELECT string_agg(k.relation || ' ' || k.target_id, ';')
     FROM conflict_claimlink k WHERE k.source_id = c.id),
  (SELECT string_agg(k.relation || ' ' || k.source_id, ';')
     FROM conflict_claimlink k WHERE k.target_id = c.id),
  c.status, c.notes, c.created_at, c.updated_at
FROM conflict_claim c JOIN conflict_article a ON a.id = c.article_id
LEFT JOIN conflict_actor cl ON cl.id = c.claimant_id
LEFT JOIN conflict_actor ch ON ch.id = c.channel_actor_id
WHERE c.status = 'published' ORDER BY c.id""",
}


@dataclass
class Load:
    rps: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int
    socket_errors: int = 0  # wrk's connect/read/write errors and timeouts (over 10 s)


@dataclass
class Export:
    seconds: float
    bytes: int
    status: int
    peak_rss_mb: float | None = None


@dataclass
class Result:
    label: str
    size: str
    db: str
    scenario: str
    server: str  # ours, datasette, floor
    load: Load | None = None
    export: Export | None = None
    url: str = ""
    conditions: dict = field(default_factory=dict)


# Datasets.


def database_url(db: str, size: str, data_dir: Path, pg_url: str) -> str:
    if db == "sqlite":
        return f"sqlite:///{data_dir / f'claims_{size}.sqlite3'}"
    return f"{pg_url.rstrip('/')}/scale_bench_{size}"


def manage(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url, "DEBUG": "1"}
    return subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )


def prepare(db: str, size: str, data_dir: Path, pg_url: str) -> str:
    """Build the dataset unless a previous run left it complete (a marker file says so)."""
    url = database_url(db, size, data_dir, pg_url)
    marker = data_dir / f"claims_{size}.{db}.done"
    if marker.exists():
        return url
    if db == "sqlite":
        path = data_dir / f"claims_{size}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        name = url.rsplit("/", 1)[1]
        admin = url.rsplit("/", 1)[0] + "/postgres"
        subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
        subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True)
    manage(url, "migrate", "--no-input", "-v0")
    started = time.monotonic()
    out = manage(url, "generate_synthetic", "--claims", str(SIZES[size]), "--seed", str(SEED))
    took = time.monotonic() - started
    print(f"  {out.stdout.strip()} (wall {took:.0f} s)", flush=True)
    marker.write_text(json.dumps({"generate_seconds": round(took, 1)}))
    return url


# Servers.


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not come up in {timeout} s")


class Server:
    def __init__(self, argv: list[str], env: dict[str, str], ready_url: str, log: Path) -> None:
        with log.open("ab") as sink:
            self.process = subprocess.Popen(
                argv, cwd=ROOT, env=env, stdout=sink, stderr=sink, start_new_session=True
            )
        wait_until_up(ready_url)

    def pids(self) -> list[int]:
        """The server and its worker processes."""
        found = [self.process.pid]
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        if children.exists():
            found += [int(pid) for pid in children.read_text().split()]
        return found

    def peak_rss_mb(self) -> float:
        """The largest peak resident set (VmHWM) of any one process of the server."""
        peaks = []
        for pid in self.pids():
            try:
                status = Path(f"/proc/{pid}/status").read_text()
            except FileNotFoundError:
                continue
            match = re.search(r"VmHWM:\s+(\d+) kB", status)
            if match:
                peaks.append(int(match.group(1)) / 1024)
        return round(max(peaks), 1)

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


@functools.cache
def bench_cache_dir() -> str:
    """A cache directory for this run's servers, removed when it ends."""
    path = tempfile.mkdtemp(prefix="bench-cache-")
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


def gunicorn_env(url: str, workers: int, threads: int, port: int) -> dict[str, str]:
    """The environment the API is served in under load (bench/floor.py serves its fixed
    answers in the same)."""
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "CONN_MAX_AGE": "600",
        # The throttles still run (an anonymous request reads and writes its count in the
        # shared cache), they just never trip.
        "THROTTLE_ANON": "1000000000/second",
        "THROTTLE_USER": "1000000000/second",
        # A cache of its own: an export slot another process left taken (its lease lasts
        # 30 minutes) would answer the bench's export with a 429.
        "CACHE_DIR": bench_cache_dir(),
        "WEB_CONCURRENCY": str(workers),
        "GUNICORN_THREADS": str(threads),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
    }
    env.pop("DEBUG", None)
    return env


GUNICORN = [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "conflict.wsgi"]


def start_ours(url: str, workers: int, threads: int, log: Path) -> Server:
    env = gunicorn_env(url, workers, threads, OUR_PORT)
    return Server(GUNICORN, env, f"http://127.0.0.1:{OUR_PORT}/api/v1/", log)


def start_datasette(path: Path, log: Path) -> Server:
    argv = [str(BIN / "datasette"), "serve", str(path), "-p", str(DATASETTE_PORT)]
    argv += ["--setting", "max_csv_mb", "0", "--setting", "sql_time_limit_ms", "60000"]
    argv += ["--setting", "max_returned_rows", "1000"]
    return Server(argv, dict(os.environ), f"http://127.0.0.1:{DATASETTE_PORT}/-/versions.json", log)


# Scenarios: the API's URL and Datasette's equivalent.


def sample(url: str, db: str) -> dict[str, str]:
    """Values for the filters, read from the data so every scenario matches some rows."""
    if db == "sqlite":
        path = url.removeprefix("sqlite:///")
        query = [
            "sqlite3",
            path,
            "SELECT id, slug FROM conflict_actor WHERE id = (SELECT claimant_id FROM "
            "conflict_claim WHERE claimant_id IS NOT NULL GROUP BY claimant_id "
            "ORDER BY count(*) DESC LIMIT 1)",
        ]
        claimant_id, slug = subprocess.check_output(query, text=True).strip().split("|")
        top = subprocess.check_output(
            ["sqlite3", path, "SELECT max(id) FROM conflict_claim"], text=True
        )
    else:
        sql = (
            "SELECT id || '|' || slug FROM conflict_actor WHERE id = (SELECT claimant_id FROM "
            "conflict_claim WHERE claimant_id IS NOT NULL GROUP BY claimant_id "
            "ORDER BY count(*) DESC LIMIT 1)"
        )
        claimant_id, slug = subprocess.check_output(["psql", url, "-tAc", sql], text=True).split(
            "|"
        )
        top = subprocess.check_output(
            ["psql", url, "-tAc", "SELECT max(id) FROM conflict_claim"], text=True
        )
    return {"claimant_id": claimant_id.strip(), "claimant": slug.strip(), "top": top.strip()}


def scenarios(values: dict[str, str], dataset: str) -> dict[str, tuple[str, str | None]]:
    middle = int(values["top"]) // 2
    cursor = base64.b64encode(f"p={middle}".encode()).decode()
    rows = f"/{dataset}/conflict_claim.json?_shape=array&_size=100"
    like = quote("%Kataldor%")
    search_where = quote(
        f"text like '{like}' or quote like '{like}' or channel like '{like}'", safe="%"
    )
    return {
        "list": ("/api/v1/claims/?page_size=100", rows),
        "filter_stance": (
            "/api/v1/claims/?page_size=100&stance=denies&category=event_report",
            f"{rows}&stance=denies&category=event_report",
        ),
        "filter_claimant_dates": (
            f"/api/v1/claims/?page_size=100&claimant={values['claimant']}"
            "&stated_after=2020-01-01&stated_before=2021-12-31",
            f"{rows}&claimant_id={values['claimant_id']}"
            "&stated_on__gte=2020-01-01&stated_on__lte=2021-12-31",
        ),
        "filter_category_since": (
            "/api/v1/claims/?page_size=100&category=toll&stated_after=2024-01-01",
            f"{rows}&category=toll&stated_on__gte=2024-01-01",
        ),
        "search": (
            "/api/v1/claims/?page_size=100&search=Kataldor",
            f"{rows}&_where={search_where}",
        ),
        "detail": (
            f"/api/v1/claims/{middle}/",
            f"/{dataset}/conflict_claim/{middle}.json?_shape=array",
        ),
        # Datasette has no GeoJSON without a plugin: its equivalent is the incidents page.
        "incidents_geojson": (
            "/api/v1/incidents/?format=geojson&page_size=100",
            f"/{dataset}/conflict_incident.json?_shape=array&_size=100",
        ),
        # Page 5,000 of 100 rows as a cursor (keyset), and Datasette's own keyset _next.
        "deep": (
            f"/api/v1/claims/?paginate=cursor&page_size=100&cursor={quote(cursor)}",
            f"{rows}&_next={middle}",
        ),
    }


# Measuring.

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def milliseconds(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return round(float(number) * UNITS[unit], 2)


def check(url: str) -> None:
    """One request first: a scenario that errors is reported, not benchmarked."""
    try:
        with urllib.request.urlopen(url, timeout=120) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        raise RuntimeError(f"{url} answered {exc.code}: {exc.read()[:300]!r}") from exc


def wrk(url: str, duration: int, connections: int, threads: int) -> Load:
    check(url)
    argv = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    argv += ["--timeout", "10s", url]
    subprocess.run([*argv[:3], "-d2s", url], check=True, capture_output=True)  # warm up
    out = subprocess.run(argv, check=True, capture_output=True, text=True).stdout
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.M))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    return Load(
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        p50_ms=milliseconds(percentiles["50"]),
        p99_ms=milliseconds(percentiles["99"]),
        requests=requests,
        non_2xx=int(errors.group(1)) if errors else 0,
        socket_errors=sum(map(int, sockets.groups())) if sockets else 0,
    )


def download(url: str) -> Export:
    started = time.monotonic()
    out = subprocess.run(
        ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code} %{size_download}", url],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    seconds = time.monotonic() - started
    status, size = out.split()
    return Export(seconds=round(seconds, 2), bytes=int(size), status=int(status))


def floor(db: str, url: str) -> Export:
    if db == "sqlite":
        argv = ["sqlite3", "-csv", "-header", url.removeprefix("sqlite:///"), FLOOR_SQL[db]]
    else:
        argv = ["psql", url, "-c", f"COPY ({FLOOR_SQL[db]}) TO STDOUT WITH CSV HEADER"]
    started = time.monotonic()
    with open(os.devnull, "wb") as sink:
        process = subprocess.run(argv, stdout=subprocess.PIPE, check=True)
        sink.write(process.stdout)
    seconds = time.monotonic() - started
    return Export(seconds=round(seconds, 2), bytes=len(process.stdout), status=0)


def run_one(args, size: str, db: str, conditions: dict) -> list[Result]:
    print(f"== {size} claims on {db}", flush=True)
    url = prepare(db, size, args.data_dir, args.pg_url)
    values = sample(url, db)
    dataset = f"claims_{size}"
    urls = scenarios(values, dataset)
    chosen = [s for s in args.scenarios if s in urls]
    results: list[Result] = []
    datasette_too = db == "sqlite" and not args.no_datasette

    def record(result: Result) -> None:
        result.conditions = conditions
        results.append(result)
        merge(args.out / "results.json", [result])  # kept even if a later step is stopped
        print("  " + describe(result), flush=True)

    # A fresh server per scenario: slow requests still running when wrk stops (a search at a
    # million rows takes seconds) must not eat into the next scenario's time.
    for name in chosen:
        ours = start_ours(url, args.workers, args.threads, args.data_dir / "gunicorn.log")
        try:
            target = f"http://127.0.0.1:{OUR_PORT}{urls[name][0]}"
            load = wrk(target, args.duration, args.connections, args.wrk_threads)
            record(Result(args.label, size, db, name, "ours", load=load, url=urls[name][0]))
        finally:
            ours.stop()
        if datasette_too:
            datasette = start_datasette(
                args.data_dir / f"{dataset}.sqlite3", args.data_dir / "datasette.log"
            )
            try:
                target = f"http://127.0.0.1:{DATASETTE_PORT}{urls[name][1]}"
                load = wrk(target, args.duration, args.connections, args.wrk_threads)
                record(
                    Result(args.label, size, db, name, "datasette", load=load, url=urls[name][1])
                )
            finally:
                datasette.stop()
    if args.export:
        path = "/api/v1/claims/export/?format=csv"
        ours = start_ours(
            url, args.workers, args.threads, args.data_dir / "gunicorn.log"
        )  # fresh: its peak RSS is the export's
        try:
            export = download(f"http://127.0.0.1:{OUR_PORT}{path}")
            export.peak_rss_mb = ours.peak_rss_mb()
        finally:
            ours.stop()
        record(Result(args.label, size, db, "export_csv", "ours", export=export, url=path))
        if datasette_too:
            path = f"/{dataset}/conflict_claim.csv?_stream=on&_size=max"
            datasette = start_datasette(
                args.data_dir / f"{dataset}.sqlite3", args.data_dir / "datasette.log"
            )
            try:
                export = download(f"http://127.0.0.1:{DATASETTE_PORT}{path}")
                export.peak_rss_mb = datasette.peak_rss_mb()
            finally:
                datasette.stop()
            record(Result(args.label, size, db, "export_csv", "datasette", export=export, url=path))
        record(Result(args.label, size, db, "export_csv", "floor", export=floor(db, url)))
    return results


def describe(result: Result) -> str:
    head = f"{result.scenario:<22} {result.server:<10}"
    if result.load:
        load = result.load
        return (
            f"{head} {load.rps:9.1f} req/s  p50 {load.p50_ms:8.2f} ms  p99 {load.p99_ms:8.2f} ms"
            f"  non-2xx {load.non_2xx}  socket errors {load.socket_errors}"
        )
    export = result.export
    rss = f"  peak RSS {export.peak_rss_mb} MB" if export.peak_rss_mb else ""
    return (
        f"{head} {export.seconds:9.2f} s  {export.bytes / 1e6:8.1f} MB  status {export.status}{rss}"
    )


# Reporting.


def key(entry: dict) -> tuple:
    return (entry["label"], entry["size"], entry["db"], entry["scenario"], entry["server"])


def merge(path: Path, results: list[Result]) -> list[dict]:
    entries = json.loads(path.read_text()) if path.exists() else []
    fresh = [asdict(result) for result in results]
    replaced = {key(entry) for entry in fresh}
    entries = [entry for entry in entries if key(entry) not in replaced] + fresh
    entries.sort(key=key)
    path.write_text(json.dumps(entries, indent=1) + "\n")
    return entries


def table(entries: list[dict]) -> str:
    by_key = {key(entry): entry for entry in entries}
    lines = [
        f"{'label':<7} {'size':<5} {'db':<8} {'scenario':<22} {'req/s':>8} {'p50 ms':>8} "
        f"{'p99 ms':>8} {'errors':>6} {'DS req/s':>8} {'ours/DS':>7} {'export s':>8} "
        f"{'RSS MB':>7} {'DS s':>7} {'floor s':>7} {'/floor':>6} {'/DS':>5}"
    ]
    for entry in entries:
        if entry["server"] != "ours":
            continue
        label, size, db, scenario, _ = key(entry)
        other = by_key.get((label, size, db, scenario, "datasette"))
        floor_entry = by_key.get((label, size, db, scenario, "floor"))
        cells = [f"{label:<7} {size:<5} {db:<8} {scenario:<22}"]
        if entry["load"]:
            load = entry["load"]
            ds = other["load"]["rps"] if other else None
            ratio = f"{load['rps'] / ds:7.2f}" if ds else f"{'-':>7}"
            ds_text = f"{ds:8.1f}" if ds else f"{'-':>8}"
            cells.append(
                f"{load['rps']:8.1f} {load['p50_ms']:8.2f} {load['p99_ms']:8.2f} "
                f"{load['non_2xx'] + (load.get('socket_errors') or 0):6d} {ds_text} {ratio}"
            )
        else:
            export = entry["export"]
            ds = other["export"]["seconds"] if other else None
            fl = floor_entry["export"]["seconds"] if floor_entry else None
            cells.append(
                f"{'':>8} {'':>8} {'':>8} {'':>6} {'':>8} {'':>7} {export['seconds']:8.2f} "
                f"{export['peak_rss_mb'] or 0:7.1f} "
                + (f"{ds:7.2f}" if ds else f"{'-':>7}")
                + " "
                + (f"{fl:7.2f}" if fl else f"{'-':>7}")
                + " "
                + (f"{export['seconds'] / fl:6.2f}" if fl else f"{'-':>6}")
                + " "
                + (f"{export['seconds'] / ds:5.2f}" if ds else f"{'-':>5}")
            )
        lines.append(" ".join(cells))
    return "\n".join(lines)


def chart(entries: list[dict], path: Path) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed (pip install -e '.[bench]'): no chart", flush=True)
        return
    loads = [e for e in entries if e["load"]]
    groups = sorted({(e["label"], e["size"], e["db"], e["server"]) for e in loads})
    names = [s for s in SCENARIOS if any(e["scenario"] == s for e in loads)]
    fig, axes = plt.subplots(2, 1, figsize=(max(10, len(names) * 1.6), 9), sharex=True)
    width = 0.8 / max(1, len(groups))
    for index, group in enumerate(groups):
        found = {e["scenario"]: e["load"] for e in loads if (*key(e)[:3], e["server"]) == group}
        xs = [i + index * width for i, name in enumerate(names) if name in found]
        axes[0].bar(
            xs, [found[n]["rps"] for n in names if n in found], width, label=" ".join(group)
        )
        axes[1].bar(xs, [found[n]["p99_ms"] for n in names if n in found], width)
    axes[0].set_ylabel("requests/s (concurrency 8)")
    axes[1].set_ylabel("p99 latency, ms")
    axes[1].set_yscale("log")
    axes[1].set_xticks([i + 0.4 - width / 2 for i in range(len(names))], names, rotation=20)
    axes[0].legend(fontsize=7, ncol=2)
    fig.suptitle("Conflict Claims API vs Datasette, by dataset size and database")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    print(f"chart: {path}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100k,1m", help=f"comma list of {', '.join(SIZES)}")
    parser.add_argument("--dbs", default="sqlite,postgres", help="sqlite, postgres or both")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS), help="comma list; '' for none")
    parser.add_argument("--no-export", dest="export", action="store_false")
    parser.add_argument("--no-datasette", action="store_true")
    parser.add_argument("--label", default="run", help="e.g. before / after")
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="gunicorn threads per worker")
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/conflict-bench"))
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--report", action="store_true", help="only print and chart --out")
    args = parser.parse_args()
    args.scenarios = [s for s in args.scenarios.split(",") if s]
    args.out.mkdir(parents=True, exist_ok=True)
    args.data_dir.mkdir(parents=True, exist_ok=True)
    results_path = args.out / "results.json"
    if not args.report:
        for tool in ("wrk", "curl", "sqlite3", "psql"):
            if not shutil.which(tool):
                sys.exit(
                    f"{tool} is not installed (apt-get install wrk curl sqlite3 postgresql-client)"
                )
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        conditions = {
            "commit": commit,
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "cpus": os.cpu_count(),
            "load_average_at_start": os.getloadavg()[0],
            "gunicorn": f"gthread {args.workers}x{args.threads}",
            "wrk": f"-t{args.wrk_threads} -c{args.connections} -d{args.duration}s",
        }
        for size in args.sizes.split(","):
            for db in args.dbs.split(","):
                run_one(args, size, db, conditions)
    entries = json.loads(results_path.read_text()) if results_path.exists() else []
    print(table(entries))
    chart(entries, args.out / "chart.png")


if __name__ == "__main__":
    main()
