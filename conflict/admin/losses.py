from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from ..models import Loss
from .common import RECORD_FIELDSET, TIMESTAMPS, ClaimChoicesMixin
from .forms import CurationForm
from .history import HistoryAdmin
from .review import ReviewAdminMixin

COUNT_FIELDS = ("count_low", "count_best", "count_high", "qualifier")
WHAT_FIELDS = ("side", "category", "population", "equipment")


@admin.register(Loss)
class LossAdmin(ReviewAdminMixin, ClaimChoicesMixin, HistoryAdmin):
    form = CurationForm
    list_display = (
        "claim",
        "category",
        "population",
        "equipment",
        "count_low",
        "count_best",
        "count_high",
        "qualifier",
        "side",
        "cumulative",
    )
    list_filter = (
        "category",
        "population",
        "cumulative",
        ("side", admin.RelatedOnlyFieldListFilter),
    )
    list_select_related = ("claim__claimant", "side")
    search_fields = (
        "equipment",
        "qualifier",
        "count_text",
        "notes",
        "claim__text",
        "claim__quote",
        "side__name",
    )
    autocomplete_fields = ("claim", "incident", "side")
    readonly_fields = TIMESTAMPS
    fieldsets = (
        (None, {"fields": ("claim", "incident")}),
        ("What was lost", {"fields": WHAT_FIELDS}),
        ("How many", {"fields": (COUNT_FIELDS, "count_text", "cumulative")}),
        ("Period", {"fields": (("period_start", "period_end"),)}),
        (None, {"fields": ("notes",)}),
        RECORD_FIELDSET,
    )


class ClaimLossInline(admin.TabularInline):
    """The numbers a claim reports."""

    model = Loss
    form = CurationForm
    fk_name = "claim"
    fields = ("incident", *WHAT_FIELDS, *COUNT_FIELDS, "cumulative")
    autocomplete_fields = ("incident", "side")
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("incident", "side")


class IncidentLossInline(ClaimChoicesMixin, admin.TabularInline):
    """The losses claimed in an incident, with the claim each comes from."""

    model = Loss
    form = CurationForm
    fk_name = "incident"
    fields = ("claim", *WHAT_FIELDS, *COUNT_FIELDS, "cumulative")
    autocomplete_fields = ("claim", "side")
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("claim__claimant", "side")
