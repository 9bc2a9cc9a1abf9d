from django.db.models import QuerySet

from conflict.models import Actor

from ..exports.views import ExportMixin
from ..filtersets import ActorFilterSet
from ..serializers import ActorSerializer
from ..serializers.write import ActorWriteSerializer
from .base import EditableViewSet, IdOrSlugLookupMixin


class ActorViewSet(ExportMixin, IdOrSlugLookupMixin, EditableViewSet):
    """Who speaks or acts: states, ministries, armed forces, persons, media outlets."""

    write_serializer_class = ActorWriteSerializer
    serializer_class = ActorSerializer
    filterset_class = ActorFilterSet
    search_fields = ["name", "aliases", "role"]
    ordering_fields = ["name", "kind", "country", "id"]
    ordering = ["name", "id"]

    def get_queryset(self) -> QuerySet[Actor]:
        return Actor.objects.select_related("parent")
