from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from conflict.models import Article, Incident, IncidentParticipant

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


class IncidentSourceSerializer(ReadModelSerializer):
    """An article that reports the incident: one of its sources."""

    url = detail_url("article")
    claims_count = serializers.IntegerField(
        read_only=True, help_text="How many of the article's claims are about the incident."
    )

    class Meta:
        model = Article
        fields = [
            "id",
            "url",
            "slug",
            "title",
            "publisher",
            "source_url",
            "published_on",
            "claims_count",
        ]


def source_order(article: Any) -> tuple:
    """Sources in publication order, undated last, then by id (api.loaders.incident_sources
    has the database sort them the same)."""
    return (article.published_on is None, article.published_on or 0, article.id)


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
    sources = serializers.SerializerMethodField(
        help_text="Every article with a claim about the incident (that the reader may see), "
        "in publication order, with how many of its claims are about it."
    )
    sources_count = serializers.SerializerMethodField(
        help_text="How many articles report the incident: the length of `sources`."
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
            "sources",
            "sources_count",
            "status",
            "notes",
            "created_at",
            "updated_at",
            "extraction_confidence",
            "extraction_evidence",
        ]

    def _sources(self, incident: Incident) -> list[Article]:
        """From the claims the reader may see (the view prefetches them with their article)."""
        articles: dict[int, Article] = {}
        counts: dict[int, int] = {}
        for claim in incident.claims.all():
            articles.setdefault(claim.article_id, claim.article)
            counts[claim.article_id] = counts.get(claim.article_id, 0) + 1
        for pk, article in articles.items():
            article.claims_count = counts[pk]
        return sorted(articles.values(), key=source_order)

    @extend_schema_field(IncidentSourceSerializer(many=True))
    def get_sources(self, incident: Incident) -> list[dict[str, Any]]:
        return IncidentSourceSerializer(
            self._sources(incident), many=True, context=self.context
        ).data

    @extend_schema_field(serializers.IntegerField())
    def get_sources_count(self, incident: Incident) -> int:
        return len({claim.article_id for claim in incident.claims.all()})
