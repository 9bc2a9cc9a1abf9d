from django_filters import rest_framework as filters

from conflict.models import Actor, Article, Claim, Incident, Loss
from conflict.models.choices import LossCategory, Population

from .lookups import (
    BooleanFilter,
    CharInFilter,
    ChoiceInFilter,
    IdInFilter,
    RelatedInFilter,
    related_help,
)


class LossFilterSet(filters.FilterSet):
    id = IdInFilter(help_text="Losses with these ids (comma list).")
    claim = RelatedInFilter(
        queryset=Claim.objects.all(),
        to_field_name=None,
        help_text=related_help("Losses reported by these claims", by="id"),
    )
    article = RelatedInFilter(
        field_name="claim__article",
        queryset=Article.objects.all(),
        help_text=related_help("Losses reported in these articles"),
    )
    claimant = RelatedInFilter(
        field_name="claim__claimant",
        queryset=Actor.objects.all(),
        help_text=related_help("Losses claimed by these actors"),
    )
    incident = RelatedInFilter(
        queryset=Incident.objects.all(), help_text=related_help("Losses in these incidents")
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
    cumulative = BooleanFilter(
        help_text="True: only running totals ('since September 27'); false: only single counts."
    )

    class Meta:
        model = Loss
        fields = []
