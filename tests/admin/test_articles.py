"""Editing an article: its body stays exactly as published and keeps its claims' quotes."""

from __future__ import annotations

import pytest

from conflict.models import Article
from conflict.models.article import sha256_hex

from .conftest import BODY, World
from .helpers import admin_url, errors_of, form_data

pytestmark = pytest.mark.django_db


def change(admin_client, world: World, **changes: str):
    url = admin_url("article", "change", world.article.pk)
    data = {**form_data(admin_client.get(url)), **changes}
    return admin_client.post(url, data)


def test_a_body_edit_that_moves_a_quote_is_refused(admin_client, world: World) -> None:
    # Rewording the last sentence of the toll's paragraph breaks the toll's quote only.
    body = BODY.replace("were killed.\nDiscussion", "were wounded.\nDiscussion")
    response = change(admin_client, world, body=body)
    assert response.status_code == 200
    assert "moves the quoted text of 1 claim(s)" in errors_of(response)["body"][0]
    # The claim itself says which quote no longer matches.
    claims = response.context["inline_admin_formsets"][0].formset
    assert [form.non_field_errors() for form in claims.forms if form.errors] == [
        [
            f"Quote: The article text at {world.toll.span_start}-{world.toll.span_end} "
            "is not this quote."
        ]
    ]
    world.article.refresh_from_db()
    assert world.article.body == BODY


def test_a_body_edit_that_keeps_every_quote_is_saved(admin_client, world: World) -> None:
    body = BODY + "\nREAD MORE: another story\n"
    assert change(admin_client, world, body=body).status_code == 302
    world.article.refresh_from_db()
    assert world.article.body == body  # the final newline is kept, not trimmed
    assert world.article.body_sha256 == sha256_hex(body)


def test_a_browser_resubmitting_the_body_changes_nothing(admin_client, world: World) -> None:
    # Browsers send a textarea's line ends as CRLF.
    response = change(admin_client, world, body=BODY.replace("\n", "\r\n"), notes="Checked.")
    assert response.status_code == 302
    world.article.refresh_from_db()
    assert world.article.body == BODY
    assert world.article.notes == "Checked."


def test_the_hash_is_shown_not_edited(admin_client, world: World) -> None:
    page = admin_client.get(admin_url("article", "change", world.article.pk))
    assert "body_sha256" not in page.context["adminform"].form.fields
    assert world.article.body_sha256 in page.content.decode()
    change(admin_client, world, body_sha256="0" * 64)
    world.article.refresh_from_db()
    assert world.article.body_sha256 == sha256_hex(BODY)


def test_the_changelist_counts_each_articles_claims(admin_client, world: World) -> None:
    Article.objects.create(title="Empty", slug="empty", body="Nothing claimed here.")
    response = admin_client.get(admin_url("article", "changelist"))
    counts = {article.title: article.claim_count for article in response.context["cl"].result_list}
    assert counts == {"Clashes before ceasefire talks": 3, "Empty": 0}
    assert '<td class="field-claim_count">3</td>' in response.content.decode()


def test_the_article_lists_its_claims_with_links_to_edit_them(admin_client, world: World) -> None:
    html = admin_client.get(admin_url("article", "change", world.article.pk)).content.decode()
    for claim in (world.report, world.denial, world.toll):
        assert admin_url("claim", "change", claim.pk) in html
    assert "the city of Ganja had been shelled" in html
    # The "add a claim" link opens the claim form on this article.
    link = f"{admin_url('claim', 'add')}?article={world.article.pk}"
    assert link in html
    form = admin_client.get(link).context["adminform"].form
    assert str(form["article"].value()) == str(world.article.pk)
