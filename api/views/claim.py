from django.db.models import QuerySet

from conflict.admin.common import incidents_backed_only_by
from conflict.models import Claim

from ..exports.views import ExportMixin
from ..filtersets import ClaimFilterSet
from ..serializers import ClaimSerializer
from ..serializers.write import ClaimWriteSerializer
from ..visibility import ALL
from .base import Conflict, EditableViewSet
from .prefetch import incidents_in, links, losses_with_side


class ClaimViewSet(ExportMixin, EditableViewSet):
    """Attributed statements: who said what, where in the article, and who contradicts it."""

    write_serializer_class = ClaimWriteSerializer
    serializer_class = ClaimSerializer
    filterset_class = ClaimFilterSet
    search_fields = ["text", "quote", "channel"]
    ordering_fields = ["stated_on", "stance", "category", "span_start", "id"]
    ordering = ["article", "span_start", "id"]

    def get_queryset(self) -> QuerySet[Claim]:
        statuses = self.nested_statuses()
        return (
            Claim.objects.with_contested(None if statuses == ALL else statuses)
            .select_related("article", "claimant", "channel_actor")
            .defer("article__body", "article__notes")
            .prefetch_related(
                incidents_in(statuses),
                losses_with_side(statuses),
                links("links_out", statuses),
                links("links_in", statuses),
            )
        )

    def perform_destroy(self, instance: Claim) -> None:
        orphans = list(incidents_backed_only_by([instance.pk]))
        if orphans:
            names = ", ".join(str(incident) for incident in orphans)
            raise Conflict({"non_field_errors": [f"This claim is the only one backing {names}."]})
        super().perform_destroy(instance)
