from drf_spectacular.utils import extend_schema_field
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

    articles_count = serializers.SerializerMethodField(
        help_text="How many articles carry a claim by this actor (as claimant or as the "
        "channel), counting only the claims the reader may see."
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
            "articles_count",
            "notes",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(serializers.IntegerField())
    def get_articles_count(self, actor: Actor) -> int:
        # Reads annotate it (api.views.actor); a write's response counts it here.
        found = getattr(actor, "articles_count", None)
        if found is None:
            from ..views.actor import articles_count

            found = (
                Actor.objects.filter(pk=actor.pk)
                .annotate(articles_count=articles_count(None))
                .values_list("articles_count", flat=True)[0]
            )
        return found
