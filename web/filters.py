"""The filters the map and toll pages take, named as the API names them (so the page's
"same data in the API" link is the page's own query string).

A value the page cannot use is a 400 page naming the field, never a silently wider answer.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.db.models import Model, Q, QuerySet

from conflict.models import Actor, Incident, Loss, Place
from conflict.models.choices import IncidentKind, LossCategory, Population
from conflict.visibility import PUBLIC_READER, fetchable

ANY = [("", "Any")]


class NamedRecordField(forms.SlugField):
    """A slug naming a record the public may open; a draft is "not found" like a typo."""

    def __init__(self, model: type[Model], **kwargs: Any) -> None:
        self.model = model
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, value: Any) -> Model | None:
        slug = super().clean(value)
        if not slug:
            return None
        found = fetchable(self.model._default_manager.all(), PUBLIC_READER).filter(slug=slug)
        record = found.first()
        if record is None:
            raise forms.ValidationError(f"No {self.model._meta.verbose_name} '{slug}'.")
        return record


class IsoDateField(forms.DateField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date"}))
        super().__init__(**kwargs)


class PageFilters(forms.Form):
    def query(self) -> str:
        """The filters as the API's query string (slugs for records, ISO dates)."""
        pairs = []
        for name, value in self.cleaned_data.items():
            if value in (None, ""):
                continue
            pairs.append((name, getattr(value, "slug", None) or str(value)))
        return urlencode(pairs)

    def errors_by_field(self) -> list[tuple[str, str]]:
        return [(name, " ".join(messages)) for name, messages in self.errors.items()]


class MapFilters(PageFilters):
    kind = forms.ChoiceField(required=False, choices=ANY + IncidentKind.choices)
    occurred_after = IsoDateField(label="Still going on or after")
    occurred_before = IsoDateField(label="Began on or before")
    place = NamedRecordField(Place, help_text="A place's slug, e.g. ganja.")
    participant = NamedRecordField(Actor, help_text="An actor's slug, e.g. armenia.")

    def apply(self, incidents: QuerySet[Incident]) -> QuerySet[Incident]:
        data = self.cleaned_data
        if data.get("kind"):
            incidents = incidents.filter(kind=data["kind"])
        if data.get("occurred_after"):
            day = data["occurred_after"]
            incidents = incidents.filter(
                Q(occurred_until__gte=day) | Q(occurred_until__isnull=True, occurred_on__gte=day)
            )
        if data.get("occurred_before"):
            incidents = incidents.filter(occurred_on__lte=data["occurred_before"])
        if data.get("place"):
            incidents = incidents.filter(
                pk__in=Incident.places.through.objects.filter(place=data["place"]).values(
                    "incident_id"
                )
            )
        if data.get("participant"):
            incidents = incidents.filter(
                pk__in=Incident.participants.through.objects.filter(
                    actor=data["participant"]
                ).values("incident_id")
            )
        return incidents


class TollFilters(PageFilters):
    claimant = NamedRecordField(Actor, help_text="Who reports, e.g. armenia.")
    side = NamedRecordField(Actor, help_text="Whose losses, e.g. azerbaijan.")
    category = forms.ChoiceField(required=False, choices=ANY + LossCategory.choices)
    population = forms.ChoiceField(required=False, choices=ANY + Population.choices)
    stated_after = IsoDateField(label="Stated on or after")
    stated_before = IsoDateField(label="Stated on or before")

    def apply(self, losses: QuerySet[Loss]) -> QuerySet[Loss]:
        data = self.cleaned_data
        lookups = {
            "claim__claimant": data.get("claimant"),
            "side": data.get("side"),
            "category": data.get("category"),
            "population": data.get("population"),
            "claim__stated_on__gte": data.get("stated_after"),
            "claim__stated_on__lte": data.get("stated_before"),
        }
        return losses.filter(**{k: v for k, v in lookups.items() if v not in (None, "")})
