"""An ingest run on the task queue: what to ingest, how far it got, and what it made.

The job's record lives in the database, the one source of truth; the queue (RQ on Redis)
only carries its id to a worker. A worker killed mid-job leaves the job ``running`` with no
rows written (the ingest is one transaction), and the job can be queued again.
"""

from django.conf import settings
from django.db import models


class IngestJobStatus(models.TextChoices):
    QUEUED = "queued", "Waiting for a worker"
    RUNNING = "running", "A worker is on it (or was, if it died: queue it again)"
    DONE = "done", "Finished: see the report"
    FAILED = "failed", "Finished with an error: see the error"


class IngestJob(models.Model):
    status = models.CharField(
        max_length=10, choices=IngestJobStatus.choices, default=IngestJobStatus.QUEUED
    )
    progress = models.CharField(
        max_length=100, blank=True, help_text="The step the job is at (fetching, extracting...)."
    )
    # The ingest_article keywords: body (or a source_url to fetch), published_on (ISO), title...
    params = models.JSONField()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    reason = models.CharField(max_length=500, blank=True)
    article = models.ForeignKey(
        "Article", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    report = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"ingest job {self.pk} ({self.status})"
