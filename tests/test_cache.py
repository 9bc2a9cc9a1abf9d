"""The shared file cache (throttle counts, download slots): culled, but not on every write."""

import os
import time
from pathlib import Path

from conflict.cache import SharedFileCache


def entries(directory: Path) -> int:
    return len(list(directory.glob("*.djcache")))


def test_a_full_cache_is_culled_at_most_once_an_interval(tmp_path):
    """Django's file cache lists its directory on every write to decide whether to cull:
    with one throttle count per client address that is thousands of names per request.
    Here a full directory is culled once the interval has passed, not on each write."""
    options = {"MAX_ENTRIES": 10, "CULL_FREQUENCY": 2, "CULL_INTERVAL": 0.5}
    cache = SharedFileCache(str(tmp_path), {"OPTIONS": options})
    for n in range(30):
        cache.set(f"client-{n}", n)
    assert entries(tmp_path) == 30  # past MAX_ENTRIES, within one interval: not culled yet
    assert cache.get("client-29") == 29
    time.sleep(0.6)
    cache.set("late", 1)
    assert entries(tmp_path) == 30 - 30 // 2 + 1  # half culled, then the new entry


def test_an_add_takes_a_key_once(tmp_path):
    cache = SharedFileCache(str(tmp_path), {})
    assert cache.add("slot", 1, 60)
    assert not cache.add("slot", 2, 60)
    assert cache.get("slot") == 1


def test_a_moment_is_updated_in_place_and_cleared(tmp_path):
    cache = SharedFileCache(str(tmp_path), {})
    seen = []

    def later(moment: float | None) -> float:
        seen.append(moment)
        return (moment or 1000.0) + 5

    cache.update_moment("throttle_anon_192.0.2.1", later)
    cache.update_moment("throttle_anon_192.0.2.1", later)
    cache.update_moment("throttle_anon_192.0.2.1", lambda moment: None)  # read, not written
    assert seen == [None, 1005.0]
    cache.update_moment("throttle_anon_192.0.2.1", seen.append)
    assert seen[-1] == 1010.0
    cache.clear()
    cache.update_moment("throttle_anon_192.0.2.1", seen.append)
    assert seen[-1] is None


def test_moments_untouched_for_two_days_are_culled(tmp_path):
    cache = SharedFileCache(str(tmp_path), {"OPTIONS": {"CULL_INTERVAL": 0}})
    cache.update_moment("old-client", lambda moment: 1000.0)
    three_days_ago = time.time() - 3 * 24 * 3600
    for path in tmp_path.glob("*.moment"):
        os.utime(path, (three_days_ago, three_days_ago))
    cache.update_moment("recent-client", lambda moment: 2000.0)
    cache.set("any", 1)  # a write culls (at most once an interval)
    seen = []
    cache.update_moment("old-client", seen.append)
    cache.update_moment("recent-client", seen.append)
    assert seen == [None, 2000.0]
