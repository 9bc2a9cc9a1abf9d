"""What the stack costs by itself: requests/s of fixed answers beside the API and Datasette.

    .venv/bin/python bench/floor.py --size 1m

On the dataset bench/run.py built (same gunicorn settings, same wrk load), measures:
- ``api detail``: the API's claim detail (bench/run.py's ``detail`` scenario);
- ``drf fixed``: the same body from a DRF view that reads nothing, through the API's
  middleware, authentication, permission, throttles and renderer (bench/floor_app/urls.py);
- ``django fixed``: the same bytes from a plain Django view, through the middleware only;
- ``datasette detail``: Datasette's row page for the same claim.

The fixed answers are a ceiling for any view in this stack on this machine: no detail can be
served faster than ``drf fixed`` without leaving Django REST framework, nor faster than
``django fixed`` without leaving Django. Not a test: the figures depend on the machine.
"""

import argparse
import json
import tempfile
import urllib.request
from pathlib import Path

import run  # bench/run.py: the same servers, scenarios and load

FLOOR_PORT = 8733


def start_floor(url: str, body: Path, workers: int, threads: int, log: Path) -> run.Server:
    env = run.gunicorn_env(url, workers, threads, FLOOR_PORT)
    env["DJANGO_SETTINGS_MODULE"] = "bench.floor_app.settings"
    env["FLOOR_BODY_FILE"] = str(body)
    return run.Server(run.GUNICORN, env, f"http://127.0.0.1:{FLOOR_PORT}/plain/", log)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="1m", choices=run.SIZES)
    parser.add_argument("--db", default="sqlite", choices=["sqlite", "postgres"])
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/conflict-bench"))
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    args = parser.parse_args()

    url = run.prepare(args.db, args.size, args.data_dir, args.pg_url)
    values = run.sample(url, args.db)
    ours_path, datasette_path = run.scenarios(values, f"claims_{args.size}")["detail"]
    log = args.data_dir / "floor.log"
    load = (args.duration, args.connections, args.wrk_threads)
    figures: dict[str, run.Load] = {}

    ours = run.start_ours(url, args.workers, args.threads, log)
    try:
        api_url = f"http://127.0.0.1:{run.OUR_PORT}{ours_path}"
        with urllib.request.urlopen(api_url) as response:
            body = response.read()
        figures["api detail"] = run.wrk(api_url, *load)
    finally:
        ours.stop()

    with tempfile.NamedTemporaryFile(suffix=".json") as file:
        file.write(body)
        file.flush()
        floor = start_floor(url, Path(file.name), args.workers, args.threads, log)
        try:
            for name, route in (("drf fixed", "drf/"), ("django fixed", "plain/")):
                figures[name] = run.wrk(f"http://127.0.0.1:{FLOOR_PORT}/{route}", *load)
        finally:
            floor.stop()

    if args.db == "sqlite":
        datasette = run.start_datasette(args.data_dir / f"claims_{args.size}.sqlite3", log)
        try:
            ds_url = f"http://127.0.0.1:{run.DATASETTE_PORT}{datasette_path}"
            figures["datasette detail"] = run.wrk(ds_url, *load)
        finally:
            datasette.stop()

    print(f"{'answer':<18} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for name, figure in figures.items():
        print(f"{name:<18} {figure.rps:>8,.0f} {figure.p50_ms:>8} {figure.p99_ms:>8}")
    print(json.dumps({name: figure.rps for name, figure in figures.items()}))


if __name__ == "__main__":
    main()
