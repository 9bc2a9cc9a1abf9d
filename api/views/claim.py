from django.db.models import QuerySet

from conflict.models import Claim

from ..filtersets import ClaimFilterSet
from ..serializers import ClaimSerializer
from .base import ReadOnlyViewSet
from .prefetch import links, losses_with_side


class ClaimViewSet(ReadOnlyViewSet):
    """Attributed statements: who said what, where in the article, and who contradicts it."""

    serializer_class = ClaimSerializer
    filterset_class = ClaimFilterSet
    search_fields = ["text", "quote", "channel"]
    ordering_fields = ["stated_on", "stance", "category", "span_start", "id"]
    ordering = ["article", "span_start", "id"]

    def get_queryset(self) -> QuerySet[Claim]:
        return (
            Claim.objects.with_contested()
            .select_related("article", "claimant", "channel_actor")
            .defer("article__body", "article__notes")
            .prefetch_related(
                "incidents", losses_with_side(), links("links_out"), links("links_in")
            )
        )
