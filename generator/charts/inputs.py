"""What a key result's chart draws: plain values, already translated and localised.

This module imports neither Altair nor vl-convert: a warm build reads every chart from the
cache by the hash of its input and never needs either.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any


class Layout(StrEnum):
    """The room a chart is drawn for. A page holds both drawings and its CSS alone shows the
    one that fits, so a chart's text is never shrunk below its size."""

    WIDE = "wide"  # 720 CSS px and more: a page on a tablet or a desktop
    NARROW = "narrow"  # 288 CSS px and more: a 320 px phone screen less the page's margins


@dataclass(frozen=True)
class ChartLabels:
    """Every word the chart shows, already translated by the caller."""

    date: str  # x axis title, e.g. "Date"
    value: str  # y axis title, e.g. "Value (days)"
    measured: str  # legend: "Measured"
    baseline: str  # legend: "Baseline"
    target: str  # legend: "Target"
    expected: str  # legend: "Expected pace"
    target_range: str  # legend: "Target range"
    event: str = "Event"  # legend: an event marked on the chart, numbered as the page lists it
    waypoint: str = "Interim target"  # legend: a waypoint on the way to the target
    provisional: str = "Provisional"  # legend: a figure that may still be revised


@dataclass(frozen=True)
class ChartInput:
    points: tuple[tuple[datetime.date, float], ...]  # check-ins, sorted by date, at least 1
    baseline: float | None
    target: float | None
    target_range: tuple[float, float] | None  # for direction "within"
    # Expected-pace line: usually (period start, baseline) -> (period end, target), through
    # each interim target where the key result has them; may be empty.
    expected: tuple[tuple[datetime.date, float], ...]
    labels: ChartLabels
    locale_number_format: str  # d3-format string for y axis ticks, e.g. ",.1f"
    # d3 formatLocale dict (decimal, thousands, grouping, currency); None = en.
    locale: dict[str, Any] | None
    # d3 timeFormatLocale dict (dateTime, date, time, periods, days, shortDays, months,
    # shortMonths); None = en.
    time_locale: dict[str, Any] | None
    # d3 time format of the x axis labels, e.g. "%b %-d" (en) or "%-d. %b" (nb).
    date_format: str = "%b %-d"
    # The x axis ticks named by the caller, e.g. each yearly figure by its fiscal year
    # ("FY 2018") at its date; empty: ticks chosen by the chart, written with date_format.
    ticks: tuple[tuple[datetime.date, str], ...] = ()
    # The first and last day of the x axis (usually from the first check-in or the period's
    # start to the period's end); None: those of the check-ins and the expected pace.
    span: tuple[datetime.date, datetime.date] | None = None
    layout: Layout = Layout.WIDE
    # Events marked on the chart, each by a rule at its date and a short label (its number in
    # the page's list of events); only those in the span are drawn.
    events: tuple[tuple[datetime.date, str], ...] = ()
    # The whole series, drawn apart as a low strip below this chart, where the chart shows
    # the key result's period alone (a long history before it); None: the chart shows it all.
    strip: StripInput | None = None
    # Interim targets (date, value), each a hollow diamond; the expected pace runs through them.
    waypoints: tuple[tuple[datetime.date, float], ...] = ()
    # The check-ins whose figure may still be revised, each a hollow circle on the line.
    provisional: tuple[tuple[datetime.date, float], ...] = ()


@dataclass(frozen=True)
class StripInput:
    """A compact overview of a long series: its line (no axis of values), the years below it
    and the period the chart above shows marked as a band, named by ``focus_label``."""

    points: tuple[tuple[datetime.date, float], ...]  # every check-in, sorted by date
    focus: tuple[datetime.date, datetime.date]  # the first and last day of the chart above
    focus_label: str  # the band's name: "April to June 2026 (the chart above)"
    time_locale: dict[str, Any] | None
    date_format: str  # d3 time format of the x axis labels, e.g. "%Y"
    layout: Layout = Layout.WIDE
    events: tuple[tuple[datetime.date, str], ...] = ()  # as on the chart, over the whole span


@dataclass(frozen=True)
class Svg:
    """A drawing in the charts' cache, read only when a page that shows it is rendered: a warm
    build renders few pages, and a national portal's drawings (15 KB each, 25,000 of them)
    would otherwise all be held at once."""

    key: str  # its cache key: the hash of everything that drew it
    file: Path

    def text(self) -> str:
        return self.file.read_text(encoding="utf-8")

    def __html__(self) -> str:
        # Safe to inline: charts.render refuses any SVG with script, handlers or external links.
        return self.text()

    def __reduce__(self) -> tuple[type[str], tuple[str]]:
        """Pickled as its key: a page's values are pickled to be hashed, and the key names
        the drawing wherever the cache is."""
        return (str, (self.key,))


@dataclass(frozen=True)
class ChartSvgs:
    """A chart as drawn, for a wide and for a narrow screen, each with the strip of its
    history below it (None where it has none)."""

    wide: Svg
    narrow: Svg
    wide_strip: Svg | None = None
    narrow_strip: Svg | None = None


#: A chart's x axis spans at least this many days: a shorter span would have Vega tick hours.
MIN_X_DAYS = 31


def shown_events(chart: ChartInput) -> tuple[tuple[datetime.date, str], ...]:
    """The chart's events in the days its x axis shows: those it rules, numbers and keys."""
    first, last = x_days(chart)
    return tuple((day, mark) for day, mark in chart.events if first <= day <= last)


def x_days(chart: ChartInput) -> tuple[datetime.date, datetime.date]:
    """The first and last day a chart's x axis shows: its span, or those of its check-ins and
    its expected pace, widened evenly to at least :data:`MIN_X_DAYS`."""
    if chart.span is not None:
        first, last = chart.span
    else:
        days = [day for day, _ in chart.points] + [day for day, _ in chart.expected]
        first, last = min(days), max(days)
    # Very short spans would make Vega tick (and label) hours; keep at least a month.
    short = MIN_X_DAYS - (last - first).days
    if short > 0:
        first -= datetime.timedelta(days=short // 2)
        last += datetime.timedelta(days=short - short // 2)
    return first, last
