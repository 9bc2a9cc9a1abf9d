from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Length
from simple_history.models import HistoricalRecords

from ..quotes import QuoteError, locate_quote
from ..rules import check_names_published
from .base import (
    CLAIM_TEXT_MAX_LENGTH,
    NOTES_MAX_LENGTH,
    ExtractedModel,
    ReviewedModel,
    TimeStampedModel,
    bounded_text,
    check_no_published_dependents,
    confidence_constraint,
)
from .choices import ClaimCategory, ClaimRelation, Stance
from .history import RecordedManager, RecordedQuerySet
from .ordering import OrderedIndex


class ClaimQuerySet(RecordedQuerySet):
    def with_contested(self, statuses: Iterable[str] | None = None) -> "ClaimQuerySet":
        """Annotate ``contested``: the claim contradicts, or is contradicted by, another.

        With ``statuses``, only other claims in those review statuses count (the public
        must not learn of a draft denial through this flag).
        """
        if statuses is None:
            other = Q(source=OuterRef("pk")) | Q(target=OuterRef("pk"))
        else:
            statuses = list(statuses)
            other = Q(source=OuterRef("pk"), target__status__in=statuses) | Q(
                target=OuterRef("pk"), source__status__in=statuses
            )
        contradiction = ClaimLink.objects.filter(other, relation=ClaimRelation.CONTRADICTS)
        return self.annotate(contested=Exists(contradiction))


class Claim(TimeStampedModel, ReviewedModel, ExtractedModel):
    """An attributed statement in an article, pinned to its words in the text."""

    article = models.ForeignKey("Article", on_delete=models.PROTECT, related_name="claims")
    claimant = models.ForeignKey(
        "Actor",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims",
        help_text="Who makes the claim; empty means the article's own narration.",
    )
    stance = models.CharField(max_length=8, choices=Stance.choices, default=Stance.ASSERTS)
    category = models.CharField(max_length=16, choices=ClaimCategory.choices)
    text = bounded_text(CLAIM_TEXT_MAX_LENGTH, help_text="A neutral one-sentence paraphrase.")
    quote = models.TextField(help_text="The words of the article, verbatim.")
    span_start = models.PositiveIntegerField(
        blank=True, help_text="Offset of the quote's first character in the article body."
    )
    span_end = models.PositiveIntegerField(
        blank=True, help_text="Offset just past the quote's last character."
    )
    is_direct_quote = models.BooleanField(
        default=False, help_text="True when the article quotes the claimant's own words."
    )
    channel = models.CharField(
        max_length=200,
        blank=True,
        help_text="How the claim was made, in the article's words ('in a statement').",
    )
    channel_actor = models.ForeignKey(
        "Actor",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="channelled_claims",
        help_text="The media outlet the claim was made to or through, where one is named.",
    )
    stated_on = models.DateField(null=True, blank=True)
    stated_on_inferred = models.BooleanField(
        default=False, help_text="True when the date is inferred (usually the article's date)."
    )
    incidents = models.ManyToManyField("Incident", blank=True, related_name="claims")
    notes = bounded_text(NOTES_MAX_LENGTH, blank=True)

    objects = ClaimQuerySet.as_manager()

    history = HistoricalRecords(m2m_fields=["incidents"])

    # The published records that may not be left naming a draft claim.
    NAMED_BY = {"losses": "loss(es)"}

    class Meta:
        ordering = ["article", "span_start", "id"]
        indexes = [
            models.Index(fields=["article", "span_start", "id"], name="claim_article_span_idx"),
            models.Index(fields=["stated_on", "id"], name="claim_stated_on_idx"),
            # Every ?ordering= the list offers, both ways, as api/filters.py sends it (then id
            # ascending): an index read backwards would give id descending, so each direction
            # has its own; without one PostgreSQL sorts every claim for each page.
            OrderedIndex(
                F("stated_on").desc(nulls_last=True), F("id"), name="claim_stated_on_desc_idx"
            ),
            models.Index(fields=["stance", "id"], name="claim_stance_id_idx"),
            models.Index(F("stance").desc(), F("id"), name="claim_stance_desc_idx"),
            models.Index(fields=["category", "id"], name="claim_category_id_idx"),
            models.Index(F("category").desc(), F("id"), name="claim_category_desc_idx"),
            models.Index(fields=["span_start", "id"], name="claim_span_start_idx"),
            models.Index(F("span_start").desc(), F("id"), name="claim_span_start_desc_idx"),
            # The lists readers filter most, a kind of claim or a claimant over a period,
            # with what the list's default order reads: a page's ids are then chosen from
            # the index alone (its count too), without reading a claim row. Without them a
            # period of tolls at 1M claims sorted 36,000 rows read from the table (30 ms) or
            # walked the article order until the period began (120 ms).
            models.Index(
                fields=["category", "stated_on", "status", "article", "span_start", "id"],
                name="claim_category_period_idx",
            ),
            models.Index(
                fields=["claimant", "stated_on", "status", "article", "span_start", "id"],
                name="claim_claimant_period_idx",
            ),
        ]
        constraints = [
            confidence_constraint("claim"),
            models.CheckConstraint(
                condition=Q(span_start__lt=F("span_end")), name="claim_span_ordered"
            ),
            # The part of "body[start:end] == quote" a database can check without the body.
            models.CheckConstraint(
                condition=Q(span_end=F("span_start") + Length("quote")),
                name="claim_span_matches_quote_length",
            ),
            models.CheckConstraint(condition=~Q(text=""), name="claim_text_not_empty"),
        ]

    def __str__(self) -> str:
        who = self.claimant.name if self.claimant_id else "Narration"
        return f"{who}: {self.text[:80]}"

    def clean(self) -> None:
        super().clean()
        check_names_published(self)
        check_no_published_dependents(self)
        if self.article_id is None or not self.quote:
            return  # field validation reports the missing article or quote
        body = self.article.body
        start, end = self.span_start, self.span_end
        if start is None and end is None:
            # A pasted quote: compute its offsets.
            try:
                self.span_start, self.span_end = locate_quote(body, self.quote)
            except QuoteError as exc:
                raise ValidationError({"quote": str(exc)}) from exc
        elif start is None or end is None:
            missing = "span_start" if start is None else "span_end"
            raise ValidationError({missing: "Give both offsets, or neither to have them found."})
        elif body[start:end] != self.quote:
            raise ValidationError(
                {"quote": f"The article text at {start}-{end} is not this quote."}
            )


class ClaimLink(TimeStampedModel):
    """A typed link between two claims: source contradicts / supports / responds to target."""

    source = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_out")
    target = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_in")
    relation = models.CharField(max_length=16, choices=ClaimRelation.choices)
    notes = bounded_text(NOTES_MAX_LENGTH, blank=True)

    objects = RecordedManager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["source", "id"]
        indexes = [models.Index(fields=["relation"], name="claimlink_relation_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "relation"], name="claimlink_unique"
            ),
            models.CheckConstraint(condition=~Q(source=F("target")), name="claimlink_not_self"),
        ]

    def __str__(self) -> str:
        return f"#{self.source_id} {self.relation} #{self.target_id}"

    def clean(self) -> None:
        super().clean()
        if self.source_id is not None and self.source_id == self.target_id:
            raise ValidationError({"target": "A claim cannot be linked to itself."})
        check_names_published(self)  # a published claim links to no draft
