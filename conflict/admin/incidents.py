from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest

from ..models import Claim, Incident, IncidentParticipant
from .common import RECORD_FIELDSET, TIMESTAMPS, ClaimChoicesMixin, ContestedListFilter
from .forms import CurationForm
from .history import HistoryAdmin
from .losses import IncidentLossInline
from .review import ReviewAdminMixin


class BackingClaimFormSet(BaseInlineFormSet):
    # Django merges this with the base class's messages.
    default_error_messages = {
        "too_few_forms": "An incident must be backed by at least %(num)d claim.",
    }

    @classmethod
    def get_default_prefix(cls) -> str:
        # The auto-created through model would otherwise give "Claim_incidents".
        return "backing_claims"


class IncidentClaimInline(ClaimChoicesMixin, admin.TabularInline):
    """The claims an incident rests on; at least one is required (DESIGN.md invariant)."""

    model = Claim.incidents.through
    form = CurationForm
    formset = BackingClaimFormSet
    fields = ("claim",)
    autocomplete_fields = ("claim",)
    verbose_name = "backing claim"
    verbose_name_plural = "backing claims"
    min_num = 1
    extra = 0

    def get_formset(self, request: HttpRequest, obj: Any = None, **kwargs: Any):
        # InlineModelAdmin has min_num but no validate_min: without it the minimum is
        # only the number of empty rows offered, and deleting the last claim would pass.
        kwargs.setdefault("validate_min", True)
        return super().get_formset(request, obj, **kwargs)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("claim__claimant")


class IncidentParticipantInline(admin.TabularInline):
    model = IncidentParticipant
    form = CurationForm
    fields = ("actor", "role")
    autocomplete_fields = ("actor",)
    extra = 0

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).select_related("actor")


@admin.register(Incident)
class IncidentAdmin(ReviewAdminMixin, HistoryAdmin):
    form = CurationForm
    list_display = (
        "title",
        "kind",
        "occurred_on",
        "occurred_until",
        "date_precision",
        "place_names",
        "claim_count",
        "contested",
    )
    list_filter = ("kind", ContestedListFilter, "date_precision")
    date_hierarchy = "occurred_on"
    search_fields = ("title", "slug", "description", "date_text", "notes")
    autocomplete_fields = ("places",)
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("contested", *TIMESTAMPS)
    fieldsets = (
        (None, {"fields": ("title", "slug", "kind", "description", "contested")}),
        (
            "When",
            {"fields": (("occurred_on", "occurred_until"), "date_precision", "date_text")},
        ),
        ("Where", {"fields": ("places",)}),
        (None, {"fields": ("notes",)}),
        RECORD_FIELDSET,
    )
    inlines = (IncidentClaimInline, IncidentParticipantInline, IncidentLossInline)

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return (
            super()
            .get_queryset(request)
            .with_contested()
            .annotate(claim_count=Count("claims", distinct=True))
            # Django drops Meta.ordering from aggregating queries; restate it.
            .order_by(*Incident._meta.ordering)
            .prefetch_related("places")
        )

    @admin.display(description="places")
    def place_names(self, obj: Incident) -> str:
        return ", ".join(place.name for place in obj.places.all())

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, obj: Incident) -> int:
        return obj.claim_count

    @admin.display(boolean=True, ordering="contested")
    def contested(self, obj: Incident) -> bool | None:
        # Unknown (None) on the add form, where the object is not annotated yet.
        return getattr(obj, "contested", None)


@admin.register(IncidentParticipant)
class IncidentParticipantAdmin(HistoryAdmin):
    form = CurationForm
    list_display = ("incident", "actor", "role")
    list_filter = ("role", "actor__kind")
    list_select_related = ("incident", "actor")
    search_fields = ("incident__title", "actor__name")
    autocomplete_fields = ("incident", "actor")
    readonly_fields = TIMESTAMPS
