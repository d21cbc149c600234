"""What each key result's chart draws, in the page's language: made before the site model, so
every chart is rendered (or read from the cache) before a single page is."""

from __future__ import annotations

import datetime
from itertools import pairwise

from generator.charts.inputs import ChartInput, ChartLabels, StripInput
from generator.model import Dataset, Direction, Event, KeyResult, Kind, Period
from generator.pages.formatting import Formatter
from generator.scoring import follows_waypoints

#: Up to this many years, a date axis names months (``Oct 2025``); beyond, years alone.
YEARS_BY_MONTH = 3
#: Check-ins at least this many days apart are yearly figures (one a year, some years missing).
YEARLY_GAP_DAYS = 300


def chart_inputs(dataset: Dataset, fmt: Formatter) -> dict[str, ChartInput]:
    """Key result id -> its chart's input, for every key result with a check-in to draw."""
    return {
        kr.id: chart
        for kr in dataset.key_results.values()
        if (chart := chart_input(dataset, fmt, kr)) is not None
    }


def chart_input(dataset: Dataset, fmt: Formatter, kr: KeyResult) -> ChartInput | None:
    """What the chart of ``kr`` draws, or None when it has no check-in to draw."""
    checkins = dataset.checkins_by_key_result.get(kr.id, ())
    if not checkins:
        return None
    period = dataset.period_of_key_result(kr.id)
    linear = kr.direction in (Direction.INCREASE, Direction.DECREASE)
    waypoints = tuple((w.date, w.value) for w in kr.interim_targets)
    # The line expected progress follows: from the baseline through each interim target to
    # the target (scoring.key_result_pace).
    expected = (
        ((period.start, kr.baseline), *waypoints, (period.end, kr.target))
        if kr.target is not None and (linear or follows_waypoints(kr))
        else ()
    )
    labels = ChartLabels(
        date=fmt._("Date"),
        value=fmt._("Value (%(unit)s)", unit=kr.unit),
        measured=fmt._("Measured"),
        baseline=fmt._("Baseline"),
        target=fmt._("Target"),
        expected=fmt._("Expected pace"),
        target_range=fmt._("Target range"),
        event=fmt._("Event"),
        waypoint=fmt._("Interim target"),
        provisional=fmt._("Provisional"),
    )
    language = fmt.language
    points = tuple((c.date, c.value) for c in checkins)
    events = tuple(
        (event.date, event_mark(fmt, number))
        for number, event in enumerate(charted_events(dataset, kr), start=1)
    )
    strip = None
    if has_history_strip(dataset, kr):
        # The chart shows the period alone, its line coming in from the check-in before it;
        # the whole series is the strip below.
        before = sum(1 for day, _ in points if day < period.start)
        shown, span = points[before - 1 :], (period.start, period.end)
        strip = StripInput(
            points=points,
            focus=span,
            focus_label=fmt._("%(period)s (the chart above)", period=fmt.period_label(period)),
            time_locale=language.d3_time_locale(),
            date_format=language.d3_date_format(date_skeleton(points[0][0], period.end)),
            events=events,
        )
    else:
        shown, span = points, chart_span(dataset, kr)
    return ChartInput(
        points=shown,
        # A milestone's 0 % is where it starts, not a baseline to draw.
        baseline=None if kr.kind is Kind.MILESTONE else kr.baseline,
        target=kr.target if kr.target_range is None else None,
        target_range=kr.target_range,
        expected=expected,
        labels=labels,
        locale_number_format=",.4~f",
        locale=language.d3_number_locale(),
        time_locale=language.d3_time_locale(),
        date_format=language.d3_date_format(date_skeleton(*span)),
        ticks=yearly_ticks(dataset, fmt, kr, tuple(day for day, _ in shown)) if not strip else (),
        span=span,
        events=tuple((day, mark) for day, mark in events if span[0] <= day <= span[1]),
        strip=strip,
        waypoints=waypoints,
        provisional=tuple(
            (c.date, c.value) for c in checkins if c.provisional and c.date >= shown[0][0]
        ),
    )


def chart_span(dataset: Dataset, kr: KeyResult) -> tuple[datetime.date, datetime.date]:
    """The days a key result's chart covers, its strip of history included: from its first
    check-in, or its period's start where that is earlier, to its period's end."""
    checkins = dataset.checkins_by_key_result.get(kr.id, ())
    period = dataset.period_of_key_result(kr.id)
    first = min(checkins[0].date, period.start) if checkins else period.start
    return first, period.end


def charted_events(dataset: Dataset, kr: KeyResult) -> tuple[Event, ...]:
    """The events marked on a key result's chart (or its strip) and listed beside it, oldest
    first: those that concern it and fall in the days the chart covers. Each is marked by
    its number in this order."""
    first, last = chart_span(dataset, kr)
    return tuple(e for e in dataset.events_of_key_result(kr.id) if first <= e.date <= last)


def event_mark(fmt: Formatter, number: int) -> str:
    """How the chart and the list beside it mark an event: its number."""
    return fmt.language.number(number, 0)


def has_history_strip(dataset: Dataset, kr: KeyResult) -> bool:
    """Whether the chart of ``kr`` shows its period alone, at full width, and its whole series
    in a strip below: when its history before the period is longer than the period, and it is
    measured several times a period (half a period apart or less, by the median gap). Yearly
    figures of a yearly period are one a period: their chart shows them all."""
    checkins = dataset.checkins_by_key_result.get(kr.id, ())
    period = dataset.period_of_key_result(kr.id)
    if len(checkins) < 2 or (period.start - checkins[0].date).days <= period.days:
        return False
    gaps = sorted((b.date - a.date).days for a, b in pairwise(checkins))
    return 2 * gaps[len(gaps) // 2] <= period.days


def date_skeleton(first: datetime.date, last: datetime.date) -> str:
    """How the date axis names its ticks: day and month within a year, month and year when the
    chart crosses into another year, the year alone over long histories."""
    if first.year == last.year:
        return "MMMd"
    return "yMMM" if last.year - first.year < YEARS_BY_MONTH else "y"


def yearly_ticks(
    dataset: Dataset, fmt: Formatter, kr: KeyResult, days: tuple[datetime.date, ...]
) -> tuple[tuple[datetime.date, str], ...]:
    """The date axis of yearly figures: a tick at each figure, named as the pages name the
    yearly period it falls in (``FY 2018``, ``2018``), and one in the key result's own period
    where it has no figure yet. Empty when the figures are not yearly: at least two, each at
    least ``YEARLY_GAP_DAYS`` after the one before.

    The yearly periods are those of the key result's period where it is a year, else those of
    the year its latest figure falls in (a fiscal year from October is not mixed with calendar
    years). Where a figure falls in no such period, every tick is named by its year instead.
    """
    if len(days) < 2 or any((b - a).days < YEARLY_GAP_DAYS for a, b in pairwise(days)):
        return ()
    years = [p for p in dataset.periods.values() if _is_year(p)]
    own = dataset.period_of_key_result(kr.id)
    anchor = own if _is_year(own) else next((p for p in years if p.contains(days[-1])), None)
    if anchor is not None:
        years = [p for p in years if _start_day(p) == _start_day(anchor)]
        found = [next((p for p in years if p.contains(day)), None) for day in days]
        if all(found) and len({p.id for p in found if p}) == len(days):
            ticks = [(day, fmt.period_label(p)) for day, p in zip(days, found, strict=True) if p]
            last = found[-1]
            if _is_year(own) and last is not None and own.start > last.end:
                # The key result's own year, not measured yet: at the same day of its year.
                day = min(own.start + (days[-1] - last.start), own.end)
                ticks.append((day, fmt.period_label(own)))
            return tuple(ticks)
    return tuple((day, fmt.language.year(day)) for day in days)


def _is_year(period: Period) -> bool:
    return period.days in (365, 366)


def _start_day(period: Period) -> tuple[int, int]:
    return (period.start.month, period.start.day)
