"""schemathesis hooks, loaded by the CLI through SCHEMATHESIS_HOOKS (see schemathesis_run).

Writes need ``If-Match`` with the record's current ETag. A generated value is almost never
that, so without help every PUT/PATCH/DELETE would stop at the 412 and the fuzzer would never
reach the write's validation. For about half of the generated writes this fetches the ETag
with a GET, as a real client does first; the other half keep their generated (stale) value,
and negative cases that drop the header still meet the 428.
"""

from __future__ import annotations

import os
import random
from typing import Any

import requests
import schemathesis

WRITES = {"PUT", "PATCH", "DELETE"}
BASE_URL = os.environ.get("FUZZ_BASE_URL", "")
AUTHORIZATION = os.environ.get("FUZZ_AUTHORIZATION", "")


def keeps_generated_value(value: Any) -> bool:
    # Seeded by the value itself: the same case makes the same choice on every run.
    return random.Random(repr(value)).random() < 0.5


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    headers = case.headers
    if case.method.upper() not in WRITES or not headers or "If-Match" not in headers:
        return
    if not BASE_URL or keeps_generated_value(headers["If-Match"]):
        return
    auth = {"Authorization": AUTHORIZATION} if AUTHORIZATION else {}
    try:
        current = requests.get(BASE_URL + case.formatted_path, headers=auth, timeout=30)
    except requests.RequestException:
        return  # a path requests cannot even send; the case goes out as generated
    etag = current.headers.get("ETag")
    if current.status_code == 200 and etag:
        headers["If-Match"] = etag
