from django.db.models import QuerySet

from conflict.models import Incident

from ..exports.views import ExportMixin
from ..filtersets import IncidentFilterSet
from ..serializers import IncidentSerializer
from ..serializers.write import IncidentWriteSerializer
from ..visibility import ALL
from .base import EditableViewSet, IdOrSlugLookupMixin
from .prefetch import claims_with_claimant, losses_with_side, participations_with_actor


class IncidentViewSet(ExportMixin, IdOrSlugLookupMixin, EditableViewSet):
    """Things that happened, or that claims say happened, with who took part and where."""

    write_serializer_class = IncidentWriteSerializer
    serializer_class = IncidentSerializer
    filterset_class = IncidentFilterSet
    search_fields = ["title", "description", "date_text"]
    ordering_fields = ["occurred_on", "title", "kind", "id"]
    ordering = ["-occurred_on", "id"]

    def get_queryset(self) -> QuerySet[Incident]:
        statuses = self.nested_statuses()
        return Incident.objects.with_contested(
            None if statuses == ALL else statuses
        ).prefetch_related(
            "places",
            participations_with_actor(),
            losses_with_side(statuses),
            claims_with_claimant(statuses),
        )
