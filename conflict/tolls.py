"""Tolls: what each claimant says about losses, as series over time (DESIGN.md "Tolls").

A series is one claimant x side x category x population (or equipment, for materiel). Its
points are the figures the claimant reported, as reported: a period, whether the figure is a
running total, and low/best/high (a range stays a range). Nothing here produces one "true"
number: each claimant's series stands beside the others, never merged with them.

The arithmetic the design allows, and nothing else:

- A cumulative figure ("350 since 27 September") is a level. It is never added to anything.
- Two cumulative figures of one series whose periods start on the same day, the later one
  ending later, give a derived increment over the days between their ends (marked
  ``derived``, with the claims of both behind it). Any other pair gives nothing.
- Non-cumulative figures of one series are summed (``Series.total``) only when every one of
  them has a count and a period, and no two periods overlap. One claimant only: a series
  never spans claimants.

Restatements count once: figures are grouped by the canonical claim of their claim, the one
its ``restates`` link (conflict.matching.restatements) points to when the reader may see it;
the ``canonical`` argument replaces that lookup (``own_canonical``: every claim alone).

Visibility is conflict.visibility's: a loss is seen only with its claim and its incident,
so the public never meets a draft figure or a figure backed by a draft claim.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from itertools import pairwise
from typing import Any

from django.db import connections, models
from django.db.models import F, Q, QuerySet

from .matching.restatements import canonical_of
from .models import Loss
from .versioned import cache_seconds, data_version, per_version, query_key
from .visibility import Reader, visible

# claim ids -> {claim id: id of the claim it restates (itself when it restates none)}
CanonicalLookup = Callable[[Iterable[int]], dict[int, int]]


class PeriodFrom(models.TextChoices):
    """Where a point's period came from: the loss's own dates, else its incident's, else the
    day the claim was made (a figure "as of" that day)."""

    LOSS = "loss", "The figure's own period"
    INCIDENT = "incident", "The incident's dates"
    STATEMENT = "statement", "The day the claim was made"
    UNKNOWN = "unknown", "Unknown"


PERIOD_FROM_LOSS = PeriodFrom.LOSS.value
PERIOD_FROM_INCIDENT = PeriodFrom.INCIDENT.value
PERIOD_FROM_STATEMENT = PeriodFrom.STATEMENT.value
PERIOD_UNKNOWN = PeriodFrom.UNKNOWN.value


def own_canonical(claim_ids: Iterable[int]) -> dict[int, int]:
    """Every claim stands for itself (restatement links ignored)."""
    return {pk: pk for pk in claim_ids}


@dataclass(frozen=True)
class Party:
    """An actor as a toll names it (claimant or side)."""

    id: int
    slug: str
    name: str
    country: str


@dataclass(frozen=True)
class Point:
    period_start: date | None
    period_end: date | None
    period_from: str
    cumulative: bool
    count_low: int | None
    count_best: int | None
    count_high: int | None
    qualifier: str
    derived: bool
    claims: tuple[int, ...]
    losses: tuple[int, ...]
    incidents: tuple[int, ...]

    @property
    def is_range(self) -> bool:
        return self.count_low != self.count_high

    @property
    def day(self) -> date | None:
        """The day a chart places the point on: the end of its period."""
        return self.period_end or self.period_start


@dataclass(frozen=True)
class Total:
    """The sum of a series' non-cumulative figures: disjoint periods, one claimant."""

    period_start: date
    period_end: date
    count_low: int | None  # None when a figure gave no low (or high) end
    count_best: int
    count_high: int | None
    claims: tuple[int, ...]


@dataclass
class Series:
    claimant: Party | None  # None: the article's own narration
    side: Party | None
    category: str
    population: str
    equipment: str
    points: list[Point] = field(default_factory=list)
    total: Total | None = None
    total_refused: str = ""  # why the non-cumulative figures were not summed

    @property
    def key(self) -> tuple[Any, ...]:
        return (
            self.claimant.id if self.claimant else None,
            self.side.id if self.side else None,
            self.category,
            self.population,
            self.equipment,
        )

    @property
    def reported(self) -> list[Point]:
        return [point for point in self.points if not point.derived]

    @property
    def own_losses(self) -> bool:
        """The claimant speaks of its own side's losses."""
        return (
            self.claimant is not None and self.side is not None and self.claimant.id == self.side.id
        )


# The columns of the one query a toll reads.
COLUMNS = (
    "id",
    "claim_id",
    "incident_id",
    "category",
    "population",
    "equipment",
    "count_low",
    "count_best",
    "count_high",
    "qualifier",
    "period_start",
    "period_end",
    "cumulative",
    "claim__stated_on",
    "incident__occurred_on",
    "incident__occurred_until",
    "claim__claimant_id",
    "claim__claimant__slug",
    "claim__claimant__name",
    "claim__claimant__country",
    "side_id",
    "side__slug",
    "side__name",
    "side__country",
)


def visible_losses(queryset: QuerySet[Loss], reader: Reader) -> QuerySet[Loss]:
    """The losses of ``queryset`` this reader may see (conflict.visibility)."""
    return visible(queryset, reader)


# A series' key as loss columns, in Series.key's order: the figures sharing these are one series.
SERIES_KEY = ("claim__claimant_id", "side_id", "category", "population", "equipment")

# A page's order: by side, what is counted, then claimant, so every claimant's version of one
# toll is on one page where it fits, next to the others. By ids, not names (_series_order):
# the same grouping without joining the actors, which doubled the time of the key query
# (100k claims, SQLite: 430 ms against 180 ms for a page).
SERIES_ORDER = (
    F("side_id").asc(nulls_last=True),
    F("category").asc(),
    F("population").asc(),
    F("equipment").asc(),
    F("claim__claimant_id").asc(nulls_last=True),
)


def series_keys(losses: QuerySet[Loss], reader: Reader) -> QuerySet[Loss]:
    """The distinct series keys (dicts of SERIES_KEY) of the visible losses among ``losses``,
    in a stable order (SERIES_ORDER, the whole key): what a page of series is cut from, in
    SQL, without reading a figure.
    """
    keys = visible_losses(losses, reader).order_by().values(*SERIES_KEY).distinct()
    return keys.order_by(*SERIES_ORDER)


class SeriesKeys(Sequence[dict[str, Any]]):
    """Every series key of the visible losses among ``losses`` (rows of series_keys, in
    SERIES_ORDER), as a sequence a paginator slices, kept per data version.

    Finding the distinct keys reads every visible figure with its claim and incident (the
    visibility joins): over half a second at a million claims, for tens of thousands of keys.
    So they are read whole once per data version and query (filters and reader included);
    the count, each page of keys and each page's series (``series_of``) are kept beside
    them, so a repeated page costs the version's queries and nothing else.
    """

    def __init__(self, losses: QuerySet[Loss], reader: Reader) -> None:
        self.losses = losses
        self.reader = reader
        self.keys = series_keys(losses, reader)
        self.name = query_key(self.keys)

    @cached_property
    def version(self) -> str:
        return data_version()  # once: every entry of this request is of one version

    def _kept(self, what: str, compute: Callable[[], Any]) -> Any:
        if not cache_seconds():
            return compute()
        return per_version("toll-series", f"{self.name}:{what}", compute, self.version)

    def every(self) -> list[tuple[Any, ...]]:
        """Every key as a tuple (SERIES_KEY's order): half the size of dicts in the cache."""

        def read() -> list[tuple[Any, ...]]:
            rows = self.keys.values_list(*SERIES_KEY)
            if connections[self.keys.db].vendor == "sqlite":
                # Asked to sort, SQLite walks loss_series_idx and fetches each loss at random
                # (four times slower than reading them in order and sorting). Python sorts
                # them as SQLite's BINARY collation does: by code point.
                return sorted(rows.order_by(), key=_key_order)
            return list(rows)

        return self._kept("every", read)

    def __len__(self) -> int:
        return self._kept("count", lambda: len(self.every()))

    def __getitem__(self, index: Any) -> Any:
        if not isinstance(index, slice):
            return dict(zip(SERIES_KEY, self.every()[index], strict=True))
        part = f"{index.start}:{index.stop}:{index.step}"
        rows = self._kept(f"slice:{part}", lambda: self.every()[index])
        return [dict(zip(SERIES_KEY, row, strict=True)) for row in rows]

    def series_of(self, keys: Sequence[dict[str, Any]]) -> list[Series]:
        """toll_series_of these keys (a slice of this sequence), kept with them."""
        part = hashlib.sha256(repr([key_tuple(key) for key in keys]).encode()).hexdigest()
        return self._kept(
            f"series:{part[:32]}", lambda: toll_series_of(self.losses, self.reader, keys)
        )


def _key_order(key: tuple[Any, ...]) -> tuple[Any, ...]:
    """SERIES_ORDER in Python: side (nulls last), category, population, equipment, claimant."""
    claimant, side, category, population, equipment = key
    return (
        side is None,
        side or 0,
        category,
        population,
        equipment,
        claimant is None,
        claimant or 0,
    )


def key_tuple(key: dict[str, Any]) -> tuple[Any, ...]:
    """A row of series_keys as Series.key."""
    return tuple(key[name] for name in SERIES_KEY)


def series_filter(keys: Iterable[dict[str, Any]]) -> Q:
    """The losses of these series (rows of series_keys); matches nothing when there are none.

    One term per side x category x population x equipment, naming its claimants: each term
    is then one range of loss_series_idx (a page's series share a few of these, the claimant
    varying fastest in SERIES_ORDER), where a term per series made SQLite read every loss.
    """
    claimants: dict[tuple[Any, ...], set[Any]] = {}
    for key in keys:
        own = tuple((name, key[name]) for name in SERIES_KEY if name != "claim__claimant_id")
        claimants.setdefault(own, set()).add(key["claim__claimant_id"])
    condition = Q(pk__in=[])
    for own, who in claimants.items():
        named = sorted(pk for pk in who if pk is not None)
        by = Q(claim__claimant_id__in=named) if named else Q(pk__in=[])
        if None in who:
            by |= Q(claim__claimant_id__isnull=True)
        condition |= Q(**{_lookup(name, value): _value(value) for name, value in own}) & by
    return condition


def _lookup(name: str, value: Any) -> str:
    return f"{name}__isnull" if value is None else name


def _value(value: Any) -> Any:
    return True if value is None else value


def toll_series_of(
    losses: QuerySet[Loss],
    reader: Reader,
    keys: Sequence[dict[str, Any]],
    canonical: CanonicalLookup | None = None,
) -> list[Series]:
    """The series of ``keys`` (a page of series_keys) among ``losses``, in the keys' order.

    Only the losses of those series are read (one query, plus ``canonical``'s), and each
    series is built by toll_series, whole: a page holds whole series, never part of one.
    """
    if not keys:
        return []
    built = {
        one.key: one for one in toll_series(losses.filter(series_filter(keys)), reader, canonical)
    }
    # A key is missing only when its figures changed between the two queries.
    return [built[key_tuple(key)] for key in keys if key_tuple(key) in built]


def toll_series(
    losses: QuerySet[Loss],
    reader: Reader,
    canonical: CanonicalLookup | None = None,
) -> list[Series]:
    """The toll series of the visible losses among ``losses``: one query (plus ``canonical``'s).

    ``losses`` may carry any filters (claimant, side, place...); visibility is applied here.
    Series come ordered by side, category, population/equipment and claimant, so both sides'
    versions of one toll sit next to each other.
    """
    rows = list(visible_losses(losses, reader).order_by().values_list(*COLUMNS))
    claim_ids = {row[1] for row in rows}
    canon = canonical(claim_ids) if canonical else canonical_of(claim_ids, reader.statuses)
    by_key: dict[tuple[Any, ...], Series] = {}
    groups: dict[tuple[Any, ...], list[tuple[Any, ...]]] = {}
    for row in rows:
        r = dict(zip(COLUMNS, row, strict=True))
        claimant = _party(r, "claim__claimant_id", "claim__claimant__")
        side = _party(r, "side_id", "side__")
        series = Series(claimant, side, r["category"], r["population"], r["equipment"])
        series = by_key.setdefault(series.key, series)
        start, end, source = _period(r)
        figure = (
            start,
            end,
            source,
            r["cumulative"],
            r["count_low"],
            r["count_best"],
            r["count_high"],
            r["qualifier"],
        )
        # One group per restated figure: the same figure from claims restating one claim.
        groups.setdefault((series.key, canon.get(r["claim_id"], r["claim_id"]), figure), []).append(
            (r["id"], r["claim_id"], r["incident_id"])
        )
    for (key, _, figure), members in groups.items():
        by_key[key].points.append(
            Point(
                *figure,
                derived=False,
                claims=tuple(sorted({claim for _, claim, _ in members})),
                losses=tuple(sorted(loss for loss, _, _ in members)),
                incidents=tuple(sorted({inc for _, _, inc in members if inc is not None})),
            )
        )
    for series in by_key.values():
        series.points.sort(key=_point_order)
        series.points = _with_increments(series.points)
        series.total, series.total_refused = _total(series.reported)
    return sorted(by_key.values(), key=_series_order)


def _party(row: dict[str, Any], id_key: str, prefix: str) -> Party | None:
    if row[id_key] is None:
        return None
    return Party(row[id_key], row[f"{prefix}slug"], row[f"{prefix}name"], row[f"{prefix}country"])


def _period(row: dict[str, Any]) -> tuple[date | None, date | None, str]:
    if row["period_start"] or row["period_end"]:
        return row["period_start"], row["period_end"], PERIOD_FROM_LOSS
    if row["incident__occurred_on"]:
        until = row["incident__occurred_until"] or row["incident__occurred_on"]
        return row["incident__occurred_on"], until, PERIOD_FROM_INCIDENT
    if row["claim__stated_on"]:
        return row["claim__stated_on"], row["claim__stated_on"], PERIOD_FROM_STATEMENT
    return None, None, PERIOD_UNKNOWN


def _point_order(point: Point) -> tuple[Any, ...]:
    return (
        point.day is None,
        point.day or date.min,
        point.period_start or date.min,
        point.derived,
        point.claims,
    )


def _series_order(series: Series) -> tuple[Any, ...]:
    return (
        series.side.name if series.side else "~",
        series.category,
        series.population,
        series.equipment,
        series.claimant.name if series.claimant else "~",
    )


def _with_increments(points: list[Point]) -> list[Point]:
    """The reported points, each cumulative one followed by the increment it allows.

    For a cumulative point B, the earlier one A it is measured against is the latest-ending
    cumulative point with the same start whose end is before B's end: B's period contains A's
    and both start the same day, the only case the design allows.
    """
    result: list[Point] = []
    levels: list[Point] = []  # cumulative points with numbers, by end date (points are sorted)
    for point in points:
        result.append(point)
        if not point.cumulative or point.count_best is None or point.period_start is None:
            continue
        if point.period_end is None:
            continue
        earlier = [
            level
            for level in levels
            if level.period_start == point.period_start and level.period_end < point.period_end
        ]
        if earlier:
            base = earlier[-1]
            increment = _increment(base, point)
            if increment is not None:
                result.append(increment)
        levels.append(point)
    return result


def _increment(base: Point, later: Point) -> Point | None:
    if base.period_end is None or later.period_end is None:
        return None
    low, best, high = later.count_low, later.count_best, later.count_high
    b_low, b_best, b_high = base.count_low, base.count_best, base.count_high
    if best is None or b_best is None:
        return None
    # A range minus a range: the smallest increment is the later low minus the earlier high,
    # the largest the later high minus the earlier low (a level may be restated lower: 0).
    return Point(
        period_start=base.period_end + timedelta(days=1),
        period_end=later.period_end,
        period_from=later.period_from,
        cumulative=False,
        count_low=None if low is None or b_high is None else max(0, low - b_high),
        count_best=max(0, best - b_best),
        count_high=None if high is None or b_low is None else max(0, high - b_low),
        qualifier="",
        derived=True,
        claims=tuple(sorted({*base.claims, *later.claims})),
        losses=tuple(sorted({*base.losses, *later.losses})),
        incidents=tuple(sorted({*base.incidents, *later.incidents})),
    )


def _total(points: Sequence[Point]) -> tuple[Total | None, str]:
    singles = [point for point in points if not point.cumulative]
    if len(singles) < 2:
        return None, ""  # nothing to add up
    if any(point.count_best is None for point in singles):
        return None, "a figure without a number (e.g. 'many') cannot be added"
    if any(point.period_start is None or point.period_end is None for point in singles):
        return None, "a figure without a period cannot be added"
    ordered = sorted(singles, key=lambda point: (point.period_start, point.period_end))
    for first, second in pairwise(ordered):
        if second.period_start <= first.period_end:  # type: ignore[operator]
            return None, "two figures cover overlapping periods"
    return (
        Total(
            period_start=ordered[0].period_start,  # type: ignore[arg-type]
            period_end=max(point.period_end for point in ordered),  # type: ignore[type-var]
            count_low=_sum([point.count_low for point in ordered]),
            count_best=sum(point.count_best or 0 for point in ordered),
            count_high=_sum([point.count_high for point in ordered]),
            claims=tuple(sorted({claim for point in ordered for claim in point.claims})),
        ),
        "",
    )


def _sum(counts: list[int | None]) -> int | None:
    return None if None in counts else sum(count or 0 for count in counts)


def sides_side_by_side(series: Sequence[Series]) -> dict[tuple[Any, ...], list[Series]]:
    """Series grouped by what they count (side, category, population, equipment), each
    group holding every claimant's version: shown together, never merged."""
    grouped: dict[tuple[Any, ...], list[Series]] = {}
    for one in series:
        grouped.setdefault(one.key[1:], []).append(one)
    return grouped
