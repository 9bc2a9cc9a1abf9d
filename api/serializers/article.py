from rest_framework import serializers

from conflict.models import Article

from .fields import ReadModelSerializer, detail_url


class ArticleSerializer(ReadModelSerializer):
    """An article without its body: lists stay small. The detail view adds ``body``."""

    url = detail_url("article")
    body_length = serializers.IntegerField(
        read_only=True, help_text="Length of the body in characters (the unit of claim offsets)."
    )
    claim_count = serializers.IntegerField(read_only=True, help_text="Claims in this article.")

    class Meta:
        model = Article
        fields = [
            "id",
            "url",
            "slug",
            "title",
            "title_is_editorial",
            "publisher",
            "source_url",
            "published_on",
            "published_on_inferred",
            "language",
            "body_length",
            "body_sha256",
            "claim_count",
            "notes",
            "created_at",
            "updated_at",
        ]


class ArticleDetailSerializer(ArticleSerializer):
    class Meta(ArticleSerializer.Meta):
        fields = [*ArticleSerializer.Meta.fields, "body"]
