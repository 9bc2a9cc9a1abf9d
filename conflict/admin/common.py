"""Pieces shared by the admin modules."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import ForeignKey, QuerySet
from django.http import HttpRequest
from django.utils.text import Truncator

from ..models import Claim

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
