from django_filters import rest_framework as filters

from conflict.models import Place
from conflict.models.choices import PlaceKind, PlacePrecision

from .bbox import BBoxFilter
from .lookups import (
    BooleanFilter,
    CharInFilter,
    ChoiceInFilter,
    CountryInFilter,
    IdInFilter,
    RelatedInFilter,
    related_help,
)


class PlaceFilterSet(filters.FilterSet):
    id = IdInFilter(help_text="Places with these ids (comma list).")
    kind = ChoiceInFilter(choices=PlaceKind.choices, help_text="Kinds of place (comma list).")
    country = CountryInFilter(help_text="ISO 3166-1 alpha-2 codes (comma list), e.g. `AZ`.")
    parent = RelatedInFilter(
        queryset=Place.objects.all(), help_text=related_help("Places directly inside these")
    )
    precision = ChoiceInFilter(
        choices=PlacePrecision.choices, help_text="How exact the point is (comma list)."
    )
    has_coordinates = BooleanFilter(
        field_name="latitude",
        lookup_expr="isnull",
        exclude=True,
        help_text="True: only places with a point; false: only places without one.",
    )
    wikidata_id = CharInFilter(help_text="Wikidata item ids (comma list), e.g. `Q1998`.")
    bbox = BBoxFilter()

    class Meta:
        model = Place
        fields = []
