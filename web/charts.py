"""Toll charts as server-rendered SVG: readable without JavaScript, printable, accessible.

One chart per side (whose losses) and measure (category x population or equipment); every
claimant's figures about that side are drawn in it, each claimant in its own colour and
shape, so a side's own claims and the other side's claims about it stand together, never
merged. The charts of one measure sit side by side, one per side.

- A figure is a marker at the end of its period, at its best count.
- A range (low < high) is a vertical bar from low to high: a range stays a range.
- A running total ("since 27 September") also draws a line back to the day it counts from.
- A derived increment (conflict.tolls) is hollow and dashed: not something anyone said.
- A figure without a number ("many") is listed in the table below the chart, not drawn.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from math import ceil, log10

from django.utils import dateformat
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from conflict.models.choices import LossCategory, Population
from conflict.tolls import Party, Point, Series

WIDTH, HEIGHT = 560, 240
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 36
# Okabe-Ito: distinguishable with the common colour-vision deficiencies, 3:1+ on white.
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8A6D00", "#56B4E9"]
SHAPES = ["circle", "square", "diamond", "triangle"]


@dataclass
class Chart:
    side: Party | None
    category: str
    population: str
    equipment: str
    series: list[Series] = field(default_factory=list)
    # Claimant id -> index into COLOURS and SHAPES, shared by every chart of a page, so one
    # claimant looks the same in all of them.
    styles: dict[int | None, int] = field(default_factory=dict)

    def style(self, series: Series) -> tuple[str, str]:
        index = self.styles[series.claimant.id if series.claimant else None]
        return COLOURS[index % len(COLOURS)], SHAPES[index % len(SHAPES)]

    @property
    def measure(self) -> str:
        what = self.equipment or Population(self.population).label.lower()
        return f"{what} {LossCategory(self.category).label.lower()}"

    @property
    def side_name(self) -> str:
        return self.side.name if self.side else "Side not stated"

    @property
    def slug(self) -> str:
        side = self.side.slug if self.side else "unstated"
        what = (self.equipment or self.population).replace(" ", "-").lower()
        return f"toll-{side}-{self.category}-{what}"

    def svg(self) -> SafeString:
        return render_svg(self)

    def table_rows(self) -> SafeString:
        return table_rows(self)


def charts_for(series: Sequence[Series]) -> list[list[Chart]]:
    """Rows of charts: one row per measure, one chart per side in it."""
    rows: dict[tuple[str, str, str], dict[int | None, Chart]] = {}
    styles: dict[int | None, int] = {}
    for one in series:
        styles.setdefault(one.claimant.id if one.claimant else None, len(styles))
        measure = (one.category, one.population, one.equipment)
        side_key = one.side.id if one.side else None
        row = rows.setdefault(measure, {})
        chart = row.setdefault(side_key, Chart(one.side, *measure, styles=styles))
        chart.series.append(one)
    return [list(row.values()) for row in rows.values()]


def nice_ceiling(value: int) -> int:
    if value <= 0:
        return 1
    step = 10 ** max(0, int(log10(value)))
    return int(ceil(value / step) * step)


def drawable(point: Point) -> bool:
    return point.count_best is not None or (
        point.count_low is not None and point.count_high is not None
    )


def render_svg(chart: Chart) -> SafeString:
    points = [(s, p) for s in chart.series for p in s.points if drawable(p) and p.day]
    title = f"{chart.side_name}: {chart.measure}, as each claimant reports it"
    if not points:
        return format_html(
            '<p class="no-chart">No figure with a number and a date to draw for {}.</p>', title
        )
    days = [p.day for _, p in points] + [p.period_start for _, p in points if p.period_start]
    first, last = min(days), max(days)
    if first == last:
        first, last = first - timedelta(days=1), last + timedelta(days=1)
    top = nice_ceiling(
        max(max(filter(None, (p.count_high, p.count_best, p.count_low))) for _, p in points)
    )
    span = (last - first).days
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(day: date) -> float:
        return round(LEFT + plot_w * (day - first).days / span, 1)

    def y(count: int) -> float:
        return round(TOP + plot_h * (1 - count / top), 1)

    parts: list[str] = [
        format_html(
            '<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>', LEFT, TOP, LEFT, TOP + plot_h
        ),
        format_html(
            '<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"/>',
            LEFT,
            TOP + plot_h,
            LEFT + plot_w,
            TOP + plot_h,
        ),
    ]
    for tick in (0, top // 2, top):
        parts.append(
            format_html(
                '<text class="tick" x="{}" y="{}" text-anchor="end">{}</text>'
                '<line class="grid" x1="{}" y1="{}" x2="{}" y2="{}"/>',
                LEFT - 6,
                y(tick) + 4,
                f"{tick:,}",
                LEFT,
                y(tick),
                LEFT + plot_w,
                y(tick),
            )
        )
    for day, anchor in ((first, "start"), (last, "end")):
        parts.append(
            format_html(
                '<text class="tick" x="{}" y="{}" text-anchor="{}">{}</text>',
                x(day),
                TOP + plot_h + 18,
                anchor,
                day.isoformat(),
            )
        )
    for one in chart.series:
        colour, shape = chart.style(one)
        for point in one.points:
            if not drawable(point) or point.day is None:
                continue
            parts.append(draw_point(one, point, colour, shape, x, y))
    legend = format_html_join(
        "",
        '<li><svg class="swatch" width="14" height="14" aria-hidden="true">{}</svg> {}</li>',
        (
            (marker(chart.style(one)[1], 7, 7, chart.style(one)[0], False), claimant_label(one))
            for one in chart.series
        ),
    )
    svg = format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title">'
        '<title id="{}-title">{}</title>{}</svg><ul class="legend">{}</ul>',
        WIDTH,
        HEIGHT,
        chart.slug,
        chart.slug,
        title,
        mark_safe("".join(parts)),
        legend,
    )
    return svg


def claimant_label(series: Series) -> str:
    who = series.claimant.name if series.claimant else "The article's narration"
    if series.own_losses:
        return f"{who} (its own losses)"
    return f"{who} says"


def marker(shape: str, cx: float, cy: float, colour: str, hollow: bool) -> SafeString:
    # Numbers and our own colours: nothing to escape (format_html per marker was a fifth of
    # a toll page's time).
    fill = "#fff" if hollow else colour
    r = 5
    if shape == "circle":
        return mark_safe(
            f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{fill}" stroke="{colour}" '
            'stroke-width="2"/>'
        )
    if shape == "square":
        return mark_safe(
            f'<rect x="{cx - r}" y="{cy - r}" width="{2 * r}" height="{2 * r}" fill="{fill}" '
            f'stroke="{colour}" stroke-width="2"/>'
        )
    if shape == "diamond":
        path = f"M{cx},{cy - r - 1} L{cx + r + 1},{cy} L{cx},{cy + r + 1} L{cx - r - 1},{cy} Z"
    else:
        path = f"M{cx},{cy - r - 1} L{cx + r + 1},{cy + r} L{cx - r - 1},{cy + r} Z"
    return mark_safe(f'<path d="{path}" fill="{fill}" stroke="{colour}" stroke-width="2"/>')


def describe(series: Series, point: Point) -> str:
    who = series.claimant.name if series.claimant else "The article"
    side = series.side.name if series.side else "an unstated side"
    if point.count_low is not None and point.count_high is not None and point.is_range:
        amount = f"{point.count_low:,} to {point.count_high:,}"
        if point.count_best is not None:
            amount += f" (best {point.count_best:,})"
    else:
        amount = f"{point.count_best if point.count_best is not None else point.count_low:,}"
    what = series.equipment or f"{series.population} {series.category}"
    if series.equipment:
        what = f"{series.equipment} {series.category.replace('_', ' ')}"
    if point.derived:
        verb = "derived from two running totals by"
        return (
            f"{amount} {what} of {side} between {point.period_start} and {point.period_end}, "
            f"{verb} {who}"
        )
    period = (
        f"since {point.period_start} (as of {point.period_end})"
        if point.cumulative
        else f"from {point.period_start} to {point.period_end}"
        if point.period_start != point.period_end
        else f"on {point.period_end}"
    )
    return f"{who} claims {amount} {what} of {side} {period}"


def draw_point(series: Series, point: Point, colour: str, shape: str, x, y) -> SafeString:
    best = point.count_best
    if best is None:
        best = (point.count_low + point.count_high) // 2  # type: ignore[operator]
    cx, cy = x(point.day), y(best)
    pieces: list[str] = []
    dash = ' stroke-dasharray="4 3"' if point.derived else ""
    # f-strings: the numbers, dates and colours are ours; the text (names, slugs) is escaped.
    if point.cumulative and point.period_start and point.period_start != point.day:
        pieces.append(
            f'<line class="since" x1="{x(point.period_start)}" y1="{cy}" x2="{cx}" y2="{cy}" '
            f'stroke="{colour}"{dash}/>'
        )
    if point.count_low is not None and point.count_high is not None and point.is_range:
        low, high = y(point.count_low), y(point.count_high)
        pieces.append(
            f'<line class="range" x1="{cx}" y1="{low}" x2="{cx}" y2="{high}" '
            f'stroke="{colour}"{dash}/>'
            f'<line class="range" x1="{cx - 5}" y1="{low}" x2="{cx + 5}" y2="{low}" '
            f'stroke="{colour}"/>'
            f'<line class="range" x1="{cx - 5}" y1="{high}" x2="{cx + 5}" y2="{high}" '
            f'stroke="{colour}"/>'
        )
    pieces.append(marker(shape, cx, cy, colour, point.derived))
    text = escape(describe(series, point))
    claimant = escape(series.claimant.slug) if series.claimant else ""
    side = escape(series.side.slug) if series.side else ""
    return mark_safe(
        f'<g class="point" tabindex="0" role="img" aria-label="{text}" '
        f'data-claimant="{claimant}" data-side="{side}" '
        f'data-count-low="{_number(point.count_low)}" '
        f'data-count-best="{_number(point.count_best)}" '
        f'data-count-high="{_number(point.count_high)}" '
        f'data-period-start="{point.period_start or ""}" '
        f'data-period-end="{point.period_end or ""}" '
        f'data-cumulative="{"true" if point.cumulative else "false"}" '
        f'data-derived="{"true" if point.derived else "false"}">'
        f"<title>{text}</title>{''.join(pieces)}</g>"
    )


def _number(count: int | None) -> str:
    return "" if count is None else str(count)


def day_text(day: date | None) -> str:
    """A day as the pages write it ("8 Oct 2020"), as the ``date:"j M Y"`` filter does."""
    return "" if day is None else _day_text(day, get_language())


@lru_cache(maxsize=4096)
def _day_text(day: date, language: str | None) -> str:
    # A page writes the same few hundred days over and over; each a translated month name.
    return dateformat.format(day, "j M Y")


def figure_text(point: Point) -> str:
    """A figure in words: its number (or range, or the source's vague words) and period."""
    if point.count_best is None and point.count_low is None:
        text = point.qualifier
    elif point.is_range:
        low = "?" if point.count_low is None else point.count_low
        high = "?" if point.count_high is None else point.count_high
        text = f"{low}\u2013{high}"
        if point.count_best is not None:
            text += f" (best {point.count_best})"
    else:
        text = f"{point.count_best}"
    if point.cumulative:
        text += f" since {day_text(point.period_start)}"
    elif point.period_start:
        if point.period_start == point.period_end:
            text += f" on {day_text(point.period_end)}"
        else:
            text += f" {day_text(point.period_start)}\u2013{day_text(point.period_end)}"
    if point.derived:
        text += " (derived)"
    return text


def table_rows(chart: Chart) -> SafeString:
    """The rows of a chart's table: every figure, who claims it, and the claims behind it.

    Built here rather than in the template: a toll page has thousands of cells, and the
    template engine took most of the page's time drawing them.
    """
    rows = []
    for series in chart.series:
        who = escape(series.claimant.name) if series.claimant else "The article"
        for point in series.points:
            claims = ", ".join(
                f'<a href="/api/v1/claims/{pk}/">claim {pk}</a>' for pk in point.claims
            )
            rows.append(
                f"<tr><td>{who}</td><td>{escape(figure_text(point))}</td><td>{claims}</td></tr>"
            )
        if series.total:
            total = series.total
            rows.append(
                f"<tr><td>{who}</td><td>Sum of the single figures: {total.count_best} "
                f"({day_text(total.period_start)}\u2013{day_text(total.period_end)})</td>"
                "<td></td></tr>"
            )
    return mark_safe("\n".join(rows))
