"""Swagger UI and ReDoc still work under their Content-Security-Policy, in Chromium.

The one load the policy blocks is ReDoc's "API docs by Redocly" logo from cdn.redoc.ly:
the docs load nothing from a CDN, which is what the policy is for."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CDN_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


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

    def on_console(message: object) -> None:
        text = message.text
        if "Content Security Policy" in text and CDN_LOGO not in text:
            violations.append(text)

    page.on("console", on_console)
    response = page.goto(live_server.url + path)
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(rendered, state="attached", timeout=20_000)
    assert violations == [], violations
    page.close()
