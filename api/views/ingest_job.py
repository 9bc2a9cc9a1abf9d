"""``GET /api/v1/ingest-jobs/{id}/``: how a queued ingest is doing (editors only)."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions
from rest_framework.request import Request

from conflict.models import IngestJob

from ..schema import FORBIDDEN
from ..serializers.ingest_job import IngestJobSerializer


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
