"""What matching across articles decided, and why: one row per (new record, candidate).

An ingest scores each new draft incident (and each new draft actor) against existing
records. Every score is kept with its reasons, whatever came of it: an automatic
attachment can be audited, a doubtful one waits here for an editor ("same" or
"different"), and a rejected candidate is not asked about again.
"""

from django.conf import settings
from django.db import models

from .base import TimeStampedModel


class MatchOutcome(models.TextChoices):
    ATTACHED = "attached", "Attached automatically (score above the high threshold)"
    POSSIBLE = "possible_match", "Possible match: for an editor to decide"
    SAME = "same", "Same record (an editor said so; merged)"
    DIFFERENT = "different", "Different records (an editor said so)"


class MatchDecision(TimeStampedModel):
    """Fields every match shares: the ingest, the score and its reasons, the outcome."""

    article = models.ForeignKey(
        "Article",
        on_delete=models.CASCADE,
        related_name="+",
        help_text="The article whose ingest made the new record.",
    )
    score = models.FloatField(help_text="0 to 1: how alike the two records are.")
    reasons = models.JSONField(default=list, help_text="Each part of the score, in words.")
    rank = models.PositiveSmallIntegerField(default=1, help_text="1 for the best candidate.")
    outcome = models.CharField(max_length=16, choices=MatchOutcome.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True


class IncidentMatch(MatchDecision):
    """A new draft incident scored against an existing incident."""

    # Null once the new incident was merged into the candidate, or rejected (it is gone).
    incident = models.ForeignKey(
        "Incident",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="matches_as_new",
        help_text="The new draft incident (empty once merged into the candidate).",
    )
    candidate = models.ForeignKey(
        "Incident", on_delete=models.CASCADE, related_name="matches_as_candidate"
    )
    new_title = models.CharField(max_length=300, help_text="The new incident's title, kept.")

    class Meta:
        ordering = ["article", "incident", "rank", "id"]
        indexes = [
            models.Index(fields=["outcome", "article"], name="incidentmatch_outcome_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.new_title} ~ {self.candidate} ({self.score:.2f}, {self.outcome})"


class ActorMatch(MatchDecision):
    """A new draft actor scored against an existing actor."""

    actor = models.ForeignKey(
        "Actor",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="matches_as_new",
        help_text="The new draft actor (empty once merged into the candidate).",
    )
    candidate = models.ForeignKey(
        "Actor", on_delete=models.CASCADE, related_name="matches_as_candidate"
    )
    new_name = models.CharField(max_length=200, help_text="The new actor's name, kept.")

    class Meta:
        ordering = ["article", "actor", "rank", "id"]
        indexes = [models.Index(fields=["outcome", "article"], name="actormatch_outcome_idx")]

    def __str__(self) -> str:
        return f"{self.new_name} ~ {self.candidate} ({self.score:.2f}, {self.outcome})"
