from datetime import date

from django import forms
from django.db.models import Count, Q, QuerySet
from django_filters import rest_framework as filters

from conflict.models import Actor, Article, Claim, Incident, Place
from conflict.models.choices import ACLED_EVENT_TYPES, DatePrecision, IncidentKind

from ..choices import ACLED_EVENT_TYPE_CHOICES
from ..visibility import nested_statuses
from .bbox import BBoxFilter
from .lookups import (
    BooleanFilter,
    ChoiceInFilter,
    DateFilter,
    IdInFilter,
    RelatedInFilter,
    related_help,
)


class CountFilter(filters.NumberFilter):
    """A whole number (``?sources_min=2``); ``2.5`` or ``two`` is a 400 naming the filter."""

    field_class = forms.IntegerField


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
    article = RelatedInFilter(
        field_name="claims__article",
        many=True,
        through="claims",
        queryset=Article.objects.all(),
        help_text=related_help("Incidents that a claim in any of these articles is about"),
    )
    publisher = filters.CharFilter(
        method="filter_publisher",
        help_text="Incidents reported by this publisher (a claim about them in one of its "
        "articles), ignoring case.",
    )
    sources_min = CountFilter(
        method="filter_sources_min",
        min_value=1,
        max_value=1_000_000,
        help_text="Incidents reported by at least this many articles (`sources_count`).",
    )
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

    def _visible_claims(self) -> QuerySet:
        """The incident-claim pairs whose claim the reader may see."""
        statuses = nested_statuses(getattr(self, "request", None), Claim)
        return Claim.incidents.through.objects.filter(claim__status__in=statuses)

    def filter_publisher(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        if not value:
            return queryset
        pairs = self._visible_claims().filter(claim__article__publisher__iexact=value)
        return queryset.filter(pk__in=pairs.values("incident_id"))

    def filter_sources_min(self, queryset: QuerySet, name: str, value: int | None) -> QuerySet:
        if value is None:
            return queryset
        counted = (
            self._visible_claims()
            .values("incident_id")
            .annotate(n=Count("claim__article_id", distinct=True))
            .filter(n__gte=value)
            .values("incident_id")
        )
        return queryset.filter(pk__in=counted)
