"""Charts drawn at build time: series of (year, value) points in, an inline SVG out.

No CDN: the SVG is part of the page, scales to the width of a phone (``viewBox`` and ``width: 100%`` in
the stylesheet), prints, and carries a ``<title>`` and ``<desc>`` (every value in words) for screen
readers; each dot's tooltip is made in the browser from its group's list (``dot_titles``).
A missing year is a gap in the line, not a line drawn across it. Every label is escaped: nothing of a
report's text reaches the page as markup.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

from build_tools.model import plain_number

WIDTH, HEIGHT = 640, 240
# room for labels of up to 22 units (the stylesheet's size on a phone, where the chart is drawn at about
# half its width, so that they read at 12 px there: 11 units elsewhere), the legend above the plot and the
# years below it
LEFT, RIGHT, TOP, BOTTOM = 60, 28, 32, 30
LABEL = 22  # the widest a label's character is drawn, in units of the viewBox


@dataclass(frozen=True)
class Series:
    """One line of a chart: its name, CSS class (its colour and dash) and its points by year."""

    name: str
    css: str
    points: tuple[tuple[int, float | None], ...]


def scale(value: float, low: float, high: float, start: float, end: float) -> float:
    return start if high == low else start + (value - low) * (end - start) / (high - low)


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """About ``count`` round values from ``low`` to ``high``."""
    if high <= low:
        return [low]
    raw = (high - low) / count
    magnitude = 10.0 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = (low // step) * step
    ticks, value = [], first
    while value <= high + step / 2 + step * 1e-9:  # a step of 0.2 adds up to 0.6000000000000001
        if value >= low - step / 2:
            ticks.append(round(value, 10))
        value += step
    return ticks


def line_chart(title: str, series: Sequence[Series], unit: str = "") -> str:
    """An SVG line chart of ``series`` over their years; points with ``None`` leave gaps."""
    values = [v for s in series for _, v in s.points if v is not None]
    years = [y for s in series for y, _ in s.points]
    if not values or not years:
        return ""
    low, high = min(0.0, *values), max(values)
    ticks = nice_ticks(low, high)
    low, high = min(low, ticks[0]), max(high, ticks[-1])
    first, last = min(years), max(years)

    def x(year: int) -> float:
        return scale(year, first, last, LEFT, WIDTH - RIGHT)

    def y(value: float) -> float:
        return scale(value, low, high, HEIGHT - BOTTOM, TOP)

    parts = [
        f'<svg class="gr-chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{html.escape(title)}</title>",
        f"<desc>{html.escape(describe(series, unit))}</desc>",
    ]
    # the grid in one path; where labels are anchored is the stylesheet's (gr-y: end, gr-x: middle)
    grid = "".join(f"M{LEFT} {y(tick):.0f}H{WIDTH - RIGHT}" for tick in ticks)
    parts.append(f'<path class="gr-grid" d="{grid}"/>')
    for tick in ticks:
        label = f"{tick:g}{html.escape(unit)}"
        parts.append(f'<text class="gr-axis gr-y" x="{LEFT - 4}" y="{y(tick) + 4:.0f}">{label}</text>')
    for year in year_labels(first, last):
        parts.append(f'<text class="gr-axis gr-x" x="{x(year):.0f}" y="{HEIGHT - 6}">{year}</text>')
    for line in series:
        for run in runs(line.points):
            if len(run) > 1:
                path = " ".join(f"{x(year):.0f},{y(value):.0f}" for year, value in run)
                parts.append(f'<polyline class="gr-line {html.escape(line.css)}" points="{path}"/>')
            # the dots of a run share their classes through a group (the fill is inherited), which holds
            # their tooltips as one list (``dot_titles``; docs/javascripts/chart-titles.js makes them)
            titles = html.escape(dot_titles(line.name, run, unit))
            parts.append(f'<g class="gr-dot {html.escape(line.css)}" data-titles="{titles}">')
            parts.extend(f'<circle cx="{x(year):.0f}" cy="{y(value):.0f}" r="3"/>' for year, value in run)
            parts.append("</g>")
    legend_x = LEFT
    for line in series:
        parts.append(f'<rect class="gr-key {html.escape(line.css)}" x="{legend_x}" y="13" width="10" height="10"/>')
        parts.append(f'<text class="gr-axis" x="{legend_x + 14}" y="24">{html.escape(line.name)}</text>')
        legend_x += 24 + LABEL * len(line.name)
    parts.append("</svg>")
    return "".join(parts)


def dot_titles(name: str, run: Sequence[tuple[int, float]], unit: str) -> str:
    """The tooltip of each dot of ``run``, ``|`` between them (国家 2023年：3|国家 2024年：2.5): a chart of a
    phrase has a dot a year and level, and as a ``<title>`` each would carry its markup and name again."""
    return "|".join(f"{name} {year}年：{plain_number(value)}{unit}".replace("|", "｜") for year, value in run)


def runs(points: Sequence[tuple[int, float | None]]) -> list[list[tuple[int, float]]]:
    """The points cut where a year is missing or has no value: each run is drawn as one line."""
    found: list[list[tuple[int, float]]] = []
    previous: int | None = None
    for year, value in sorted(points):
        if value is None:
            previous = None
            continue
        if previous is None or year != previous + 1:
            found.append([])
        found[-1].append((year, value))
        previous = year
    return found


def year_labels(first: int, last: int, most: int = 8) -> list[int]:
    """At most ``most`` years to label, evenly spaced back from the last (the newest is always named)."""
    step = max(1, -(-(last - first) // most))
    return list(range(last, first - 1, -step))[::-1]


def describe(series: Sequence[Series], unit: str) -> str:
    """The chart in words, for readers who cannot see it."""
    return "；".join(
        f"{line.name}："
        + "，".join(f"{year}年{plain_number(v)}{unit}" for year, v in sorted(line.points) if v is not None)
        for line in series
    )
