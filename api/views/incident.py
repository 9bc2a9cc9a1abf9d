from typing import Any

from django.db.models import QuerySet
from rest_framework.serializers import Serializer

from conflict.models import Incident

from ..exports.formats import Csv, GeoJson, Ndjson
from ..filtersets import IncidentFilterSet
from ..rows import IncidentRows
from ..serializers import IncidentSerializer
from ..serializers.write import IncidentWriteSerializer
from ..visibility import ALL, Reading
from .annotated import with_contested
from .base import EditableViewSet, IdOrSlugLookupMixin
from .planned import PlanReadMixin
from .prefetch import (
    claims_with_claimant_and_article,
    losses_with_side,
    participations_with_actor,
)


class IncidentViewSet(IdOrSlugLookupMixin, PlanReadMixin, EditableViewSet):
    """Things that happened, or that claims say happened, with who took part and where."""

    write_serializer_class = IncidentWriteSerializer
    serializer_class = IncidentSerializer
    filterset_class = IncidentFilterSet
    search_fields = ["title", "description", "date_text"]
    ordering_fields = ["occurred_on", "title", "kind", "id"]
    ordering = ["-occurred_on", "id"]
    # Pages in the formats that read only the record and the places' points come from the
    # plan (GeoJSON's exports, JSON-LD and ACLED's layout keep the serializer path).
    plan_page_formats = (Csv, Ndjson, GeoJson)

    @classmethod
    def base_records(cls, reading: Reading) -> QuerySet[Incident]:
        """The incidents with ``contested`` as this reader may see it, before any joins."""
        statuses = reading.nested
        return reading.select(with_contested(Incident, None if statuses == ALL else statuses))

    @classmethod
    def records(cls, reading: Reading) -> QuerySet[Incident]:
        statuses = reading.nested
        return cls.base_records(reading).prefetch_related(
            "places",
            participations_with_actor(),
            losses_with_side(statuses),
            claims_with_claimant_and_article(statuses),
        )

    def read_rows(self, serializer: type[Serializer]) -> IncidentRows:
        return IncidentRows(self.get_serializer_context()["request"], self.plan_statuses())

    def incident_rows(self) -> IncidentRows:
        return self.read_rows(IncidentSerializer)

    def page_items(self, rows: IncidentRows, records: list[dict[str, Any]]) -> list[tuple]:
        """GeoJSON reads each incident's places' points (``rows.points``) beside the record."""
        return [(rows.points(record["id"]), record) for record in records]
