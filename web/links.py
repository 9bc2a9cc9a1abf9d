"""Links to the reader pages of records, by slug, without a reverse() each.

A page links hundreds of records (the map's list, the home page's tolls); resolving each URL
through reverse() was a large part of its time. The pattern of each page is reversed once
(per script prefix) and the slug put in its place.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import quote

from django.urls import get_script_prefix, reverse

PLACEHOLDER = "slug-placeholder"


@lru_cache(maxsize=32)
def _pattern(name: str, prefix: str) -> tuple[str, str]:
    head, tail = reverse(name, kwargs={"slug": PLACEHOLDER}).split(PLACEHOLDER)
    return head, tail


def page_url(name: str, slug: str) -> str:
    """``reverse(name, kwargs={"slug": slug})``, for a route whose only argument is a slug."""
    head, tail = _pattern(name, get_script_prefix())
    return f"{head}{quote(slug, safe='')}{tail}"
