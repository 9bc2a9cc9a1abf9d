from django.db.models import Q, QuerySet

from conflict.models import Loss

from ..filtersets import LossFilterSet
from ..serializers import LossSerializer
from ..serializers.write import LossWriteSerializer
from ..visibility import ALL, PUBLIC, PUBLIC_ON_REQUEST, RETRACTED, requested_statuses
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

    def get_queryset(self) -> QuerySet[Loss]:
        queryset = Loss.objects.select_related("claim__claimant", "incident", "side")
        if self.nested_statuses() == ALL:
            return queryset
        # The public sees a number only with its claim (and incident), never a draft's. A
        # number stands on its claim: once the claim (or the incident) is retracted, the
        # public list shows it only to a reader who asks for retracted records, as it
        # shows the claim; fetched by id, it is shown, as the claim is.
        backing = PUBLIC_ON_REQUEST
        if self.action == "list" and RETRACTED not in requested_statuses(self.request):
            backing = PUBLIC
        return queryset.filter(
            claim__status__in=backing,
        ).filter(Q(incident__isnull=True) | Q(incident__status__in=backing))
