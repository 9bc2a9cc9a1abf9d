"""Smoke tests on the curated seed: the API serves the real article's records faithfully."""

import pytest

from conflict.models import Actor, Article, Claim, ClaimLink, Incident, Loss, Place

from .conftest import results

MODELS = {
    "articles": Article,
    "actors": Actor,
    "places": Place,
    "incidents": Incident,
    "claims": Claim,
    "losses": Loss,
}


@pytest.mark.parametrize("resource", sorted(MODELS))
def test_every_seed_record_is_listed_and_each_detail_answers(api, seed, resource):
    rows = results(api.get(f"/api/v1/{resource}/", {"page_size": 500}))
    assert len(rows) == MODELS[resource].objects.count() > 0
    for row in rows:
        assert api.get(row["url"]).status_code == 200


def test_every_quote_is_the_article_text_at_its_offsets(api, seed):
    article = results(api.get("/api/v1/articles/"))[0]
    body = api.get(article["url"]).json()["body"]
    claims = results(api.get("/api/v1/claims/", {"page_size": 500, "article": article["slug"]}))
    assert claims
    for claim in claims:
        assert body[claim["span_start"] : claim["span_end"]] == claim["quote"]


def test_claims_by_azerbaijan(api, seed):
    claims = results(api.get("/api/v1/claims/", {"claimant": "azerbaijan", "page_size": 500}))
    assert len(claims) == Claim.objects.filter(claimant__slug="azerbaijan").count() > 0
    assert {claim["claimant"]["slug"] for claim in claims} == {"azerbaijan"}


def test_contested_claims_are_those_in_a_contradiction(api, seed):
    contested = {
        claim["id"]
        for claim in results(api.get("/api/v1/claims/", {"contested": "true", "page_size": 500}))
    }
    in_contradiction = set()
    for source, target in ClaimLink.objects.filter(relation="contradicts").values_list(
        "source", "target"
    ):
        in_contradiction |= {source, target}
    assert contested == in_contradiction != set()


def test_the_shusha_cathedral_shelling_is_contested_by_bakus_denial(api, seed):
    incident = api.get("/api/v1/incidents/shusha-cathedral-shelling/").json()
    assert incident["contested"] is True
    assert "denies" in {claim["stance"] for claim in incident["claims"]}
    assert "shusha-cathedral" in {place["slug"] for place in incident["places"]}
