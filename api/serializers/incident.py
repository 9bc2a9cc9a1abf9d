from rest_framework import serializers

from conflict.models import Incident, IncidentParticipant

from ..choices import ACLED_EVENT_TYPE_CHOICES
from .fields import (
    ExtractionConfidenceField,
    ExtractionEvidenceField,
    ReadModelSerializer,
    detail_url,
)
from .summaries import (
    ActorSummarySerializer,
    ClaimSummarySerializer,
    LossSummarySerializer,
    PlaceSummarySerializer,
)


class IncidentParticipantSerializer(ReadModelSerializer):
    actor = ActorSummarySerializer(read_only=True)

    class Meta:
        model = IncidentParticipant
        fields = ["role", "actor"]


class IncidentSerializer(ReadModelSerializer):
    url = detail_url("incident")
    acled_event_type = serializers.ChoiceField(
        choices=ACLED_EVENT_TYPE_CHOICES,
        read_only=True,
        help_text="ACLED's event type, derived from `kind` (an ACLED sub-event type).",
    )
    contested = serializers.BooleanField(
        read_only=True,
        help_text="True when a claim about the incident denies it or is contradicted.",
    )
    places = PlaceSummarySerializer(many=True, read_only=True)
    participants = IncidentParticipantSerializer(
        source="participations",
        many=True,
        read_only=True,
        help_text="Who took part, and in which role, as the claims describe it.",
    )
    losses = LossSummarySerializer(many=True, read_only=True)
    claims = ClaimSummarySerializer(
        many=True, read_only=True, help_text="The claims about this incident."
    )
    extraction_confidence = ExtractionConfidenceField()
    extraction_evidence = ExtractionEvidenceField()

    class Meta:
        model = Incident
        fields = [
            "id",
            "url",
            "slug",
            "title",
            "kind",
            "acled_event_type",
            "description",
            "occurred_on",
            "occurred_until",
            "date_precision",
            "date_text",
            "contested",
            "places",
            "participants",
            "losses",
            "claims",
            "status",
            "notes",
            "created_at",
            "updated_at",
            "extraction_confidence",
            "extraction_evidence",
        ]
