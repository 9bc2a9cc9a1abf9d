from conflict.models import Loss

from .fields import (
    ExtractionConfidenceField,
    ExtractionEvidenceField,
    ReadModelSerializer,
    detail_url,
)
from .summaries import ActorSummarySerializer, ClaimSummarySerializer, IncidentSummarySerializer


class LossSerializer(ReadModelSerializer):
    url = detail_url("loss")
    claim = ClaimSummarySerializer(read_only=True, help_text="The claim that reports the number.")
    incident = IncidentSummarySerializer(read_only=True, allow_null=True)
    side = ActorSummarySerializer(
        read_only=True, allow_null=True, help_text="Whose losses these are."
    )
    extraction_confidence = ExtractionConfidenceField()
    extraction_evidence = ExtractionEvidenceField()

    class Meta:
        model = Loss
        fields = [
            "id",
            "url",
            "claim",
            "incident",
            "side",
            "category",
            "population",
            "equipment",
            "count_low",
            "count_best",
            "count_high",
            "qualifier",
            "count_text",
            "period_start",
            "period_end",
            "cumulative",
            "status",
            "notes",
            "created_at",
            "updated_at",
            "extraction_confidence",
            "extraction_evidence",
        ]
