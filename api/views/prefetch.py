"""Prefetches for the nested summaries, each with the joins its summary needs."""

from django.db.models import Prefetch

from conflict.models import Claim, ClaimLink, IncidentParticipant, Loss


def claims_with_claimant(lookup: str = "claims") -> Prefetch:
    return Prefetch(lookup, queryset=Claim.objects.select_related("claimant"))


def losses_with_side(lookup: str = "losses") -> Prefetch:
    return Prefetch(lookup, queryset=Loss.objects.select_related("side"))


def participations_with_actor() -> Prefetch:
    return Prefetch(
        "participations",
        queryset=IncidentParticipant.objects.select_related("actor").order_by("role", "id"),
    )


def links(direction: str) -> Prefetch:
    """``links_out`` (with each target claim) or ``links_in`` (with each source claim)."""
    other = "target" if direction == "links_out" else "source"
    return Prefetch(
        direction,
        queryset=ClaimLink.objects.select_related(other, f"{other}__claimant").order_by("id"),
    )
