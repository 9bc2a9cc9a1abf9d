from django.db.models import QuerySet

from conflict.models import Place

from ..filtersets import PlaceFilterSet
from ..serializers import PlaceSerializer
from ..serializers.write import PlaceWriteSerializer
from ..visibility import Reading
from .base import EditableViewSet, IdOrSlugLookupMixin
from .planned import PlanReadMixin


class PlaceViewSet(IdOrSlugLookupMixin, PlanReadMixin, EditableViewSet):
    """Named locations with a point (WGS 84) and how exact it is."""

    write_serializer_class = PlaceWriteSerializer
    serializer_class = PlaceSerializer
    filterset_class = PlaceFilterSet
    search_fields = ["name", "aliases"]
    ordering_fields = ["name", "kind", "country", "latitude", "longitude", "id"]
    ordering = ["name", "id"]

    @classmethod
    def records(cls, reading: Reading) -> QuerySet[Place]:
        return reading.select(Place.objects.select_related("parent"))
