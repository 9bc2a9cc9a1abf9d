"""A corpus for ?search=: the seed, a small synthetic dataset, and claims and incidents whose
words are non-ASCII or look like FTS5 syntax."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.management import call_command
from rest_framework.test import APIClient

from conflict.models import Article, Claim, Incident
from conflict.quotes import locate_quote

# Sentences a reader could paste; some are FTS5 query syntax if taken as such.
SENTENCES = [
    "Şuşa was shelled overnight, the ministry in Baku said.",
    "Residents of Gəncə reported explosions near the train station.",
    "Нагорный Карабах: жители Степанакерта провели ночь в укрытиях.",  # noqa: RUF001
    'He said "NEAR(Ganja city) OR Shusha" was a lie.',
    "Officials wrote col:text and -minus ^caret *star (brackets) AND NOT in a memo.",
    "A spokesman quoted 50% of the 100_000 troops and a path C:\\front\\line.",
    # A KELVIN SIGN and a LONG S, which FTS5 folds to k and s (but LIKE does not).
    "Witnesses \u017faid the \u212aalbajar road was cut.",
]
BODY = " ".join(SENTENCES)


@pytest.fixture
def api() -> APIClient:
    cache.clear()
    yield APIClient()
    cache.clear()


@pytest.fixture
def corpus(seed) -> None:
    call_command("generate_synthetic", claims=300, seed=3, force=True, verbosity=0)
    article = Article.objects.create(
        title="Night of shelling",
        slug="night-of-shelling",
        published_on=dt.date(2020, 10, 9),
        language="en",
        publisher="Mədəniyyət TV",
        body=BODY,
    )
    for number, sentence in enumerate(SENTENCES):
        start, end = locate_quote(BODY, sentence)
        Claim.objects.create(
            article=article,
            quote=sentence,
            text=sentence.upper() if number % 2 else sentence,
            span_start=start,
            span_end=end,
            category="other",
            channel="in a statement to Mədəniyyət TV" if number == 0 else "",
            status="published",
        )
        Incident.objects.create(
            title=sentence[:60],
            slug=f"night-{number}",
            kind="other",
            description=sentence,
            date_text="the night of 9 Ekim" if number == 1 else "",
            status="published",
        )
