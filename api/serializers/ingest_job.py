"""``/api/v1/ingest-jobs/{id}/``: a queued ingest's status, progress, report or error."""

from typing import Any

from rest_framework import serializers
from rest_framework.reverse import reverse

from conflict.models import IngestJob, IngestJobStatus


class IngestJobReportSerializer(serializers.Serializer):
    created = serializers.BooleanField(
        help_text="False when the text was already stored: nothing was created."
    )
    article = serializers.IntegerField(help_text="The article's id (new, or the one holding it).")
    counts = serializers.DictField(
        child=serializers.IntegerField(), help_text="Draft records created, by kind."
    )
    decisions = serializers.ListField(
        child=serializers.DictField(), help_text="What the extractor could not settle."
    )
    lines = serializers.ListField(
        child=serializers.CharField(), help_text="The report as manage.py ingest prints it."
    )


class IngestJobSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(
        choices=IngestJobStatus.choices,
        help_text="queued, running (or its worker died: it can be queued again), done, failed.",
    )
    article_url = serializers.SerializerMethodField(
        help_text="The article the job stored (or found already stored), once done."
    )
    report = IngestJobReportSerializer(allow_null=True, help_text="Once done.")
    source_url = serializers.SerializerMethodField()
    # Declared, not derived from the model: a model integer's bound depends on the database
    # (64-bit on SQLite, 32-bit on PostgreSQL), and the schema must not.
    attempts = serializers.IntegerField(
        min_value=0, read_only=True, help_text="How many times a worker took the job."
    )

    class Meta:
        model = IngestJob
        fields = [
            "id",
            "status",
            "progress",
            "source_url",
            "article_url",
            "report",
            "error",
            "attempts",
            "created_at",
            "started_at",
            "finished_at",
        ]

    def get_article_url(self, job: IngestJob) -> str | None:
        if job.article_id is None:
            return None
        request = self.context.get("request")
        return reverse("article-detail", kwargs={"id_or_slug": job.article_id}, request=request)

    def get_source_url(self, job: IngestJob) -> str | None:
        params: dict[str, Any] = job.params or {}
        return params.get("url") or params.get("source_url")
