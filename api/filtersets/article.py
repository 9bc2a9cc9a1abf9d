from django_filters import rest_framework as filters

from conflict.models import Article

from .lookups import BooleanFilter, CharInFilter, DateFilter, IdInFilter


class ArticleFilterSet(filters.FilterSet):
    id = IdInFilter(help_text="Articles with these ids (comma list).")
    language = CharInFilter(
        field_name="language", help_text="BCP 47 language tags (comma list), e.g. `en`."
    )
    publisher = filters.CharFilter(
        lookup_expr="iexact", help_text="The publisher's name, ignoring case."
    )
    published_after = DateFilter(
        field_name="published_on", lookup_expr="gte", help_text="Published on or after this day."
    )
    published_before = DateFilter(
        field_name="published_on", lookup_expr="lte", help_text="Published on or before this day."
    )
    published_on_inferred = BooleanFilter(
        help_text="True: only articles whose date is inferred rather than stated."
    )
    title_is_editorial = BooleanFilter(
        help_text="True: only articles whose title was written by an editor."
    )

    class Meta:
        model = Article
        fields = []
