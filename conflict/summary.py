"""Counts of incidents per period and kind: a timeline, from one grouped query.

An incident counts in the period of its first day (``occurred_on``); undated incidents are
one row with no period, so the counts always add up to the incidents matched.

The database counts per kind and day, which it reads in the order of an index (status, kind,
day) without sorting anything; the days are then gathered into weeks or months here. Asking
the database to group by week or month made it sort every incident (SQLite at 1M claims:
0.2 s against 0.05 s, and Django's truncation there is a Python function called per row).
The count still reads every matching incident, so the result is kept per data version
(conflict.versioned): the first request after a write counts, the next ones read it back.
"""

from __future__ import annotations

import calendar
from collections import Counter
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, QuerySet

from .models import Incident
from .versioned import per_version, query_key
from .visibility import Reader, visible

BY = ("day", "week", "month")


def period_start(day: date, by: str) -> date:
    """The first day of the ``by`` period ``day`` falls in (ISO weeks start on Monday)."""
    if by == "day":
        return day
    if by == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def period_end(start: date, by: str) -> date:
    if by == "day":
        return start
    if by == "week":
        return start + timedelta(days=6)
    return start.replace(day=calendar.monthrange(start.year, start.month)[1])


def incident_counts(incidents: QuerySet[Incident], reader: Reader, by: str) -> list[dict[str, Any]]:
    """``[{period_start, period_end, kind, count}]`` for the visible incidents, oldest first.

    Kept per data version: the key is the query itself (filters and the reader's statuses)
    and the period, so no two readers or filters share an entry.
    """
    if by not in BY:
        raise ValueError(f"Unknown period {by!r}")
    per_day = (
        visible(incidents, reader)
        .order_by()
        .values_list("kind", "occurred_on")
        .annotate(count=Count("pk"))
    )
    key = f"{by}:{query_key(per_day)}"
    return per_version("incident-counts", key, lambda: counted(per_day, by))


def counted(per_day: QuerySet, by: str) -> list[dict[str, Any]]:
    # The rows as the driver gives them: SQLite's days are text, parsed here once per day
    # rather than once per row by Django's converters (a third of the time at 1M claims).
    try:
        sql, params = per_day.query.sql_with_params()
    except EmptyResultSet:
        return []
    with connections[per_day.db].cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    counts: Counter[tuple[date | None, str]] = Counter()
    starts: dict[Any, date | None] = {None: None}
    for kind, day, count in fetched:
        if day not in starts:
            starts[day] = period_start(_as_date(day), by)
        counts[(starts[day], kind)] += count
    rows = [
        {
            "period_start": start,
            "period_end": None if start is None else period_end(start, by),
            "kind": kind,
            "count": count,
        }
        for (start, kind), count in counts.items()
    ]
    return sorted(
        rows,
        key=lambda row: (not row["period_start"], row["period_start"] or date.min, row["kind"]),
    )


def _as_date(day: date | str) -> date:
    return day if isinstance(day, date) else date.fromisoformat(day)
