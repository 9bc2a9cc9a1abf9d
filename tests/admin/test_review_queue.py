"""The review queue: an ingested article's drafts, published, rejected or merged by an editor."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from conflict.ingestion import ingest_article
from conflict.models import Actor, Article, Claim, Incident, Loss, Place
from conflict.models.choices import ReviewStatus

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED = ReviewStatus.DRAFT, ReviewStatus.PUBLISHED
BODY = (
    "Azerbaijan said Armenian forces shelled the city of Ganja on Thursday, killing 2 "
    "civilians.\n"
    "Armenia denied shelling Ganja. Baku said 3 servicemen were killed near Tartar.\n"
)
# Another outlet's report of the Ganja shelling, in its own words.
SECOND_REPORT = (
    "Ganja\n\nTwo civilians were killed when Armenian forces shelled Ganja on Thursday, "
    "Azerbaijan said.\n"
)


@pytest.fixture
def curated(db) -> Actor:
    """A published actor the gazetteer does not match by the article's word "Azerbaijan".

    No country: with one, the gazetteer would take "Baku said" as this state speaking
    (Gazetteer.state), and these tests need the draft actors an unmatched ingest leaves."""
    return Actor.objects.create(
        name="Republic of Azerbaijan", slug="republic-of-azerbaijan", kind="state"
    )


@pytest.fixture
def article(curated) -> Article:
    return ingest_article(BODY, dt.date(2020, 10, 8)).article


@pytest.fixture
def client(editor) -> Client:
    client = Client()
    client.force_login(editor)
    return client


def queue_url(article: Article) -> str:
    return reverse("admin:conflict_article_review", args=[article.pk])


def act(client: Client, article: Article, do: str, record: str = "", **extra: str):
    response = client.post(queue_url(article), {"do": do, "record": record, **extra}, follow=True)
    assert response.status_code == 200
    return [str(m) for m in response.context["messages"]]


def test_the_queue_lists_every_draft_with_its_quote_marked(client, article):
    response = client.get(queue_url(article))
    assert response.status_code == 200
    page = response.content.decode()
    shelled = Claim.objects.get(quote__contains="shelled the city of Ganja")
    # The quote is marked inside its paragraph, the paragraph's other words around it.
    assert f"<mark>{shelled.quote}</mark>" in page
    assert "<mark>2 civilians</mark>" in page  # a loss: its number marked in the claim
    for model, prefix in [(Claim, "claim"), (Incident, "incident"), (Loss, "loss")]:
        for pk in model.objects.values_list("pk", flat=True):
            assert f'id="{prefix}-{pk}"' in page
    for actor in Actor.objects.filter(status=DRAFT):
        assert f'id="actor-{actor.pk}"' in page
    assert f'id="actor-{Actor.objects.get(slug="republic-of-azerbaijan").pk}"' not in page
    for place in Place.objects.all():
        assert f'id="place-{place.pk}"' in page
    # The article's list and page link to it.
    listing = client.get(reverse("admin:conflict_article_changelist")).content.decode()
    assert f'href="{queue_url(article)}"' in listing
    change = client.get(reverse("admin:conflict_article_change", args=[article.pk]))
    assert f'href="{queue_url(article)}"' in change.content.decode()


def test_each_draft_offers_its_decisions(client, article, curated):
    page = client.get(queue_url(article)).content.decode()
    for model, kind in [(Claim, "claim"), (Incident, "incident"), (Loss, "loss")]:
        for pk in model.objects.values_list("pk", flat=True):
            assert f'name="record" value="{kind}:{pk}"' in page
    # New actors and places can also be merged into a published one, which the list offers.
    for actor in Actor.objects.filter(status=DRAFT):
        assert f'name="record" value="actor:{actor.pk}"' in page
        assert f'aria-label="Merge {actor.name} into"' in page
    assert f'<option value="{curated.pk}">{curated.name}</option>' in page
    assert page.count('value="publish"') == page.count('value="reject"')
    assert page.count('value="merge"') == Actor.objects.filter(status=DRAFT).count() + (
        Place.objects.filter(status=DRAFT).count()
    )


def test_markup_in_the_text_is_shown_not_run(client, curated):
    body = 'Armenia said <script>alert("x")</script> 5 tanks were destroyed.'
    article = ingest_article(body, dt.date(2020, 10, 8)).article
    page = client.get(queue_url(article)).content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page


def test_a_claim_waits_for_its_draft_claimant_then_publishes(client, article):
    claim = Claim.objects.get(quote__contains="shelled the city of Ganja")
    (incident,) = claim.incidents.all()  # a draft too: a published claim names neither
    messages = act(client, article, "publish", f"claim:{claim.pk}")
    assert messages == [
        f"{claim}: its claimant Azerbaijan is a draft: publish or merge it first",
        f"{claim}: its incident {incident} is a draft: publish or merge it first",
    ]
    claim.refresh_from_db()
    assert claim.status == DRAFT
    act(client, article, "publish", f"actor:{claim.claimant_id}")
    for place in incident.places.filter(status=DRAFT):
        act(client, article, "publish", f"place:{place.pk}")
    assert act(client, article, "publish", f"incident:{incident.pk}") == [f"Published: {incident}."]
    assert act(client, article, "publish", f"claim:{claim.pk}") == [f"Published: {claim}."]
    claim.refresh_from_db()
    assert claim.status == PUBLISHED
    entry = claim.history.first()
    assert (entry.history_user.username, entry.history_change_reason) == (
        "editor",
        "Published from the review queue",
    )


def test_publish_all_publishes_every_draft_of_the_article(client, article):
    drafts = Claim.objects.count() + Incident.objects.count() + Loss.objects.count()
    drafts += Actor.objects.filter(status=DRAFT).count() + Place.objects.count()
    assert act(client, article, "publish_all") == [f"{drafts} drafts published."]
    for model in (Claim, Incident, Loss, Actor, Place):
        assert not model.objects.filter(status=DRAFT).exists(), model
    assert 'id="no-drafts"' in client.get(queue_url(article)).content.decode()


def test_rejecting_a_claim_deletes_it_with_what_only_it_backed(client, article):
    claim = Claim.objects.get(quote__startswith="Baku said 3 servicemen")
    (incident,) = claim.incidents.all()
    assert list(incident.claims.all()) == [claim]
    (loss,) = claim.losses.all()
    messages = act(client, article, "reject", f"claim:{claim.pk}")
    assert messages == [f"Rejected and deleted: {claim} and 1 incident(s) only it backed."]
    assert not Claim.objects.filter(pk=claim.pk).exists()
    assert not Incident.objects.filter(pk=incident.pk).exists()
    assert not Loss.objects.filter(pk=loss.pk).exists()
    # An incident another claim still backs stays. The extractor keeps ", killing 2
    # civilians" inside its claim, so in this article each incident has one claim: a second
    # report of the Ganja shelling, attached to it by ingest matching, is the other.
    shelled = Claim.objects.get(quote__contains="shelled the city of Ganja")
    (ganja,) = shelled.incidents.all()
    ingest_article(SECOND_REPORT, dt.date(2020, 10, 8), publisher="Outlet Two")
    (other,) = Claim.objects.filter(article__publisher="Outlet Two")
    assert list(other.incidents.all()) == [ganja]
    messages = act(client, article, "reject", f"claim:{shelled.pk}")
    assert messages == [f"Rejected and deleted: {shelled}."]
    assert not Claim.objects.filter(pk=shelled.pk).exists()
    assert list(Incident.objects.get(pk=ganja.pk).claims.all()) == [other]
    # The history keeps the deleted draft, with who and why.
    gone = Claim.history.filter(id=claim.pk, history_type="-").get()
    assert (gone.history_user.username, gone.history_change_reason) == (
        "editor",
        "Rejected in the review queue",
    )


def test_rejecting_an_actor_still_named_is_refused(client, article):
    armenia = Actor.objects.get(name="Armenia")
    (message,) = act(client, article, "reject", f"actor:{armenia.pk}")
    assert message.startswith("Armenia is still named by 1 claim(s) as claimant")
    assert Actor.objects.filter(pk=armenia.pk).exists()


def test_rejecting_a_place_removes_it_from_its_incidents(client, article):
    tartar = Place.objects.get(name="Tartar")
    incident = tartar.incidents.get()
    act(client, article, "reject", f"place:{tartar.pk}")
    assert not Place.objects.filter(pk=tartar.pk).exists()
    assert tartar not in incident.places.all()


def test_a_published_record_is_not_rejected_here(client, article):
    loss = Loss.objects.first()
    loss.status = PUBLISHED
    loss.save()
    (message,) = act(client, article, "reject", f"loss:{loss.pk}")
    assert message == "That record is not a draft of this article (any more)."
    assert Loss.objects.filter(pk=loss.pk).exists()


def test_merging_a_draft_actor_moves_every_reference(client, article, curated):
    draft = Actor.objects.get(name="Azerbaijan", status=DRAFT)
    claims = set(draft.claims.values_list("pk", flat=True))
    assert claims
    child = Actor.objects.create(name="Azerbaijani army", slug="az-army", kind="armed_force")
    child.parent = draft
    child.save()
    Loss.objects.filter(claim__in=claims).update(side=draft)
    sides = set(draft.losses.values_list("pk", flat=True))
    messages = act(client, article, "merge", f"actor:{draft.pk}", into=str(curated.pk))
    assert messages[0].startswith("Merged Azerbaijan into Republic of Azerbaijan: ")
    assert not Actor.objects.filter(pk=draft.pk).exists()
    assert set(curated.claims.values_list("pk", flat=True)) == claims
    assert set(curated.losses.values_list("pk", flat=True)) == sides
    child.refresh_from_db()
    assert child.parent == curated
    curated.refresh_from_db()
    assert curated.aliases == ["Azerbaijan"]
    assert curated.status == PUBLISHED
    # Recorded in history: the moved claim and the target say why.
    claim = Claim.objects.get(pk=min(claims))
    assert claim.history.first().history_change_reason == (
        f"Merged draft actor 'Azerbaijan' (id {draft.pk}) into 'Republic of Azerbaijan'"
    )
    assert curated.history.first().history_change_reason.startswith("Merged draft actor")
    # The next article naming "Azerbaijan" finds the curated actor by its new alias.
    again = ingest_article("Azerbaijan said 4 tanks were destroyed.", dt.date(2020, 10, 9))
    assert again.article.claims.get().claimant == curated


def test_merging_a_draft_place_moves_its_incidents(client, article):
    ganja = Place.objects.create(
        name="Gəncə", slug="gence", kind="city_town", country="AZ", aliases=["Gyandzha"]
    )
    draft = Place.objects.get(name="Ganja", status=DRAFT)
    incidents = set(draft.incidents.values_list("pk", flat=True))
    act(client, article, "merge", f"place:{draft.pk}", into=str(ganja.pk))
    assert set(ganja.incidents.values_list("pk", flat=True)) == incidents
    ganja.refresh_from_db()
    assert ganja.aliases == ["Gyandzha", "Ganja"]
    assert not Place.objects.filter(pk=draft.pk).exists()
    incident = Incident.objects.get(pk=min(incidents))
    assert incident.history.first().history_change_reason.startswith("Merged draft place 'Ganja'")


def test_merge_needs_a_target_and_not_itself(client, article):
    draft = Actor.objects.get(name="Armenia")
    assert act(client, article, "merge", f"actor:{draft.pk}") == [
        "Choose the existing actor to merge into."
    ]
    assert act(client, article, "merge", f"actor:{draft.pk}", into=str(draft.pk)) == [
        "A record cannot be merged into itself."
    ]
    assert Actor.objects.filter(pk=draft.pk).exists()


def test_the_queue_needs_editor_rights(article):
    User.objects.create_user("viewer", password="a long viewer password 1", is_staff=True)
    client = Client()
    client.login(username="viewer", password="a long viewer password 1")
    assert client.get(queue_url(article)).status_code == 403
    claim = Claim.objects.first()
    client.post(queue_url(article), {"do": "publish", "record": f"claim:{claim.pk}"})
    claim.refresh_from_db()
    assert claim.status == DRAFT


def test_the_queue_costs_the_same_queries_for_a_short_and_a_long_article(client, curated):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.extraction.test_paragraphs import KHARTOUM, KHERSON, KHERSON_DATE

    def queries(of: Article) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(queue_url(of)).status_code == 200
        return len(captured.captured_queries)

    short = ingest_article(KHERSON, KHERSON_DATE).article
    long = ingest_article(KHERSON.replace("Kherson", "Odesa") + KHARTOUM, KHERSON_DATE).article
    assert long.claims.count() > short.claims.count() + 5
    assert queries(long) == queries(short)


def test_the_bulk_publish_action_skips_claims_naming_a_draft(client, article):
    waiting = Claim.objects.filter(claimant__status=DRAFT)
    assert waiting.exists()
    response = client.post(
        reverse("admin:conflict_claim_changelist"),
        {"action": "publish", "_selected_action": list(Claim.objects.values_list("pk", flat=True))},
        follow=True,
    )
    messages = [str(m) for m in response.context["messages"]]
    assert messages[0] == "0 records published."
    assert all(message.startswith("Not published: ") for message in messages[1:])
    assert "its claimant Azerbaijan is a draft: publish or merge it first" in messages[1]
    for claim in waiting:
        assert any(f"Not published: {claim}: its claimant" in m for m in messages)
    assert not Claim.objects.filter(status=PUBLISHED).exists()
