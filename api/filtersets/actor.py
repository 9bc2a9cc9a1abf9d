from django_filters import rest_framework as filters

from conflict.models import Actor
from conflict.models.choices import ActorKind

from .lookups import (
    CharInFilter,
    ChoiceInFilter,
    CountryInFilter,
    IdInFilter,
    RelatedInFilter,
    related_help,
)


class ActorFilterSet(filters.FilterSet):
    id = IdInFilter(help_text="Actors with these ids (comma list).")
    kind = ChoiceInFilter(choices=ActorKind.choices, help_text="Kinds of actor (comma list).")
    country = CountryInFilter(help_text="ISO 3166-1 alpha-2 codes (comma list), e.g. `AZ`.")
    parent = RelatedInFilter(
        queryset=Actor.objects.all(), help_text=related_help("Direct children of these actors")
    )
    wikidata_id = CharInFilter(help_text="Wikidata item ids (comma list), e.g. `Q227`.")

    class Meta:
        model = Actor
        fields = []
