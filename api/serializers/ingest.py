"""``POST /api/v1/articles/``: an article's text in, the stored article and the ingest report out.

The request is validated here as far as a serializer can (types, the size limit); the rest
(an empty body, the model's own checks on title, URL, language) is the domain's
``conflict.ingestion.ingest_article``, whose errors name the same fields.
"""

from typing import Any

from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.reverse import reverse

from conflict.ingestion import (
    DEFAULT_MAX_BODY_CHARS,
    DecisionKind,
    DecisionRecord,
    IngestReport,
    max_body_chars,
)
from conflict.models.base import validate_language_tag

from ..resources import resource
from .article import ArticleDetailSerializer
from .fields import RefuseUnknownFieldsMixin


class TextField(serializers.CharField):
    """Text only: DRF's CharField would take the number 42 as the text "42"."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class ArticleIngestSerializer(RefuseUnknownFieldsMixin, serializers.Serializer):
    body = TextField(
        trim_whitespace=False,
        # The schema shows the default; the limit in force is the INGEST_MAX_BODY_CHARS setting.
        max_length=DEFAULT_MAX_BODY_CHARS,
        required=False,
        help_text="The article's text, stored exactly as sent; claim offsets index it. At most "
        f"INGEST_MAX_BODY_CHARS characters ({DEFAULT_MAX_BODY_CHARS} by default). A text "
        "already stored (the same SHA-256) is a 409 naming the article that holds it. "
        "Omitted: the page at `source_url` is fetched and its main text extracted.",
    )
    published_on = serializers.DateField(
        required=False,
        help_text="Publication date (YYYY-MM-DD); relative dates in the text resolve to it. "
        "Required with a `body`; with only a `source_url`, the date the page states is the "
        "default.",
    )
    title = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=300,
        help_text="Omitted or blank: the text's first words, marked `title_is_editorial`.",
    )
    publisher = serializers.CharField(
        required=False, allow_null=True, allow_blank=True, max_length=200, default=None
    )
    source_url = serializers.URLField(
        required=False, allow_null=True, allow_blank=True, max_length=1000, default=None
    )
    language = serializers.CharField(
        required=False,
        max_length=35,
        default="en",
        validators=[validate_language_tag],
        help_text="BCP 47 language tag.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if "body" not in attrs:
            if not attrs.get("source_url"):
                raise serializers.ValidationError(
                    {"body": "Give the article's text, or a source_url to fetch it from."},
                    code="required",
                )
        elif "published_on" not in attrs:
            raise serializers.ValidationError(
                {"published_on": "This field is required."}, code="required"
            )
        return attrs

    def validate_body(self, value: str) -> str:
        limit = max_body_chars()
        if len(value) > limit:
            raise serializers.ValidationError(
                f"The article text is {len(value)} characters; at most {limit} are accepted.",
                code="max_length",
            )
        return value


class IngestDecisionSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(
        choices=DecisionKind.choices,
        help_text="new_actor/new_place: a draft made from a name nothing matched (publish or "
        "merge it); unlinked_denial: a denial whose denied claim was not found; "
        "loss_without_side: a number whose side the text did not say.",
    )
    model = serializers.ChoiceField(choices=DecisionRecord.choices, help_text="The record's type.")
    id = serializers.IntegerField()
    url = serializers.URLField(help_text="The record in the API (editors see drafts).")
    detail = serializers.CharField()


class IngestCountsSerializer(serializers.Serializer):
    claims = serializers.IntegerField()
    denials = serializers.IntegerField()
    incidents = serializers.IntegerField()
    losses = serializers.IntegerField()
    links = serializers.IntegerField()
    new_actors = serializers.IntegerField()
    new_places = serializers.IntegerField()


class IngestReportSerializer(serializers.Serializer):
    counts = IngestCountsSerializer(help_text="Draft records created, by kind.")
    decisions = IngestDecisionSerializer(
        many=True, help_text="What the extractor could not settle, for an editor."
    )


class ArticleIngestResultSerializer(serializers.Serializer):
    article = ArticleDetailSerializer()
    report = IngestReportSerializer()


def report_data(report: IngestReport, request: Request) -> dict[str, Any]:
    """The report as the response's ``report`` member, each decision with its record's URL."""
    decisions = [
        {
            "kind": decision.kind,
            "model": decision.model,
            "id": decision.id,
            "url": reverse(
                f"{decision.model}-detail",
                kwargs={resource(decision.model).lookup: decision.id},
                request=request,
            ),
            "detail": decision.detail,
        }
        for decision in report.decisions
    ]
    return {"counts": report.counts, "decisions": decisions}
