"""``?updated_since=`` on every list: rows created or changed since a time.

A mirror keeps a timestamp ``T`` from its last pass, then asks each list for
``?updated_since=T`` (bulk changes included) and ``/api/v1/deletions/?since=T`` for the
records deleted since (api.deletions).
"""

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

UPDATED_SINCE = "updated_since"


def parse_instant(name: str, raw: str) -> dt.datetime:
    """An ISO 8601 timestamp (a date means its midnight, UTC; no zone means UTC)."""
    value = None
    try:
        value = parse_datetime(raw)
        if value is None and (day := parse_date(raw)) is not None:
            value = dt.datetime.combine(day, dt.time.min)
    except ValueError:
        value = None  # well-formed but impossible (2020-02-30): reported below
    if value is None:
        raise ValidationError(
            {name: ["Use an ISO 8601 timestamp, e.g. 2020-10-08T12:00:00Z."]}, code="invalid"
        )
    return value if timezone.is_aware(value) else timezone.make_aware(value, dt.UTC)


class UpdatedSinceFilter:
    """A filter backend: ``?updated_since=`` keeps rows created or changed at or after it."""

    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        raw = request.query_params.get(UPDATED_SINCE)
        if raw is None:  # given but empty is not a time: a 400, not "everything"
            return queryset
        return queryset.filter(updated_at__gte=parse_instant(UPDATED_SINCE, raw))

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": UPDATED_SINCE,
                "required": False,
                "in": "query",
                "description": "Only records created or changed at or after this time "
                "(ISO 8601; without a zone, UTC). Pair with /deletions/ to mirror the data.",
                "schema": {"type": "string", "format": "date-time"},
            }
        ]
