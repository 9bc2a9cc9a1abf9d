"""Extraction alone: CPU milliseconds per 1,000 words, with the world gazetteer (issue 13).

    .venv/bin/python bench/extraction.py [--words 1000] [--repeat 30]

Builds an article of about ``--words`` words from the development corpus's paragraphs (wire
copy from many wars, one paragraph per line), loads the world gazetteer once (timed apart:
a worker pays it once per process), then times ``extract`` on the article ``--repeat``
times on one core (process CPU time) and prints the median and the worst run, per 1,000
words. The target: under 20 ms per 1,000 words. Not a test: the figure depends on the
machine and on whatever else runs on it.
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


def article(words: int) -> tuple[str, object]:
    """Corpus paragraphs, one per line, until the text has ``words`` words."""
    golds = corpus.load()
    lines: list[str] = []
    count = 0
    for gold in golds:
        lines.append(gold.body)
        count += len(gold.body.split())
        if count >= words:
            break
    return "\n".join(lines), golds[0].published_on


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()

    started = time.perf_counter()
    world = load_world()
    loaded = time.perf_counter() - started
    gazetteer = Gazetteer.world()
    body, published_on = article(args.words)
    words = len(body.split())
    extract(body, published_on, gazetteer)  # warm-up: compiled patterns, caches
    runs = []
    for _ in range(args.repeat):
        start = time.process_time()
        extraction = extract(body, published_on, gazetteer)
        runs.append((time.process_time() - start) * 1000)
    per_1000 = [ms * 1000 / words for ms in runs]
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
