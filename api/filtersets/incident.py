from datetime import date

from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters

from conflict.models import Actor, Incident, Place
from conflict.models.choices import ACLED_EVENT_TYPES, DatePrecision, IncidentKind

from ..choices import ACLED_EVENT_TYPE_CHOICES
from .bbox import BBoxFilter
from .lookups import (
    BooleanFilter,
    ChoiceInFilter,
    DateFilter,
    IdInFilter,
    RelatedInFilter,
    related_help,
)


class IncidentFilterSet(filters.FilterSet):
    id = IdInFilter(help_text="Incidents with these ids (comma list).")
    kind = ChoiceInFilter(
        choices=IncidentKind.choices, help_text="Kinds of incident (ACLED sub-event types)."
    )
    acled_event_type = ChoiceInFilter(
        choices=ACLED_EVENT_TYPE_CHOICES,
        method="filter_acled_event_type",
        help_text="ACLED event types (comma list), derived from `kind`.",
    )
    date_precision = ChoiceInFilter(
        choices=DatePrecision.choices, help_text="How exactly the date is known (comma list)."
    )
    occurred_after = DateFilter(
        method="filter_occurred_after",
        help_text="Incidents still going on or after this day: the last day (`occurred_until`, "
        "else `occurred_on`) is on or after it. Undated incidents never match.",
    )
    occurred_before = DateFilter(
        field_name="occurred_on",
        lookup_expr="lte",
        help_text="Incidents that began on or before this day. Undated incidents never match. "
        "With `occurred_after`, the incidents that overlap the period.",
    )
    place = RelatedInFilter(
        field_name="places",
        many=True,
        queryset=Place.objects.all(),
        help_text=related_help("Incidents at any of these places (not their sub-places)"),
    )
    participant = RelatedInFilter(
        field_name="participants",
        many=True,
        queryset=Actor.objects.all(),
        help_text=related_help("Incidents with any of these actors taking part, in any role"),
    )
    claimant = RelatedInFilter(
        field_name="claims__claimant",
        many=True,
        through="claims",
        queryset=Actor.objects.all(),
        help_text=related_help("Incidents that claims by any of these actors are about"),
    )
    bbox = BBoxFilter(related="places")
    contested = BooleanFilter(
        help_text="True: incidents a claim about them denies, or a claim about them is "
        "contradicted; false: the others."
    )

    class Meta:
        model = Incident
        fields = []

    def filter_acled_event_type(self, queryset: QuerySet, name: str, value: list[str]) -> QuerySet:
        wanted = {item for item in value or () if item}
        if not wanted:
            return queryset
        kinds = [kind for kind, event_type in ACLED_EVENT_TYPES.items() if event_type in wanted]
        return queryset.filter(kind__in=kinds)

    def filter_occurred_after(self, queryset: QuerySet, name: str, value: date) -> QuerySet:
        if value is None:
            return queryset
        return queryset.filter(
            Q(occurred_until__gte=value) | Q(occurred_until__isnull=True, occurred_on__gte=value)
        )
