"""Pieces shared by every domain model."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
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


def validate_aliases(value: object) -> None:
    """Aliases are a list of distinct, non-empty strings."""
    if not isinstance(value, list):
        raise ValidationError("Aliases must be a list of names.")
    seen: set[str] = set()
    for alias in value:
        if not isinstance(alias, str) or not alias.strip():
            raise ValidationError("Each alias must be a non-empty string.")
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


SHOWN_DEPENDENTS = 5  # ids named in a refusal; the editor filters the list for the rest


def published_dependents(obj: models.Model) -> list[str]:
    """The published records that name ``obj``, by the relations ``conflict.rules`` guards;
    each model lists them in ``NAMED_BY`` (reverse accessor: what they are)."""
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
    """The other half of ``conflict.rules.check_names_published``: a record published records name
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
