"""Review status: the public reads what editors published; nothing nested leaks a draft."""

import json

import pytest
from rest_framework.test import APIClient

from conflict.models import Actor, Article, Claim, Incident, Loss, Place

from .helpers import attrs

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(seed):
    """Claim 48 (the only claim contradicting 47) is a draft, claim 9 is retracted, loss 2
    is a draft, and incident 18 is a draft."""
    Claim.objects.filter(pk=48).update(status="draft")
    Claim.objects.filter(pk=9).update(status="retracted")
    Loss.objects.filter(pk=2).update(status="draft")
    Incident.objects.filter(pk=18).update(status="draft")


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_the_seed_is_published_and_public(seed):
    assert set(Claim.objects.values_list("status", flat=True)) == {"published"}
    assert len(ids(APIClient().get("/api/v1/claims/", {"page_size": 500}))) == 55


def test_anonymous_readers_see_published_records_only(reviewed):
    api = APIClient()
    claims = ids(api.get("/api/v1/claims/", {"page_size": 500}))
    assert {48, 9}.isdisjoint(claims)
    assert 47 in claims
    assert len(claims) == 53
    assert 2 not in ids(api.get("/api/v1/losses/", {"page_size": 500}))
    assert 18 not in ids(api.get("/api/v1/incidents/", {"page_size": 500}))
    assert api.get("/api/v1/claims/48/").status_code == 404
    assert api.get("/api/v1/incidents/18/").status_code == 404


def test_retracted_records_are_shown_when_asked_for_and_marked(reviewed):
    api = APIClient()
    assert ids(api.get("/api/v1/claims/", {"status": "retracted"})) == [9]
    both = ids(api.get("/api/v1/claims/", {"status": "published,retracted", "page_size": 500}))
    assert 9 in both
    assert len(both) == 54
    detail = api.get("/api/v1/claims/9/")
    assert detail.status_code == 200
    assert detail.json()["status"] == "retracted"


def test_drafts_are_refused_to_the_public_by_name(reviewed):
    response = APIClient().get("/api/v1/claims/", {"status": "draft"})
    assert response.status_code == 403
    assert attrs(response) == ["status"]
    unknown = APIClient().get("/api/v1/claims/", {"status": "hidden"})
    assert unknown.status_code == 400
    assert attrs(unknown) == ["status"]


def test_editors_see_every_status_and_filter_by_it(reviewed, editor_api):
    assert len(ids(editor_api.get("/api/v1/claims/", {"page_size": 500}))) == 55
    assert ids(editor_api.get("/api/v1/claims/", {"status": "draft"})) == [48]
    assert editor_api.get("/api/v1/claims/48/").json()["status"] == "draft"
    assert ids(editor_api.get("/api/v1/losses/", {"status": "draft"})) == [2]


def test_nested_summaries_do_not_leak_drafts(reviewed, editor_api):
    api = APIClient()
    public = api.get("/api/v1/claims/47/").json()
    assert public["links"] == []
    assert public["contested"] is False  # its only contradiction is a draft
    edited = editor_api.get("/api/v1/claims/47/").json()
    assert [link["claim"]["id"] for link in edited["links"]] == [48]
    assert edited["contested"] is True

    toll = api.get("/api/v1/claims/13/").json()  # reports losses 2 and 3; 2 is a draft
    assert [loss["id"] for loss in toll["losses"]] == [3]
    incident = api.get("/api/v1/incidents/6/").json()
    assert 2 not in [loss["id"] for loss in incident["losses"]]
    claim_of_18 = Claim.objects.filter(incidents=18).first()
    assert 18 not in [
        i["id"] for i in api.get(f"/api/v1/claims/{claim_of_18.pk}/").json()["incidents"]
    ]
    # Loss 16 is about draft incident 18: it is not public either.
    assert api.get("/api/v1/losses/16/").status_code == 404


def test_the_article_counts_the_claims_its_reader_may_see(reviewed, editor_api):
    article = Article.objects.get()
    assert APIClient().get(f"/api/v1/articles/{article.pk}/").json()["claim_count"] == 53
    assert editor_api.get(f"/api/v1/articles/{article.pk}/").json()["claim_count"] == 55


@pytest.mark.parametrize(
    ("path", "parameter", "draft"),
    [
        ("/api/v1/claims/", "incident", lambda: Incident.objects.get(pk=18).slug),
        ("/api/v1/claims/", "incident", lambda: "18"),
        ("/api/v1/losses/", "claim", lambda: "48"),
        ("/api/v1/losses/export/", "incident", lambda: "18"),
    ],
)
def test_a_draft_named_in_a_filter_is_not_found_for_the_public(
    reviewed, editor_api, path, parameter, draft
):
    # The same answer as for a slug or id that never existed: the public cannot learn that
    # a draft exists, nor its slug, by probing the filters.
    name = draft()
    public = APIClient().get(path, {parameter: name})
    nothing = APIClient().get(
        path, {parameter: "no-such-record" if parameter == "incident" else "999999"}
    )
    assert public.status_code == nothing.status_code == 400
    assert public.json()["errors"][0]["attr"] == parameter
    assert public.json()["errors"][0]["detail"] == f"Not found: {name}."
    assert editor_api.get(path, {parameter: name}).status_code == 200


def test_a_retracted_record_may_be_named_in_a_filter(reviewed):
    # It can be fetched by id, so naming it reveals nothing.
    assert APIClient().get("/api/v1/losses/", {"claim": "9"}).status_code == 200


def test_a_loss_whose_claim_is_retracted_is_listed_only_when_retracted_records_are_asked_for(
    reviewed,
):
    # Claim 21's four published losses stand on its statement: once it is retracted, the
    # default public list (and export) leaves them out, as it leaves out the claim; asked
    # for, they come, and each can still be fetched by id.
    Claim.objects.filter(pk=21).update(status="retracted")
    api = APIClient()
    of_21 = set(Loss.objects.filter(claim=21).values_list("pk", flat=True))
    assert len(of_21) == 4
    default = set(ids(api.get("/api/v1/losses/", {"page_size": 500})))
    both = {"status": "published,retracted", "page_size": 500}
    assert of_21.isdisjoint(default)
    assert of_21 <= set(ids(api.get("/api/v1/losses/", both)))
    assert all(api.get(f"/api/v1/losses/{pk}/").status_code == 200 for pk in of_21)
    exported = api.get("/api/v1/losses/export/", {"format": "ndjson"})
    # The last line marks the end of the export ({"_complete": true, ...}), not a record.
    *lines, _ = b"".join(exported.streaming_content).splitlines()
    assert of_21.isdisjoint(json.loads(line)["id"] for line in lines)
    assert default == {json.loads(line)["id"] for line in lines}


def test_a_draft_in_between_does_not_make_a_row_match_for_the_public(reviewed, editor_api):
    # ?claimant= on incidents goes through the claims about them, ?place= on claims
    # through their incidents: a draft claim or draft incident on that path is not seen
    # by the public, so it must not make an incident or a claim match either.
    speaker = Actor.objects.create(name="Unpublished speaker", slug="unpublished-speaker")
    Claim.objects.filter(pk=48).update(claimant=speaker)  # the draft claim
    hidden_place = Place.objects.create(name="Unpublished place", slug="unpublished-place")
    Incident.objects.get(pk=18).places.add(hidden_place)  # the draft incident
    api = APIClient()
    by_speaker = {"claimant": speaker.slug}
    at_place = {"place": hidden_place.slug}
    assert ids(api.get("/api/v1/incidents/", by_speaker)) == []
    assert ids(api.get("/api/v1/claims/", at_place)) == []
    assert ids(editor_api.get("/api/v1/incidents/", by_speaker)) == [17]
    assert set(ids(editor_api.get("/api/v1/claims/", at_place))) == set(
        Claim.objects.filter(incidents=18).values_list("pk", flat=True)
    )
