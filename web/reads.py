"""What each reader page reads: a fixed number of queries per page, whatever the data's size.

Every query starts from conflict.visibility for the public reader: the pages show what the
public API shows (published records in lists; a retracted record opened by its slug is
shown, marked), never a draft, whoever is logged in.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404

from conflict.models import Actor, Article, Claim, ClaimLink, Incident, Loss, Place
from conflict.search import CLAIM, INCIDENT, split_terms
from conflict.search import search as text_search
from conflict.tolls import Series, toll_series
from conflict.visibility import PUBLIC_READER, fetchable, is_reviewed, visible

READER = PUBLIC_READER
LATEST_INCIDENTS = 20
LATEST_FIGURES = 200  # the home page's tolls: the series among the latest figures
CHART_FIGURES = 250  # a toll page charts the latest this many figures that match
ACTOR_CLAIMS = 30
MAP_LIMIT = 500
SEARCH_LIMIT = 50
# The fields the API's actor list searches (it has no text index: a hundred-odd rows).
ACTOR_SEARCH_FIELDS = ("name", "aliases", "role")


def fetch(queryset: QuerySet, **lookup: Any) -> Any:
    """One record the public may open by its slug, or a 404 (a draft is "not found")."""
    found = fetchable(queryset, READER).filter(**lookup).first()
    if found is None:
        raise Http404
    return found


def visible_claims() -> QuerySet[Claim]:
    return visible(Claim.objects.all(), READER)


def claim_details(claims: QuerySet[Claim]) -> QuerySet[Claim]:
    """Claims with what a page shows of each: claimant, article, visible incidents and losses."""
    return claims.select_related("claimant", "article", "channel_actor").prefetch_related(
        Prefetch("incidents", queryset=visible(Incident.objects.all(), READER)),
        Prefetch(
            "losses",
            queryset=visible(Loss.objects.select_related("side"), READER).order_by("id"),
        ),
    )


@dataclass
class ClaimLinks:
    """A claim's visible links to other claims, both directions: (relation, other claim)."""

    out: list[tuple[str, Claim]] = field(default_factory=list)
    into: list[tuple[str, Claim]] = field(default_factory=list)


def links_of(claim_ids: list[int]) -> dict[int, ClaimLinks]:
    """One query: the links between these claims and any visible claim."""
    statuses = READER.statuses
    rows = (
        ClaimLink.objects.filter(Q(source_id__in=claim_ids) | Q(target_id__in=claim_ids))
        .filter(source__status__in=statuses, target__status__in=statuses)
        .select_related(
            "source__claimant", "source__article", "target__claimant", "target__article"
        )
        .order_by("id")
    )
    found: dict[int, ClaimLinks] = {}
    wanted = set(claim_ids)
    for link in rows:
        if link.source_id in wanted:
            found.setdefault(link.source_id, ClaimLinks()).out.append((link.relation, link.target))
        if link.target_id in wanted:
            found.setdefault(link.target_id, ClaimLinks()).into.append((link.relation, link.source))
    return found


def article_page(slug: str) -> dict[str, Any]:
    article = fetch(Article.objects.all(), slug=slug)
    claims = list(
        claim_details(visible_claims().filter(article=article)).order_by("span_start", "id")
    )
    return {"article": article, "claims": claims, "links": links_of([c.pk for c in claims])}


def incident_page(slug: str) -> dict[str, Any]:
    incident = fetch(
        Incident.objects.prefetch_related(
            Prefetch("places", queryset=visible(Place.objects.all(), READER)),
            Prefetch(
                "participations__actor",
                queryset=visible(Actor.objects.all(), READER),
            ),
        ),
        slug=slug,
    )
    claims = list(
        claim_details(visible_claims().filter(incidents=incident)).order_by(
            "stated_on", "article", "span_start", "id"
        )
    )
    by_claimant: dict[Any, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_claimant[claim.claimant].append(claim)
    articles = {claim.article.pk: claim.article for claim in claims}
    tolls = charted_tolls(Loss.objects.filter(incident=incident))
    return {
        "incident": incident,
        "by_claimant": list(by_claimant.items()),
        "articles": sorted(
            articles.values(), key=lambda a: (a.published_on is None, a.published_on)
        ),
        "links": links_of([c.pk for c in claims]),
        "tolls": tolls,
        "points": [place for place in incident.places.all() if place.has_point],
        "participants": [p for p in incident.participations.all() if p.actor is not None],
    }


def actor_page(slug: str) -> dict[str, Any]:
    actor = fetch(Actor.objects.select_related("parent"), slug=slug)
    said = list(
        claim_details(visible_claims().filter(claimant=actor)).order_by("-stated_on", "-id")[
            : ACTOR_CLAIMS + 1
        ]
    )
    # What others said about it: claims about incidents it took part in, by someone else.
    about = list(
        claim_details(
            visible_claims()
            .filter(
                incidents__in=visible(Incident.objects.all(), READER).filter(
                    participations__actor=actor
                )
            )
            .exclude(claimant=actor)
            .distinct()
        ).order_by("-stated_on", "-id")[: ACTOR_CLAIMS + 1]
    )
    # Its tolls: its own losses, as every claimant (itself included) reports them.
    tolls = charted_tolls(Loss.objects.filter(side=actor))
    return {
        "actor": actor,
        "said": said[:ACTOR_CLAIMS],
        "said_more": len(said) > ACTOR_CLAIMS,
        "about": about[:ACTOR_CLAIMS],
        "about_more": len(about) > ACTOR_CLAIMS,
        "tolls": tolls,
    }


def latest_incidents() -> list[Incident]:
    return list(
        visible(Incident.objects.all(), READER)
        .prefetch_related(Prefetch("places", queryset=visible(Place.objects.all(), READER)))
        .order_by("-occurred_on", "-id")[:LATEST_INCIDENTS]
    )


@dataclass
class Tolls:
    series: list[Series]
    truncated: bool  # more figures match than were charted
    limit: int


def charted_tolls(losses: QuerySet[Loss], limit: int = CHART_FIGURES) -> Tolls:
    """The series of the latest ``limit`` visible figures among ``losses`` (by id: the order
    they were recorded), and whether earlier ones were left out. A page cannot draw every
    figure of a large record; its filters (side, claimant, dates) reach the earlier ones."""
    latest = list(visible(losses, READER).order_by("-id").values_list("pk", flat=True)[: limit + 1])
    series = toll_series(Loss.objects.filter(pk__in=latest[:limit]), READER)
    return Tolls(series, len(latest) > limit, limit)


def latest_tolls() -> list[Series]:
    """The series among the latest figures, each with its points (the page shows the last)."""
    latest = visible(Loss.objects.all(), READER).order_by("-id").values("pk")[:LATEST_FIGURES]
    return toll_series(Loss.objects.filter(pk__in=latest), READER)


def map_points(incidents: QuerySet[Incident]) -> tuple[list[dict[str, Any]], bool]:
    """``[{slug, title, kind, date, place, lat, lon}]``: one per incident place with a point."""
    shown = visible(incidents, READER).order_by("-occurred_on", "-id")[: MAP_LIMIT + 1]
    # The places the reader may see (visible(Place): their status), with a point. Said of
    # the joined place, not as "place in (visible places)": SQLite then probed the
    # (incident, place) index once per incident and place, 100k probes (40 ms) a page.
    places = Q(place__status__in=READER.statuses) if is_reviewed(Place) else Q()
    rows = list(
        Incident.places.through.objects.filter(
            places,
            incident__in=list(shown.values_list("pk", flat=True)),
            place__latitude__isnull=False,
            place__longitude__isnull=False,
        )
        .order_by("-incident__occurred_on", "-incident_id", "place_id")
        .values_list(
            "incident__slug",
            "incident__title",
            "incident__kind",
            "incident__occurred_on",
            "place__name",
            "place__latitude",
            "place__longitude",
        )
    )
    slugs = dict.fromkeys(row[0] for row in rows)
    truncated = len(slugs) > MAP_LIMIT
    keep = set(list(slugs)[:MAP_LIMIT])
    points = [
        {
            "slug": slug,
            "title": title,
            "kind": kind,
            "date": day.isoformat() if day else "",
            "place": place,
            "lat": lat,
            "lon": lon,
        }
        for slug, title, kind, day, place, lat, lon in rows
        if slug in keep
    ]
    return points, truncated


def search(text: str) -> dict[str, Any]:
    """The page's three lists, each found by the API's own search (conflict.search) over the
    same fields as its ``?search=``, so the page's API link gives the same claims."""
    terms = split_terms(text.strip())
    if not terms:
        return {"incidents": [], "claims": [], "actors": []}
    return {
        "incidents": list(
            text_search(visible(Incident.objects.all(), READER), INCIDENT.columns, terms)
            # The incident list's order, which its index serves (newest first).
            .order_by(F("occurred_on").desc(nulls_last=True), "id")[:SEARCH_LIMIT]
        ),
        "claims": list(
            text_search(visible_claims(), CLAIM.columns, terms)
            .select_related("claimant", "article")
            # Newest first, in the order claim_stated_on_desc_idx holds: a common word then
            # walks the index and stops at the page's last claim instead of sorting them all.
            .order_by(F("stated_on").desc(nulls_last=True), "id")[:SEARCH_LIMIT]
        ),
        "actors": list(
            text_search(visible(Actor.objects.all(), READER), ACTOR_SEARCH_FIELDS, terms).order_by(
                "name", "id"
            )[:SEARCH_LIMIT]
        ),
    }
