"""Small nested summaries of related objects, so one response is enough to show a record.

Every summary has ``id`` and an absolute, versioned ``url``; those of named things add
``slug`` and ``name`` (an article's or incident's title is its ``name`` here).
"""

from rest_framework import serializers

from conflict.models import Actor, Article, Claim, Incident, Loss, Place

from .fields import ReadModelSerializer, detail_url


class ActorSummarySerializer(ReadModelSerializer):
    url = detail_url("actor")

    class Meta:
        model = Actor
        fields = ["id", "url", "slug", "name"]


class PlaceSummarySerializer(ReadModelSerializer):
    url = detail_url("place")

    class Meta:
        model = Place
        fields = ["id", "url", "slug", "name"]


class ArticleSummarySerializer(ReadModelSerializer):
    url = detail_url("article")
    name = serializers.CharField(source="title", read_only=True, help_text="The title.")

    class Meta:
        model = Article
        fields = ["id", "url", "slug", "name", "language"]


class IncidentSummarySerializer(ReadModelSerializer):
    url = detail_url("incident")
    name = serializers.CharField(source="title", read_only=True, help_text="The title.")

    class Meta:
        model = Incident
        fields = ["id", "url", "slug", "name"]


class ClaimSummarySerializer(ReadModelSerializer):
    """Who said what: enough to show the claim in a list without fetching it."""

    url = detail_url("claim")
    claimant = ActorSummarySerializer(
        read_only=True, allow_null=True, help_text="Null for the article's own narration."
    )

    class Meta:
        model = Claim
        fields = ["id", "url", "claimant", "stance", "category", "text"]


class LossSummarySerializer(ReadModelSerializer):
    """The number and what it counts; the loss's own URL has the rest."""

    url = detail_url("loss")
    side = ActorSummarySerializer(read_only=True, allow_null=True)

    class Meta:
        model = Loss
        fields = [
            "id",
            "url",
            "side",
            "category",
            "population",
            "equipment",
            "count_low",
            "count_best",
            "count_high",
            "qualifier",
            "cumulative",
        ]
