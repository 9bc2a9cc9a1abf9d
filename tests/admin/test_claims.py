"""Adding and editing claims: the quote is pasted, its offsets are found, never typed."""

from __future__ import annotations

import re

import pytest
from django.utils.html import escape

from conflict.models import Article, Claim, ClaimLink

from .conftest import BODY, REPEATED, World
from .helpers import admin_url, errors_of, form_data

pytestmark = pytest.mark.django_db


def claim_form(admin_client, world: World, quote: str, **changes: str) -> dict:
    """The add form as a browser would submit it, filled in for ``quote``."""
    data = form_data(admin_client.get(admin_url("claim", "add")))
    data.update(
        article=str(world.article.pk),
        claimant=str(world.ministry.pk),
        category="allegation",
        text="A neutral paraphrase.",
        quote=quote,
    )
    data.update(changes)
    return data


def test_pasting_a_quote_computes_its_offsets(admin_client, world: World) -> None:
    quote = "in Shusha & called it"
    response = admin_client.post(admin_url("claim", "add"), claim_form(admin_client, world, quote))
    assert response.status_code == 302
    claim = Claim.objects.get(text="A neutral paraphrase.")
    start = BODY.find(quote)
    assert (claim.span_start, claim.span_end) == (start, start + len(quote))
    assert claim.quote == quote


def test_a_quote_across_lines_pasted_from_a_browser_is_found(admin_client, world: World) -> None:
    # Browsers send textarea line ends as CRLF; the body has LF.
    pasted = "on Thursday.\r\nBaku denied"
    response = admin_client.post(admin_url("claim", "add"), claim_form(admin_client, world, pasted))
    assert response.status_code == 302
    claim = Claim.objects.get(text="A neutral paraphrase.")
    assert claim.quote == "on Thursday.\nBaku denied"
    assert BODY[claim.span_start : claim.span_end] == claim.quote


def test_a_quote_not_in_the_article_is_a_form_error(admin_client, world: World) -> None:
    before = Claim.objects.count()
    data = claim_form(admin_client, world, "Stepanakert was shelled")
    response = admin_client.post(admin_url("claim", "add"), data)
    assert response.status_code == 200
    assert errors_of(response) == {"quote": ["This quote does not occur in the article text."]}
    assert "This quote does not occur in the article text." in response.content.decode()
    assert Claim.objects.count() == before


def test_an_ambiguous_quote_needs_its_occurrence(admin_client, world: World) -> None:
    data = claim_form(admin_client, world, REPEATED)
    refused = admin_client.post(admin_url("claim", "add"), data)
    assert refused.status_code == 200
    assert "occurs 2 times" in errors_of(refused)["quote"][0]
    assert not Claim.objects.filter(text="A neutral paraphrase.").exists()

    accepted = admin_client.post(admin_url("claim", "add"), {**data, "occurrence": "1"})
    assert accepted.status_code == 302
    claim = Claim.objects.get(text="A neutral paraphrase.")
    first = BODY.find(REPEATED)
    assert (claim.span_start, claim.span_end) == (first, first + len(REPEATED))


@pytest.mark.parametrize(
    ("occurrence", "message"),
    [
        ("3", "Occurrence 3 asked for, but the quote occurs 2 time(s)."),
        ("0", "Ensure this value is greater than or equal to 1."),
    ],
)
def test_an_occurrence_out_of_range_is_its_own_error(
    admin_client, world: World, occurrence: str, message: str
) -> None:
    data = claim_form(admin_client, world, REPEATED, occurrence=occurrence)
    response = admin_client.post(admin_url("claim", "add"), data)
    assert response.status_code == 200
    assert errors_of(response) == {"occurrence": [message]}
    assert not Claim.objects.filter(text="A neutral paraphrase.").exists()


def test_offsets_are_shown_not_typed(admin_client, world: World) -> None:
    page = admin_client.get(admin_url("claim", "change", world.report.pk))
    form = page.context["adminform"].form
    assert "span_start" not in form.fields
    assert "span_end" not in form.fields
    # Typed offsets are ignored: the quote decides.
    data = {**form_data(page), "span_start": "0", "span_end": "5"}
    admin_client.post(admin_url("claim", "change", world.report.pk), data)
    world.report.refresh_from_db()
    assert world.report.span_start == BODY.find(world.report.quote)


def test_changing_the_quote_recomputes_the_offsets(admin_client, world: World) -> None:
    url = admin_url("claim", "change", world.report.pk)
    quote = "Ganja had been shelled on Thursday"
    data = {**form_data(admin_client.get(url)), "quote": quote}
    assert admin_client.post(url, data).status_code == 302
    world.report.refresh_from_db()
    assert (world.report.span_start, world.report.span_end) == (
        BODY.find(quote),
        BODY.find(quote) + len(quote),
    )


def test_moving_a_claim_to_another_article_recomputes_the_offsets(
    admin_client, world: World
) -> None:
    other = Article.objects.create(
        title="Another report", slug="another", body="Earlier: the city of Ganja had been shelled"
    )
    url = admin_url("claim", "change", world.report.pk)
    data = {**form_data(admin_client.get(url)), "article": str(other.pk)}
    assert admin_client.post(url, data).status_code == 302
    world.report.refresh_from_db()
    assert world.report.article == other
    assert world.report.span_start == other.body.find(world.report.quote) == 9


def test_editing_other_fields_keeps_a_chosen_occurrence(admin_client, world: World) -> None:
    # The toll is the second of two identical sentences; re-saving must not re-locate it.
    url = admin_url("claim", "change", world.toll.pk)
    data = {**form_data(admin_client.get(url)), "text": "Armenia gave its toll."}
    assert admin_client.post(url, data).status_code == 302
    world.toll.refresh_from_db()
    assert world.toll.text == "Armenia gave its toll."
    assert world.toll.span_start == BODY.rfind(REPEATED)


def quote_context(html: str) -> str:
    match = re.search(r'<div class="quote-context"[^>]*>(.*?)</div>', html, re.DOTALL)
    assert match, "no quote context on the page"
    return match.group(1)


def test_the_quote_is_marked_in_its_paragraph_with_html_escaped(admin_client, world: World) -> None:
    html = admin_client.get(admin_url("claim", "change", world.denial.pk)).content.decode()
    assert quote_context(html) == (
        "<mark>Baku denied shelling the &lt;b&gt;cathedral&lt;/b&gt;</mark>"
        " in Shusha &amp; called it &quot;a provocation&quot;."
    )
    assert "<b>cathedral</b>" not in html


def test_a_repeated_quote_is_marked_where_the_claim_points(admin_client, world: World) -> None:
    html = admin_client.get(admin_url("claim", "change", world.toll.pk)).content.decode()
    assert quote_context(html) == f"{REPEATED} <mark>{REPEATED}</mark>"
    assert "occurs 2 times in the article; this claim is occurrence 2." in html


def test_unlinking_the_only_claim_behind_an_incident_is_refused(admin_client, world: World) -> None:
    url = admin_url("claim", "change", world.report.pk)
    data = {**form_data(admin_client.get(url)), "incidents": []}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "only one backing: Shelling of Ganja" in errors_of(response)["incidents"][0]
    assert list(world.incident.claims.all()) == [world.report]


def test_deleting_the_only_claim_behind_an_incident_is_refused(admin_client, world: World) -> None:
    url = admin_url("claim", "delete", world.report.pk)
    response = admin_client.post(url, {"post": "yes"})
    assert response.status_code == 200
    assert "Shelling of Ganja" in response.content.decode()
    assert Claim.objects.filter(pk=world.report.pk).exists()
    # A claim no incident rests on can go.
    assert admin_client.post(admin_url("claim", "delete", world.toll.pk), {"post": "yes"})
    assert not Claim.objects.filter(pk=world.toll.pk).exists()


def test_links_out_are_editable_and_links_in_are_shown_read_only(
    admin_client, world: World
) -> None:
    report = admin_client.get(admin_url("claim", "change", world.report.pk)).content.decode()
    assert escape(str(world.denial)) in report  # the incoming link's source
    assert 'name="links_in-0-relation"' not in report

    url = admin_url("claim", "change", world.toll.pk)
    data = form_data(admin_client.get(url))
    data.update(
        {
            "links_out-TOTAL_FORMS": "1",
            "links_out-0-relation": "contradicts",
            "links_out-0-target": str(world.report.pk),
        }
    )
    assert admin_client.post(url, data).status_code == 302
    assert ClaimLink.objects.filter(
        source=world.toll, target=world.report, relation="contradicts"
    ).exists()


def test_a_loss_added_on_the_claim_page_is_validated(admin_client, world: World) -> None:
    url = admin_url("claim", "change", world.report.pk)
    data = form_data(admin_client.get(url))
    data.update(
        {
            "losses-TOTAL_FORMS": "1",
            "losses-0-category": "killed",
            "losses-0-count_best": "1",
        }
    )
    refused = admin_client.post(url, data)
    assert refused.status_code == 200
    formset = next(
        inline.formset
        for inline in refused.context["inline_admin_formsets"]
        if inline.formset.prefix == "losses"
    )
    assert formset.errors[0] == {"population": ["Say whose people: civilian, military or unknown."]}
    assert not world.report.losses.exists()

    data["losses-0-population"] = "civilian"
    assert admin_client.post(url, data).status_code == 302
    assert world.report.losses.get().count_best == 1
