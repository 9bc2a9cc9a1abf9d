from rest_framework import serializers

from conflict.models import Place

from .fields import ReadModelSerializer, detail_url
from .summaries import PlaceSummarySerializer


class PlaceSerializer(ReadModelSerializer):
    url = detail_url("place")
    parent = PlaceSummarySerializer(
        read_only=True, allow_null=True, help_text="The larger place this one lies in."
    )
    aliases = serializers.ListField(
        child=serializers.CharField(),
        read_only=True,
        help_text="Other names and spellings (Shushi for Shusha, Terter for Tartar).",
    )

    class Meta:
        model = Place
        fields = [
            "id",
            "url",
            "slug",
            "name",
            "kind",
            "status",
            "country",
            "parent",
            "latitude",
            "longitude",
            "precision",
            "aliases",
            "wikidata_id",
            "notes",
            "created_at",
            "updated_at",
        ]
