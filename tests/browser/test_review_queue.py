"""An editor publishes an ingested article's drafts from the review queue, in Chromium.

The story: an article comes in through the API; the editor opens its queue from the article
list, sees a claim's quote marked in the text, is told the claim waits for its draft
claimant, publishes the claimant, then the claim; the public API shows the claim. Then
"Publish all" empties the queue.
"""

import json

import pytest
from django.contrib.auth import get_user_model

from conflict.editors import ensure_editors_group

from .test_admin_review import shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-browser-test-password"  # a throwaway account in the test database
BODY = (
    "Azerbaijan said Armenian forces shelled the city of Ganja on Thursday, killing 2 "
    "civilians.\n"
    "Armenia denied shelling Ganja. Baku said 3 servicemen were killed near Tartar.\n"
)
SHELLED = (
    "Azerbaijan said Armenian forces shelled the city of Ganja on Thursday, killing 2 civilians."
)


@pytest.fixture
def editor_account(db) -> str:
    """Created before the browser starts (see conftest.browser)."""
    from django.apps import apps

    user = get_user_model().objects.create_user("sam.editor", password=PASSWORD, is_staff=True)
    user.groups.add(ensure_editors_group(apps))
    return user.username


def test_an_editor_publishes_an_ingested_draft_from_the_queue(live_server, editor_account, browser):
    from playwright.sync_api import expect

    base = live_server.url
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)

    page.goto(f"{base}/admin/login/?next=/admin/")
    page.fill("#id_username", editor_account)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    expect(page.locator("#user-tools")).to_contain_text(editor_account)

    # The article arrives through the API, in the editor's session (CSRF token from the form).
    page.goto(f"{base}/api/v1/articles/?format=api")
    token = next(c["value"] for c in context.cookies() if c["name"] == "csrftoken")
    created = context.request.post(
        f"{base}/api/v1/articles/",
        data=json.dumps({"body": BODY, "published_on": "2020-10-08"}),
        headers={"Content-Type": "application/json", "X-CSRFToken": token, "Referer": base},
    )
    assert created.status == 201, created.text()
    article_id = created.json()["article"]["id"]

    # From the article list to its queue.
    page.goto(f"{base}/admin/conflict/article/")
    page.click(f"a[href='/admin/conflict/article/{article_id}/review/']")
    expect(page.locator("h1")).to_contain_text("Review drafts")
    row = page.locator("#draft-claims tr", has=page.locator("mark", has_text=SHELLED))
    expect(row.locator("mark")).to_have_text(SHELLED)
    claim_pk = row.get_attribute("id").removeprefix("claim-")
    shot(page, "queue-1-drafts")

    # Its claimant and its incident are drafts: the claim waits for them.
    row.locator("button[value=publish]").click()
    expect(
        page.locator(".messagelist .error", has_text="its claimant Azerbaijan is a draft")
    ).to_contain_text("publish or merge it first")
    expect(page.locator(".messagelist .error", has_text="its incident").first).to_contain_text(
        "is a draft: publish or merge it first"
    )
    actor_row = page.locator("#draft-actors tr", has_text="Azerbaijan")
    actor_row.locator("button[value=publish]").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Published: Azerbaijan.")
    # The incident names Ganja: a draft place (if the text made one) goes first.
    for table in ("#draft-places", "#draft-incidents"):
        while page.locator(f"{table} tr", has_text="Ganja").count():
            page.locator(f"{table} tr", has_text="Ganja").first.locator(
                "button[value=publish]"
            ).click()
            expect(page.locator(".messagelist .success")).to_contain_text("Published:")
    page.locator(f"#claim-{claim_pk} button[value=publish]").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Published: Azerbaijan:")
    expect(page.locator(f"#claim-{claim_pk}")).to_have_count(0)
    shot(page, "queue-2-claim-published")

    # The public sees the claim and its claimant now; not yet the other drafts.
    public = browser.new_context()
    seen = public.request.get(f"{base}/api/v1/claims/{claim_pk}/")
    assert seen.status == 200
    assert seen.json()["quote"] == SHELLED
    assert seen.json()["claimant"]["name"] == "Azerbaijan"
    assert public.request.get(f"{base}/api/v1/claims/").json()["count"] == 1

    # Publish all: the queue is empty and the public sees every claim.
    page.click("#publish-all button")
    expect(page.locator(".messagelist .success")).to_contain_text("drafts published.")
    expect(page.locator("#no-drafts")).to_be_visible()
    shot(page, "queue-3-all-published")
    claims = public.request.get(f"{base}/api/v1/claims/").json()
    assert claims["count"] == 3  # the shelling (with its toll), the denial, Baku's toll
    assert {c["status"] for c in claims["results"]} == {"published"}
    public.close()
    context.close()
