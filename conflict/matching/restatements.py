"""Restatements: the same claimant saying the same thing, in several outlets' reports.

At ingest each new claim with a claimant is compared with claims of other articles about
the same incident, by the same claimant, with the same stance and category; when their
quoted words are alike (or they give the same numbers) the new claim is linked to the
group's first claim by a ``restates`` link. A group is its first claim (the canonical one)
and the claims that restate it: :func:`canonical` keeps one claim per group so no total
counts a statement twice, and :func:`outlets` says how widely each was reported.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from ..models import Claim, ClaimLink, Loss
from ..models.choices import ClaimRelation
from .words import content_words, dice

RESTATES = ClaimRelation.RESTATES
# Quoted words this alike (Dice) are the same statement, when all else agrees.
ALIKE = 0.35


def _numbers(claim_ids: Iterable[int]) -> dict[int, set[tuple]]:
    found: dict[int, set[tuple]] = defaultdict(set)
    for claim_id, category, best, low, high in Loss._base_manager.filter(
        claim_id__in=list(claim_ids)
    ).values_list("claim_id", "category", "count_best", "count_low", "count_high"):
        found[claim_id].add((category, best, low, high))
    return found


@dataclass
class Speaker:
    """What is compared of a new claim with a claimant: saved or still in memory (``key``
    is whatever the caller tells its claims apart by)."""

    key: Any
    claimant: int
    stance: str
    category: str
    quote: str
    incidents: set[int]
    numbers: set[tuple]


def link_restatements(claims: Sequence[Claim], save: Any) -> int:
    """Link each of ``claims`` (one article's, just stored) that restates a claim of another
    article; ``save`` validates and saves a ClaimLink. Returns how many links were made."""
    speaking = [c for c in claims if c.claimant_id is not None]
    if not speaking:
        return 0
    incidents = defaultdict(set)
    for claim_id, incident_id in Claim.incidents.through.objects.filter(
        claim_id__in=[c.pk for c in speaking]
    ).values_list("claim_id", "incident_id"):
        incidents[claim_id].add(incident_id)
    numbers = _numbers([c.pk for c in speaking])
    speakers = [
        Speaker(c, c.claimant_id, c.stance, c.category, c.quote, incidents[c.pk], numbers[c.pk])
        for c in speaking
    ]
    made = 0
    for claim, target in restated(speakers, speaking[0].article_id):
        save(ClaimLink(source=claim, target_id=target, relation=RESTATES))
        made += 1
    return made


def restated(speakers: Sequence[Speaker], article: int | None) -> list[tuple[Any, int]]:
    """(key, claim it restates) for each speaker restating a claim of another article than
    ``article``: read-only, so it can run before an ingest takes the write lock."""
    incident_ids = {i for s in speakers for i in s.incidents}
    claimants = {s.claimant for s in speakers}
    if not speakers or not incident_ids or not claimants:
        return []
    others = list(
        Claim._base_manager.filter(incidents__in=incident_ids, claimant_id__in=claimants)
        .exclude(article_id=article)
        .annotate(
            restating=Exists(ClaimLink.objects.filter(source=OuterRef("pk"), relation=RESTATES))
        )
        .values_list("pk", "claimant_id", "stance", "category", "quote", "incidents", "restating")
        .order_by("article__published_on", "pk")
    )
    numbers = _numbers([row[0] for row in others])
    found = []
    for claim in speakers:
        words = content_words(claim.quote)
        for pk, claimant, stance, category, quote, incident, restating in others:
            if restating or incident not in claim.incidents:
                continue  # link to a group's first claim only
            if (claimant, stance, category) != (claim.claimant, claim.stance, claim.category):
                continue
            same_numbers = bool(claim.numbers) and claim.numbers == numbers[pk]
            if same_numbers or dice(words, content_words(quote)) >= ALIKE:
                found.append((claim.key, pk))
                break
    return found


def canonical(claims: QuerySet[Claim], statuses: Sequence[str] | None = None) -> QuerySet[Claim]:
    """``claims`` with one claim per restatement group: those that restate no other claim
    the reader can see (``statuses``; all when None). Totals should sum these."""
    links = ClaimLink.objects.filter(source=OuterRef("pk"), relation=RESTATES)
    if statuses is not None:
        links = links.filter(target__status__in=list(statuses))
    return claims.exclude(Exists(links))


def canonical_of(claim_ids: Iterable[int], statuses: Sequence[str]) -> dict[int, int]:
    """Each of ``claim_ids`` mapped to the claim it restates when the reader can see that
    claim (``statuses``), else to itself: the grouping a total needs (conflict.tolls)."""
    ids = set(claim_ids)
    found = {pk: pk for pk in ids}
    links = ClaimLink.objects.filter(
        source_id__in=ids, relation=RESTATES, target__status__in=list(statuses)
    )
    found.update(links.values_list("source_id", "target_id"))
    return found


def outlets(claim_ids: Iterable[int], statuses: Sequence[str] | None = None) -> dict[int, int]:
    """For each canonical claim, how many articles (outlets' reports) carry the statement:
    itself and every visible claim restating it."""
    ids = list(claim_ids)
    found = {
        pk: {article}
        for pk, article in Claim._base_manager.filter(pk__in=ids).values_list("pk", "article_id")
    }
    links = ClaimLink.objects.filter(target_id__in=ids, relation=RESTATES)
    if statuses is not None:
        links = links.filter(source__status__in=list(statuses))
    for target, article in links.values_list("target_id", "source__article_id"):
        found[target].add(article)
    return {pk: len(articles) for pk, articles in found.items()}
