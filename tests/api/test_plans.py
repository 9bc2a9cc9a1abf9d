"""A field added to a read serializer reaches every format through its plan (api.rows)."""

import csv
import io
import json

import pytest
import yaml
from rest_framework.test import APIClient

from api.rows import NotCompilable, Plan, plan_for
from api.serializers import ClaimSerializer
from api.serializers.summaries import ArticleSummarySerializer
from conflict.models import Claim


def body(response) -> str:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_the_articles_language_is_in_every_claim_format(seed):
    """``language`` is only in ArticleSummarySerializer's fields: every path shows it."""
    api = APIClient()
    claim = Claim.objects.filter(status="published").order_by("id").first()
    language = claim.article.language
    assert language
    listed = api.get("/api/v1/claims/", {"ordering": "id"}).json()["results"][0]
    assert listed["article"]["language"] == language
    assert api.get(f"/api/v1/claims/{claim.pk}/").json()["article"]["language"] == language
    for url in ("/api/v1/claims/?format=csv", "/api/v1/claims/export/?format=csv"):
        rows = list(csv.DictReader(io.StringIO(body(api.get(url)), newline="")))
        assert {row["article_language"] for row in rows} == {language}
    for url in ("/api/v1/claims/?format=ndjson", "/api/v1/claims/export/?format=ndjson"):
        lines = [json.loads(line) for line in body(api.get(url)).splitlines()]
        assert {line["article"]["language"] for line in lines if "id" in line} == {language}
    schema = yaml.safe_load(api.get("/api/v1/schema/").content)
    assert "language" in schema["components"]["schemas"]["ArticleSummary"]["properties"]


def test_a_plan_reads_the_summarys_columns_through_the_relation():
    plan = plan_for(ClaimSerializer)
    assert "article__language" in plan.columns
    assert "article_id" in plan.columns  # the summary's id is the foreign key column


def test_a_method_field_without_a_loader_is_refused():
    from rest_framework import serializers

    class Undeclared(ArticleSummarySerializer):
        shouted = serializers.SerializerMethodField()

        class Meta(ArticleSummarySerializer.Meta):
            fields = [*ArticleSummarySerializer.Meta.fields, "shouted"]

        def get_shouted(self, article) -> str:
            return article.title.upper()

    with pytest.raises(NotCompilable, match="declare"):
        Plan(Undeclared)
