from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
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
from .choices import PlaceKind, PlacePrecision
from .history import RecordedManager


class Place(TimeStampedModel, GazetteerStatusModel):
    """A named location. The name is the one the source uses; other names are aliases."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, validators=[validate_slug_not_numeric])
    kind = models.CharField(max_length=32, choices=PlaceKind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The larger place this one lies in.",
    )
    country = models.CharField(
        max_length=2,
        blank=True,
        validators=[validate_country_code],
        help_text="ISO 3166-1 alpha-2 code; empty for places whose country is disputed or none.",
    )
    latitude = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text="WGS 84 degrees.",
    )
    longitude = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
        help_text="WGS 84 degrees.",
    )
    precision = models.CharField(
        max_length=16,
        choices=PlacePrecision.choices,
        blank=True,
        help_text="How exact the point is; required when coordinates are given.",
    )
    aliases = models.JSONField(
        default=list,
        blank=True,
        validators=[validate_aliases],
        help_text="Other names and spellings (Shushi for Shusha, Terter for Tartar).",
    )
    wikidata_id = models.CharField(max_length=20, blank=True, validators=[validate_wikidata_id])
    gazetteer_source = models.CharField(
        max_length=40,
        blank=True,
        help_text=(
            "The world-gazetteer entry the country and point came from (e.g. 'geonames:713122') "
            "when ingestion drafted this place; empty for places made by hand."
        ),
    )
    notes = bounded_text(NOTES_MAX_LENGTH, blank=True)

    objects = RecordedManager()
    history = HistoricalRecords()

    # The published records that may not be left naming a draft place.
    NAMED_BY = {"incidents": "incident(s)"}

    class Meta:
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["kind"], name="place_kind_idx"),
            models.Index(fields=["country"], name="place_country_idx"),
            models.Index(fields=["precision"], name="place_precision_idx"),
            models.Index(fields=["name"], name="place_name_idx"),
        ]
        constraints = [
            country_constraint("place"),
            wikidata_constraint("place"),
            not_own_parent_constraint("place"),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90),
                name="place_latitude_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="place_longitude_range",
            ),
            # A point is both coordinates and how exact it is, or nothing.
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True, precision="")
                | (
                    models.Q(latitude__isnull=False, longitude__isnull=False)
                    & ~models.Q(precision="")
                ),
                name="place_point_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    def clean(self) -> None:
        super().clean()
        check_no_cycle(self)
        check_no_published_dependents(self)
        has_lat, has_lon = self.latitude is not None, self.longitude is not None
        if has_lat != has_lon:
            missing = "longitude" if has_lat else "latitude"
            raise ValidationError({missing: "Give both coordinates or neither."})
        if has_lat and not self.precision:
            raise ValidationError({"precision": "Say how exact the point is."})
        if not has_lat and self.precision:
            raise ValidationError({"precision": "A precision needs coordinates."})
