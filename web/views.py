"""The reader pages: each view reads through web.reads and renders one template."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_safe

from conflict.models import Incident, Loss

from . import reads
from .charts import charts_for
from .filters import MapFilters, PageFilters, TollFilters
from .links import page_url
from .marks import marked_body

API_VERSION = "v1"


def api(name: str, query: str = "", **kwargs: Any) -> str:
    """The URL of an API route (by its name; the API is reached over HTTP, never imported)."""
    url = reverse(name, kwargs={"version": API_VERSION, **kwargs})
    return f"{url}?{query}" if query else url


def with_format(url: str, fmt: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}format={fmt}"


def data_links(json_url: str, csv_url: str | None = None) -> dict[str, str]:
    return {"api_url": json_url, "csv_url": csv_url or with_format(json_url, "csv")}


def bad_filters(request: HttpRequest, form: PageFilters, template: str) -> HttpResponse:
    return render(request, template, {"form": form, "errors": form.errors_by_field()}, status=400)


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    series = reads.latest_tolls()
    latest = [(one, [p for p in one.points if not p.derived][-1]) for one in series if one.points]
    return render(
        request,
        "web/home.html",
        {
            "incidents": reads.latest_incidents(),
            "tolls": latest,
            **data_links(api("incident-list")),
            "tolls_api_url": api("toll-list"),
        },
    )


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")
    found = reads.search(text)
    return render(
        request,
        "web/search.html",
        {
            "q": text,
            **found,
            **data_links(api("claim-list", urlencode({"search": text}) if text else "")),
        },
    )


@require_safe
def article(request: HttpRequest, slug: str) -> HttpResponse:
    page = reads.article_page(slug)
    return render(
        request,
        "web/article.html",
        {
            **page,
            "body": marked_body(page["article"].body, page["claims"]),
            "api_url": api("article-detail", id_or_slug=slug),
            "csv_url": with_format(api("claim-list", f"article={slug}"), "csv"),
        },
    )


@require_safe
def incident(request: HttpRequest, slug: str) -> HttpResponse:
    page = reads.incident_page(slug)
    return render(
        request,
        "web/incident.html",
        {
            **page,
            "charts": charts_for(page["tolls"].series),
            "api_url": api("incident-detail", id_or_slug=slug),
            "csv_url": with_format(api("claim-list", f"incident={slug}"), "csv"),
            "tolls_api_url": api("toll-list", f"incident={slug}"),
        },
    )


@require_safe
def actor(request: HttpRequest, slug: str) -> HttpResponse:
    page = reads.actor_page(slug)
    return render(
        request,
        "web/actor.html",
        {
            **page,
            "charts": charts_for(page["tolls"].series),
            "api_url": api("actor-detail", id_or_slug=slug),
            "csv_url": with_format(api("claim-list", f"claimant={slug}"), "csv"),
            "tolls_api_url": api("toll-list", f"side={slug}"),
        },
    )


@require_safe
def incident_map(request: HttpRequest) -> HttpResponse:
    form = MapFilters(request.GET)
    if not form.is_valid():
        return bad_filters(request, form, "web/map.html")
    points, truncated = reads.map_points(form.apply(Incident.objects.all()))
    query = form.query()
    return render(
        request,
        "web/map.html",
        {
            "form": form,
            "points": points,
            "point_list": point_list(points),
            "truncated": truncated,
            "limit": reads.MAP_LIMIT,
            **data_links(api("incident-list", query)),
            "geojson_url": with_format(api("incident-list", query), "geojson"),
        },
    )


def point_list(points: list[dict[str, Any]]) -> SafeString:
    """The map's points as list items, for readers without the map (or without JavaScript).

    Built here, not in the template: 500 items of links and numbers took the template
    engine 30 ms, a URL and a localize() each.
    """
    items = []
    for p in points:
        day = f", {escape(p['date'])}" if p["date"] else ""
        url = escape(page_url("web:incident", p["slug"]))
        items.append(
            f'<li><a href="{url}">{escape(p["title"])}</a>'
            f" \u2014 {escape(p['place'])} ({p['lat']}, {p['lon']}){day}</li>"
        )
    return mark_safe("".join(items))


@require_safe
def tolls(request: HttpRequest) -> HttpResponse:
    form = TollFilters(request.GET)
    if not form.is_valid():
        return bad_filters(request, form, "web/tolls.html")
    tolls = reads.charted_tolls(form.apply(Loss.objects.all()))
    return render(
        request,
        "web/tolls.html",
        {
            "form": form,
            "tolls": tolls,
            "charts": charts_for(tolls.series),
            **data_links(api("toll-list", form.query())),
        },
    )
