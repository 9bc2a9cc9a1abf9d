from django.db.models import QuerySet

from conflict.models import Actor

from ..filtersets import ActorFilterSet
from ..serializers import ActorSerializer
from .base import IdOrSlugLookupMixin, ReadOnlyViewSet


class ActorViewSet(IdOrSlugLookupMixin, ReadOnlyViewSet):
    """Who speaks or acts: states, ministries, armed forces, persons, media outlets."""

    serializer_class = ActorSerializer
    filterset_class = ActorFilterSet
    search_fields = ["name", "aliases", "role"]
    ordering_fields = ["name", "kind", "country", "id"]
    ordering = ["name", "id"]

    def get_queryset(self) -> QuerySet[Actor]:
        return Actor.objects.select_related("parent")
