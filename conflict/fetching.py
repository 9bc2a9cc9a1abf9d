"""Fetching an article from a URL: the page's main text, title and stated date.

:func:`fetch_article` is what ``manage.py ingest --url`` and ``POST /api/v1/articles/`` with a
``source_url`` and no ``body`` call. The page is fetched with bounds (a timeout, a size limit,
HTML only, at most ``INGEST_FETCH_MAX_REDIRECTS`` redirects) and never from a loopback,
private, link-local or otherwise non-public address unless ``INGEST_ALLOW_PRIVATE_HOSTS`` is
on: every hop's host is resolved, every address checked, and the connection made to the
checked address (a name that resolves differently a moment later cannot slip through).
trafilatura then keeps the article's text and drops navigation, ads, related links and
comments. Every failure is a :class:`FetchError` whose message names the URL.
"""

import datetime as dt
import ipaddress
import socket
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import trafilatura
import urllib3
from django.conf import settings
from django.core.exceptions import ValidationError

HTML_TYPES = {"text/html", "application/xhtml+xml"}
USER_AGENT = "conflict-claims-ingest/1.0 (+manage.py ingest --url)"
REDIRECTS = {301, 302, 303, 307, 308}
# Fewer words than this is what is left of a page with no article (menus, a footer): the
# extractor falls back to any text it finds, and a report has at least a sentence or two.
MIN_ARTICLE_WORDS = 15


class FetchError(Exception):
    """Why a URL gave no article: ``code`` for clients, the message for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class FetchedArticle:
    url: str  # the page's final address, after redirects
    title: str
    published_on: dt.date | None  # when the page states one
    text: str


def fetch_article(url: str) -> FetchedArticle:
    """The article at ``url``: fetched within the configured bounds, its main text extracted."""
    html, final_url = fetch_html(url)
    document = trafilatura.bare_extraction(
        html,
        url=final_url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=True,
        # Only a date the page states in its markup, not one guessed from its text.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (getattr(document, "text", None) or "").strip() if document is not None else ""
    if len(text.split()) < MIN_ARTICLE_WORDS:
        raise FetchError("no_article_text", f"No article text found at {url}.")
    title = (document.title or "").strip()
    return FetchedArticle(final_url, title, _date(document.date), text)


def fetch_html(url: str) -> tuple[bytes, str]:
    """The page's bytes and final URL, following redirects one checked hop at a time."""
    timeout = float(settings.INGEST_FETCH_TIMEOUT)
    deadline = time.monotonic() + timeout
    current = url
    for _ in range(int(settings.INGEST_FETCH_MAX_REDIRECTS) + 1):
        pool, response = _get(current, url, max(0.1, deadline - time.monotonic()))
        try:
            if response.status in REDIRECTS:
                location = response.headers.get("Location")
                if not location:
                    raise FetchError("unreachable", f"{url}: a redirect with no Location.")
                current = urljoin(current, location)
                continue
            if response.status != 200:
                raise FetchError(
                    "unreachable", f"{url} answered HTTP {response.status}, not a page."
                )
            kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if kind not in HTML_TYPES:
                raise FetchError("not_html", f"{url} is not an HTML page ({kind or 'no type'}).")
            return _read(response, url, deadline), current
        finally:
            # One request per pool: close the connection rather than keep it for reuse.
            response.close()
            if response.connection is not None:
                response.connection.close()
            pool.close()
    limit = settings.INGEST_FETCH_MAX_REDIRECTS
    raise FetchError("too_many_redirects", f"{url} redirects more than {limit} times.")


def _get(
    url: str, asked: str, timeout: float
) -> tuple[urllib3.HTTPConnectionPool, urllib3.BaseHTTPResponse]:
    """One request, no redirect followed, to the checked address of ``url``'s host."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise FetchError("invalid_url", f"{url} is not an http(s) URL.")
    host = parts.hostname
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = _public_address(host, port, asked)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    headers = {"Host": parts.netloc.rsplit("@", 1)[-1], "User-Agent": USER_AGENT}
    headers["Accept"] = "text/html,application/xhtml+xml;q=0.9"
    pool_timeout = urllib3.Timeout(connect=timeout, read=timeout)
    if parts.scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address, port, timeout=pool_timeout, server_hostname=host, assert_hostname=host
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, timeout=pool_timeout)
    try:
        response = pool.urlopen(
            "GET", path, headers=headers, redirect=False, retries=False, preload_content=False
        )
    except urllib3.exceptions.HTTPError as exc:
        pool.close()
        raise FetchError("unreachable", f"{asked} is unreachable: {exc}") from exc
    return pool, response


def _public_address(host: str, port: int, asked: str) -> str:
    """The address to connect to, after checking every address the name resolves to."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError("unreachable", f"{asked}: the host {host} was not found.") from exc
    addresses = [info[4][0] for info in infos]
    if not settings.INGEST_ALLOW_PRIVATE_HOSTS:
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%")[0])
            if not ip.is_global or ip.is_multicast:
                raise FetchError(
                    "private_host",
                    f"{asked}: the host {host} is at a loopback, private or link-local "
                    f"address ({address}); such hosts are not fetched.",
                )
    return addresses[0]


def _read(response: urllib3.BaseHTTPResponse, url: str, deadline: float) -> bytes:
    limit = int(settings.INGEST_FETCH_MAX_BYTES)
    declared = response.headers.get("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchError("too_large", f"{url} is {declared} bytes; at most {limit} are fetched.")
    chunks, size = [], 0
    try:
        for chunk in response.stream(64 * 1024):
            size += len(chunk)
            if size > limit:
                raise FetchError("too_large", f"{url} is over {limit} bytes; not fetched.")
            if time.monotonic() > deadline:
                raise FetchError("unreachable", f"{url} took too long to send the page.")
            chunks.append(chunk)
    except urllib3.exceptions.HTTPError as exc:
        raise FetchError("unreachable", f"{url}: the page broke off: {exc}") from exc
    return b"".join(chunks)


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def with_fetched_body(fields: dict[str, Any]) -> dict[str, Any]:
    """``ingest_article``'s keywords with the page as the body: fetched from ``url`` (else
    ``source_url``), the page's title and stated date the defaults for ``title`` and
    ``published_on``. A page that gives no article is a ValidationError naming
    ``source_url``; a page with no date and none given, one naming ``published_on``."""
    fields = dict(fields)
    url = fields.pop("url", None) or fields.get("source_url")
    try:
        page = fetch_article(url)
    except FetchError as exc:
        raise ValidationError({"source_url": ValidationError(str(exc), code=exc.code)}) from exc
    published_on = fields.get("published_on") or page.published_on
    if published_on is None:
        message = f"{url} states no publication date; give published_on."
        raise ValidationError({"published_on": ValidationError(message, code="required")})
    return {
        **fields,
        "body": page.text,
        "published_on": published_on,
        "title": fields.get("title") or page.title or None,
        "source_url": fields.get("source_url") or url,
    }
