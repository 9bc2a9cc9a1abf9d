"""Pieces shared by every domain model."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
)
from django.db import models

from .choices import ReviewStatus

COUNTRY_CODE_PATTERN = r"^[A-Z]{2}$"
WIKIDATA_ID_PATTERN = r"^Q[1-9][0-9]*$"

validate_country_code = RegexValidator(
    COUNTRY_CODE_PATTERN, "Enter an ISO 3166-1 alpha-2 code in capitals, e.g. AZ."
)
# A slug with a letter can never be mistaken for an id in /things/{id-or-slug}/ URLs.
validate_slug_not_numeric = RegexValidator(
    r"^[0-9]+$", "A slug needs at least one letter.", inverse_match=True
)
validate_wikidata_id = RegexValidator(WIKIDATA_ID_PATTERN, "Enter a Wikidata item id, e.g. Q227.")


# Bounds on free text, so one field cannot hold a book (shared by the admin and the API).
NOTES_MAX_LENGTH = 10_000  # an editor's notes, an incident's description
CLAIM_TEXT_MAX_LENGTH = 2_000  # a one-sentence paraphrase, with room to spare
MAX_ALIASES = 50
ALIAS_MAX_LENGTH = 200  # as long as a name

# BCP 47 (RFC 5646) language tags, by their syntax: language[-extlang][-script][-region]
# [-variant]*[-extension]*[-privateuse], or a private-use tag alone. The language is the 2-3
# letter ISO 639 code (the 4-8 letter forms RFC 5646 reserves have none registered); whether a
# subtag is in the IANA registry is not checked.
BCP47_PATTERN = (
    r"^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}"
    r"(?:-[A-Za-z]{4})?"
    r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"
    r"(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?"
    r"|[Xx](?:-[A-Za-z0-9]{1,8})+)$"
)
validate_language_tag = RegexValidator(
    BCP47_PATTERN, "Enter a BCP 47 language tag, e.g. en, hy, az-Latn or en-GB."
)


def bounded_text(max_length: int, **kwargs: object) -> models.TextField:
    """A TextField whose bound is enforced (Django's TextField only hints max_length to forms)."""
    return models.TextField(
        max_length=max_length, validators=[MaxLengthValidator(max_length)], **kwargs
    )


def validate_body_length(value: str) -> None:
    """An article's text is at most INGEST_MAX_BODY_CHARS, however it arrives."""
    limit = settings.INGEST_MAX_BODY_CHARS
    if len(value) > limit:
        raise ValidationError(
            f"The article text is {len(value)} characters; at most {limit} are accepted.",
            code="max_length",
        )


def validate_aliases(value: object) -> None:
    """Aliases are a list of distinct, non-empty strings, at most MAX_ALIASES of them."""
    if not isinstance(value, list):
        raise ValidationError("Aliases must be a list of names.")
    if len(value) > MAX_ALIASES:
        raise ValidationError(f"At most {MAX_ALIASES} aliases ({len(value)} given).")
    seen: set[str] = set()
    for alias in value:
        if not isinstance(alias, str) or not alias.strip():
            raise ValidationError("Each alias must be a non-empty string.")
        if len(alias) > ALIAS_MAX_LENGTH:
            raise ValidationError(f"Alias {alias[:40]!r}… is over {ALIAS_MAX_LENGTH} characters.")
        if alias != alias.strip():
            raise ValidationError(f"Alias {alias!r} has leading or trailing spaces.")
        if alias in seen:
            raise ValidationError(f"Alias {alias!r} is listed twice.")
        seen.add(alias)


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        abstract = True


class ReviewedModel(models.Model):
    """A record editors review before the public sees it: draft, published or retracted."""

    status = models.CharField(
        max_length=16,
        choices=ReviewStatus.choices,
        default=ReviewStatus.DRAFT,
        db_index=True,
        help_text="Drafts are seen by editors only; retracted records stay, marked as such.",
    )

    class Meta:
        abstract = True


def check_published_references(obj: models.Model, *names: str) -> None:
    """A published record may not name a draft (the public would meet a name leading nowhere).

    ``names`` are foreign keys to actors, places, claims or incidents.
    """
    if getattr(obj, "status", None) != ReviewStatus.PUBLISHED:
        return
    errors = {}
    for name in names:
        if getattr(obj, f"{name}_id", None) is None:
            continue
        other = getattr(obj, name)
        if other.status == ReviewStatus.DRAFT:
            kind = other._meta.verbose_name
            errors[name] = f"The {kind} {other} is a draft: publish (or merge) it first."
    if errors:
        raise ValidationError(errors)


SHOWN_DEPENDENTS = 5  # ids named in a refusal; the editor filters the list for the rest


def published_dependents(obj: models.Model) -> list[str]:
    """The published records that name ``obj``, by the references ``check_published_references``
    guards; each model lists them in ``NAMED_BY`` (reverse accessor: what they are)."""
    if obj.pk is None:
        return []
    found = []
    for accessor, what in getattr(obj, "NAMED_BY", {}).items():
        ids = list(
            getattr(obj, accessor)
            .filter(status=ReviewStatus.PUBLISHED)
            .order_by("pk")
            .values_list("pk", flat=True)
            .distinct()[: SHOWN_DEPENDENTS + 1]
        )
        if ids:
            shown = ", ".join(f"#{pk}" for pk in ids[:SHOWN_DEPENDENTS])
            more = ", ..." if len(ids) > SHOWN_DEPENDENTS else ""
            found.append(f"{what} {shown}{more}")
    return found


def check_no_published_dependents(obj: models.Model) -> None:
    """The other half of ``check_published_references``: a record published records name
    may not go back to draft, or the public would meet a name leading nowhere.

    Retracting it stays allowed: a retracted record is still shown, marked, to whoever
    follows the name (see ``api.visibility``), and a retraction must never wait on others.
    """
    if obj.pk is None or getattr(obj, "status", None) != ReviewStatus.DRAFT:
        return
    dependents = published_dependents(obj)
    if dependents:
        kind = obj._meta.verbose_name
        raise ValidationError(
            {
                "status": (
                    f"Published records name this {kind}: {'; '.join(dependents)}. "
                    "Return them to draft first, or retract this one instead."
                )
            }
        )


class GazetteerStatusModel(models.Model):
    """An actor or place: published unless ingestion created it from a name it did not know.

    Every actor and place an editor makes (admin, API, seed) is published; ingestion makes
    drafts, which the public does not see until an editor publishes them or merges them into
    an existing record. The same three statuses as claims, so one visibility rule serves all.
    """

    status = models.CharField(
        max_length=16,
        choices=ReviewStatus.choices,
        default=ReviewStatus.PUBLISHED,
        db_index=True,
        help_text="Drafts come from ingestion and are seen by editors only.",
    )

    class Meta:
        abstract = True


class ExtractedModel(models.Model):
    """A record the extractor may draft: how sure it was and why, for the review queue.

    Both stay empty on records editors make by hand.
    """

    extraction_confidence = models.FloatField(
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="0-1: how sure the extraction rule that drafted this record was.",
    )
    extraction_evidence = models.TextField(
        blank=True, help_text="The rule or match that drafted this record."
    )

    class Meta:
        abstract = True


def confidence_constraint(model_name: str) -> models.CheckConstraint:
    """An extraction confidence is empty or between 0 and 1."""
    return models.CheckConstraint(
        condition=models.Q(extraction_confidence__isnull=True)
        | models.Q(extraction_confidence__gte=0, extraction_confidence__lte=1),
        name=f"{model_name}_extraction_confidence_0_1",
    )


def country_constraint(model_name: str) -> models.CheckConstraint:
    """The country field is empty or an ISO alpha-2 code."""
    return models.CheckConstraint(
        condition=models.Q(country="") | models.Q(country__regex=COUNTRY_CODE_PATTERN),
        name=f"{model_name}_country_iso_alpha2",
    )


def check_no_cycle(obj: models.Model) -> None:
    """A ``parent`` chain must not loop back to the object itself."""
    seen = {obj.pk} if obj.pk is not None else set()
    parent = obj.parent
    while parent is not None:
        if parent.pk in seen:
            raise ValidationError({"parent": "This parent would make the hierarchy a loop."})
        seen.add(parent.pk)
        parent = parent.parent


def wikidata_constraint(model_name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=models.Q(wikidata_id="") | models.Q(wikidata_id__regex=WIKIDATA_ID_PATTERN),
        name=f"{model_name}_wikidata_id_format",
    )


def not_own_parent_constraint(model_name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=~models.Q(parent=models.F("id")), name=f"{model_name}_not_own_parent"
    )
