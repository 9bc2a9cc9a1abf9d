from django_filters import rest_framework as filters

from conflict.models import Actor, Article, Claim, Incident, Place
from conflict.models.choices import ClaimCategory, Stance

from .lookups import (
    BooleanFilter,
    ChoiceInFilter,
    DateFilter,
    IdInFilter,
    RelatedInFilter,
    related_help,
)


class ClaimFilterSet(filters.FilterSet):
    id = IdInFilter(help_text="Claims with these ids (comma list).")
    article = RelatedInFilter(
        queryset=Article.objects.all(), help_text=related_help("Claims in these articles")
    )
    claimant = RelatedInFilter(
        queryset=Actor.objects.all(), help_text=related_help("Claims made by these actors")
    )
    narration = BooleanFilter(
        field_name="claimant",
        lookup_expr="isnull",
        help_text="True: only the article's own narration (no claimant); false: only "
        "attributed claims.",
    )
    stance = ChoiceInFilter(choices=Stance.choices, help_text="Stances (comma list).")
    category = ChoiceInFilter(
        choices=ClaimCategory.choices, help_text="Kinds of claim (comma list)."
    )
    channel_actor = RelatedInFilter(
        queryset=Actor.objects.all(),
        help_text=related_help("Claims made to or through these media outlets"),
    )
    incident = RelatedInFilter(
        field_name="incidents",
        many=True,
        queryset=Incident.objects.all(),
        help_text=related_help("Claims about any of these incidents"),
    )
    place = RelatedInFilter(
        field_name="incidents__places",
        many=True,
        through="incidents",
        queryset=Place.objects.all(),
        help_text=related_help("Claims about incidents at any of these places"),
    )
    is_direct_quote = BooleanFilter(help_text="True: only claims quoting the claimant's own words.")
    stated_after = DateFilter(
        field_name="stated_on", lookup_expr="gte", help_text="Stated on or after this day."
    )
    stated_before = DateFilter(
        field_name="stated_on", lookup_expr="lte", help_text="Stated on or before this day."
    )
    stated_on_inferred = BooleanFilter(
        help_text="True: only claims whose date is inferred (usually the article's date)."
    )
    contested = BooleanFilter(
        help_text="True: claims that contradict, or are contradicted by, another claim."
    )

    class Meta:
        model = Claim
        fields = []
