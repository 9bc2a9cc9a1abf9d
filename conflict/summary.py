"""Counts of incidents per period and kind: a timeline, one grouped query.

An incident counts in the period of its first day (``occurred_on``); undated incidents are
one row with no period, so the counts always add up to the incidents matched.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncDay, TruncMonth, TruncWeek

from .models import Incident
from .visibility import Reader, visible

BY = {"day": TruncDay, "week": TruncWeek, "month": TruncMonth}


def period_end(start: date, by: str) -> date:
    if by == "day":
        return start
    if by == "week":
        return start + timedelta(days=6)
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])


def incident_counts(incidents: QuerySet[Incident], reader: Reader, by: str) -> list[dict[str, Any]]:
    """``[{period_start, period_end, kind, count}]`` for the visible incidents, oldest first."""
    rows = (
        visible(incidents, reader)
        .order_by()
        .annotate(period=BY[by]("occurred_on"))
        .values("period", "kind")
        .annotate(count=Count("pk"))
    )
    result = []
    for row in rows:
        start = row["period"]
        if start is not None and not isinstance(start, date):
            start = start.date()
        result.append(
            {
                "period_start": start,
                "period_end": None if start is None else period_end(start, by),
                "kind": row["kind"],
                "count": row["count"],
            }
        )
    result.sort(
        key=lambda row: (row["period_start"] is None, row["period_start"] or date.min, row["kind"])
    )
    return result
