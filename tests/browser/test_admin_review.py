"""An editor curates a claim in the real admin, in Chromium, and the public sees the result.

The story the issue tells: log in; change a claim's quote to words the article does not
contain and see the form say so; fix it and save; publish a draft claim with the bulk
action; then an anonymous client of the API sees both changes, and the claim's history
names the editor who made them.
"""

import json
import os
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

from conflict.editors import ensure_editors_group
from conflict.models import Claim
from conflict.models.choices import ReviewStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-browser-test-password"  # a throwaway account in the test database
NOT_IN_ARTICLE = "Both sides agreed to a permanent ceasefire on Thursday."
# Set to a folder to keep screenshots of each step for a person to look at.
SCREENSHOTS = os.environ.get("BROWSER_SCREENSHOTS")


@dataclass
class Story:
    username: str
    edited: Claim  # a published claim whose quote the editor shortens
    new_quote: str  # a shorter quote that is in the article
    draft: Claim  # a draft claim the editor publishes


@pytest.fixture
def story(seed) -> Story:
    """Everything the database must hold before the browser starts (see conftest.browser)."""
    from django.apps import apps

    user = get_user_model().objects.create_user("maria.editor", password=PASSWORD, is_staff=True)
    user.groups.add(ensure_editors_group(apps))
    edited = Claim.objects.get(quote__startswith="Azerbaijan said the city of Ganja")
    # The same words, shorter: still in the article, so the fix is a real quote.
    new_quote = edited.quote.removesuffix(" on Thursday.")
    assert new_quote != edited.quote
    assert new_quote in edited.article.body
    draft = Claim.objects.filter(status=ReviewStatus.PUBLISHED).exclude(pk=edited.pk).first()
    draft.status = ReviewStatus.DRAFT
    draft.save()
    return Story(user.username, edited, new_quote, draft)


def shot(page, name: str) -> None:
    if SCREENSHOTS:
        os.makedirs(SCREENSHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def public_claim(browser, base_url: str, pk: int) -> tuple[int, dict]:
    """The claim as an anonymous API client sees it: a fresh context has no session."""
    context = browser.new_context()
    try:
        response = context.request.get(f"{base_url}/api/v1/claims/{pk}/")
        return response.status, json.loads(response.text())
    finally:
        context.close()


def test_editor_fixes_a_quote_and_publishes_a_draft(live_server, story, browser):
    base = live_server.url
    from playwright.sync_api import expect

    # Before: the public cannot see the draft.
    status, _ = public_claim(browser, base, story.draft.pk)
    assert status == 404

    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)

    page.goto(f"{base}/admin/login/?next=/admin/")
    page.fill("#id_username", story.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text(story.username)

    # A quote the article does not contain: the form refuses it, next to the field.
    change_url = f"{base}/admin/conflict/claim/{story.edited.pk}/change/"
    page.goto(change_url)
    page.fill("#id_quote", NOT_IN_ARTICLE)
    page.click("input[name=_save]")
    expect(page.locator(".errornote")).to_be_visible()
    quote_error = page.locator(".field-quote .errorlist")
    expect(quote_error).to_be_visible()
    expect(quote_error).to_have_text("This quote does not occur in the article text.")
    shot(page, "1-quote-not-in-article")

    # Fixed: a quote that is in the article, with a reason for the history.
    page.fill("#id_quote", story.new_quote)
    page.fill("#id_change_reason", "Quote trimmed to the reported words")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    shot(page, "2-quote-fixed")

    # The draft, published with the bulk action from the list of drafts.
    page.goto(f"{base}/admin/conflict/claim/?status__exact=draft")
    page.check(f"input[name=_selected_action][value='{story.draft.pk}']")
    page.select_option("select[name=action]", "publish")
    page.click("button[name=index]")
    expect(page.locator(".messagelist .success")).to_have_text("1 record published.")
    shot(page, "3-draft-published")

    # The public API shows both changes to an anonymous client.
    status, edited = public_claim(browser, base, story.edited.pk)
    assert status == 200
    assert edited["quote"] == story.new_quote
    body = story.edited.article.body
    assert body[edited["span_start"] : edited["span_end"]] == story.new_quote
    status, published = public_claim(browser, base, story.draft.pk)
    assert status == 200
    assert published["status"] == "published"

    # Each claim's history names the editor and says what they did.
    page.goto(f"{base}/admin/conflict/claim/{story.edited.pk}/history/")
    latest = page.locator("#change-history tbody tr").first
    expect(latest).to_contain_text(story.username)
    expect(latest).to_contain_text("Quote trimmed to the reported words")
    shot(page, "4-history-of-the-edit")
    page.goto(f"{base}/admin/conflict/claim/{story.draft.pk}/history/")
    latest = page.locator("#change-history tbody tr").first
    expect(latest).to_contain_text(story.username)
    expect(latest).to_contain_text("Bulk action: published")
    shot(page, "5-history-of-the-publish")
    context.close()
