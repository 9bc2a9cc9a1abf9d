from django.db.models import QuerySet

from conflict.models import Loss

from ..filtersets import LossFilterSet
from ..serializers import LossSerializer
from .base import ReadOnlyViewSet


class LossViewSet(ReadOnlyViewSet):
    """Numbers the claims report: people killed or wounded, materiel destroyed."""

    serializer_class = LossSerializer
    filterset_class = LossFilterSet
    search_fields = ["equipment", "qualifier", "count_text", "notes"]
    ordering_fields = ["count_best", "category", "period_start", "id"]
    ordering = ["claim", "id"]

    def get_queryset(self) -> QuerySet[Loss]:
        return Loss.objects.select_related("claim__claimant", "incident", "side")
