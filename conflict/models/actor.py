from django.db import models
from simple_history.models import HistoricalRecords

from .base import (
    NOTES_MAX_LENGTH,
    GazetteerStatusModel,
    TimeStampedModel,
    bounded_text,
    check_no_cycle,
    check_no_published_dependents,
    country_constraint,
    not_own_parent_constraint,
    validate_aliases,
    validate_country_code,
    validate_slug_not_numeric,
    validate_wikidata_id,
    wikidata_constraint,
)
from .choices import ActorKind
from .history import RecordedManager


class Actor(TimeStampedModel, GazetteerStatusModel):
    """Who speaks or acts: a state, a ministry, an army unit, a person, a newspaper."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, validators=[validate_slug_not_numeric])
    kind = models.CharField(max_length=32, choices=ActorKind.choices)
    country = models.CharField(
        max_length=2,
        blank=True,
        validators=[validate_country_code],
        help_text="ISO 3166-1 alpha-2 code of the country the actor belongs to; empty if none.",
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The body this actor belongs to (a regiment's army, a ministry's government).",
    )
    aliases = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_aliases],
        help_text="Every other name the sources use for this actor.",
    )
    role = models.CharField(
        max_length=200, blank=True, help_text="For persons: the role as the source states it."
    )
    wikidata_id = models.CharField(max_length=20, blank=True, validators=[validate_wikidata_id])
    notes = bounded_text(NOTES_MAX_LENGTH, blank=True)

    objects = RecordedManager()
    history = HistoricalRecords()

    # The published records that may not be left naming a draft actor.
    NAMED_BY = {
        "claims": "claim(s) as claimant",
        "channelled_claims": "claim(s) as channel",
        "losses": "loss(es) as side",
        "incidents": "incident(s) as participant",
    }

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["kind"], name="actor_kind_idx"),
            models.Index(fields=["country"], name="actor_country_idx"),
            models.Index(fields=["name"], name="actor_name_idx"),
        ]
        constraints = [
            country_constraint("actor"),
            wikidata_constraint("actor"),
            not_own_parent_constraint("actor"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        check_no_cycle(self)
        check_no_published_dependents(self)
