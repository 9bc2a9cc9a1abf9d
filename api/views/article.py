from collections.abc import Sequence
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, Length
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import ErrorDetail
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse

from conflict.fetching import with_fetched_body
from conflict.ingestion import ingest_article
from conflict.models import Article, Claim
from conflict.queue import enqueue, queue_configured

from ..filtersets import ArticleFilterSet
from ..schema import location
from ..serializers import ArticleDetailSerializer, ArticleSerializer, ErrorResponseSerializer
from ..serializers.ingest import ArticleIngestResultSerializer, ArticleIngestSerializer, report_data
from ..serializers.ingest_job import IngestJobSerializer
from ..serializers.write import ArticleWriteSerializer
from ..visibility import Reading, nested_statuses
from .base import Conflict, EditableViewSet, IdOrSlugLookupMixin
from .planned import PlanReadMixin

INGEST_REASON = "Ingested through the API"


def claim_count(statuses: Sequence[str]) -> Coalesce:
    """The article's claims in ``statuses``: a subquery in the list's own query (a join and
    a GROUP BY over every column, the body's included, cost several times more)."""
    counted = (
        Claim.objects.filter(article=OuterRef("pk"), status__in=list(statuses))
        .order_by()
        .values("article_id")
        .annotate(n=Count("pk"))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class ArticleViewSet(IdOrSlugLookupMixin, PlanReadMixin, EditableViewSet):
    """Source documents. The list gives each body's length; the detail gives the body.

    A POST ingests an article: its text is stored and draft records are extracted from it.
    """

    write_serializer_class = ArticleWriteSerializer
    serializer_class = ArticleSerializer
    detail_serializer_class = ArticleDetailSerializer  # the list leaves the body out
    filterset_class = ArticleFilterSet
    search_fields = ["title", "publisher", "body"]
    ordering_fields = ["published_on", "title", "id"]
    ordering = ["-published_on", "id"]

    def plan_statuses(self) -> tuple[str, ...]:
        """The claims ``claim_count`` counts."""
        return nested_statuses(self.request, Claim)

    @classmethod
    def records(cls, reading: Reading) -> QuerySet[Article]:
        """Articles (all public: they carry no review status) with their body's length and
        the claims ``reading.nested`` counts; a list leaves the body unread."""
        queryset = reading.select(
            Article.objects.annotate(
                body_length=Length("body"), claim_count=claim_count(reading.nested)
            )
        )
        if reading.listing:
            queryset = queryset.defer("body")
        return queryset

    @extend_schema(
        summary="Ingest an article",
        description="Editors only. Stores the text verbatim and creates draft claims, "
        "incidents, losses, and draft actors and places for names nothing matched, all "
        "hidden from the public until published in the admin's review queue. Answers with "
        "the article and a report: draft counts and the items an editor must decide on. "
        "The same text twice is a 409 whose `Location` is the article holding it. With a "
        "`source_url` and no `body`, the page is fetched (timeout, size limit, HTML only, "
        "bounded redirects, public addresses only) and its main text extracted; its title and "
        "stated date are the defaults for `title` and `published_on`.",
        request=ArticleIngestSerializer,
        parameters=[
            location(
                201,
                202,
                409,
                description="The article's URL: the new one, or on a 409 the one already "
                "holding this text; on a 202 the ingest job's URL.",
            )
        ],
        responses={
            201: ArticleIngestResultSerializer,
            202: OpenApiResponse(
                IngestJobSerializer,
                description="When a queue is set up (INGEST_QUEUE_URL): the ingest is queued; "
                "`Location` is the job, whose `status` becomes done (with the report) or "
                "failed (with the error).",
            ),
            400: OpenApiResponse(
                ErrorResponseSerializer,
                description="A field has a bad value: an empty `body`, one over "
                "INGEST_MAX_BODY_CHARS, an invalid `published_on`...; `attr` names it. A "
                "`source_url` that gave no article is `attr` `source_url` with code "
                "`unreachable`, `not_html`, `no_article_text`, `too_large`, "
                "`too_many_redirects`, `private_host` or `invalid_url`.",
            ),
            409: OpenApiResponse(
                ErrorResponseSerializer,
                description="This text is already stored (`attr` is `body`, code "
                "`duplicate`); `Location` is that article. Nothing was created.",
            ),
        },
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        incoming = ArticleIngestSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        fields = dict(incoming.validated_data)
        reason = self.change_reason() or INGEST_REASON
        if queue_configured():
            # A worker fetches and ingests; the job's URL tells how it went.
            job = enqueue(fields, user=request.user, reason=reason)
            url = reverse("ingestjob-detail", kwargs={"pk": job.pk}, request=request)
            data = IngestJobSerializer(job, context={"request": request}).data
            return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": url})
        if "body" not in fields:
            fields = with_fetched_body(fields)
        # The domain's ValidationError names the field; api.errors keeps its codes.
        report = ingest_article(
            **fields,
            user=request.user,
            reason=reason,
        )
        url = reverse("article-detail", kwargs={"id_or_slug": report.article.pk}, request=request)
        if not report.created:
            article = report.article
            detail = ErrorDetail(
                f"This text is already stored as article {article.pk} ({article.slug}): {url}",
                code="duplicate",
            )
            response = self.handle_exception(Conflict({"body": [detail]}))
            response["Location"] = url
            return response
        article = self.get_queryset().get(pk=report.article.pk)
        data = {
            "article": self.representation(article),
            "report": report_data(report, request),
        }
        return Response(data, status=status.HTTP_201_CREATED, headers={"Location": url})
