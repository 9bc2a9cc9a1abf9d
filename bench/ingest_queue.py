"""Throughput of queued ingest: 1,000 articles, 2 RQ workers, PostgreSQL, a 100k-incident record.

    .venv/bin/python bench/ingest_queue.py                       # empty, then 100k
    .venv/bin/python bench/ingest_queue.py --targets 100k --label after

Steps (issue 14 item 8; see bench/README.md):

1. **Data**, once (a marker file in --data-dir says it is complete): ``generate_synthetic
   --claims 310000 --seed 1`` into ``<prefix>_base`` (about 101,000 incidents), and
   ``<prefix>_empty_base``: a copy of it with every article, claim, incident and loss removed
   (the same actors and places, no incidents), so both runs ingest the same texts against the
   same gazetteer and differ only by the record's size.
2. **Articles**, once: ``--articles`` texts of about 600 words, written from the matching
   corpus's sentences (conflict.matching.corpus: the same event told by several outlets in
   different words, claimants named several ways). Each article reports five to seven events
   of one day, so articles overlap one another; a third of the events are incidents already
   in the 100k record (same kind, place and day), so they also overlap the data. Kept with a
   ``manifest.csv`` in ``<data-dir>/articles-<prefix>-<count>``.
3. **Run**, per target: a fresh copy of the base database (``CREATE DATABASE ... TEMPLATE``),
   ``manage.py ingest --queue --manifest`` (the queue's ``enqueue()``: one IngestJob and one RQ
   job each), then ``--workers`` ``manage.py ingest_worker --burst`` processes (RQ on Redis at
   --redis-url, this run's own queue name), timed from their start until every IngestJob is
   done or failed. Prints articles per minute, the wall time, the failures and the matching
   outcomes (what the job reports say, and the IncidentMatch/ActorMatch rows), with the load
   average; appends them to ``bench/results/ingest_queue.json``.

Not a test: the figures depend on the machine and on whatever else runs on it.
"""

import argparse
import csv
import datetime as dt
import json
import os
import random
import secrets
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
RESULTS = ROOT / "bench" / "results" / "ingest_queue.json"
CLAIMS = 310_000  # generate_synthetic gives ~0.327 incidents per claim: ~101,000 incidents
SEED = 1
WORDS = 600
# Tables emptied for the "empty" database: everything an ingest reads or writes but the
# gazetteer (actors, places) and the users. TRUNCATE ... CASCADE takes the join tables.
EMPTIED = [
    "conflict_article",
    "conflict_claim",
    "conflict_incident",
    "conflict_loss",
    "conflict_claimlink",
    "conflict_incidentparticipant",
    "conflict_ingestjob",
]


def sh(*argv: str, env: dict | None = None, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        argv, cwd=ROOT, env=env or os.environ, check=check, capture_output=True, text=True
    )


def psql(url: str, sql: str) -> str:
    return sh("psql", url, "-qAtX", "-v", "ON_ERROR_STOP=1", "-c", sql).stdout.strip()


def admin_url(pg_url: str) -> str:
    return f"{pg_url}/postgres"


def django_env(url: str, **extra: str) -> dict[str, str]:
    # As production runs a worker: DEBUG off (no query log growing per job).
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "localhost",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def loadavg() -> list[float]:
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


# 1. Data.


def prepare(pg_url: str, prefix: str, data_dir: Path, claims: int = CLAIMS) -> dict:
    """The 100k base and the empty base, built once; the marker holds their counts."""
    marker = data_dir / f"{prefix}_base.done"
    if marker.exists():
        return json.loads(marker.read_text())
    base, empty = f"{prefix}_base", f"{prefix}_empty_base"
    url = f"{pg_url}/{base}"
    for name in (base, empty):
        psql(admin_url(pg_url), f"DROP DATABASE IF EXISTS {name}")
    psql(admin_url(pg_url), f"CREATE DATABASE {base}")
    sh(PYTHON, "manage.py", "migrate", "--no-input", "-v0", env=django_env(url))
    started = time.monotonic()
    out = sh(
        PYTHON, "manage.py", "generate_synthetic", "--claims", str(claims), "--seed", str(SEED),
        env=django_env(url),
    ).stdout.strip()  # fmt: skip
    took = time.monotonic() - started
    print(f"  {out} (wall {took:.0f} s)", flush=True)
    psql(admin_url(pg_url), f"CREATE DATABASE {empty} TEMPLATE {base}")
    psql(f"{pg_url}/{empty}", f"TRUNCATE {', '.join(EMPTIED)} CASCADE")
    psql(f"{pg_url}/{empty}", "VACUUM ANALYZE")
    info = {
        "claims": claims,
        "seed": SEED,
        "generate_seconds": round(took, 1),
        "incidents": int(psql(url, "SELECT count(*) FROM conflict_incident")),
        "actors": int(psql(url, "SELECT count(*) FROM conflict_actor")),
        "places": int(psql(url, "SELECT count(*) FROM conflict_place")),
    }
    marker.write_text(json.dumps(info))
    return info


# 2. Articles (run inside Django: ``ingest_queue.py --write-articles DIR`` on the base).


def write_articles(out: Path, count: int, seed: int) -> None:
    import django

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflict.settings")
    django.setup()
    from conflict.matching.corpus import (
        CLASH,
        DENIALS,
        NUMBERS,
        OUTLETS,
        PARTIES,
        STRIKE,
        _when,
        ministry_names,
    )
    from conflict.models import Incident, Place

    rng = random.Random(seed)
    parties = {p.code: p for p in PARTIES}
    towns = {
        code: list(
            Place.objects.filter(country=code, kind="city_town")
            .order_by("pk")
            .values_list("name", flat=True)
        )
        for code in parties
    }
    sides = [code for code in parties if towns[code]]  # a small record may lack one's towns
    if not sides:
        raise SystemExit("The record has no towns of the corpus's two parties (AZ, AM).")
    # Events by day: a third from the record (an incident there that day), the rest new.
    first, last = dt.date(2018, 3, 1), dt.date(2025, 11, 30)
    days = sorted(
        {first + dt.timedelta(days=rng.randrange((last - first).days)) for _ in range(count // 3)}
    )
    existing = {
        "shelling": "strike",
        "armed_clash": "clash",
    }
    # By day: (kind, town, attacked party's code, dead): one toll per event, as in the corpus.
    events: dict[dt.date, list[tuple[str, str, str, int]]] = {}
    known_events = 0
    for day in days:
        known = list(
            Incident.objects.filter(
                occurred_on=day,
                date_precision="day",
                kind__in=existing,
                places__country__in=list(parties),
                places__kind="city_town",
            ).values_list("kind", "places__name", "places__country")[:2]
        )
        todays = [(existing[kind], town, code, rng.randint(2, 9)) for kind, town, code in known]
        known_events += len(todays)
        while len(todays) < 7:
            code = rng.choice(sides)
            kind = rng.choice(["strike", "clash"])
            todays.append((kind, rng.choice(towns[code]), code, rng.randint(2, 9)))
        events[day] = todays
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for number in range(count):
        day = days[number % len(days)]
        published = day + dt.timedelta(days=1)
        outlet = rng.choice(OUTLETS)
        told = rng.sample(events[day], rng.randint(5, 7))
        title = f"{outlet}: shelling and clashes along the front, report {number + 1}"
        paragraphs = []
        for kind, town, code, dead in told:
            attacked = parties[code]
            attacker = next(p for p in PARTIES if p.code != code)
            template = rng.choice(STRIKE if kind == "strike" else CLASH)
            sentence = template.format(
                town=town,
                dead=NUMBERS[dead],
                who=rng.choice(ministry_names(attacked)),
                when=_when(day, published, rng),
            )
            sentence = sentence[0].upper() + sentence[1:]
            denial = rng.choice(DENIALS).format(other=f"{attacker.state}'s government")
            context = rng.sample(CONTEXT, 2)
            paragraphs.append(" ".join([sentence, denial, *(c.format(town=town) for c in context)]))
        words = sum(len(p.split()) for p in paragraphs)
        filler = rng.sample(BACKGROUND, len(BACKGROUND))
        while words < WORDS and filler:
            line = filler.pop().format(outlet=outlet, town=rng.choice(told)[1])
            paragraphs.insert(rng.randrange(1, len(paragraphs) + 1), line)
            words += len(line.split())
        body = f"{title}\n\n" + "\n\n".join(paragraphs) + "\n"
        path = out / f"article-{number + 1:04d}.txt"
        path.write_text(body, encoding="utf-8")
        rows.append(
            {
                "path": path.name,
                "published_on": published.isoformat(),
                "publisher": outlet,
                "title": title,
                "language": "en",
            }
        )
    with (out / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(
        f"{count} articles, {len(days)} days, {sum(map(len, events.values()))} events "
        f"({known_events} of them incidents already in the record)"
    )


# Sentences around each event and between them: invented, neutral, varied.
CONTEXT = [
    "Residents of {town} said the power went out shortly afterwards.",
    "Emergency crews worked through the night to clear the rubble in {town}.",
    "Local officials in {town} opened two schools as shelters for displaced families.",
    "Photographs shared by residents showed damaged roofs and broken windows in {town}.",
    "The road between {town} and the regional centre was closed for several hours.",
    "A hospital near {town} said it had received several wounded people.",
    "Witnesses in {town} described hearing explosions for about twenty minutes.",
    "Shops in {town} stayed closed the following morning.",
    "Volunteers in {town} handed out water and blankets to those who had left their homes.",
    "Neither side published evidence to support its account of what happened in {town}.",
]
BACKGROUND = [
    "The ceasefire agreed in the spring has been broken repeatedly along the line of contact, "
    "and both sides accuse each other of moving heavy weapons closer to villages.",
    "Diplomats from several countries have urged restraint and offered to host new talks, "
    "though no date for a meeting has been set.",
    "Independent journalists have limited access to the front, and many accounts of the "
    "fighting cannot be verified by {outlet}.",
    "Humanitarian groups say thousands of people have left border villages since the start of "
    "the month, many of them staying with relatives in larger towns.",
    "Schools in the border districts moved lessons online, and local authorities extended a "
    "curfew by another week.",
    "Farmers near the front said they could not reach their fields for the harvest because of "
    "the risk of shelling and unexploded ordnance.",
    "The figures given by both sides could not be independently confirmed, and casualty counts "
    "have often been revised in the days after an attack.",
    "Analysts note that the fighting has followed a familiar pattern of night-time artillery "
    "exchanges followed by statements from both defence ministries in the morning.",
    "Aid convoys were delayed at checkpoints on the main road, according to drivers who spoke "
    "to {outlet} on condition of anonymity.",
    "Mobile phone coverage in parts of the region was interrupted for several hours, making it "
    "harder for families to reach relatives near {town}.",
    "Local television showed long queues at petrol stations in the regional capital as "
    "residents prepared to leave if the situation worsened.",
    "Observers from an international mission were due to visit the area later in the week, but "
    "their route had not been announced.",
    "Both governments have accused each other of spreading false information online, and "
    "social media posts about the fighting are often impossible to check.",
    "Medical staff said supplies of blood and bandages were running low at the district "
    "hospital, which has treated dozens of patients in recent weeks.",
    "The weather turned cold overnight, and officials warned that damaged houses would be hard "
    "to heat as winter approaches.",
    "Engineers began repairing a water pipeline that had been damaged earlier in the month, "
    "leaving several villages without running water.",
    "Religious leaders from both communities issued a joint appeal for calm, asking the "
    "authorities to protect civilians and places of worship.",
    "This report was compiled from statements by officials, interviews with residents and "
    "material shared by local reporters working for {outlet}.",
    "Both parliaments were due to discuss the situation in closed sessions, and opposition "
    "politicians called for a public inquiry into the latest losses.",
    "Economists said the fighting had already disrupted trade across the region, with freight "
    "traffic on the main railway line reduced by half.",
    "Families of missing soldiers gathered outside government buildings to ask for news, "
    "saying they had received no information for weeks.",
    "Teachers in the area said children were frightened by the noise of the explosions, and "
    "many had not slept properly for days.",
]


# 3. Runs.


def jobs_by_status(url: str) -> dict[str, int]:
    rows = psql(url, "SELECT status, count(*) FROM conflict_ingestjob GROUP BY status")
    return {s: int(n) for s, n in (line.split("|") for line in rows.splitlines() if line)}


def run(target: str, args: argparse.Namespace, info: dict, articles: Path) -> dict:
    source = f"{args.prefix}_base" if target == "100k" else f"{args.prefix}_empty_base"
    name = f"{args.prefix}_run_{target}"
    url = f"{args.pg_url}/{name}"
    psql(admin_url(args.pg_url), f"DROP DATABASE IF EXISTS {name}")
    psql(admin_url(args.pg_url), f"CREATE DATABASE {name} TEMPLATE {source}")
    psql(url, "ANALYZE")
    queue_name = f"qbench-{target}-{os.getpid()}"
    env = django_env(url, INGEST_QUEUE_URL=args.redis_url, INGEST_QUEUE_NAME=queue_name)
    incidents_before = int(psql(url, "SELECT count(*) FROM conflict_incident"))
    started = time.monotonic()
    sh(PYTHON, "manage.py", "ingest", "--queue", "--manifest", str(articles / "manifest.csv"),
       env=env)  # fmt: skip
    enqueue_s = time.monotonic() - started
    total = sum(jobs_by_status(url).values())
    load_start = loadavg()
    logs = [open(args.data_dir / f"worker-{target}-{n}.log", "w") for n in range(args.workers)]  # noqa: SIM115
    started = time.monotonic()
    workers = [
        subprocess.Popen(
            [PYTHON, "manage.py", "ingest_worker", "--burst"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        for log in logs
    ]
    peak_load = load_start[0]
    # Each worker's CPU seconds (user + system), from the kernel when it exits: a figure
    # the machine's other load moves far less than the wall time.
    cpu: dict[int, float] = {}

    def reap(w: subprocess.Popen, block: bool) -> None:
        if w.pid in cpu:
            return
        pid, _status, usage = os.wait4(w.pid, 0 if block else os.WNOHANG)
        if pid:
            cpu[w.pid] = usage.ru_utime + usage.ru_stime
            w.returncode = _status

    try:
        while True:
            counts = jobs_by_status(url)
            finished = counts.get("done", 0) + counts.get("failed", 0)
            if finished >= total:
                break
            for w in workers:
                reap(w, block=False)
            if len(cpu) == len(workers):
                break  # the workers ran out of jobs (or died) with some not finished
            time.sleep(0.5)
            peak_load = max(peak_load, loadavg()[0])
    finally:
        wall = time.monotonic() - started
        deadline = time.monotonic() + 60
        while len(cpu) < len(workers) and time.monotonic() < deadline:
            for w in workers:
                reap(w, block=False)
            time.sleep(0.2)
        for w in workers:
            if w.pid not in cpu:
                w.kill()
                reap(w, block=True)
        for log in logs:
            log.close()
    load_end = loadavg()
    counts = jobs_by_status(url)
    failures = psql(
        url,
        "SELECT id || ': ' || left(error, 200) FROM conflict_ingestjob WHERE status <> 'done' "
        "ORDER BY id LIMIT 20",
    )
    sums = psql(
        url,
        "SELECT " + ", ".join(
            f"coalesce(sum((report->'counts'->>'{k}')::int), 0)"
            for k in ("claims", "incidents", "incidents_matched", "restatements",
                      "new_actors", "actors_matched")
        ) + " FROM conflict_ingestjob WHERE status = 'done'",
    ).split("|")  # fmt: skip
    report = dict(
        zip(
            ("claims", "new_incidents", "incidents_attached", "restatements", "new_actors",
             "actors_merged"),
            map(int, sums),
            strict=True,
        )
    )  # fmt: skip
    report["incident_possible_matches"] = int(
        psql(url, "SELECT count(DISTINCT incident_id) FROM conflict_incidentmatch "
                  "WHERE outcome = 'possible_match'")
    )  # fmt: skip
    report["incidents_attached_to_the_record"] = int(
        psql(url, f"SELECT count(*) FROM conflict_incidentmatch WHERE outcome = 'attached' "
                  f"AND candidate_id <= {info['max_incident_id']}")
    )  # fmt: skip
    report["actor_possible_matches"] = int(
        psql(url, "SELECT count(DISTINCT actor_id) FROM conflict_actormatch "
                  "WHERE outcome = 'possible_match'")
    )  # fmt: skip
    done = counts.get("done", 0)
    result = {
        "label": args.label,
        "target": target,
        "commit": sh("git", "rev-parse", "--short", "HEAD").stdout.strip(),
        "time": dt.datetime.now().isoformat(timespec="seconds"),
        "incidents_before": incidents_before,
        "articles": total,
        "workers": args.workers,
        "done": done,
        "failed": counts.get("failed", 0),
        "unfinished": total - done - counts.get("failed", 0),
        "wall_s": round(wall, 1),
        "per_minute": round(60 * done / wall, 1),
        "enqueue_s": round(enqueue_s, 1),
        "worker_cpu_s": round(sum(cpu.values()), 1),
        "cpu_ms_per_article": round(1000 * sum(cpu.values()) / max(done, 1)),
        "load_start": load_start,
        "load_peak": peak_load,
        "load_end": load_end,
        "matching": report,
        "failures": failures.splitlines(),
    }
    if not args.keep:
        psql(admin_url(args.pg_url), f"DROP DATABASE IF EXISTS {name}")
    return result


def show(r: dict) -> None:
    m = r["matching"]
    print(
        f"[{r['label']}] {r['target']}: {r['incidents_before']:,} incidents before; "
        f"{r['done']}/{r['articles']} done, {r['failed']} failed, {r['unfinished']} unfinished, "
        f"{r['workers']} workers\n"
        f"  wall {r['wall_s']:.1f} s, {r['per_minute']:.1f} articles/min "
        f"(enqueue {r['enqueue_s']:.1f} s, not counted); workers' CPU {r['worker_cpu_s']} s, "
        f"{r['cpu_ms_per_article']} ms per article\n"
        f"  load average (1/5/15 min) at start {r['load_start']}, peak 1-min {r['load_peak']}, "
        f"at end {r['load_end']}\n"
        f"  matching: {m['claims']:,} claims; incidents: {m['incidents_attached']:,} attached "
        f"({m['incidents_attached_to_the_record']:,} of them to the record's), "
        f"{m['incident_possible_matches']:,} left as possible matches, {m['new_incidents']:,} "
        f"new drafts kept; actors: {m['actors_merged']:,} merged, "
        f"{m['actor_possible_matches']:,} possible, {m['new_actors']:,} new drafts; "
        f"{m['restatements']:,} restatements linked",
        flush=True,
    )
    for line in r["failures"]:
        print(f"  failed: {line}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pg-url", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--prefix", default="qbench_100k", help="Database name prefix.")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/5")
    parser.add_argument("--data-dir", type=Path, default=Path("/tmp/qbench"))
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument(
        "--claims",
        type=int,
        default=CLAIMS,
        help="generate_synthetic's claims for a new --prefix (310,000: ~101,000 incidents).",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--targets", default="empty,100k", help="empty, 100k or both.")
    parser.add_argument("--label", default="run")
    parser.add_argument("--keep", action="store_true", help="Keep each run's database.")
    parser.add_argument("--write-articles", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.write_articles:
        write_articles(args.write_articles, args.articles, SEED)
        return
    args.data_dir.mkdir(parents=True, exist_ok=True)
    print(f"data: {args.prefix}_base (once; load {loadavg()})", flush=True)
    info = prepare(args.pg_url, args.prefix, args.data_dir, args.claims)
    top = "SELECT coalesce(max(id), 0) FROM conflict_incident"
    info["max_incident_id"] = int(psql(f"{args.pg_url}/{args.prefix}_base", top))
    articles = args.data_dir / f"articles-{args.prefix}-{args.articles}"
    if not (articles / "manifest.csv").exists():
        out = sh(
            PYTHON, __file__, "--write-articles", str(articles), "--articles", str(args.articles),
            env=django_env(f"{args.pg_url}/{args.prefix}_base"),
        ).stdout.strip()  # fmt: skip
        print(f"  {out}", flush=True)
    results = []
    for target in args.targets.split(","):
        result = run(target, args, info, articles)
        show(result)
        results.append(result)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    previous = json.loads(RESULTS.read_text()) if RESULTS.exists() else []
    RESULTS.write_text(json.dumps(previous + results, indent=1) + "\n")


if __name__ == "__main__":
    main()
