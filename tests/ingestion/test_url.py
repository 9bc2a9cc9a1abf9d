"""Ingesting from a URL: pages we write, served by a real HTTP server on 127.0.0.1.

The server is a thread in this process; ``INGEST_ALLOW_PRIVATE_HOSTS`` is turned on to fetch
from it, except in the test proving that a loopback host is refused by default.
"""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from conflict.fetching import FetchError, fetch_article
from conflict.models import Article

PAGES = Path(__file__).parent / "pages"
STRIKE = (PAGES / "strike.html").read_bytes()
NAV_ONLY = b"""<!DOCTYPE html><html><head><title>Example Wire</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav><footer>(c) Example Wire</footer>
</body></html>"""
UNDATED = STRIKE.replace(
    b'<meta property="article:published_time" content="2020-10-09T07:30:00+00:00">', b""
).replace(b"Overnight shelling", b"Shelling")

ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/strike": (200, {"Content-Type": "text/html; charset=utf-8"}, STRIKE),
    "/undated": (200, {"Content-Type": "text/html; charset=utf-8"}, UNDATED),
    "/moved": (302, {"Location": "/strike"}, b""),
    "/loop": (302, {"Location": "/loop"}, b""),
    "/data.json": (200, {"Content-Type": "application/json"}, b'{"text": "no"}'),
    "/nav-only": (200, {"Content-Type": "text/html"}, NAV_ONLY),
    "/huge": (200, {"Content-Type": "text/html"}, STRIKE + b"<!--" + b"x" * 300_000 + b"-->"),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, headers, body = ROUTES.get(self.path, (404, {"Content-Type": "text/html"}, b""))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # quiet test output
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def private_ok(settings):
    settings.INGEST_ALLOW_PRIVATE_HOSTS = True
    return settings


def test_the_main_text_title_and_date_are_extracted(site, private_ok):
    page = fetch_article(f"{site}/strike")
    assert page.title == "Overnight shelling hits Tavush villages"
    assert str(page.published_on) == "2020-10-09"
    assert "killing one civilian and wounding three others" in page.text
    assert "Our forces did not fire at any settlement in Tavush" in page.text
    for boilerplate in ("SUBSCRIBE NOW", "Ceasefire talks stall", "Totally fake", "Privacy"):
        assert boilerplate not in page.text


def test_a_redirect_is_followed_and_the_final_url_kept(site, private_ok):
    assert fetch_article(f"{site}/moved").url == f"{site}/strike"


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ("/loop", "too_many_redirects"),
        ("/data.json", "not_html"),
        ("/nav-only", "no_article_text"),
        ("/missing", "unreachable"),
        ("/huge", "too_large"),
    ],
)
def test_pages_that_give_no_article_are_refused_with_a_reason(site, private_ok, path, code):
    private_ok.INGEST_FETCH_MAX_BYTES = 100_000
    with pytest.raises(FetchError) as caught:
        fetch_article(f"{site}{path}")
    assert caught.value.code == code
    assert f"{site}{path}" in str(caught.value)


def test_an_unreachable_port_is_refused(private_ok):
    with pytest.raises(FetchError) as caught:
        fetch_article("http://127.0.0.1:9/nothing-listens-here")
    assert caught.value.code == "unreachable"


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_loopback_hosts_are_refused_by_default(site, settings, host):
    assert settings.INGEST_ALLOW_PRIVATE_HOSTS is False
    url = site.replace("127.0.0.1", host) + "/strike"
    with pytest.raises(FetchError) as caught:
        fetch_article(url)
    assert caught.value.code == "private_host"


@pytest.mark.parametrize(
    "url", ["http://10.1.2.3/a", "http://169.254.169.254/latest/", "http://[::1]/a", "ftp://x/a"]
)
def test_private_link_local_and_non_http_addresses_are_refused(settings, url):
    with pytest.raises(FetchError) as caught:
        fetch_article(url)
    assert caught.value.code in {"private_host", "invalid_url"}


@pytest.mark.django_db
def test_manage_py_ingest_url_stores_the_page(site, private_ok):
    out = StringIO()
    call_command("ingest", "--url", f"{site}/strike", stdout=out)
    article = Article.objects.get()
    assert article.source_url == f"{site}/strike"
    assert article.title == "Overnight shelling hits Tavush villages"
    assert str(article.published_on) == "2020-10-09"
    assert article.claims.exists()
    assert "1 article(s): 1 stored, 0 already stored, 0 failed." in out.getvalue()


@pytest.mark.django_db
def test_manage_py_ingest_url_names_the_failure(site, private_ok):
    with pytest.raises(CommandError, match=r"source_url: .* is not an HTML page"):
        call_command("ingest", "--url", f"{site}/data.json", stdout=StringIO())
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_post_with_source_url_and_no_body_fetches_the_page(site, private_ok, editor_api):
    response = editor_api.post("/api/v1/articles/", {"source_url": f"{site}/strike"}, format="json")
    assert response.status_code == 201, response.json()
    article = response.json()["article"]
    assert article["title"] == "Overnight shelling hits Tavush villages"
    assert article["published_on"] == "2020-10-09"
    assert article["source_url"] == f"{site}/strike"
    assert "SUBSCRIBE NOW" not in article["body"]
    again = editor_api.post("/api/v1/articles/", {"source_url": f"{site}/strike"}, format="json")
    assert again.status_code == 409


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "attr", "code"),
    [
        ("/data.json", "source_url", "not_html"),
        ("/nav-only", "source_url", "no_article_text"),
        ("/undated", "published_on", "required"),
    ],
)
def test_post_with_a_bad_source_url_is_a_400_naming_it(
    site, private_ok, editor_api, path, attr, code
):
    response = editor_api.post("/api/v1/articles/", {"source_url": f"{site}{path}"}, format="json")
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert (error["attr"], error["code"]) == (attr, code)
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_post_to_a_loopback_url_is_refused_by_default(site, editor_api):
    response = editor_api.post("/api/v1/articles/", {"source_url": f"{site}/strike"}, format="json")
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert (error["attr"], error["code"]) == ("source_url", "private_host")


@pytest.mark.django_db
def test_post_with_neither_body_nor_source_url_names_body(editor_api):
    response = editor_api.post("/api/v1/articles/", {"published_on": "2020-10-09"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["attr"] == "body"
