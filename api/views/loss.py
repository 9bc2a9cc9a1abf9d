from django.db.models import Q, QuerySet

from conflict.models import Loss

from ..exports.views import ExportMixin
from ..filtersets import LossFilterSet
from ..serializers import LossSerializer
from ..serializers.write import LossWriteSerializer
from ..visibility import ALL, PUBLIC_ON_REQUEST
from .base import EditableViewSet


class LossViewSet(ExportMixin, EditableViewSet):
    """Numbers the claims report: people killed or wounded, materiel destroyed."""

    write_serializer_class = LossWriteSerializer
    serializer_class = LossSerializer
    filterset_class = LossFilterSet
    search_fields = ["equipment", "qualifier", "count_text", "notes"]
    ordering_fields = ["count_best", "category", "period_start", "id"]
    ordering = ["claim", "id"]

    def get_queryset(self) -> QuerySet[Loss]:
        queryset = Loss.objects.select_related("claim__claimant", "incident", "side")
        if self.nested_statuses() == ALL:
            return queryset
        # The public sees a number only with its claim (and incident), never a draft's.
        return queryset.filter(
            claim__status__in=PUBLIC_ON_REQUEST,
        ).filter(Q(incident__isnull=True) | Q(incident__status__in=PUBLIC_ON_REQUEST))
