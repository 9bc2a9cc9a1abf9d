from django.db.models import Count, QuerySet
from django.db.models.functions import Length
from rest_framework.serializers import BaseSerializer

from conflict.models import Article

from ..filtersets import ArticleFilterSet
from ..serializers import ArticleDetailSerializer, ArticleSerializer
from .base import IdOrSlugLookupMixin, ReadOnlyViewSet


class ArticleViewSet(IdOrSlugLookupMixin, ReadOnlyViewSet):
    """Source documents. The list gives each body's length; the detail gives the body."""

    filterset_class = ArticleFilterSet
    search_fields = ["title", "publisher", "body"]
    ordering_fields = ["published_on", "title", "id"]
    ordering = ["-published_on", "id"]

    def get_queryset(self) -> QuerySet[Article]:
        queryset = Article.objects.annotate(body_length=Length("body"), claim_count=Count("claims"))
        if self.action == "list":
            queryset = queryset.defer("body")
        return queryset

    def get_serializer_class(self) -> type[BaseSerializer]:
        return ArticleDetailSerializer if self.action == "retrieve" else ArticleSerializer
