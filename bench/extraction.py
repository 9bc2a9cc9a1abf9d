"""Extraction alone: CPU milliseconds per 1,000 words, with the world gazetteer (issue 13).

    .venv/bin/python bench/extraction.py [--words 1000] [--repeat 30]

Builds articles of about ``--words`` words from the development corpus's paragraphs (wire
copy from many wars, one paragraph per line, a different selection each run), loads the
world gazetteer once (timed apart: a worker pays it once per process), then times
``extract`` on ``--repeat`` such articles on one core (process CPU time) and prints the
median and the worst run, per 1,000 words. The target: under 20 ms per 1,000 words; exits 1
above it. Not a test: the figure depends on the machine and on whatever else runs on it.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from conflict.extraction import Gazetteer, corpus, extract  # noqa: E402
from conflict.extraction.world import load_world  # noqa: E402

TARGET_MS_PER_1000_WORDS = 20.0


def article(words: int, start: int = 0) -> tuple[str, object]:
    """Corpus paragraphs from ``start`` on (wrapping), one per line, until ``words`` words."""
    golds = corpus.load()
    lines: list[str] = []
    count = 0
    for step in range(len(golds)):
        gold = golds[(start + step) % len(golds)]
        lines.append(gold.body)
        count += len(gold.body.split())
        if count >= words:
            break
    return "\n".join(lines), golds[start % len(golds)].published_on


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    started = time.perf_counter()
    world = load_world()
    loaded = time.perf_counter() - started
    gazetteer = Gazetteer.world()
    # A different article each run (the corpus rotated), so no cache carries a run's work over.
    articles = [article(args.words, start=7 * run) for run in range(args.repeat + 1)]
    extract(*articles[0], gazetteer)  # warm-up: compiled patterns
    per_1000 = []
    for body, published_on in articles[1:]:
        start = time.process_time()
        extraction = extract(body, published_on, gazetteer)
        per_1000.append((time.process_time() - start) * 1000 * 1000 / len(body.split()))
    body = articles[-1][0]
    words = len(body.split())
    median = statistics.median(per_1000)
    print(f"world gazetteer: {len(world):,} names, loaded once in {loaded:.2f} s")
    print(
        f"article: {words} words, {len(body.splitlines())} paragraphs -> "
        f"{len(extraction.claims)} claims, {len(extraction.incidents)} incidents"
    )
    print(
        f"extraction: median {median:.2f} ms per 1,000 words (worst {max(per_1000):.2f}) "
        f"over {args.repeat} runs, one core; target < {TARGET_MS_PER_1000_WORDS:.0f} ms"
    )
    if median >= TARGET_MS_PER_1000_WORDS:
        sys.exit(1)


if __name__ == "__main__":
    main()
