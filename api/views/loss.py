from django.db.models import QuerySet

from conflict.models import Loss

from ..filtersets import LossFilterSet
from ..serializers import LossSerializer
from ..serializers.write import LossWriteSerializer
from ..visibility import Reading
from .base import EditableViewSet
from .planned import PlanReadMixin


class LossViewSet(PlanReadMixin, EditableViewSet):
    """Numbers the claims report: people killed or wounded, materiel destroyed."""

    write_serializer_class = LossWriteSerializer
    serializer_class = LossSerializer
    filterset_class = LossFilterSet
    search_fields = ["equipment", "qualifier", "count_text", "notes"]
    ordering_fields = ["count_best", "category", "period_start", "id"]
    ordering = ["claim", "id"]

    @classmethod
    def records(cls, reading: Reading) -> QuerySet[Loss]:
        """The numbers ``reading`` may see: a number stands on its claim (and incident), as
        conflict.visibility.selection has it."""
        return reading.select(Loss.objects.select_related("claim__claimant", "incident", "side"))
