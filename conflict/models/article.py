import hashlib

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from .base import (
    NOTES_MAX_LENGTH,
    TimeStampedModel,
    bounded_text,
    validate_body_length,
    validate_language_tag,
    validate_slug_not_numeric,
)
from .history import RecordedManager


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Article(TimeStampedModel):
    """A source document, its text kept exactly as published."""

    title = models.CharField(max_length=300)
    title_is_editorial = models.BooleanField(
        default=False,
        help_text="True when the source has no title and this one was written by an editor.",
    )
    slug = models.SlugField(max_length=200, unique=True, validators=[validate_slug_not_numeric])
    # Null, not "", for unknown: DESIGN.md wants "unknown" distinct from a value.
    publisher = models.CharField(  # noqa: DJ001
        max_length=200, null=True, blank=True, help_text="Null when unknown; never guessed."
    )
    source_url = models.URLField(  # noqa: DJ001
        max_length=1000, null=True, blank=True, help_text="Null when unknown; never guessed."
    )
    published_on = models.DateField(null=True, blank=True, db_index=True)
    published_on_inferred = models.BooleanField(
        default=False,
        help_text="True when the date is not stated by the source but inferred from its content.",
    )
    language = models.CharField(
        max_length=35,
        default="en",
        validators=[validate_language_tag],
        help_text="BCP 47 language tag.",
    )
    body = models.TextField(
        validators=[validate_body_length],
        help_text="The text exactly as in the source; claim offsets index it. At most "
        "INGEST_MAX_BODY_CHARS characters.",
    )
    body_sha256 = models.CharField(
        max_length=64, unique=True, editable=False, help_text="SHA-256 of the UTF-8 body."
    )
    notes = bounded_text(NOTES_MAX_LENGTH, blank=True)

    objects = RecordedManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "id"]
        indexes = [
            models.Index(fields=["title", "id"], name="article_title_idx"),
            models.Index(fields=["language"], name="article_language_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~models.Q(body=""), name="article_body_not_empty"),
            models.CheckConstraint(
                condition=models.Q(publisher__isnull=True) | ~models.Q(publisher=""),
                name="article_publisher_null_not_blank",
            ),
            models.CheckConstraint(
                condition=models.Q(source_url__isnull=True) | ~models.Q(source_url=""),
                name="article_source_url_null_not_blank",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        # Unknown is null, not an empty string, so filters on "unknown" see one value.
        self.publisher = self.publisher or None
        self.source_url = self.source_url or None
        self.body_sha256 = sha256_hex(self.body)
        if self.pk is not None:
            self._check_claim_spans()

    def _check_claim_spans(self) -> None:
        """Editing the body must not silently detach the quotes that point into it."""
        broken = [
            claim_id
            for claim_id, quote, start, end in self.claims.values_list(
                "id", "quote", "span_start", "span_end"
            )
            if self.body[start:end] != quote
        ]
        if broken:
            ids = ", ".join(str(i) for i in broken[:10])
            raise ValidationError(
                {
                    "body": f"This change moves the quoted text of {len(broken)} claim(s) "
                    f"(ids {ids}); fix their quotes first."
                }
            )

    def save(self, *args, **kwargs) -> None:
        self.body_sha256 = sha256_hex(self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "body" in update_fields:
            kwargs["update_fields"] = {*update_fields, "body_sha256"}
        super().save(*args, **kwargs)
