"""Admin forms: the model's rules, surfaced as form errors an editor can act on."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.text import capfirst

from ..models import Actor, Article, Claim, Place
from ..models.base import validate_aliases
from ..quotes import QuoteError, find_all, locate_quote
from ..rules import incidents_backed_only_by, submit


def normalise_newlines(text: str) -> str:
    """Browsers submit textareas with CRLF line ends; stored texts use LF."""
    return text.replace("\r\n", "\n")


class CurationForm(forms.ModelForm):
    """Base form for every admin form and inline.

    A model's ``clean()`` may name a field the form does not show (a read-only offset, a
    field left out of a compact inline). Django raises ``ValueError`` for such an error,
    which the editor would see as a server error; here it becomes a form-wide error
    naming the field instead.
    """

    def _post_clean(self) -> None:
        # Many-to-many values are saved after the record: the rules (conflict.rules) judge
        # the ones submitted here, not the stored ones.
        submitted = {
            field.name: self.cleaned_data[field.name]
            for field in self._meta.model._meta.many_to_many
            if field.name in self.fields and field.name in self.cleaned_data
        }
        if submitted:
            submit(self.instance, submitted)
        super()._post_clean()

    def add_error(self, field: str | None, error: Any) -> None:
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            error = ValidationError(self._fold_hidden_fields(error.error_dict))
        super().add_error(field, error)

    def _fold_hidden_fields(
        self, error_dict: dict[str, list[ValidationError]]
    ) -> dict[str, list[ValidationError]]:
        folded: dict[str, list[ValidationError]] = {}
        for name, errors in error_dict.items():
            if name == NON_FIELD_ERRORS or name in self.fields:
                folded.setdefault(name, []).extend(errors)
                continue
            label = capfirst(self._meta.model._meta.get_field(name).verbose_name)
            folded.setdefault(NON_FIELD_ERRORS, []).extend(
                ValidationError(f"{label}: {message}") for message in ValidationError(errors)
            )
        return folded


class AliasesField(forms.CharField):
    """A JSON list of names, edited as one name per line."""

    widget = forms.Textarea(attrs={"rows": 4, "cols": 40})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "One name per line.")
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(str(alias) for alias in value)
        return value

    def to_python(self, value: Any) -> list[str]:
        if isinstance(value, list):
            return value
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def validate(self, value: list[str]) -> None:
        super().validate(value)
        validate_aliases(value)


class CountryCodeField(forms.CharField):
    """ISO codes are stored in capitals; accept 'az' as well as 'AZ'."""

    def to_python(self, value: Any) -> str:
        return super().to_python(value).upper()


class NamedThingForm(CurationForm):
    aliases = AliasesField()
    country = CountryCodeField(
        max_length=2,
        required=False,
        help_text="ISO 3166-1 alpha-2 code, e.g. AZ; empty if none.",
        widget=forms.TextInput(attrs={"size": 3}),
    )


class ActorAdminForm(NamedThingForm):
    class Meta:
        model = Actor
        fields = (
            "name",
            "slug",
            "kind",
            "status",
            "country",
            "parent",
            "aliases",
            "role",
            "wikidata_id",
            "notes",
        )


class PlaceAdminForm(NamedThingForm):
    class Meta:
        model = Place
        fields = (
            "name",
            "slug",
            "kind",
            "status",
            "parent",
            "country",
            "latitude",
            "longitude",
            "precision",
            "aliases",
            "wikidata_id",
            "notes",
        )


class ArticleAdminForm(CurationForm):
    # Declared so the scheme a bare "example.com" gets is https (Django 6's default).
    source_url = forms.URLField(
        assume_scheme="https",
        max_length=1000,
        required=False,
        empty_value=None,
        help_text=Article._meta.get_field("source_url").help_text,
    )

    class Meta:
        model = Article
        fields = (
            "title",
            "title_is_editorial",
            "slug",
            "publisher",
            "source_url",
            "published_on",
            "published_on_inferred",
            "language",
            "body",
            "notes",
        )

    def clean_body(self) -> str:
        return normalise_newlines(self.cleaned_data["body"])


class ClaimAdminForm(CurationForm):
    """A claim is added by pasting its quote; the offsets are found, never typed."""

    occurrence = forms.IntegerField(
        min_value=1,
        required=False,
        help_text="Only when the quote occurs more than once in the article: "
        "which occurrence this claim is (1 for the first).",
        widget=forms.NumberInput(attrs={"size": 4}),
    )

    class Meta:
        model = Claim
        fields = (
            "article",
            "quote",
            "is_direct_quote",
            "claimant",
            "stance",
            "category",
            "text",
            "channel",
            "channel_actor",
            "stated_on",
            "stated_on_inferred",
            "incidents",
            "notes",
        )

    def clean_quote(self) -> str:
        return normalise_newlines(self.cleaned_data["quote"])

    # Set while an occurrence was asked for but could not place the quote.
    _quote_unplaced = False

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self._place_quote(cleaned.get("article"), cleaned.get("quote"))
        self._check_incidents_stay_backed(cleaned.get("incidents"))
        return cleaned

    def _place_quote(self, article: Article | None, quote: str | None) -> None:
        if article is None or not quote:
            return  # the missing field has its own error
        occurrence = self.cleaned_data.get("occurrence")
        if occurrence is None and not self.has_error("occurrence"):
            if self.instance.pk is None or {"quote", "article"} & set(self.changed_data):
                # With both offsets empty, Claim.clean locates the quote afresh.
                self.instance.span_start = self.instance.span_end = None
            return
        # Claim.clean only takes a unique quote, so a chosen occurrence is placed here;
        # Claim.clean then checks the offsets against the body.
        if not find_all(article.body, quote):
            self.add_error("quote", "This quote does not occur in the article text.")
            return
        self._quote_unplaced = True
        if occurrence is None:
            return  # the occurrence field has its own error
        try:
            start, end = locate_quote(article.body, quote, occurrence)
        except QuoteError as exc:
            self.add_error("occurrence", str(exc))
            return
        self._quote_unplaced = False
        self.instance.span_start, self.instance.span_end = start, end

    def _post_clean(self) -> None:
        super()._post_clean()
        if self._quote_unplaced:
            # Claim.clean judged the quote without the occurrence; the occurrence field
            # already says what is wrong, so a second message on the quote would mislead.
            self._errors.pop("quote", None)

    def _check_incidents_stay_backed(self, incidents: Any) -> None:
        """Unlinking an incident must not leave it without any claim behind it."""
        if self.instance.pk is None or incidents is None or "incidents" not in self.fields:
            return
        kept = {incident.pk for incident in incidents}
        dropped = set(self.instance.incidents.exclude(pk__in=kept).values_list("pk", flat=True))
        if not dropped:
            return
        orphaned = incidents_backed_only_by([self.instance.pk], among=dropped)
        titles = [incident.title for incident in orphaned]
        if titles:
            self.add_error(
                "incidents",
                "This claim is the only one backing: "
                + "; ".join(titles)
                + ". Link another claim to it first, or delete the incident.",
            )
