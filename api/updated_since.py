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
        if value is not None:
            # In UTC before it reaches the database: PostgreSQL refuses offsets beyond
            # +-15:59 that Python accepts (+23:59), and 0001-01-01T00:00+01:00 has no UTC
            # instant in Python's range (OverflowError).
            if timezone.is_naive(value):
                value = value.replace(tzinfo=dt.UTC)
            value = value.astimezone(dt.UTC)
    except (ValueError, OverflowError):
        value = None  # well-formed but impossible (2020-02-30): reported below
    if value is None:
        raise ValidationError(
            {name: ["Use an ISO 8601 timestamp, e.g. 2020-10-08T12:00:00Z."]}, code="invalid"
        )
    return value


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
