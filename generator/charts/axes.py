"""A chart's axes: which values they mark, and how each mark is written.

The ticks are chosen here as Vega chose them (d3's rules: a "nice" step of 1, 2 or 5 times a
power of ten for values; a day, two days, a week, a month, a quarter or years for dates) and
written as Vega wrote them (a d3 number format and a d3 time format, in the chart's locale).
Chosen here, the drawing Vega makes knows nothing of the words on it: each language writes its
own over the same drawing (``generator.charts.texts``).
"""

from __future__ import annotations

import bisect
import calendar
import datetime
import math
import re
from collections.abc import Mapping
from typing import Any

__all__ = [
    "date_label",
    "nice_domain",
    "number_label",
    "time_ticks",
    "utc_ms",
    "value_ticks",
]

DAY_MS = 86_400_000
# d3's time intervals a date axis steps by, from a day to a year, with each one's length.
_INTERVALS: tuple[tuple[str, int, int], ...] = (
    ("day", 1, DAY_MS),
    ("day", 2, 2 * DAY_MS),
    ("week", 1, 7 * DAY_MS),
    ("month", 1, 30 * DAY_MS),
    ("month", 3, 90 * DAY_MS),
    ("year", 1, 365 * DAY_MS),
)
_E10, _E5, _E2 = math.sqrt(50), math.sqrt(10), math.sqrt(2)
_SHORT_MONTHS = tuple(calendar.month_abbr[m] for m in range(1, 13))
_MONTHS = tuple(calendar.month_name[m] for m in range(1, 13))
_FORMAT_RE = re.compile(r"%-?[a-zA-Z%]")
_NUMBER_FORMAT_RE = re.compile(r"(,?)\.(\d+)(~?)f")
#: d3 writes a negative number with a minus sign, not a hyphen.
MINUS = "\u2212"


def _increment(start: float, stop: float, count: int) -> float:
    """d3's tickIncrement: the step as a power of ten times 1, 2 or 5, or, below one, the
    inverse of such a step as a negative number (so that ticks are exact multiples)."""
    step = (stop - start) / max(0, count)
    power = math.floor(math.log10(step))
    error = step / 10**power
    factor = 10 if error >= _E10 else 5 if error >= _E5 else 2 if error >= _E2 else 1
    return factor * 10.0**power if power >= 0 else -(10.0**-power) / factor


def nice_domain(low: float, high: float, count: int) -> tuple[float, float]:
    """The domain widened to whole steps, as d3's ``scale.nice(count)`` widens it."""
    before = None
    for _ in range(10):
        step = _increment(low, high, count)
        if step == before or step == 0 or not math.isfinite(step):
            break
        if step > 0:
            low, high = math.floor(low / step) * step, math.ceil(high / step) * step
        else:
            low, high = math.ceil(low * step) / step, math.floor(high * step) / step
        before = step
    return low, high


def value_ticks(low: float, high: float, count: int) -> tuple[float, ...]:
    """About ``count`` round values from ``low`` to ``high``, as d3's ``ticks``."""
    if not high > low or count <= 0:
        return (low,)
    step = _increment(low, high, count)
    if step > 0:
        first, last = round(low / step), round(high / step)
        first += first * step < low
        last -= last * step > high
        return tuple((first + at) * step for at in range(last - first + 1))
    inverse = -step
    first, last = round(low * inverse), round(high * inverse)
    first += first / inverse < low
    last -= last / inverse > high
    return tuple((first + at) / inverse for at in range(last - first + 1))


def time_ticks(first_ms: int, last_ms: int, count: int) -> tuple[int, ...]:
    """About ``count`` dates from ``first_ms`` to ``last_ms`` (UTC milliseconds) on one of
    d3's intervals, the one whose length is nearest the span over ``count``."""
    target = abs(last_ms - first_ms) / count
    at = bisect.bisect_right([length for _, _, length in _INTERVALS], target)
    if at == len(_INTERVALS):
        years = _increment(first_ms / (365 * DAY_MS), last_ms / (365 * DAY_MS), count)
        unit, step = "year", max(1, round(years))
    elif at == 0:
        unit, step = "day", 1
    else:
        below, above = _INTERVALS[at - 1], _INTERVALS[at]
        unit, step, _ = below if target / below[2] < above[2] / target else above
    first, last = _day(first_ms), _day(last_ms)
    return tuple(utc_ms(day) for day in _days_on(unit, step, first, last))


def _days_on(
    unit: str, step: int, first: datetime.date, last: datetime.date
) -> list[datetime.date]:
    if unit == "day":
        every = (first + datetime.timedelta(days=n) for n in range((last - first).days + 1))
        return [day for day in every if (day.day - 1) % step == 0]
    if unit == "week":  # d3's UTC weeks start on Sunday
        sunday = first + datetime.timedelta(days=(6 - first.weekday()) % 7)
        return [sunday + datetime.timedelta(weeks=n) for n in range((last - sunday).days // 7 + 1)]
    if unit == "month":
        months = range(first.year * 12 + first.month - 1, last.year * 12 + last.month)
        days = [datetime.date(month // 12, month % 12 + 1, 1) for month in months]
        return [day for day in days if first <= day <= last and (day.month - 1) % step == 0]
    years = (datetime.date(year, 1, 1) for year in range(first.year, last.year + 1))
    return [day for day in years if first <= day <= last and day.year % step == 0]


def _day(ms: int) -> datetime.date:
    return datetime.date(1970, 1, 1) + datetime.timedelta(days=ms // DAY_MS)


def utc_ms(day: datetime.date) -> int:
    """The day's UTC midnight in milliseconds since 1970, as Vega holds a date."""
    return calendar.timegm(day.timetuple()) * 1000


def number_label(value: float, number_format: str, locale: Mapping[str, Any] | None) -> str:
    """``value`` written with a d3 number format of fixed decimals (``,.1f``, ``,.4~f``: with
    thousands grouped, and ``~`` trimming trailing zeros) in a d3 number locale."""
    found = _NUMBER_FORMAT_RE.fullmatch(number_format)
    if found is None:
        raise ValueError(f"unsupported chart number format {number_format!r}")
    grouped, decimals, trimmed = found.group(1) == ",", int(found.group(2)), found.group(3) == "~"
    written = f"{abs(value):.{decimals}f}"
    if trimmed and "." in written:
        written = written.rstrip("0").rstrip(".")
    whole, _, fraction = written.partition(".")
    decimal = str((locale or {}).get("decimal", "."))
    thousands = str((locale or {}).get("thousands", ","))
    if grouped:
        whole = _grouped(whole, thousands)
    negative = value < 0 and any(digit != "0" for digit in written if digit.isdigit())
    return (MINUS if negative else "") + whole + (decimal + fraction if fraction else "")


def _grouped(digits: str, separator: str) -> str:
    groups = []
    while len(digits) > 3:
        digits, group = digits[:-3], digits[-3:]
        groups.append(group)
    groups.append(digits)
    return separator.join(reversed(groups))


def date_label(ms: int, date_format: str, locale: Mapping[str, Any] | None) -> str:
    """The UTC day of ``ms`` written with a d3 time format (``%b %-d``, ``%-d. %b``, ``%Y``)
    in a d3 time locale's month names."""
    day = _day(ms)
    short = (locale or {}).get("shortMonths", _SHORT_MONTHS)
    full = (locale or {}).get("months", _MONTHS)
    fields = {
        "%b": short[day.month - 1],
        "%B": full[day.month - 1],
        "%d": f"{day.day:02d}",
        "%-d": str(day.day),
        "%m": f"{day.month:02d}",
        "%-m": str(day.month),
        "%Y": f"{day.year:04d}",
        "%y": f"{day.year % 100:02d}",
        "%%": "%",
    }

    def field(found: re.Match[str]) -> str:
        if found.group(0) not in fields:
            raise ValueError(f"unsupported chart date format {date_format!r}")
        return str(fields[found.group(0)])

    return _FORMAT_RE.sub(field, date_format)
