"""The reader search page finds what the API's ?search= finds: one search, in conflict.search."""

import re
from urllib.parse import urlencode

import pytest
from rest_framework.filters import search_smart_split

from conflict.models import Claim
from conflict.models.choices import ReviewStatus
from conflict.search import split_terms

pytestmark = pytest.mark.django_db

SEARCHES = ["Ganja", "ganja", "Azerbaijan shelled", '"Armed Forces"', "of Ganja", "zzqx"]


@pytest.mark.parametrize("text", [*SEARCHES, 'a,b "c d", e', '"', "'x y' z", ""])
def test_the_words_of_a_search_are_the_apis(text) -> None:
    assert split_terms(text) == search_smart_split(text)


def claims_on_page(client, text: str) -> set[int]:
    page = client.get(f"/search/?{urlencode({'q': text})}").content.decode()
    return {int(pk) for pk in re.findall(r"#claim-(\d+)", page)}


def claims_in_api(client, text: str) -> set[int]:
    query = urlencode({"search": text, "page_size": 500})
    return {row["id"] for row in client.get(f"/api/v1/claims/?{query}").json()["results"]}


@pytest.mark.parametrize("text", SEARCHES)
def test_the_page_finds_the_claims_the_api_finds(seed, client, text) -> None:
    assert claims_on_page(client, text) == claims_in_api(client, text)


def test_every_word_must_occur_and_a_draft_is_never_found(seed, client) -> None:
    published = Claim.objects.filter(status=ReviewStatus.PUBLISHED, text__icontains="Ganja")
    one = published.first()
    draft = Claim.objects.create(
        article=one.article,
        claimant=one.claimant,
        category=one.category,
        text="Ganja zzqxdraft: a draft nobody may find yet.",
        quote=one.quote,
        span_start=one.span_start,
        span_end=one.span_end,
        status=ReviewStatus.DRAFT,
    )
    assert one.pk in claims_on_page(client, "Ganja")
    assert draft.pk not in claims_on_page(client, "Ganja")
    assert claims_on_page(client, "zzqxdraft") == set()
    # Both words must occur: "Ganja" alone finds more than "Ganja zzqx".
    assert claims_on_page(client, "Ganja zzqx") == set()
