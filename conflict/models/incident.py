from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from simple_history.models import HistoricalRecords

from ..rules import (
    check_names_published,
    drafts_named,
    messages,
    namer_messages,
    published_namers,
)
from .base import (
    NOTES_MAX_LENGTH,
    ExtractedModel,
    ReviewedModel,
    TimeStampedModel,
    bounded_text,
    check_no_published_dependents,
    confidence_constraint,
    validate_slug_not_numeric,
)
from .choices import (
    ACLED_EVENT_TYPES,
    DatePrecision,
    IncidentKind,
    ParticipantRole,
    Stance,
)
from .history import RecordedManager, RecordedQuerySet
from .ordering import OrderedIndex


class IncidentQuerySet(RecordedQuerySet):
    def with_contested(self, statuses: Iterable[str] | None = None) -> "IncidentQuerySet":
        """Annotate ``contested``: a claim about the incident is denied or contradicted.

        Derived on read, never stored, so it cannot drift from the claims. With
        ``statuses``, only claims in those review statuses count.
        """
        from .claim import Claim

        claims = Claim.objects.with_contested(statuses).filter(incidents=OuterRef("pk"))
        if statuses is not None:
            claims = claims.filter(status__in=list(statuses))
        in_dispute = claims.filter(Q(stance=Stance.DENIES) | Q(contested=True))
        return self.annotate(contested=Exists(in_dispute))


class Incident(TimeStampedModel, ReviewedModel, ExtractedModel):
    """Something that happened, or that a claim says happened."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True, validators=[validate_slug_not_numeric])
    kind = models.CharField(max_length=32, choices=IncidentKind.choices)
    description = bounded_text(NOTES_MAX_LENGTH, blank=True)
    occurred_on = models.DateField(null=True, blank=True, help_text="First (or only) day.")
    occurred_until = models.DateField(
        null=True, blank=True, help_text="Last day, for spans such as 'since September 27'."
    )
    date_precision = models.CharField(
        max_length=8,
        choices=DatePrecision.choices,
        blank=True,
        help_text="How exactly the date is known; required with a date.",
    )
    date_text = models.CharField(
        max_length=200, blank=True, help_text="The words the date was resolved from."
    )
    places = models.ManyToManyField("Place", blank=True, related_name="incidents")
    participants = models.ManyToManyField(
        "Actor", through="IncidentParticipant", blank=True, related_name="incidents"
    )
    notes = bounded_text(NOTES_MAX_LENGTH, blank=True)

    objects = IncidentQuerySet.as_manager()

    history = HistoricalRecords(m2m_fields=["places"])

    # The published records that may not be left naming a draft incident.
    NAMED_BY = {"losses": "loss(es)", "claims": "claim(s)"}

    class Meta:
        ordering = ["-occurred_on", "id"]
        indexes = [
            models.Index(fields=["kind", "id"], name="incident_kind_id_idx"),
            models.Index(F("kind").desc(), F("id"), name="incident_kind_desc_idx"),
            models.Index(fields=["occurred_on", "id"], name="incident_occurred_idx"),
            # Matching at ingest (conflict.matching) finds candidates by kind and dates,
            # and spans by their last day, through these rather than reading every incident.
            models.Index(
                fields=["kind", "date_precision", "occurred_on"], name="incident_kind_day_idx"
            ),
            models.Index(fields=["occurred_until"], name="incident_until_idx"),
            # The list's default order, as api/filters.py sends it: without this index
            # PostgreSQL sorts every incident for each page.
            OrderedIndex(
                F("occurred_on").desc(nulls_last=True),
                F("id"),
                name="incident_occurred_desc_idx",
            ),
            models.Index(fields=["title", "id"], name="incident_title_idx"),
            models.Index(F("title").desc(), F("id"), name="incident_title_desc_idx"),
            # The incident counts (conflict.summary) read status, kind and day of every
            # incident: from this index alone, not the rows (half the time on SQLite).
            models.Index(
                fields=["status", "kind", "occurred_on"], name="incident_status_kind_day_idx"
            ),
        ]
        constraints = [
            confidence_constraint("incident"),
            models.CheckConstraint(
                condition=Q(occurred_until__isnull=True)
                | Q(occurred_on__isnull=False, occurred_until__gte=models.F("occurred_on")),
                name="incident_dates_ordered",
            ),
            models.CheckConstraint(
                condition=Q(occurred_on__isnull=True, date_precision="")
                | (Q(occurred_on__isnull=False) & ~Q(date_precision="")),
                name="incident_date_has_precision",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def acled_event_type(self) -> str:
        return ACLED_EVENT_TYPES[self.kind]

    def clean(self) -> None:
        super().clean()
        check_no_published_dependents(self)
        errors: dict[str, str] = {}
        if self.occurred_until and not self.occurred_on:
            errors["occurred_on"] = "A span needs its first day."
        elif self.occurred_until and self.occurred_until < self.occurred_on:
            errors["occurred_until"] = "The last day is before the first."
        if self.occurred_on and not self.date_precision:
            errors["date_precision"] = "Say how exactly the date is known."
        if not self.occurred_on and self.date_precision:
            errors["date_precision"] = "A precision needs a date."
        # New incidents are backed by the claim that creates them; a saved one must keep one.
        if self.pk is not None and not self.claims.exists():
            errors["__all__"] = "An incident must be backed by at least one claim."
        # Its places and participants; the published claims submitted to back it.
        errors.update(messages(drafts_named(self)))
        errors.update(namer_messages(self, published_namers(self)))
        if errors:
            raise ValidationError(errors)


class IncidentParticipant(TimeStampedModel):
    """An actor's part in an incident, as the claims describe it."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="participations")
    actor = models.ForeignKey("Actor", on_delete=models.PROTECT, related_name="participations")
    role = models.CharField(max_length=16, choices=ParticipantRole.choices)

    objects = RecordedManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["incident", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["incident", "actor", "role"], name="participant_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.actor} ({self.get_role_display()}) in {self.incident}"

    def clean(self) -> None:
        super().clean()
        check_names_published(self)  # a published incident names no draft actor
