"""Swagger UI and ReDoc still work under their Content-Security-Policy, in Chromium."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("path", "rendered"),
    [
        ("/api/v1/docs/", ".opblock-summary-path"),  # an operation listed by Swagger UI
        ("/api/v1/redoc/", "[data-section-id^='tag/']"),  # a tag section rendered by ReDoc
    ],
)
def test_the_docs_render_under_their_csp(live_server, browser, path, rendered):
    page = browser.new_page()
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    response = page.goto(live_server.url + path)
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(rendered, timeout=20_000)
    assert violations == [], violations
    page.close()
