from collections.abc import Iterator, Sequence
from types import SimpleNamespace
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from conflict.models import Actor, Claim

from ..conditional import detail_response
from ..exports.claim_table import PlanTable
from ..exports.formats import CSV, NDJSON, ExportFormat
from ..exports.streaming import stream_records
from ..exports.views import ExportMixin
from ..filtersets import ActorFilterSet
from ..rows import Rows
from ..serializers import ActorSerializer
from ..serializers.write import ActorWriteSerializer
from ..visibility import nested_statuses
from .base import ID_OR_SLUG, ID_PATTERN, EditableViewSet, IdOrSlugLookupMixin


def articles_count(statuses: Sequence[str] | None) -> Coalesce:
    """Distinct articles with a claim (in ``statuses``; None: any) by the actor, as claimant
    or channel: one subquery in the list's own query."""
    claims = Claim.objects.filter(Q(claimant=OuterRef("pk")) | Q(channel_actor=OuterRef("pk")))
    if statuses is not None:
        claims = claims.filter(status__in=list(statuses))
    counted = (
        claims.order_by()
        .annotate(one=Value(1))
        .values("one")
        .annotate(n=Count("article_id", distinct=True))
        .values("n")[:1]
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


class ActorViewSet(ExportMixin, IdOrSlugLookupMixin, EditableViewSet):
    """Who speaks or acts: states, ministries, armed forces, persons, media outlets."""

    write_serializer_class = ActorWriteSerializer
    serializer_class = ActorSerializer
    filterset_class = ActorFilterSet
    search_fields = ["name", "aliases", "role"]
    ordering_fields = ["name", "kind", "country", "id"]
    ordering = ["name", "id"]

    def get_queryset(self) -> QuerySet[Actor]:
        statuses = nested_statuses(self.request, Claim)
        return Actor.objects.select_related("parent").annotate(
            articles_count=articles_count(statuses)
        )

    def actor_rows(self) -> Rows:
        return Rows(ActorSerializer, self.get_serializer_context()["request"], self.statuses())

    def statuses(self) -> tuple[str, ...]:
        return nested_statuses(self.request, Claim)

    # Reads go through the serializer's plan (api.rows): the same output as ActorSerializer,
    # articles_count read from the list's annotation; other formats and writes keep the
    # serializer path.

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if self.chosen_format(request) is not None:
            return super().list(request, *args, **kwargs)
        rows = self.actor_rows()
        queryset = rows.columns(self.filter_queryset(self.get_queryset()))
        page = self.paginate_queryset(queryset)
        if page is None:
            return Response(rows.rows(queryset))
        return self.get_paginated_response(rows.rows(page))

    def _found(self, rows: Rows, pk: int | None = None) -> dict[str, Any]:
        """The detail's row (by the URL's id or slug, or ``pk``) as this reader may see it."""
        if pk is None:
            value = self.kwargs[self.lookup_url_kwarg]
            lookup = {"pk": int(value)} if ID_PATTERN.fullmatch(value) else {"slug": value}
        else:
            lookup = {"pk": pk}
        return get_object_or_404(rows.columns(self.filter_queryset(self.get_queryset())), **lookup)

    @extend_schema(parameters=[ID_OR_SLUG])
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        rows = self.actor_rows()
        found = self._found(rows)
        record = SimpleNamespace(updated_at=found["updated_at"])  # for Last-Modified
        return detail_response(request, rows.rows([found])[0], record)

    def representation(self, record: Actor) -> dict[str, Any]:
        """The detail as ``retrieve`` builds it (api.rows), for every ETag."""
        rows = self.actor_rows()
        return rows.rows([self._found(rows, record.pk)])[0]

    def export_body(self, fmt: ExportFormat, queryset: QuerySet) -> Iterator[bytes]:
        if fmt.name not in (CSV, NDJSON):
            return super().export_body(fmt, queryset)
        if fmt.name == CSV:
            request = self.get_serializer_context()["request"]
            return PlanTable(ActorSerializer, queryset, request, self.statuses()).csv()
        rows = self.actor_rows()
        return stream_records(rows.columns(queryset), rows.rows, self.export_writer(fmt))
