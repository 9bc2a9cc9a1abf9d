"""?search= returns exactly the rows a plain substring filter in Python keeps.

Case is folded the way each database does it: PostgreSQL's UPPER folds all of Unicode; on
SQLite a term of three characters or more goes through the FTS5 trigram index, which folds
Unicode too, and a shorter one through LIKE, which folds ASCII only.
"""

from collections.abc import Callable
from urllib.parse import urlencode

import pytest
from django.db import connection
from rest_framework.filters import search_smart_split

from conflict import search as backend
from conflict.models import Article, Claim, Incident
from conflict.search import MIN_INDEXED_LENGTH

ENDPOINTS = {
    "claims": (Claim, ("text", "quote", "channel")),
    "incidents": (Incident, ("title", "description", "date_text")),
    "articles": (Article, ("title", "publisher", "body")),
}

SEARCHES = [
    # words, case, several words, phrases
    "Ganja",
    "ganja",
    "GANJA",
    "shelled",
    "Azerbaijan shelled",
    "said statement ministry",
    '"Armed Forces"',
    '"forces of" regiment',
    '"city of Ganja"',
    "nosuchwordanywhere",
    # non-ASCII, in its case and in others
    "Şuşa",
    "şuşa",
    "ŞUŞA",
    "Gəncə",
    "GƏNCƏ",
    "Нагорный",
    "нагорный",
    "НАГОРНЫЙ",
    "Mədəniyyət",
    "Ekim",
    "Kalbajar",
    "witnesses said",
    "said",
    # short terms (LIKE on SQLite), alone and with long ones
    "a",
    "of",
    "20",
    "Şu",
    "of Ganja",
    # what FTS5 would read as syntax, and what LIKE would read as wildcards
    '"',
    '""',
    'said "',
    "NEAR(Ganja",
    '"NEAR(Ganja city) OR Shusha"',
    "OR",
    "AND NOT",
    "col:text",
    "text:Şuşa",
    "-minus",
    "^caret",
    "*star",
    "star*",
    "(brackets)",
    "50%",
    "100_000",
    "C:\\front",
    "'single quoted'",
    'lie."',
]


def fold(term: str) -> Callable[[str], str]:
    if connection.vendor == "postgresql":
        return str.upper
    if len(term) >= MIN_INDEXED_LENGTH:
        return str.casefold  # as FTS5 does for these texts (KELVIN SIGN to k, LONG S to s)
    return lambda s: s.translate(ASCII_UPPER)


ASCII_UPPER = str.maketrans("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def every(api, url: str) -> list[dict]:
    rows = []
    while url:
        response = api.get(url)
        assert response.status_code == 200, response.content
        rows += response.json()["results"]
        url = response.json()["next"]
    return rows


@pytest.mark.parametrize("lookup_limit", [backend.LOOKUP_LIMIT, 0])
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_search_returns_what_a_substring_filter_returns(
    api, corpus, endpoint, lookup_limit, monkeypatch
):
    # With a limit of 0 every match goes the way a common word does at scale (checked row
    # by row against the FTS5 table), not by its ids.
    monkeypatch.setattr(backend, "LOOKUP_LIMIT", lookup_limit)
    model, fields = ENDPOINTS[endpoint]
    # The texts from the database: the list does not show every searched field (a body).
    texts = {r["id"]: r for r in model.objects.values("id", *fields)}
    records = [texts[r["id"]] for r in every(api, f"/api/v1/{endpoint}/?page_size=500")]
    assert len(records) > 5
    checked = 0
    for search in SEARCHES:
        terms = search_smart_split(search)
        expected = [
            r["id"]
            for r in records
            if all(any(fold(t)(t) in fold(t)(r[f] or "") for f in fields) for t in terms)
        ]
        url = f"/api/v1/{endpoint}/?{urlencode({'search': search, 'page_size': 500})}"
        found = [r["id"] for r in every(api, url)]
        assert found == expected, search  # same rows, in the list's order
        checked += bool(expected)
    assert checked >= len(SEARCHES) // 2  # most searches find something


def test_unicode_case_is_folded_for_indexed_terms(api, corpus):
    """The case a reader types does not matter for a word of three letters or more, on
    either database (SQLite's LIKE alone would miss "şuşa" for "Şuşa")."""
    for variants in (("Şuşa", "şuşa", "ŞUŞA"), ("Нагорный", "нагорный", "НАГОРНЫЙ")):
        counts = {api.get("/api/v1/claims/", {"search": v}).json()["count"] for v in variants}
        assert len(counts) == 1, variants
        assert counts != {0}, variants


@pytest.mark.parametrize("search", ['"', "NEAR(", "a OR", '" OR "', "*", ")", ":", "^", "-"])
def test_syntax_characters_are_text_never_an_error(api, corpus, search):
    response = api.get("/api/v1/claims/", {"search": search})
    assert response.status_code == 200, response.content
