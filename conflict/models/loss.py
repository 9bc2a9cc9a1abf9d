from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from ..rules import check_names_published
from .base import (
    NOTES_MAX_LENGTH,
    ExtractedModel,
    ReviewedModel,
    TimeStampedModel,
    bounded_text,
    confidence_constraint,
)
from .choices import PEOPLE_LOSS_CATEGORIES, LossCategory, Population
from .history import RecordedManager
from .ordering import OrderedIndex


class Loss(TimeStampedModel, ReviewedModel, ExtractedModel):
    """A number a claim reports: people killed or wounded, materiel destroyed or shot down.

    Counts follow UCDP: an exact figure sets low, best and high alike; a vague one ("many
    wounded") leaves them null and says so in ``qualifier``.
    """

    claim = models.ForeignKey("Claim", on_delete=models.CASCADE, related_name="losses")
    incident = models.ForeignKey(
        "Incident", null=True, blank=True, on_delete=models.PROTECT, related_name="losses"
    )
    side = models.ForeignKey(
        "Actor",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="losses",
        help_text="Whose losses these are.",
    )
    category = models.CharField(max_length=16, choices=LossCategory.choices)
    population = models.CharField(
        max_length=16,
        choices=Population.choices,
        blank=True,
        help_text="For people (killed, wounded, missing, captured); empty for materiel.",
    )
    equipment = models.CharField(
        max_length=100,
        blank=True,
        help_text="For materiel, normalised ('D-20 howitzer', 'Tochka-U'); empty for people.",
    )
    count_low = models.PositiveIntegerField(null=True, blank=True)
    count_best = models.PositiveIntegerField(null=True, blank=True)
    count_high = models.PositiveIntegerField(null=True, blank=True)
    qualifier = models.CharField(
        max_length=50, blank=True, help_text="A vague amount in the source's words ('many')."
    )
    count_text = models.CharField(
        max_length=200, blank=True, help_text="The words the number was read from."
    )
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    cumulative = models.BooleanField(
        default=False, help_text="True for running totals ('350 since September 27')."
    )
    notes = bounded_text(NOTES_MAX_LENGTH, blank=True)

    objects = RecordedManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["claim", "id"]
        verbose_name_plural = "losses"
        indexes = [
            # Every ?ordering= the list offers, both ways, as api/filters.py sends it (see
            # Claim.Meta.indexes).
            models.Index(fields=["category", "id"], name="loss_category_id_idx"),
            models.Index(F("category").desc(), F("id"), name="loss_category_desc_idx"),
            models.Index(fields=["population"], name="loss_population_idx"),
            models.Index(fields=["equipment"], name="loss_equipment_idx"),
            models.Index(fields=["count_best", "id"], name="loss_count_best_idx"),
            models.Index(fields=["period_start", "id"], name="loss_period_start_idx"),
            OrderedIndex(
                F("count_best").desc(nulls_last=True), F("id"), name="loss_count_best_desc_idx"
            ),
            OrderedIndex(
                F("period_start").desc(nulls_last=True), F("id"), name="loss_period_desc_idx"
            ),
            # A page of toll series reads its figures by side x category x population x
            # equipment (conflict.tolls.series_filter): without it, every loss is read.
            models.Index(
                fields=["side", "category", "population", "equipment"], name="loss_series_idx"
            ),
        ]
        constraints = [
            confidence_constraint("loss"),
            models.CheckConstraint(
                condition=Q(count_low__isnull=True)
                | Q(count_best__isnull=True)
                | Q(count_low__lte=F("count_best")),
                name="loss_low_le_best",
            ),
            models.CheckConstraint(
                condition=Q(count_best__isnull=True)
                | Q(count_high__isnull=True)
                | Q(count_best__lte=F("count_high")),
                name="loss_best_le_high",
            ),
            models.CheckConstraint(
                condition=Q(count_low__isnull=True)
                | Q(count_high__isnull=True)
                | Q(count_low__lte=F("count_high")),
                name="loss_low_le_high",
            ),
            models.CheckConstraint(
                condition=~Q(
                    count_best__isnull=True, count_low__isnull=True, count_high__isnull=True
                )
                | ~Q(qualifier=""),
                name="loss_count_or_qualifier",
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="loss_period_ordered",
            ),
            models.CheckConstraint(
                condition=(
                    Q(category__in=PEOPLE_LOSS_CATEGORIES) & ~Q(population="") & Q(equipment="")
                )
                | (~Q(category__in=PEOPLE_LOSS_CATEGORIES) & Q(population="")),
                name="loss_people_or_materiel",
            ),
        ]

    def __str__(self) -> str:
        amount = self.count_best if self.count_best is not None else self.qualifier
        what = self.equipment or self.get_population_display()
        return f"{amount} {what} {self.get_category_display().lower()}"

    @property
    def counts_people(self) -> bool:
        return self.category in PEOPLE_LOSS_CATEGORIES

    def clean(self) -> None:
        super().clean()
        check_names_published(self)
        errors: dict[str, str] = {}
        low, best, high = self.count_low, self.count_best, self.count_high
        if low is not None and best is not None and low > best:
            errors["count_low"] = "The low count is above the best estimate."
        if best is not None and high is not None and best > high:
            errors["count_high"] = "The high count is below the best estimate."
        if low is not None and high is not None and low > high:
            errors["count_high"] = "The high count is below the low count."
        if low is None and best is None and high is None and not self.qualifier:
            errors["count_best"] = "Give a count, or a qualifier such as 'many'."
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = "The period ends before it starts."
        if self.counts_people:
            if not self.population:
                errors["population"] = "Say whose people: civilian, military or unknown."
            if self.equipment:
                errors["equipment"] = "Equipment is for materiel losses, not people."
        elif self.population:
            errors["population"] = "Population is for people, not materiel."
        if errors:
            raise ValidationError(errors)
