"""Ingest jobs on a task queue: RQ on Redis when ``INGEST_QUEUE_URL`` is set, else inline.

Why RQ: the project already runs Redis (shared throttle counts), CI has it, and an RQ worker
is one plain process (``manage.py ingest_worker``) that can run on any machine that reaches
Redis and the database. The job's record (:class:`~conflict.models.IngestJob`) lives in the
database, the one source of truth; Redis carries only its id. A worker killed mid-job leaves
no rows (the ingest is one transaction) and the job ``running``: :func:`retry` queues it
again. A second delivery of a finished job does nothing.
"""

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import close_old_connections, transaction
from django.db.models import F
from django.utils import timezone
from redis import Redis
from rq import Queue

from .fetching import with_fetched_body
from .ingestion import IngestReport, ingest_article
from .models import IngestJob, IngestJobStatus

JOB_TIMEOUT = 600  # seconds: a 200,000-character article ingests in about a minute


def queue_configured() -> bool:
    return bool(getattr(settings, "INGEST_QUEUE_URL", ""))


def ingest_queue() -> Queue:
    connection = Redis.from_url(settings.INGEST_QUEUE_URL)
    return Queue(settings.INGEST_QUEUE_NAME, connection=connection)


def enqueue(fields: dict[str, Any], user: Any = None, reason: str = "") -> IngestJob:
    """A job for ``ingest_article(**fields)`` (or, with no ``body``, for the page at ``url``
    or ``source_url``), queued once the caller's transaction commits."""
    params = {
        key: value.isoformat() if isinstance(value, dt.date) else value
        for key, value in fields.items()
    }
    user = user if getattr(user, "is_authenticated", False) else None
    job = IngestJob.objects.create(params=params, user=user, reason=reason)
    transaction.on_commit(lambda: _push(job))
    return job


def retry(job: IngestJob) -> IngestJob:
    """Queue a job again: one that failed, or one left ``running`` by a worker that died."""
    if job.status == IngestJobStatus.DONE:
        raise ValidationError(f"Ingest job {job.pk} is done; nothing to retry.")
    IngestJob.objects.filter(pk=job.pk).update(
        status=IngestJobStatus.QUEUED, progress="", error="", finished_at=None
    )
    job.refresh_from_db()
    transaction.on_commit(lambda: _push(job))
    return job


def _push(job: IngestJob) -> None:
    ingest_queue().enqueue(
        run_job, job.pk, job_timeout=JOB_TIMEOUT, result_ttl=0, failure_ttl=86_400
    )


def run_job(job_id: int) -> None:
    """What a worker runs: the ingest, its progress and outcome written to the job's record."""
    close_old_connections()  # a worker lives long; its connection may have gone stale
    job = IngestJob.objects.select_related("user").get(pk=job_id)
    if job.status == IngestJobStatus.DONE:
        return  # delivered twice
    _update(
        job_id,
        status=IngestJobStatus.RUNNING,
        started_at=timezone.now(),
        attempts=F("attempts") + 1,
        progress="starting",
    )
    fields = dict(job.params)
    if fields.get("published_on"):
        fields["published_on"] = dt.date.fromisoformat(fields["published_on"])
    reason = job.reason or f"Ingested by the queue (job {job_id})"
    try:
        if "body" not in fields:
            _update(job_id, progress="fetching the page")
            fields = with_fetched_body(fields)
        report = ingest_article(
            **fields,
            user=job.user,
            reason=reason,
            progress=lambda step: _update(job_id, progress=step),
        )
    except ValidationError as exc:
        _finish(job_id, IngestJobStatus.FAILED, error=_describe(exc))
        return
    except Exception as exc:
        _finish(job_id, IngestJobStatus.FAILED, error=f"{type(exc).__name__}: {exc}")
        raise  # RQ keeps the traceback in its failed-job registry
    _finish(
        job_id,
        IngestJobStatus.DONE,
        article=report.article,
        report=report_json(report),
    )


def report_json(report: IngestReport) -> dict[str, Any]:
    return {
        "created": report.created,
        "article": report.article.pk,
        "counts": report.counts,
        "decisions": [
            {"kind": d.kind.value, "model": d.model.value, "id": d.id, "detail": d.detail}
            for d in report.decisions
        ],
        "lines": report.lines(),
    }


def _describe(exc: ValidationError) -> str:
    if hasattr(exc, "error_dict"):
        return "; ".join(f"{name}: {' '.join(msgs)}" for name, msgs in exc.message_dict.items())
    return " ".join(exc.messages)


def _update(job_id: int, **fields: Any) -> None:
    IngestJob.objects.filter(pk=job_id).update(**fields)


def _finish(job_id: int, status: str, **fields: Any) -> None:
    fields.setdefault("progress", status)
    _update(job_id, status=status, finished_at=timezone.now(), **fields)
