"""What each key result's chart draws, in the page's language: made before the site model, so
every chart is rendered (or read from the cache) before a single page is."""

from __future__ import annotations

import datetime

from generator.charts.inputs import ChartInput, ChartLabels
from generator.model import Dataset, Direction, KeyResult, Kind
from generator.pages.formatting import Formatter

#: Up to this many years, a date axis names months (``Oct 2025``); beyond, years alone.
YEARS_BY_MONTH = 3


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
    expected = (
        ((period.start, kr.baseline), (period.end, kr.target))
        if linear and kr.target is not None
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
    )
    language = fmt.language
    return ChartInput(
        points=tuple((c.date, c.value) for c in checkins),
        # A milestone's 0 % is where it starts, not a baseline to draw.
        baseline=None if kr.kind is Kind.MILESTONE else kr.baseline,
        target=kr.target if kr.target_range is None else None,
        target_range=kr.target_range,
        expected=expected,
        labels=labels,
        locale_number_format=",.4~f",
        locale=language.d3_number_locale(),
        time_locale=language.d3_time_locale(),
        date_format=language.d3_date_format(
            date_skeleton(min(checkins[0].date, period.start), period.end)
        ),
    )


def date_skeleton(first: datetime.date, last: datetime.date) -> str:
    """How the date axis names its ticks: day and month within a year, month and year when the
    chart crosses into another year, the year alone over long histories."""
    if first.year == last.year:
        return "MMMd"
    return "yMMM" if last.year - first.year < YEARS_BY_MONTH else "y"
