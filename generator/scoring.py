"""The contract's "Meaning" section, vectorised with pandas, and nothing else.

Input: the validated :class:`Dataset`, the as-of date and the status factors. Output:
:class:`Figures`, one record per key result, objective, and unit in a period, ready to show.
Progress is a share (0.25 is 25 %); ``None`` means "no data yet", never zero.

Every judgement is made here and only here: latest value, progress, whether a target is met,
expected progress (the pace), the current period, the derived status and the status shown.
"""

from __future__ import annotations

import datetime
import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from generator.model import Dataset, Direction, Period, Status
from generator.settings import StatusFactors

STATUS_ORDER = (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.NO_DATA)
#: Directions in which a higher value is better.
_UPWARDS = [Direction.INCREASE.value, Direction.AT_LEAST.value]


@dataclass(frozen=True)
class StatusCounts:
    on_track: int = 0
    at_risk: int = 0
    off_track: int = 0
    no_data: int = 0

    @property
    def total(self) -> int:
        return self.on_track + self.at_risk + self.off_track + self.no_data

    def of(self, status: Status) -> int:
        return int(getattr(self, status.value))


@dataclass(frozen=True)
class KeyResultFigures:
    latest_value: float | None
    latest_date: datetime.date | None
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
    records = _key_result_records(key_results)
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
                "expected": expected_progress(period_pace(period), as_of),
            }
        )
    columns = ["id", "direction", "baseline", "target", "low", "high", "expected"]
    return pd.DataFrame(rows, columns=columns).set_index("id")


def _latest_checkins(dataset: Dataset, as_of: datetime.date) -> pd.DataFrame:
    frame = pd.DataFrame(
        [
            (c.key_result, c.date, c.value, c.status.value if c.status else None, c.confidence)
            for c in dataset.checkins
            if c.date <= as_of
        ],
        columns=["id", "date", "value", "owner_status", "confidence"],
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


def _key_result_records(frame: pd.DataFrame) -> dict[str, KeyResultFigures]:
    records: dict[str, KeyResultFigures] = {}
    rows: dict[Any, dict[Any, Any]] = frame.to_dict("index")
    for kr_id, row in rows.items():
        owner = row["owner_status"]
        progress = _optional(row["progress"])
        records[str(kr_id)] = KeyResultFigures(
            latest_value=_optional(row["value"]),
            latest_date=None if pd.isna(row["date"]) else row["date"],
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
    return frame.join(key_results[["clipped", "status"]], on="kr")


def _counts(statuses: pd.Series) -> StatusCounts:
    tally = statuses.value_counts()
    return StatusCounts(**{s.value: int(tally.get(s.value, 0)) for s in STATUS_ORDER})


def _roll_up_objectives(dataset: Dataset, key_results: pd.DataFrame) -> dict[str, RollUp]:
    frame = _objective_frame(dataset, key_results)
    means = frame.groupby("objective")["clipped"].mean()
    result: dict[str, RollUp] = {}
    grouped = dict(tuple(frame.groupby("objective")["status"]))
    for objective_id in dataset.objectives:
        statuses = grouped.get(objective_id, pd.Series(dtype=object))
        result[objective_id] = RollUp(_optional(means.get(objective_id)), _counts(statuses))
    return result


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
    statuses = dict(tuple(frame.groupby(by)["status"]))
    result: dict[tuple[str, ...], RollUp] = {}
    for key in progress.index:
        group = key if isinstance(key, tuple) else (key,)
        result[group] = RollUp(
            _optional(progress.get(key)), _counts(statuses.get(group, pd.Series(dtype=object)))
        )
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
        if not period.start <= checkin.date <= min(period.end, as_of):
            continue
        low, high = kr.target_range or (math.nan, math.nan)
        share = expected.get((period.id, checkin.date))
        if share is None:
            share = expected_progress(period_pace(period), checkin.date)
            expected[(period.id, checkin.date)] = share
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
    for kr_id, period_id, day, value in judged[["id", "period", "date", "status"]].itertuples(
        index=False
    ):
        now, was = Status(value), before.get(kr_id)
        if was is not None and now is not was:
            found[period_id].append(StatusChange(kr_id, day, was, now))
        before[kr_id] = now
    return {period_id: tuple(changes) for period_id, changes in found.items()}
