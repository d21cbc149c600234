"""The contract's "Meaning" section, vectorised with pandas, and nothing else.

Input: the validated :class:`Dataset`, the as-of date and the status factors. Output:
:class:`Figures`, one record per key result, objective, and unit in a period, ready to show.
Progress is a share (0.25 is 25 %); ``None`` means "no data yet", never zero.

Every judgement is made here and only here: latest value (and whether it is provisional),
progress, whether a target is met, expected progress (the pace), whether each interim target was
reached and which is next, the current period, the derived status and the status shown, and
whether a key result's figures are up to date (its cadence, the next figure's due date, overdue).
"""

from __future__ import annotations

import calendar
import datetime
import itertools
import math
import statistics
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np
import pandas as pd

from generator.model import (
    Budget,
    CheckIn,
    Dataset,
    Direction,
    InterimTarget,
    KeyResult,
    Kind,
    Objective,
    Period,
    Status,
    UpdateEvery,
)
from generator.settings import StatusFactors

STATUS_ORDER = (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.NO_DATA)
#: Directions in which a higher value is better.
_UPWARDS = [Direction.INCREASE.value, Direction.AT_LEAST.value]


@dataclass(frozen=True)
class StatusCounts:
    """Committed key results by status; aspirational ones apart, since falling short of a
    stretch is expected and must not be added to the failures."""

    on_track: int = 0
    at_risk: int = 0
    off_track: int = 0
    no_data: int = 0
    aspirational: int = 0

    @property
    def total(self) -> int:
        return self.on_track + self.at_risk + self.off_track + self.no_data + self.aspirational

    def of(self, status: Status) -> int:
        return int(getattr(self, status.value))


class FreshnessState(StrEnum):
    """Whether a key result's figures are up to date, at the as-of date."""

    DUE = "due"  # its next figure is due on a known date, and is not late yet
    OVERDUE = "overdue"  # its next figure is later than its due date and the grace
    AWAITED = "awaited"  # no figure yet, and the first is not late yet
    MISSING = "missing"  # no figure at all, and the first is later than its due date and the grace
    UNKNOWN = "unknown"  # one figure and no update_every: no cadence to tell when the next is due
    COMPLETE = "complete"  # a milestone 100 % complete: no further figure is due
    ENDED = "ended"  # its period has ended: no further figure is due


#: Days a figure may come after its due date before it is overdue: a figure published a few
#: days late is not yet a figure missed.
GRACE_DAYS = 7
#: Without a check-in, the first figure is due this many days into the key result's period (or
#: one ``update_every`` into it, when that is longer).
FIRST_FIGURE_DAYS = 28
#: The usual gap is the median of the gaps between a key result's latest check-ins, this many
#: gaps at most: robust to one late or early figure, and following a cadence that changed.
USUAL_GAP_OF_LAST = 6
_MONTHS = {UpdateEvery.MONTHLY: 1, UpdateEvery.QUARTERLY: 3, UpdateEvery.YEARLY: 12}


@dataclass(frozen=True)
class Cadence:
    """How often a new figure comes: as its owner says (``update_every``), or, without that,
    its usual gap between check-ins in days."""

    every: UpdateEvery | None = None
    usual_gap_days: int | None = None

    def after(self, day: datetime.date) -> datetime.date:
        """The day one step of this cadence after ``day`` (a month after 31 January is the last
        day of February)."""
        if self.every is None:
            assert self.usual_gap_days is not None
            return day + datetime.timedelta(days=self.usual_gap_days)
        if self.every is UpdateEvery.WEEKLY:
            return day + datetime.timedelta(weeks=1)
        return _add_months(day, _MONTHS[self.every])


def _add_months(day: datetime.date, months: int) -> datetime.date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Freshness:
    """Whether a key result's figures are up to date: when the next one is due and whether it
    is late. Its last update is :attr:`KeyResultFigures.latest_date`."""

    state: FreshnessState
    cadence: Cadence | None  # None: fewer than two check-ins and no update_every
    next_due: datetime.date | None  # the next figure's due date (the first's, without one)
    days_late: int = 0  # days past the due date, when overdue or missing

    @property
    def late(self) -> bool:
        """Overdue, or missing figures: listed on the page of overdue figures."""
        return self.state in (FreshnessState.OVERDUE, FreshnessState.MISSING)


def usual_gap(dates: Sequence[datetime.date]) -> int | None:
    """The median of the gaps, in days, between the latest check-ins (:data:`USUAL_GAP_OF_LAST`
    gaps at most), rounded to a whole day; None with fewer than two check-ins."""
    ordered = sorted(dates)[-(USUAL_GAP_OF_LAST + 1) :]
    gaps = [(b - a).days for a, b in itertools.pairwise(ordered)]
    if not gaps:
        return None
    return max(1, math.floor(statistics.median(gaps) + 0.5))


def freshness(
    kr: KeyResult,
    period: Period,
    checkins: Sequence[CheckIn],
    latest_value: float | None,
    as_of: datetime.date,
) -> Freshness:
    """Whether ``kr``'s figures are up to date at ``as_of``, from its check-ins made by then.

    The next figure is due one cadence after the latest check-in, never before the period's
    first day nor after its last (the figure that closes the period is due then); without a check-in, the first is
    due :data:`FIRST_FIGURE_DAYS` into the period, or one ``update_every`` into it when that is
    later. Later than the due date and :data:`GRACE_DAYS`, it is overdue (missing, without a
    check-in). A key result of a period that has ended is never overdue, nor a milestone
    that is complete.
    """
    dates = [c.date for c in checkins if c.date <= as_of]
    cadence = (
        Cadence(every=kr.update_every)
        if kr.update_every is not None
        else (Cadence(usual_gap_days=gap) if (gap := usual_gap(dates)) is not None else None)
    )
    if period.end < as_of:
        return Freshness(FreshnessState.ENDED, cadence, None)
    if kr.kind is Kind.MILESTONE and latest_value is not None and latest_value >= 100:
        return Freshness(FreshnessState.COMPLETE, cadence, None)
    if not dates:
        return _judged(cadence, first_figure_due(kr, period), as_of, FreshnessState.MISSING)
    if cadence is None:
        return Freshness(FreshnessState.UNKNOWN, None, None)
    due = max(cadence.after(max(dates)), period.start)  # history is no reason to be late early
    return _judged(cadence, min(due, period.end), as_of)


def first_figure_due(kr: KeyResult, period: Period) -> datetime.date:
    """When a key result's first figure is due: :data:`FIRST_FIGURE_DAYS` into its period, or
    one ``update_every`` into it when that is later, and by the period's last day."""
    first = period.start + datetime.timedelta(days=FIRST_FIGURE_DAYS)
    if kr.update_every is not None:
        first = max(first, Cadence(every=kr.update_every).after(period.start))
    return min(first, period.end)


def _judged(
    cadence: Cadence | None,
    due: datetime.date,
    as_of: datetime.date,
    late: FreshnessState = FreshnessState.OVERDUE,
) -> Freshness:
    if (as_of - due).days > GRACE_DAYS:
        return Freshness(late, cadence, due, (as_of - due).days)
    on_time = FreshnessState.AWAITED if late is FreshnessState.MISSING else FreshnessState.DUE
    return Freshness(on_time, cadence, due)


class WaypointState(StrEnum):
    """Where a key result stands against one of its interim targets, at the as-of date."""

    REACHED = "reached"  # the latest figure on or before its date meets it
    NOT_REACHED = "not_reached"  # the latest figure on or before its date falls short of it
    NO_FIGURE = "no_figure"  # its date has passed with no figure by then
    AHEAD = "ahead"  # its date is still to come


@dataclass(frozen=True)
class Waypoint:
    """An interim target as judged: its date and value, and whether it was reached."""

    date: datetime.date
    value: float
    state: WaypointState


def waypoints(
    kr: KeyResult, checkins: Sequence[CheckIn], as_of: datetime.date
) -> tuple[Waypoint, ...]:
    """``kr``'s interim targets, by date, each judged at ``as_of`` against the latest figure on
    or before its date: reached when that figure is at or beyond it in the key result's
    direction (at or above it for increase and at_least, at or below it otherwise)."""
    return tuple(_waypoint(kr, w, checkins, as_of) for w in kr.interim_targets)


def _waypoint(
    kr: KeyResult, waypoint: InterimTarget, checkins: Sequence[CheckIn], as_of: datetime.date
) -> Waypoint:
    if waypoint.date > as_of:
        return Waypoint(waypoint.date, waypoint.value, WaypointState.AHEAD)
    by_then = [c for c in checkins if c.date <= waypoint.date]
    if not by_then:
        return Waypoint(waypoint.date, waypoint.value, WaypointState.NO_FIGURE)
    value = max(by_then, key=lambda c: c.date).value
    upwards = kr.direction.value in _UPWARDS
    reached = value >= waypoint.value if upwards else value <= waypoint.value
    state = WaypointState.REACHED if reached else WaypointState.NOT_REACHED
    return Waypoint(waypoint.date, waypoint.value, state)


def follows_waypoints(kr: KeyResult) -> bool:
    """Whether ``kr``'s expected progress follows its interim targets rather than one straight
    line over its period (it has some, and a target apart from its baseline)."""
    return bool(kr.interim_targets) and kr.target is not None and kr.target != kr.baseline


@dataclass(frozen=True)
class KeyResultFigures:
    latest_value: float | None
    latest_date: datetime.date | None
    latest_provisional: bool  # the latest value may still be revised
    progress: float | None  # as measured: may be below 0 or above 1
    clipped_progress: float | None
    met: bool | None  # the latest value meets the target; None: no data yet
    beyond_target: float | None  # how far past the target it is, in its unit; None: not past it
    expected_progress: float
    derived_status: Status
    owner_status: Status | None
    status: Status  # shown and counted: the owner's own call where there is one, else derived
    confidence: float | None
    checkin_count: int
    freshness: Freshness
    waypoints: tuple[Waypoint, ...]  # its interim targets, by date, judged

    @property
    def next_waypoint(self) -> Waypoint | None:
        """The first interim target still to come, if any."""
        return next((w for w in self.waypoints if w.state is WaypointState.AHEAD), None)

    @property
    def derived_beside(self) -> Status | None:
        """The derived status, shown beside the owner's own call where the two differ."""
        differs = self.owner_status is not None and self.owner_status != self.derived_status
        return self.derived_status if differs else None


@dataclass(frozen=True)
class RollUp:
    """An objective's, or a unit's in one period: mean clipped progress and key results by status."""

    progress: float | None
    counts: StatusCounts


@dataclass(frozen=True)
class Figures:
    as_of: datetime.date
    key_results: Mapping[str, KeyResultFigures]
    objectives: Mapping[str, RollUp]
    units: Mapping[tuple[str, str], RollUp]  # (unit id, period id)
    periods: Mapping[str, RollUp]
    expected: Mapping[str, float]  # period id -> expected progress at as_of
    current_period: str | None  # the period the portal opens on; None without periods


#: A pace: expected progress (0..1) at given days, a straight line between each two. Interim
#: targets add waypoints between a period's start and its end.
Pace = Sequence[tuple[datetime.date, float]]


def period_pace(period: Period) -> Pace:
    """No progress expected before the period's first day, all of it by its last: a day counts
    once it has begun, so the line starts the day before."""
    return ((period.start - datetime.timedelta(days=1), 0.0), (period.end, 1.0))


def key_result_pace(kr: KeyResult, period: Period) -> Pace:
    """The period's pace, through the key result's interim targets where it has them: each
    waypoint expects the share of the way from baseline to target its value stands at."""
    if not follows_waypoints(kr) or kr.target is None:
        return period_pace(period)
    start, end = period_pace(period)
    span = kr.target - kr.baseline
    waypoints = [
        (w.date, min(max((w.value - kr.baseline) / span, 0.0), 1.0)) for w in kr.interim_targets
    ]
    return (start, *waypoints, end)


def expected_progress(pace: Pace, as_of: datetime.date) -> float:
    """Where ``pace`` stands at ``as_of``: the straight line between the waypoints around it,
    0 before the first and the last one's share after it."""
    if as_of <= pace[0][0]:
        return pace[0][1]
    for (day, share), (next_day, next_share) in itertools.pairwise(pace):
        if as_of <= next_day:
            along = (as_of - day).days / (next_day - day).days
            return share + along * (next_share - share)
    return pace[-1][1]


def budget_totals(objectives: Sequence[Objective]) -> tuple[Budget, ...]:
    """The money set aside for ``objectives``, summed per currency (by currency code)."""
    totals: dict[str, float] = {}
    for objective in objectives:
        if objective.budget is not None:
            currency = objective.budget.currency
            totals[currency] = totals.get(currency, 0.0) + objective.budget.amount
    return tuple(Budget(amount, currency) for currency, amount in sorted(totals.items()))


def current_period(periods: Sequence[Period], as_of: datetime.date) -> Period | None:
    """The shortest period holding ``as_of``; else the one that ended last before it; before
    every period, the one that ends last."""
    holding = [p for p in periods if p.contains(as_of)]
    if holding:
        return min(holding, key=lambda p: (p.days, p.id))
    ended = [p for p in periods if p.end < as_of]
    candidates = ended or list(periods)
    return max(candidates, key=lambda p: (p.end, -p.days)) if candidates else None


def score(dataset: Dataset, as_of: datetime.date, factors: StatusFactors) -> Figures:
    key_results = _score_key_results(dataset, as_of, factors)
    records = _key_result_records(dataset, key_results, as_of)
    objectives = _roll_up_objectives(dataset, key_results)
    units = _roll_up(dataset, key_results, objectives, ["unit", "period"])
    periods = _roll_up(dataset, key_results, objectives, ["period"])
    current = current_period(list(dataset.periods.values()), as_of)
    return Figures(
        as_of=as_of,
        key_results=records,
        objectives=objectives,
        units={(u, p): v for (u, p), v in units.items()},
        periods={k[0]: v for k, v in periods.items()},
        expected={p.id: expected_progress(period_pace(p), as_of) for p in dataset.periods.values()},
        current_period=current.id if current else None,
    )


def _key_result_frame(dataset: Dataset, as_of: datetime.date) -> pd.DataFrame:
    rows = []
    for kr in dataset.key_results.values():
        period = dataset.period_of_key_result(kr.id)
        low, high = kr.target_range or (math.nan, math.nan)
        rows.append(
            {
                "id": kr.id,
                "direction": kr.direction.value,
                "baseline": kr.baseline,
                "target": math.nan if kr.target is None else kr.target,
                "low": low,
                "high": high,
                "expected": expected_progress(key_result_pace(kr, period), as_of),
                "aspirational": kr.aspirational,
            }
        )
    columns = ["id", "direction", "baseline", "target", "low", "high", "expected", "aspirational"]
    return pd.DataFrame(rows, columns=columns).set_index("id")


def _latest_checkins(dataset: Dataset, as_of: datetime.date) -> pd.DataFrame:
    frame = pd.DataFrame(
        [
            (
                c.key_result,
                c.date,
                c.value,
                c.status.value if c.status else None,
                c.confidence,
                c.provisional,
            )
            for c in dataset.checkins
            if c.date <= as_of
        ],
        columns=["id", "date", "value", "owner_status", "confidence", "provisional"],
    )
    counts = frame.groupby("id").size().rename("checkin_count")
    latest = frame.sort_values(["id", "date"]).groupby("id").tail(1).set_index("id")
    return latest.join(counts)


def _score_key_results(
    dataset: Dataset, as_of: datetime.date, factors: StatusFactors
) -> pd.DataFrame:
    frame = _key_result_frame(dataset, as_of).join(_latest_checkins(dataset, as_of))
    return _judge(frame, factors)


def _judge(frame: pd.DataFrame, factors: StatusFactors) -> pd.DataFrame:
    """Progress, met and status of each row: a value (NaN: no data yet) with its key result's
    direction, baseline, target, range, expected progress and the owner's status."""
    value, base, target = frame["value"], frame["baseline"], frame["target"]
    direction = frame["direction"]
    linear = (value - base) / (target - base)
    meets = np.where(direction == Direction.AT_LEAST.value, value >= target, value <= target)
    baseline_missed = np.where(direction == Direction.AT_LEAST.value, base < target, base > target)
    level = np.where(meets, 1.0, np.where(baseline_missed, linear, 0.0))
    within = ((value >= frame["low"]) & (value <= frame["high"])).astype(float)
    progress = np.select(
        [
            direction.isin([Direction.AT_LEAST.value, Direction.AT_MOST.value]),
            direction == Direction.WITHIN.value,
        ],
        [level, within],
        default=linear,
    )
    frame["progress"] = np.where(value.isna(), np.nan, progress)
    frame["clipped"] = frame["progress"].clip(0.0, 1.0)
    frame["met"] = frame["progress"] >= 1.0
    past = (value - target).where(direction.isin(_UPWARDS), target - value)
    beyond = frame["met"] & (direction != Direction.WITHIN.value) & (past > 0)
    frame["beyond"] = past.where(beyond)
    expected = frame["expected"]
    frame["derived_status"] = np.select(
        [
            frame["clipped"].isna(),
            (expected == 0) | (frame["clipped"] >= factors.on_track * expected),
            frame["clipped"] >= factors.at_risk * expected,
        ],
        [Status.NO_DATA.value, Status.ON_TRACK.value, Status.AT_RISK.value],
        default=Status.OFF_TRACK.value,
    )
    frame["status"] = frame["owner_status"].where(
        frame["owner_status"].notna(), frame["derived_status"]
    )
    return frame


def _optional(value: Any) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _flag(value: Any) -> bool:
    return False if value is None or pd.isna(value) else bool(value)


def _key_result_records(
    dataset: Dataset, frame: pd.DataFrame, as_of: datetime.date
) -> dict[str, KeyResultFigures]:
    records: dict[str, KeyResultFigures] = {}
    rows: dict[Any, dict[Any, Any]] = frame.to_dict("index")
    for kr_id, row in rows.items():
        owner = row["owner_status"]
        progress = _optional(row["progress"])
        kr = dataset.key_results[str(kr_id)]
        checkins = dataset.checkins_by_key_result.get(kr.id, ())
        period = dataset.period_of_key_result(kr.id)
        records[str(kr_id)] = KeyResultFigures(
            latest_value=_optional(row["value"]),
            latest_date=None if pd.isna(row["date"]) else row["date"],
            latest_provisional=_flag(row["provisional"]),
            progress=progress,
            clipped_progress=_optional(row["clipped"]),
            met=None if progress is None else bool(row["met"]),
            beyond_target=_optional(row["beyond"]),
            expected_progress=float(row["expected"]),
            derived_status=Status(row["derived_status"]),
            owner_status=None if owner is None or pd.isna(owner) else Status(owner),
            status=Status(row["status"]),
            confidence=_optional(row["confidence"]),
            checkin_count=0 if pd.isna(row["checkin_count"]) else int(row["checkin_count"]),
            freshness=freshness(kr, period, checkins, _optional(row["value"]), as_of),
            waypoints=waypoints(kr, checkins, as_of),
        )
    return records


def _objective_frame(dataset: Dataset, key_results: pd.DataFrame) -> pd.DataFrame:
    """One row per (objective, key result) with the objective's unit and period."""
    pairs = [
        (o.id, o.unit, o.period, kr_id)
        for o in dataset.objectives.values()
        for kr_id in o.key_results
    ]
    frame = pd.DataFrame(pairs, columns=["objective", "unit", "period", "kr"])
    return frame.join(key_results[["clipped", "status", "aspirational"]], on="kr")


def _counts_by(frame: pd.DataFrame, by: list[str]) -> dict[tuple[str, ...], StatusCounts]:
    """Key results by status in each group of rows with the same ``by`` columns, from their
    ``status`` and ``aspirational`` columns: one pass over the rows, not one a group."""
    tallies: defaultdict[tuple[str, ...], Counter[str | None]] = defaultdict(Counter)
    groups = zip(*(frame[column] for column in by), strict=True)
    rows = zip(groups, frame["status"], frame["aspirational"], strict=True)
    for group, status, aspirational in rows:
        tallies[group][None if aspirational else status] += 1
    return {
        group: StatusCounts(
            **{s.value: tally[s.value] for s in STATUS_ORDER}, aspirational=tally[None]
        )
        for group, tally in tallies.items()
    }


def _roll_up_objectives(dataset: Dataset, key_results: pd.DataFrame) -> dict[str, RollUp]:
    frame = _objective_frame(dataset, key_results)
    means = frame.groupby("objective")["clipped"].mean()
    counts = _counts_by(frame, ["objective"])
    return {
        objective_id: RollUp(
            _optional(means.get(objective_id)), counts.get((objective_id,), StatusCounts())
        )
        for objective_id in dataset.objectives
    }


def _roll_up(
    dataset: Dataset,
    key_results: pd.DataFrame,
    objectives: Mapping[str, RollUp],
    by: list[str],
) -> dict[tuple[str, ...], RollUp]:
    """Mean of objectives' progress (those with data) and key results by status, per group."""
    frame = _objective_frame(dataset, key_results)
    per_objective = pd.DataFrame(
        [(o.id, o.unit, o.period, objectives[o.id].progress) for o in dataset.objectives.values()],
        columns=["objective", "unit", "period", "progress"],
    )
    progress = per_objective.groupby(by)["progress"].mean()
    counts = _counts_by(frame, by)
    result: dict[tuple[str, ...], RollUp] = {}
    for key in progress.index:
        group = key if isinstance(key, tuple) else (key,)
        result[group] = RollUp(_optional(progress.get(key)), counts.get(group, StatusCounts()))
    return result


@dataclass(frozen=True)
class StatusChange:
    """A key result's shown status on a day a check-in came in, where it differs from the one
    judged on the day of the check-in before."""

    key_result: str
    date: datetime.date
    old: Status
    new: Status


def status_changes(
    dataset: Dataset, as_of: datetime.date, factors: StatusFactors
) -> dict[str, tuple[StatusChange, ...]]:
    """Period id -> how its key results' shown statuses changed, oldest first.

    A key result is judged after each of its check-ins within its period (up to ``as_of``),
    as of that check-in's date and with it as the latest figure, the way a build on that day
    would have shown it; a change is a status that differs from the one after the check-in
    before. Between check-ins a status may drift as the period passes: only the days a figure
    came in are judged. One frame of every check-in, judged at once.
    """
    rows = []
    periods = {kr_id: dataset.period_of_key_result(kr_id) for kr_id in dataset.key_results}
    expected: dict[tuple[str, datetime.date], float] = {}
    for checkin in dataset.checkins:
        kr, period = dataset.key_results[checkin.key_result], periods[checkin.key_result]
        # A stretch goal's status is never told in the words of failure, nor its changes.
        if kr.aspirational or not period.start <= checkin.date <= min(period.end, as_of):
            continue
        low, high = kr.target_range or (math.nan, math.nan)
        # Key results without waypoints share their period's pace: computed once a day.
        pace_of = kr.id if kr.interim_targets else period.id
        share = expected.get((pace_of, checkin.date))
        if share is None:
            share = expected_progress(key_result_pace(kr, period), checkin.date)
            expected[(pace_of, checkin.date)] = share
        rows.append(
            {
                "id": kr.id,
                "period": period.id,
                "date": checkin.date,
                "direction": kr.direction.value,
                "baseline": kr.baseline,
                "target": math.nan if kr.target is None else kr.target,
                "low": low,
                "high": high,
                "expected": share,
                "value": checkin.value,
                "owner_status": checkin.status.value if checkin.status else None,
            }
        )
    found: dict[str, list[StatusChange]] = {period_id: [] for period_id in dataset.periods}
    if not rows:
        return {period_id: () for period_id in found}
    judged = _judge(pd.DataFrame(rows), factors).sort_values(["date", "id"], kind="stable")
    before: dict[str, Status] = {}
    # Whole columns as lists: iterating a frame's rows reads its text columns one cell at a time.
    columns = (judged[name].tolist() for name in ("id", "period", "date", "status"))
    for kr_id, period_id, day, value in zip(*columns, strict=True):
        now, was = Status(value), before.get(kr_id)
        if was is not None and now is not was:
            found[period_id].append(StatusChange(kr_id, day, was, now))
        before[kr_id] = now
    return {period_id: tuple(changes) for period_id, changes in found.items()}
