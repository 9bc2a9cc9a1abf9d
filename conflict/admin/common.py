"""Pieces shared by the admin modules."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import admin
from django.db.models import Exists, ForeignKey, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils.text import Truncator

from ..models import Claim, Incident

TIMESTAMPS = ("created_at", "updated_at")
RECORD_FIELDSET = ("Record", {"fields": TIMESTAMPS, "classes": ["collapse"]})


def excerpt(text: str, length: int = 80) -> str:
    return Truncator(text).chars(length)


class ContestedListFilter(admin.SimpleListFilter):
    """Filter on the ``contested`` annotation that ``with_contested()`` adds."""

    title = "contested"
    parameter_name = "contested"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple]:
        return [("yes", "Contested"), ("no", "Not contested")]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.filter(contested=True)
        if self.value() == "no":
            return queryset.filter(contested=False)
        return queryset


class ClaimChoicesMixin:
    """A claim's name includes its claimant: fetch them together wherever claims are chosen."""

    def formfield_for_foreignkey(self, db_field: ForeignKey, request: HttpRequest, **kwargs: Any):
        if db_field.related_model is Claim and "queryset" not in kwargs:
            kwargs["queryset"] = Claim.objects.select_related("claimant")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


def incidents_backed_only_by(claim_ids: Iterable[int], among: Iterable[int] | None = None):
    """Incidents whose every backing claim is in ``claim_ids``: removing those orphans them."""
    claim_ids = list(claim_ids)
    through = Claim.incidents.through
    incidents = Incident.objects.filter(
        pk__in=through.objects.filter(claim__in=claim_ids).values("incident")
    )
    if among is not None:
        incidents = incidents.filter(pk__in=list(among))
    backed_elsewhere = through.objects.filter(incident=OuterRef("pk")).exclude(claim__in=claim_ids)
    return incidents.exclude(Exists(backed_elsewhere))
