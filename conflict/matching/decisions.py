"""An editor's answer to a possible match: the same record (merge) or a different one."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..drafts import merge_actor, merge_incident
from ..models import ActorMatch, IncidentMatch, MatchOutcome


def decide(match: IncidentMatch | ActorMatch, same: bool, user: Any) -> str:
    """Settle a ``possible_match``: ``same`` merges the new draft into the candidate (every
    other candidate of that draft is then marked different); otherwise this candidate is
    marked different. Returns what happened, for a message."""
    if match.outcome != MatchOutcome.POSSIBLE:
        raise ValidationError(f"This match was already settled ({match.get_outcome_display()}).")
    is_incident = isinstance(match, IncidentMatch)
    new = match.incident if is_incident else match.actor
    if new is None:
        raise ValidationError("The new record no longer exists.")
    now = timezone.now()
    with transaction.atomic():
        if not same:
            _settle(match, MatchOutcome.DIFFERENT, user, now)
            return f"{new} and {match.candidate} are different."
        siblings = (
            type(match)
            .objects.filter(
                **{"incident" if is_incident else "actor": new}, outcome=MatchOutcome.POSSIBLE
            )
            .exclude(pk=match.pk)
        )
        for other in siblings:
            _settle(other, MatchOutcome.DIFFERENT, user, now)
        reason = f"An editor judged it the same as {match.candidate} (score {match.score:.2f})"
        if is_incident:
            merge_incident(new, match.candidate, user, reason)
        else:
            merge_actor(new, match.candidate, user)
        match.refresh_from_db()
        _settle(match, MatchOutcome.SAME, user, now)
    return f"{match.new_title if is_incident else match.new_name} merged into {match.candidate}."


def _settle(match: IncidentMatch | ActorMatch, outcome: str, user: Any, now: Any) -> None:
    match.outcome = outcome
    match.decided_by = user if getattr(user, "is_authenticated", False) else None
    match.decided_at = now
    match.save(update_fields=["outcome", "decided_by", "decided_at", "updated_at"])
