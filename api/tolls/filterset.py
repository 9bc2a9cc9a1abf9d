"""The filters of ``/tolls/``: which reported losses the series are built from."""

from django_filters import rest_framework as filters

from conflict.models import Actor, Incident, Loss, Place
from conflict.models.choices import LossCategory, Population

from ..filtersets.bbox import BBoxFilter
from ..filtersets.lookups import (
    CharInFilter,
    ChoiceInFilter,
    DateFilter,
    RelatedInFilter,
    related_help,
)


class TollFilterSet(filters.FilterSet):
    claimant = RelatedInFilter(
        field_name="claim__claimant",
        queryset=Actor.objects.all(),
        help_text=related_help("Tolls claimed by these actors"),
    )
    side = RelatedInFilter(
        queryset=Actor.objects.all(), help_text=related_help("Losses suffered by these actors")
    )
    category = ChoiceInFilter(choices=LossCategory.choices, help_text="Kinds of loss (comma list).")
    population = ChoiceInFilter(
        choices=Population.choices, help_text="Whose people (comma list); for people only."
    )
    equipment = CharInFilter(
        help_text="Materiel, as normalised (comma list), e.g. `D-20 howitzer`."
    )
    stated_after = DateFilter(
        field_name="claim__stated_on",
        lookup_expr="gte",
        help_text="Figures stated on or after this day. Undated statements never match.",
    )
    stated_before = DateFilter(
        field_name="claim__stated_on",
        lookup_expr="lte",
        help_text="Figures stated on or before this day. Undated statements never match.",
    )
    incident = RelatedInFilter(
        queryset=Incident.objects.all(), help_text=related_help("Losses in these incidents")
    )
    place = RelatedInFilter(
        field_name="incident__places",
        many=True,
        queryset=Place.objects.all(),
        help_text=related_help("Losses in incidents at any of these places"),
    )
    bbox = BBoxFilter(related="incident__places")

    class Meta:
        model = Loss
        fields = []
