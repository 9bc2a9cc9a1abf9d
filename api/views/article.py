from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Length
from rest_framework.serializers import BaseSerializer

from conflict.models import Article, Claim

from ..exports.views import ExportMixin
from ..filtersets import ArticleFilterSet
from ..serializers import ArticleDetailSerializer, ArticleSerializer
from ..serializers.write import ArticleWriteSerializer
from ..visibility import nested_statuses
from .base import EditableViewSet, IdOrSlugLookupMixin


class ArticleViewSet(ExportMixin, IdOrSlugLookupMixin, EditableViewSet):
    """Source documents. The list gives each body's length; the detail gives the body."""

    write_serializer_class = ArticleWriteSerializer
    filterset_class = ArticleFilterSet
    search_fields = ["title", "publisher", "body"]
    ordering_fields = ["published_on", "title", "id"]
    ordering = ["-published_on", "id"]

    def get_queryset(self) -> QuerySet[Article]:
        visible = Q(claims__status__in=nested_statuses(self.request, Claim))
        queryset = Article.objects.annotate(
            body_length=Length("body"), claim_count=Count("claims", filter=visible)
        )
        if self.action == "list":
            queryset = queryset.defer("body")
        return queryset

    def get_serializer_class(self) -> type[BaseSerializer]:
        # Writes answer with the record as its detail view shows it.
        detail = self.action in {"retrieve", "create", "update", "partial_update"}
        return ArticleDetailSerializer if detail else ArticleSerializer
