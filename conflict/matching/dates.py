"""An incident's date as the days it may have been, whatever its precision."""

import calendar
import datetime as dt

from ..models.choices import DatePrecision

# Reports of a night attack date it to either day; no more slack than that.
SLACK = dt.timedelta(days=1)
# The widest an imprecise date can reach before its first day (a year's last day).
WIDEST = {
    DatePrecision.DAY: dt.timedelta(0),
    DatePrecision.WEEK: dt.timedelta(days=6),
    DatePrecision.MONTH: dt.timedelta(days=30),
    DatePrecision.YEAR: dt.timedelta(days=365),
}


def interval(
    on: dt.date | None, until: dt.date | None, precision: str
) -> tuple[dt.date, dt.date] | None:
    """The first and last day the date may mean: a 'week' is that week's seven days, a
    'month' the month, a 'year' the year, a span its days; None when undated."""
    if on is None:
        return None
    if precision == DatePrecision.WEEK:
        last = on + WIDEST[DatePrecision.WEEK]
    elif precision == DatePrecision.MONTH:
        first = on.replace(day=1)
        last = on.replace(day=calendar.monthrange(on.year, on.month)[1])
        on = first
    elif precision == DatePrecision.YEAR:
        on, last = on.replace(month=1, day=1), on.replace(month=12, day=31)
    else:
        last = on
    if until is not None and until > last:
        last = until
    return on, last


def date_score(a: tuple[dt.date, dt.date] | None, b: tuple[dt.date, dt.date] | None) -> float:
    """1 for the same day; less the wider the dates; 0 when they cannot be the same days
    (each end given one day of slack); -1 when either is undated (nothing to compare)."""
    if a is None or b is None:
        return -1.0
    if a[0] - SLACK > b[1] or b[0] - SLACK > a[1]:
        return 0.0
    overlap = a[0] <= b[1] and b[0] <= a[1]
    days = (a[1] - a[0]).days + 1 + (b[1] - b[0]).days + 1
    score = min(1.0, 2 / days)
    return score if overlap else score * 0.6
