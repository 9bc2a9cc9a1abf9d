"""``/api/v1/ingest-jobs/{id}/``: how a queued ingest is doing, and queuing it again (editors
only)."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, permissions, status
from rest_framework.exceptions import ErrorDetail
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse

from conflict.models import IngestJob, IngestJobStatus
from conflict.queue import queue_configured, retry

from ..schema import FORBIDDEN, location
from ..serializers import ErrorResponseSerializer
from ..serializers.ingest_job import IngestJobSerializer
from .base import Conflict


class CanIngest(permissions.BasePermission):
    """Those who may ingest articles (editors) see the jobs."""

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.has_perm("conflict.add_article"))


@extend_schema(
    summary="An ingest job",
    tags=["ingest_jobs"],
    responses={200: IngestJobSerializer, 403: FORBIDDEN},
)
class IngestJobView(generics.RetrieveAPIView):
    """A queued ingest: its status, the step it is at, and the report when done or the error
    when failed. `POST /api/v1/articles/` answers 202 with this URL when a queue is set up."""

    queryset = IngestJob.objects.all()
    serializer_class = IngestJobSerializer
    permission_classes = [CanIngest]
    filter_backends: list = []  # the record filters (status, search...) are not for jobs


class IngestJobRetryView(generics.GenericAPIView):
    """Queue an ingest job again: one that failed, or one left `running` by a worker that
    died (the ingest is one transaction, so such a job left no rows). A done job is not run
    again."""

    queryset = IngestJob.objects.all()
    serializer_class = IngestJobSerializer
    permission_classes = [CanIngest]
    filter_backends: list = []

    @extend_schema(
        summary="Retry an ingest job",
        operation_id="ingest_jobs_retry",
        tags=["ingest_jobs"],
        request=None,
        parameters=[location(202, description="The ingest job's URL.")],
        responses={
            202: OpenApiResponse(
                IngestJobSerializer,
                description="Queued again: `status` is `queued`, and becomes done (with the "
                "report) or failed (with the error) once a worker has run it.",
            ),
            403: OpenApiResponse(
                ErrorResponseSerializer,
                description="Editors only (those who may ingest articles).",
            ),
            409: OpenApiResponse(
                ErrorResponseSerializer,
                description="Not queued: the job is done (`attr` `status`, code `done`; its "
                "report stands), or no queue is set up (code `no_queue`: INGEST_QUEUE_URL).",
            ),
        },
    )
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with transaction.atomic():
            # Locked: two retries at once queue it once each, never a done job again.
            job = self.get_object()
            job = IngestJob.objects.select_for_update().get(pk=job.pk)
            if job.status == IngestJobStatus.DONE:
                message = f"Ingest job {job.pk} is done; nothing to retry."
                raise Conflict({"status": [ErrorDetail(message, code="done")]})
            if not queue_configured():
                message = "No ingest queue is set up (INGEST_QUEUE_URL); nothing can run it."
                raise Conflict({"non_field_errors": [ErrorDetail(message, code="no_queue")]})
            try:
                job = retry(job)  # pushed to the queue once this transaction commits
            except ValidationError as exc:  # done meanwhile: the lock says it cannot be
                raise Conflict({"status": [ErrorDetail(exc.messages[0], code="done")]}) from exc
        url = reverse("ingestjob-detail", kwargs={"pk": job.pk}, request=request)
        data = IngestJobSerializer(job, context={"request": request}).data
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": url})
