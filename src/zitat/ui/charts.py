"""Chart geometry for the server-rendered SVG charts (the templates draw it, escaped).

Plain functions from counts to positioned shapes, so the pages need no JavaScript and no
third-party charting code, and every label goes through the template's autoescaping.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    href: str | None = None


@dataclass(frozen=True, slots=True)
class BarChart:
    width: int
    height: int
    bars: tuple[Bar, ...]
    horizontal: bool
    max_value: int


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float
    label: str
    tooltip: str
    href: str | None = None


@dataclass(frozen=True, slots=True)
class Timeline:
    width: int
    height: int
    axis_y: float
    points: tuple[Point, ...]
    ticks: tuple[tuple[float, str, str], ...]
    """(x, label, SVG text-anchor): the first and last day, kept inside the drawing."""


LABEL_WIDTH = 170
AXIS_HEIGHT = 40
BAR_GAP = 4


def column_chart(
    counts: Sequence[tuple[str, int]], width: int = 720, height: int = 240
) -> BarChart:
    """Vertical bars, one per (label, count), in the given order (e.g. months)."""
    top = max((value for _, value in counts), default=0) or 1
    plot_height = height - AXIS_HEIGHT
    step = width / max(1, len(counts))
    bars = tuple(
        Bar(
            label=label,
            value=value,
            x=round(i * step + BAR_GAP / 2, 2),
            y=round(plot_height * (1 - value / top), 2),
            width=round(max(1.0, step - BAR_GAP), 2),
            height=round(plot_height * value / top, 2),
        )
        for i, (label, value) in enumerate(counts)
    )
    return BarChart(width, height, bars, horizontal=False, max_value=top)


def bar_chart(
    counts: Sequence[tuple[str, int]],
    hrefs: Sequence[str | None] | None = None,
    width: int = 560,
    row_height: int = 24,
) -> BarChart:
    """Horizontal bars with their labels on the left (rankings, shares)."""
    top = max((value for _, value in counts), default=0) or 1
    plot_width = width - LABEL_WIDTH - 60
    links = list(hrefs) if hrefs is not None else [None] * len(counts)
    bars = tuple(
        Bar(
            label=label,
            value=value,
            x=LABEL_WIDTH,
            y=i * row_height + BAR_GAP / 2,
            width=round(max(1.0, plot_width * value / top), 2),
            height=row_height - BAR_GAP,
            href=href,
        )
        for i, ((label, value), href) in enumerate(zip(counts, links, strict=True))
    )
    return BarChart(width, max(row_height, len(bars) * row_height), bars, True, top)


def timeline(
    events: Sequence[tuple[str, str, str | None]], width: int = 720, row_height: int = 14
) -> Timeline:
    """Statements on a date axis: (ISO date, tooltip, link) each; same-day ones stack up."""
    dated = sorted((date.fromisoformat(day[:10]), tip, href) for day, tip, href in events)
    if not dated:
        return Timeline(width, AXIS_HEIGHT, 0.0, (), ())
    first, last = dated[0][0], dated[-1][0]
    span_days = max(1, (last - first).days)
    margin = 12
    plot = width - 2 * margin

    def x_of(day: date) -> float:
        return round(margin + plot * (day - first).days / span_days, 2)

    stacks: dict[date, int] = {}
    for day, _, _ in dated:
        stacks[day] = stacks.get(day, 0) + 1
    tallest = max(stacks.values())
    axis_y = float(tallest * row_height + 8)
    seen: dict[date, int] = {}
    points = []
    for day, tip, href in dated:
        level = seen.get(day, 0)
        seen[day] = level + 1
        y = axis_y - 8 - level * row_height
        points.append(Point(x_of(day), y, day.isoformat(), tip, href))
    if first == last:
        ticks: tuple[tuple[float, str, str], ...] = ((x_of(first), first.isoformat(), "middle"),)
    else:
        ticks = ((x_of(first), first.isoformat(), "start"), (x_of(last), last.isoformat(), "end"))
    return Timeline(width, int(axis_y + AXIS_HEIGHT), axis_y, tuple(points), ticks)
