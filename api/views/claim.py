from django.db.models import QuerySet

from conflict.models import Claim
from conflict.rules import incidents_backed_only_by

from ..filtersets import ClaimFilterSet
from ..rows import Rows
from ..serializers import ClaimSerializer
from ..serializers.write import ClaimWriteSerializer
from ..visibility import ALL, Reading
from .annotated import with_contested
from .base import Conflict, EditableViewSet
from .planned import PlanReadMixin
from .prefetch import incidents_in, links, losses_with_side


class ClaimViewSet(PlanReadMixin, EditableViewSet):
    """Attributed statements: who said what, where in the article, and who contradicts it."""

    write_serializer_class = ClaimWriteSerializer
    serializer_class = ClaimSerializer
    filterset_class = ClaimFilterSet
    search_fields = ["text", "quote", "channel"]
    ordering_fields = ["stated_on", "stance", "category", "span_start", "id"]
    # By the article column, not the article (whose own order, newest first, would make every
    # page join and sort all matching claims): claim_article_span_idx serves it, filtered or not.
    ordering = ["article_id", "span_start", "id"]

    @classmethod
    def base_records(cls, reading: Reading) -> QuerySet[Claim]:
        """The claims with ``contested`` as this reader may see it, before any joins."""
        statuses = reading.nested
        return reading.select(with_contested(Claim, None if statuses == ALL else statuses))

    @classmethod
    def records(cls, reading: Reading) -> QuerySet[Claim]:
        statuses = reading.nested
        return (
            cls.base_records(reading)
            .select_related("article", "claimant", "channel_actor")
            .defer("article__body", "article__notes")
            .prefetch_related(
                incidents_in(statuses),
                losses_with_side(statuses),
                links("links_out", statuses),
                links("links_in", statuses),
            )
        )

    def claim_rows(self) -> Rows:
        return self.read_rows(ClaimSerializer)

    def perform_destroy(self, instance: Claim) -> None:
        orphans = list(incidents_backed_only_by([instance.pk]))
        if orphans:
            names = ", ".join(str(incident) for incident in orphans)
            raise Conflict({"non_field_errors": [f"This claim is the only one backing {names}."]})
        super().perform_destroy(instance)
