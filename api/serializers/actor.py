from rest_framework import serializers

from conflict.models import Actor

from .fields import ReadModelSerializer, detail_url
from .summaries import ActorSummarySerializer


class ActorSerializer(ReadModelSerializer):
    url = detail_url("actor")
    parent = ActorSummarySerializer(
        read_only=True,
        allow_null=True,
        help_text="The body this actor belongs to (a regiment's army, a ministry's government).",
    )
    aliases = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="Every other name the sources use for this actor.",
    )

    class Meta:
        model = Actor
        fields = [
            "id",
            "url",
            "slug",
            "name",
            "kind",
            "status",
            "country",
            "parent",
            "aliases",
            "role",
            "wikidata_id",
            "notes",
            "created_at",
            "updated_at",
        ]
