"""The reader pages in Chromium: they load cleanly, stay on our host, and show the seed right.

One browser session for the module: a single test walks the pages, each check a function
below. Its fixtures load the seed (and one draft claim) before the browser starts, since
Django refuses database calls while Playwright's event loop runs in this thread.

Each page's screenshot goes to ``$ARTIFACTS_DIR/screenshots/web/`` (default ``artifacts/``),
which CI keeps.
"""

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

SHOTS = Path(os.environ.get("ARTIFACTS_DIR", "artifacts")) / "screenshots" / "web"
ARTICLE = "new-clashes-azerbaijan-armenia-ahead-of-talks"
GANJA = (40.6828, 46.3606)
PAGES = {
    "home": "/",
    "article": f"/articles/{ARTICLE}/",
    "incident": "/incidents/tochka-u-strikes/",
    "actor": "/actors/armenia/",
    "map": "/map/",
    "tolls": "/tolls/",
    "search": "/search/?q=Ganja",
}


@dataclass(frozen=True)
class Seeded:
    published: frozenset[int]  # the article's published claims
    draft: int  # a draft claim in the same article


@pytest.fixture
def seeded(seed: None) -> Seeded:
    from conflict.models import Claim, Loss
    from conflict.models.choices import ReviewStatus

    template = Loss.objects.get(count_best=350).claim
    draft = Claim.objects.create(
        article=template.article,
        claimant=template.claimant,
        category="toll",
        text="A draft the public must not see.",
        quote=template.quote,
        span_start=template.span_start,
        span_end=template.span_end,
        stated_on=date(2020, 10, 8),
        status=ReviewStatus.DRAFT,
    )
    published = Claim.objects.filter(article__slug=ARTICLE, status=ReviewStatus.PUBLISHED)
    return Seeded(frozenset(published.values_list("pk", flat=True)), draft.pk)


@pytest.mark.django_db(transaction=True)
def test_the_reader_pages_in_chromium(live_server, seeded, browser) -> None:
    every_page_loads_without_errors_or_other_hosts(browser, live_server.url)
    the_text_pages_work_without_javascript(browser, live_server.url)
    the_article_marks_every_published_claim_and_no_draft(browser, live_server.url, seeded)
    the_map_shows_ganja_at_its_coordinates_and_a_click_opens_it(browser, live_server.url)
    the_toll_chart_shows_armenias_350_military_dead_as_armenias_claim(browser, live_server.url)


class Watched:
    """A page that records console errors, uncaught exceptions and requests to other hosts."""

    def __init__(self, browser: Any, base: str, **context: Any) -> None:
        self.base = base
        self.context = browser.new_context(**context)
        self.page = self.context.new_page()
        self.page.set_default_timeout(15_000)
        self.problems: list[str] = []
        self.page.on(
            "console",
            lambda m: (
                self.problems.append(f"console {m.type}: {m.text}")
                if m.type in {"error", "warning"}
                else None
            ),
        )
        self.page.on("pageerror", lambda e: self.problems.append(f"uncaught: {e}"))
        self.page.on("request", self.check_host)
        self.page.on(
            "response",
            lambda r: self.problems.append(f"{r.status} {r.url}") if r.status >= 400 else None,
        )

    def check_host(self, request: Any) -> None:
        if not (request.url.startswith(self.base + "/") or request.url.startswith("data:")):
            self.problems.append(f"request off the server: {request.url}")

    def goto(self, path: str) -> Any:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def close(self) -> None:
        self.context.close()


def shot(page: Any, name: str, full_page: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def every_page_loads_without_errors_or_other_hosts(browser: Any, base: str) -> None:
    for width, suffix in ((1280, ""), (390, "-phone")):
        watched = Watched(browser, base, viewport={"width": width, "height": 900})
        try:
            for name, path in PAGES.items():
                page = watched.goto(path)
                assert page.locator("main h1").count() == 1, path
                assert page.locator("header nav").count() == 1, path
                shot(page, f"{name}{suffix}")
            assert watched.problems == []
        finally:
            watched.close()


def the_text_pages_work_without_javascript(browser: Any, base: str) -> None:
    watched = Watched(browser, base, java_script_enabled=False)
    try:
        page = watched.goto(PAGES["article"])
        assert page.locator("mark[data-claim]").count() > 0
        page = watched.goto("/tolls/?side=armenia")
        assert page.locator("svg.chart g.point").count() > 0
        assert watched.problems == []
    finally:
        watched.close()


def the_article_marks_every_published_claim_and_no_draft(
    browser: Any, base: str, seeded: Seeded
) -> None:
    watched = Watched(browser, base)
    try:
        page = watched.goto(PAGES["article"])
        marked = page.eval_on_selector_all(
            "mark[data-claim]", "marks => marks.map(m => Number(m.dataset.claim))"
        )
        assert set(marked) == seeded.published
        assert seeded.draft not in marked
        assert page.get_by_text("A draft the public must not see.").count() == 0
        # A denial is coloured apart from an assertion.
        asserts = page.locator("mark.stance-asserts").first.evaluate(
            "m => getComputedStyle(m).backgroundColor"
        )
        denies = page.locator("mark.stance-denies").first.evaluate(
            "m => getComputedStyle(m).backgroundColor"
        )
        assert asserts != denies
    finally:
        watched.close()


def the_map_shows_ganja_at_its_coordinates_and_a_click_opens_it(browser: Any, base: str) -> None:
    watched = Watched(browser, base)
    try:
        page = watched.goto(PAGES["map"])
        page.evaluate("([lat, lon]) => window.conflictMap.setView([lat, lon], 10)", list(GANJA))
        marker = page.locator('[data-slug="ganja-shelling"]')
        marker.wait_for()
        expected = page.evaluate(
            """([lat, lon]) => {
                const map = window.conflictMap;
                const point = map.latLngToContainerPoint([lat, lon]);
                const box = map.getContainer().getBoundingClientRect();
                return [box.left + point.x, box.top + point.y];
            }""",
            list(GANJA),
        )
        box = marker.bounding_box()
        centre = (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        assert abs(centre[0] - expected[0]) < 2
        assert abs(centre[1] - expected[1]) < 2
        assert marker.get_attribute("data-lat") == str(GANJA[0])
        shot(page, "map-ganja")
        marker.click()
        page.wait_for_url(f"{base}/incidents/ganja-shelling/")
        assert page.locator("h1").inner_text() == "Shelling of Ganja"
        assert watched.problems == []
    finally:
        watched.close()


def the_toll_chart_shows_armenias_350_military_dead_as_armenias_claim(
    browser: Any, base: str
) -> None:
    watched = Watched(browser, base)
    try:
        page = watched.goto(PAGES["tolls"])
        shot(watched.goto("/tolls/?category=killed"), "tolls-killed", full_page=True)
        page = watched.goto(PAGES["tolls"])
        chart = page.locator(
            'figure.toll[data-side="armenia"][data-category="killed"][data-population="military"]'
        )
        assert chart.locator("h3").inner_text() == "Armenia: military killed"
        point = chart.locator(
            'g.point[data-claimant="armenia"][data-count-best="350"][data-cumulative="true"]'
        )
        assert point.count() == 1
        assert point.get_attribute("data-period-start") == "2020-09-27"
        assert point.get_attribute("aria-label") == (
            "Armenia claims 350 military killed of Armenia since 2020-09-27 (as of 2020-10-08)"
        )
        assert point.is_visible()
        assert "Armenia (its own losses)" in chart.locator(".legend").inner_text()
        point.focus()  # the figures can be reached with the keyboard
        assert page.evaluate("document.activeElement.dataset.countBest") == "350"
        assert watched.problems == []
    finally:
        watched.close()
