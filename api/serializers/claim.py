from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from conflict.models import Claim
from conflict.models.choices import ClaimRelation

from ..choices import LinkDirection
from .fields import (
    ExtractionConfidenceField,
    ExtractionEvidenceField,
    ReadModelSerializer,
    detail_url,
)
from .summaries import (
    ActorSummarySerializer,
    ArticleSummarySerializer,
    ClaimSummarySerializer,
    IncidentSummarySerializer,
    LossSummarySerializer,
)


class ClaimLinkSerializer(serializers.Serializer):
    """A link read from the shown claim's side.

    ``outgoing``: this claim <relation> the other claim ("this denial contradicts that report").
    ``incoming``: the other claim <relation> this claim ("that denial contradicts this report").
    """

    relation = serializers.ChoiceField(choices=ClaimRelation.choices)
    direction = serializers.ChoiceField(
        choices=LinkDirection.choices,
        help_text="`outgoing`: this claim <relation> the other; "
        "`incoming`: the other claim <relation> this one.",
    )
    claim = ClaimSummarySerializer(help_text="The claim at the other end of the link.")


class ClaimSerializer(ReadModelSerializer):
    url = detail_url("claim")
    article = ArticleSummarySerializer(read_only=True)
    claimant = ActorSummarySerializer(
        read_only=True, allow_null=True, help_text="Who makes the claim; null for narration."
    )
    channel_actor = ActorSummarySerializer(
        read_only=True,
        allow_null=True,
        help_text="The media outlet the claim was made to or through, where one is named.",
    )
    contested = serializers.BooleanField(
        read_only=True,
        help_text="True when this claim contradicts, or is contradicted by, another.",
    )
    incidents = IncidentSummarySerializer(
        many=True, read_only=True, help_text="The incidents this claim is about."
    )
    losses = LossSummarySerializer(
        many=True, read_only=True, help_text="The numbers this claim reports."
    )
    links = serializers.SerializerMethodField(
        help_text="Links to other claims, both directions, read from this claim's side: "
        "`{relation: contradicts, direction: incoming, claim: X}` means X contradicts this "
        "claim; `direction: outgoing` means this claim contradicts X."
    )
    extraction_confidence = ExtractionConfidenceField()
    extraction_evidence = ExtractionEvidenceField()

    class Meta:
        model = Claim
        fields = [
            "id",
            "url",
            "article",
            "claimant",
            "stance",
            "category",
            "text",
            "quote",
            "span_start",
            "span_end",
            "is_direct_quote",
            "channel",
            "channel_actor",
            "stated_on",
            "stated_on_inferred",
            "contested",
            "incidents",
            "losses",
            "links",
            "status",
            "notes",
            "created_at",
            "updated_at",
            "extraction_confidence",
            "extraction_evidence",
        ]
        extra_kwargs = {
            "span_start": {"help_text": "Offset of the quote's first character in the body."},
            "span_end": {"help_text": "Offset just past the quote: body[start:end] == quote."},
        }

    @extend_schema_field(ClaimLinkSerializer(many=True))
    def get_links(self, claim: Claim) -> list[dict[str, Any]]:
        links = [
            {"relation": link.relation, "direction": LinkDirection.OUTGOING, "claim": link.target}
            for link in claim.links_out.all()
        ] + [
            {"relation": link.relation, "direction": LinkDirection.INCOMING, "claim": link.source}
            for link in claim.links_in.all()
        ]
        return ClaimLinkSerializer(links, many=True, context=self.context).data
