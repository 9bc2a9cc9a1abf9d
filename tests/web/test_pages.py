"""The reader pages over the seed: what they show, what they never show, and their queries."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conflict.models import Article, Claim, ClaimLink, Incident, Loss
from conflict.models.choices import ReviewStatus

pytestmark = pytest.mark.django_db

ARTICLE = "new-clashes-azerbaijan-armenia-ahead-of-talks"
PAGES = [
    "/",
    f"/articles/{ARTICLE}/",
    "/incidents/fighting-since-2020-09-27/",
    "/actors/armenia/",
    "/map/",
    "/tolls/",
    "/search/?q=Ganja",
]


def html(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def draft_claim(**fields) -> Claim:
    template = Loss.objects.get(count_best=350).claim
    values = {
        "article": template.article,
        "claimant": template.claimant,
        "category": "toll",
        "text": "A draft nobody may see yet.",
        "quote": template.quote,
        "span_start": template.span_start,
        "span_end": template.span_end,
        "status": ReviewStatus.DRAFT,
        "stated_on": date(2020, 10, 8),
    }
    values.update(fields)
    return Claim.objects.create(**values)


def test_every_page_links_to_its_data_in_the_api_and_as_csv(seed, client) -> None:
    for url in PAGES:
        text = html(client, url)
        assert re.search(r'href="/api/v1/[^"]*"', text), url
        assert "format=csv" in text, url
        assert "<main" in text
        assert "<h1" in text


def test_the_article_marks_every_published_claim_and_no_draft(seed, client) -> None:
    draft = draft_claim()
    text = html(client, f"/articles/{ARTICLE}/")
    published = Claim.objects.filter(article__slug=ARTICLE, status=ReviewStatus.PUBLISHED)
    marked = {int(pk) for pk in re.findall(r'<mark [^>]*data-claim="(\d+)"', text)}
    assert marked == set(published.values_list("pk", flat=True))
    assert draft.pk not in marked
    assert draft.text not in text
    # The marked text is the body's own text, in order.
    assert re.sub(r"<[^>]+>", "", text.split('<div class="body"')[1].split("</div>")[0])


def test_drafts_are_not_found_and_retracted_records_are_marked(seed, client) -> None:
    Incident.objects.filter(slug="ganja-shelling").update(status=ReviewStatus.DRAFT)
    html(client, "/incidents/ganja-shelling/", 404)
    assert "Shelling of Ganja" not in html(client, "/")
    assert "ganja-shelling" not in html(client, "/map/")
    Incident.objects.filter(slug="tochka-u-strikes").update(status=ReviewStatus.RETRACTED)
    assert '<span class="badge">retracted</span>' in html(client, "/incidents/tochka-u-strikes/")


def test_a_draft_figure_is_never_charted(seed, client) -> None:
    claim = draft_claim()
    Loss.objects.create(
        claim=claim,
        side=claim.claimant,
        category="killed",
        population="military",
        count_low=4321,
        count_best=4321,
        count_high=4321,
        status=ReviewStatus.PUBLISHED,
    )
    for url in ["/", "/tolls/", "/actors/armenia/"]:
        assert "4321" not in html(client, url), url


def test_the_toll_chart_draws_armenias_350_as_armenias_claim(seed, client) -> None:
    text = html(client, "/tolls/?side=armenia&category=killed")
    point = re.search(r'<g class="point"[^>]*data-count-best="350"[^>]*>', text).group(0)
    assert 'data-claimant="armenia"' in point
    assert 'data-side="armenia"' in point
    assert 'data-period-start="2020-09-27"' in point
    assert 'data-cumulative="true"' in point
    assert "Armenia claims 350 military killed of Armenia since 2020-09-27" in text


def test_bad_filters_are_a_400_naming_the_field(seed, client) -> None:
    text = html(client, "/map/?place=atlantis", 400)
    assert "<strong>place</strong>" in text
    text = html(client, "/tolls/?stated_after=08/10/2020", 400)
    assert "<strong>stated_after</strong>" in text


def grow(seed_article: Article, n: int) -> None:
    """n more published claims in the article, each with a loss, a link and an incident."""
    template = Loss.objects.get(count_best=350).claim
    incidents = Incident.objects.bulk_create(
        Incident(
            title=f"Clash {i}",
            slug=f"clash-{i}",
            kind="armed_clash",
            occurred_on=date(2020, 10, 1 + i % 20),
            date_precision="day",
            status=ReviewStatus.PUBLISHED,
        )
        for i in range(n)
    )
    claims = Claim.objects.bulk_create(
        Claim(
            article=seed_article,
            claimant=template.claimant,
            category="toll",
            text=f"Claim {i}",
            quote=template.quote,
            span_start=template.span_start,
            span_end=template.span_end,
            stated_on=date(2020, 10, 8),
            status=ReviewStatus.PUBLISHED,
        )
        for i in range(n)
    )
    fighting = Incident.objects.get(slug="fighting-since-2020-09-27")
    for claim, incident in zip(claims, incidents, strict=True):
        claim.incidents.add(incident, fighting)
        incident.places.add(*fighting.places.all())
        incident.participations.create(actor=template.claimant, role="participant")
    Loss.objects.bulk_create(
        Loss(
            claim=claim,
            incident=fighting,
            side=template.claimant,
            category="wounded",
            population="military",
            count_low=i,
            count_best=i,
            count_high=i + 5,
            status=ReviewStatus.PUBLISHED,
        )
        for i, claim in enumerate(claims)
    )
    ClaimLink.objects.bulk_create(
        ClaimLink(source=claim, target=template, relation="supports") for claim in claims
    )


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_each_page_runs_the_same_number_of_queries_with_more_rows(seed, client) -> None:
    before = {url: queries(client, url) for url in PAGES}
    grow(Article.objects.get(slug=ARTICLE), 15)
    after = {url: queries(client, url) for url in PAGES}
    assert after == before, (before, after)
    assert all(count <= 12 for count in after.values()), after


def test_a_toll_page_charts_the_latest_figures_and_says_when_it_left_some_out(seed) -> None:
    from web.reads import charted_tolls

    everything = charted_tolls(Loss.objects.all())
    assert not everything.truncated
    few = charted_tolls(Loss.objects.all(), limit=3)
    assert few.truncated
    latest = set(Loss.objects.order_by("-id").values_list("pk", flat=True)[:3])
    assert {loss for s in few.series for p in s.points for loss in p.losses} == latest
