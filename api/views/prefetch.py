"""Prefetches for the nested summaries, each with the joins its summary needs.

``statuses`` are the review statuses the reader may see (api.visibility): nested claims,
losses and linked claims in other statuses are left out, in the same single query.
"""

from collections.abc import Sequence

from django.db.models import Prefetch

from conflict.models import Claim, ClaimLink, Incident, IncidentParticipant, Loss
from conflict.visibility import visible_losses


def incidents_in(statuses: Sequence[str]) -> Prefetch:
    return Prefetch("incidents", queryset=Incident.objects.filter(status__in=statuses))


def claims_with_claimant(statuses: Sequence[str], lookup: str = "claims") -> Prefetch:
    return Prefetch(
        lookup, queryset=Claim.objects.filter(status__in=statuses).select_related("claimant")
    )


def claims_with_claimant_and_article(statuses: Sequence[str]) -> Prefetch:
    """An incident's visible claims, with what its ``sources`` need of their article (not
    its body)."""
    return Prefetch(
        "claims",
        queryset=Claim.objects.filter(status__in=statuses)
        .select_related("claimant", "article")
        .defer("article__body", "article__notes"),
    )


def losses_with_side(statuses: Sequence[str], lookup: str = "losses") -> Prefetch:
    return Prefetch(
        lookup, queryset=Loss.objects.filter(visible_losses(statuses)).select_related("side")
    )


def participations_with_actor() -> Prefetch:
    return Prefetch(
        "participations",
        queryset=IncidentParticipant.objects.select_related("actor").order_by("role", "id"),
    )


def links(direction: str, statuses: Sequence[str]) -> Prefetch:
    """``links_out`` (with each target claim) or ``links_in`` (with each source claim)."""
    other = "target" if direction == "links_out" else "source"
    return Prefetch(
        direction,
        queryset=ClaimLink.objects.filter(**{f"{other}__status__in": statuses})
        .select_related(other, f"{other}__claimant")
        .order_by("id"),
    )
