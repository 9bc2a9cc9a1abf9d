from collections.abc import Sequence

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from conflict.models import Actor, Claim

from ..filtersets import ActorFilterSet
from ..rows import Rows
from ..serializers import ActorSerializer
from ..serializers.write import ActorWriteSerializer
from ..visibility import Reading, nested_statuses
from .base import EditableViewSet, IdOrSlugLookupMixin
from .planned import PlanReadMixin


def articles_count(statuses: Sequence[str] | None) -> Coalesce:
    """Distinct articles with a claim (in ``statuses``; None: any) by the actor, as claimant
    or channel: one subquery in the list's own query."""
    claims = Claim.objects.filter(Q(claimant=OuterRef("pk")) | Q(channel_actor=OuterRef("pk")))
    if statuses is not None:
        claims = claims.filter(status__in=list(statuses))
    counted = (
        claims.order_by()
        .annotate(one=Value(1))
        .values("one")
        .annotate(n=Count("article_id", distinct=True))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class ActorViewSet(IdOrSlugLookupMixin, PlanReadMixin, EditableViewSet):
    """Who speaks or acts: states, ministries, armed forces, persons, media outlets."""

    write_serializer_class = ActorWriteSerializer
    serializer_class = ActorSerializer
    filterset_class = ActorFilterSet
    search_fields = ["name", "aliases", "role"]
    ordering_fields = ["name", "kind", "country", "id"]
    ordering = ["name", "id"]

    @classmethod
    def records(cls, reading: Reading) -> QuerySet[Actor]:
        return reading.select(
            Actor.objects.select_related("parent").annotate(
                articles_count=articles_count(reading.nested)
            )
        )

    def plan_statuses(self) -> tuple[str, ...]:
        """The claims ``articles_count`` counts (read from the list's annotation)."""
        return nested_statuses(self.request, Claim)

    def actor_rows(self) -> Rows:
        return self.read_rows(ActorSerializer)
