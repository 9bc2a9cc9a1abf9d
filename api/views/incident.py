from django.db.models import QuerySet

from conflict.models import Incident

from ..filtersets import IncidentFilterSet
from ..serializers import IncidentSerializer
from .base import IdOrSlugLookupMixin, ReadOnlyViewSet
from .prefetch import claims_with_claimant, losses_with_side, participations_with_actor


class IncidentViewSet(IdOrSlugLookupMixin, ReadOnlyViewSet):
    """Things that happened, or that claims say happened, with who took part and where."""

    serializer_class = IncidentSerializer
    filterset_class = IncidentFilterSet
    search_fields = ["title", "description", "date_text"]
    ordering_fields = ["occurred_on", "title", "kind", "id"]
    ordering = ["-occurred_on", "id"]

    def get_queryset(self) -> QuerySet[Incident]:
        return Incident.objects.with_contested().prefetch_related(
            "places",
            participations_with_actor(),
            losses_with_side(),
            claims_with_claimant(),
        )
