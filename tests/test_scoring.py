"""The contract's "Meaning" section, one case a line: progress, expected progress, status, roll-ups."""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest

from generator.load.okrs import MILESTONE_MEASURE
from generator.model import (
    CheckIn,
    Commitment,
    Dataset,
    Direction,
    InterimTarget,
    KeyResult,
    Kind,
    Objective,
    Period,
    Status,
    Unit,
    UpdateEvery,
)
from generator.scoring import (
    Cadence,
    Figures,
    Freshness,
    FreshnessState,
    WaypointState,
    current_period,
    expected_progress,
    key_result_pace,
    period_pace,
    score,
    status_changes,
    usual_gap,
)
from generator.settings import StatusFactors

Q3 = Period("2026-Q3", None, datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
MID_Q3 = datetime.date(2026, 8, 15)  # 46 of 92 days: expected progress 0.5
AFTER_Q3 = datetime.date(2026, 10, 5)
DEFAULT_FACTORS = StatusFactors()


def figures_for(
    key_results: list[KeyResult],
    checkins: list[CheckIn],
    as_of: datetime.date = AFTER_Q3,
    objectives: list[Objective] | None = None,
    factors: StatusFactors = DEFAULT_FACTORS,
) -> Figures:
    if objectives is None:
        objectives = [
            Objective("o", "city", Q3.id, "O", key_results=tuple(k.id for k in key_results))
        ]
    dataset = Dataset(
        levels=("organisation",),
        units={"city": Unit("city", "City", "organisation", None)},
        periods={Q3.id: Q3},
        themes={},
        objectives={o.id: o for o in objectives},
        key_results={k.id: k for k in key_results},
        checkins=tuple(checkins),
    )
    return score(dataset, as_of, factors)


def measure(
    direction: Direction,
    baseline: float,
    target: float | None,
    values: list[float],
    target_range: tuple[float, float] | None = None,
    kind: Kind = Kind.OUTCOME,
    as_of: datetime.date = AFTER_Q3,
) -> float | None:
    """Progress (as measured) of one key result whose check-ins are ``values``, a week apart."""
    kr = KeyResult("kr", "o", "KR", kind, "u", direction, baseline, target, target_range)
    checkins = [
        CheckIn("kr", datetime.date(2026, 7, 6) + datetime.timedelta(weeks=i), v)
        for i, v in enumerate(values)
    ]
    return figures_for([kr], checkins, as_of).key_results["kr"].progress


@pytest.mark.parametrize(
    ("direction", "baseline", "target", "values", "expected"),
    [
        (Direction.INCREASE, 50, 100, [60, 75], 0.5),  # latest value counts, not the first
        (Direction.INCREASE, 50, 100, [40], -0.2),  # below the baseline: negative, as measured
        (Direction.INCREASE, 50, 100, [130], 1.6),  # beyond the target: above 1, as measured
        (Direction.DECREASE, 120, 60, [90], 0.5),
        (Direction.DECREASE, 120, 60, [130], -1 / 6),
        (Direction.AT_LEAST, 80, 90, [85], 0.5),  # baseline missed the target too: linear
        (Direction.AT_LEAST, 80, 90, [95], 1.0),  # meets the target: 1, not 1.5
        (Direction.AT_LEAST, 95, 90, [92], 1.0),  # a level to keep, kept
        (Direction.AT_LEAST, 95, 90, [85], 0.0),  # a level to keep, lost: 0
        (Direction.AT_LEAST, 90, 90, [89], 0.0),  # baseline equal to target met it: 0 when lost
        (Direction.AT_MOST, 30, 20, [25], 0.5),
        (Direction.AT_MOST, 30, 20, [18], 1.0),
        (Direction.AT_MOST, 15, 20, [21], 0.0),
        (Direction.AT_MOST, 15, 20, [20], 1.0),  # on the target meets it
    ],
)
def test_progress_by_direction(
    direction: Direction, baseline: float, target: float, values: list[float], expected: float
) -> None:
    assert measure(direction, baseline, target, values) == pytest.approx(expected)


def test_within_is_one_inside_the_range_and_zero_outside() -> None:
    band = (95.0, 100.0)
    assert measure(Direction.WITHIN, 90, None, [97], target_range=band) == 1.0
    assert measure(Direction.WITHIN, 90, None, [95], target_range=band) == 1.0
    assert measure(Direction.WITHIN, 90, None, [101], target_range=band) == 0.0
    assert measure(Direction.WITHIN, 90, None, [94.9], target_range=band) == 0.0


def test_milestone_progress_is_percent_complete() -> None:
    _, direction, baseline, target, _ = MILESTONE_MEASURE  # as the loader writes a milestone
    milestone = {"kind": Kind.MILESTONE}
    assert measure(direction, baseline, target, [10, 40], **milestone) == pytest.approx(0.4)  # type: ignore[arg-type]
    assert measure(direction, baseline, target, [100], **milestone) == pytest.approx(1.0)  # type: ignore[arg-type]


def test_no_checkin_is_no_data_never_zero_and_left_out_of_averages() -> None:
    with_data = KeyResult("a", "o", "A", Kind.OUTCOME, "u", Direction.INCREASE, 0, 10)
    without = KeyResult("b", "o", "B", Kind.OUTCOME, "u", Direction.INCREASE, 0, 10)
    figures = figures_for([with_data, without], [CheckIn("a", datetime.date(2026, 8, 1), 8)])
    empty = figures.key_results["b"]
    assert empty.progress is None and empty.latest_value is None
    assert empty.derived_status is Status.NO_DATA
    assert figures.objectives["o"].progress == pytest.approx(0.8)  # not (0.8 + 0) / 2
    assert figures.objectives["o"].counts.no_data == 1


def test_objective_progress_is_mean_of_clipped_progress() -> None:
    over = KeyResult("a", "o", "A", Kind.OUTCOME, "u", Direction.INCREASE, 0, 10)
    under = KeyResult("b", "o", "B", Kind.OUTCOME, "u", Direction.INCREASE, 0, 10)
    figures = figures_for(
        [over, under],
        [CheckIn("a", datetime.date(2026, 8, 1), 20), CheckIn("b", datetime.date(2026, 8, 1), -5)],
    )
    assert figures.key_results["a"].progress == pytest.approx(2.0)
    assert figures.key_results["a"].clipped_progress == 1.0
    assert figures.key_results["b"].clipped_progress == 0.0
    assert figures.objectives["o"].progress == pytest.approx(0.5)  # (1 + 0) / 2, not (2 - 0.5) / 2


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (datetime.date(2026, 6, 1), 0.0),  # not started
        (datetime.date(2026, 7, 1), 1 / 92),  # first day counts
        (MID_Q3, 0.5),
        (datetime.date(2026, 9, 30), 1.0),
        (datetime.date(2027, 1, 1), 1.0),  # ended
    ],
)
def test_expected_progress_is_share_of_period_elapsed(
    as_of: datetime.date, expected: float
) -> None:
    assert expected_progress(period_pace(Q3), as_of) == pytest.approx(expected)


def test_expected_progress_follows_waypoints_in_straight_lines() -> None:
    """Interim targets make the pace a piecewise line: fast early, slow late here."""
    pace = [
        (datetime.date(2026, 1, 1), 0.0),
        (datetime.date(2026, 1, 11), 0.8),
        (datetime.date(2026, 1, 31), 1.0),
    ]
    assert expected_progress(pace, datetime.date(2025, 12, 1)) == 0.0
    assert expected_progress(pace, datetime.date(2026, 1, 6)) == pytest.approx(0.4)
    assert expected_progress(pace, datetime.date(2026, 1, 11)) == pytest.approx(0.8)
    assert expected_progress(pace, datetime.date(2026, 1, 21)) == pytest.approx(0.9)
    assert expected_progress(pace, datetime.date(2026, 3, 1)) == 1.0


def test_figures_hold_each_period_s_pace_and_the_current_period() -> None:
    figures = figures_for([], [], as_of=MID_Q3)
    assert figures.expected == {Q3.id: pytest.approx(0.5)}
    assert figures.current_period == Q3.id


def test_current_period_is_the_shortest_holding_as_of_else_the_last_ended() -> None:
    year = Period("2026", None, datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    q2 = Period("2026-Q2", None, datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))
    periods = [year, q2, Q3]
    assert current_period(periods, MID_Q3) == Q3
    assert current_period(periods, datetime.date(2027, 2, 1)) == year  # ended last, longest
    assert current_period([q2, Q3], datetime.date(2026, 1, 5)) == Q3  # before every period
    assert current_period([], MID_Q3) is None


@pytest.mark.parametrize(
    ("direction", "baseline", "target", "value", "met"),
    [
        (Direction.AT_LEAST, 80, 90, 90, True),
        (Direction.AT_LEAST, 80, 90, 89, False),
        (Direction.AT_MOST, 30, 20, 20, True),
        (Direction.INCREASE, 50, 100, 120, True),
        (Direction.DECREASE, 120, 60, 61, False),
    ],
)
def test_met_is_judged_once_in_scoring(
    direction: Direction, baseline: float, target: float, value: float, met: bool
) -> None:
    kr = KeyResult("kr", "o", "KR", Kind.OUTCOME, "u", direction, baseline, target)
    figures = figures_for([kr], [CheckIn("kr", datetime.date(2026, 8, 1), value)])
    assert figures.key_results["kr"].met is met


def test_met_is_unknown_without_data() -> None:
    kr = KeyResult("kr", "o", "KR", Kind.OUTCOME, "u", Direction.INCREASE, 0, 10)
    assert figures_for([kr], []).key_results["kr"].met is None


@pytest.mark.parametrize(
    ("value", "status"),
    [
        (45, Status.ON_TRACK),  # 0.45 >= 0.9 x 0.5
        (44, Status.AT_RISK),
        (30, Status.AT_RISK),  # 0.30 >= 0.6 x 0.5
        (29, Status.OFF_TRACK),
    ],
)
def test_derived_status_against_expected_progress(value: float, status: Status) -> None:
    kr = KeyResult("kr", "o", "KR", Kind.OUTCOME, "u", Direction.INCREASE, 0, 100)
    figures = figures_for([kr], [CheckIn("kr", datetime.date(2026, 8, 10), value)], as_of=MID_Q3)
    assert figures.key_results["kr"].expected_progress == pytest.approx(0.5)
    assert figures.key_results["kr"].derived_status is status


def test_status_factors_come_from_settings() -> None:
    kr = KeyResult("kr", "o", "KR", Kind.OUTCOME, "u", Direction.INCREASE, 0, 100)
    checkin = [CheckIn("kr", datetime.date(2026, 8, 10), 45)]
    strict = figures_for(
        [kr], checkin, as_of=MID_Q3, factors=StatusFactors(on_track=1.0, at_risk=0.95)
    )
    assert strict.key_results["kr"].derived_status is Status.OFF_TRACK


def test_expected_zero_is_on_track_whatever_the_value() -> None:
    kr = KeyResult("kr", "o", "KR", Kind.OUTCOME, "u", Direction.INCREASE, 0, 100)
    figures = figures_for(
        [kr], [CheckIn("kr", datetime.date(2026, 6, 1), 0)], as_of=datetime.date(2026, 6, 2)
    )
    assert figures.key_results["kr"].derived_status is Status.ON_TRACK


def test_owner_status_is_kept_and_counted_in_totals() -> None:
    kr = KeyResult("kr", "o", "KR", Kind.OUTCOME, "u", Direction.INCREASE, 0, 100)
    checkins = [
        CheckIn("kr", datetime.date(2026, 7, 20), 10, Status.OFF_TRACK),
        CheckIn("kr", datetime.date(2026, 8, 10), 10, Status.ON_TRACK),  # the latest call counts
    ]
    figures = figures_for([kr], checkins, as_of=MID_Q3)
    result = figures.key_results["kr"]
    assert result.owner_status is Status.ON_TRACK
    assert result.derived_status is Status.OFF_TRACK
    assert result.status is Status.ON_TRACK
    assert result.derived_beside is Status.OFF_TRACK  # shown beside the owner's call
    assert (
        figures.objectives["o"].counts.on_track == 1
        and figures.objectives["o"].counts.off_track == 0
    )
    assert figures.units[("city", Q3.id)].counts.on_track == 1


def test_checkins_after_as_of_are_not_the_latest() -> None:
    kr = KeyResult("kr", "o", "KR", Kind.OUTCOME, "u", Direction.INCREASE, 0, 100)
    checkins = [
        CheckIn("kr", datetime.date(2026, 8, 1), 20),
        CheckIn("kr", datetime.date(2026, 9, 1), 90),
    ]
    figures = figures_for([kr], checkins, as_of=MID_Q3)
    assert figures.key_results["kr"].latest_value == 20


def test_unit_roll_up_is_mean_over_objectives_and_skips_objectives_without_key_results() -> None:
    a = KeyResult("a", "o1", "A", Kind.OUTCOME, "u", Direction.INCREASE, 0, 10)
    b = KeyResult("b", "o2", "B", Kind.OUTCOME, "u", Direction.INCREASE, 0, 10)
    c = KeyResult("c", "o2", "C", Kind.OUTCOME, "u", Direction.INCREASE, 0, 10)
    objectives = [
        Objective("o1", "city", Q3.id, "O1", key_results=("a",)),
        Objective("o2", "city", Q3.id, "O2", key_results=("b", "c")),
        Objective("o3", "city", Q3.id, "O3"),  # no key results yet
    ]
    day = datetime.date(2026, 8, 1)
    figures = figures_for(
        [a, b, c],
        [CheckIn("a", day, 10), CheckIn("b", day, 2), CheckIn("c", day, 4)],
        objectives=objectives,
    )
    assert figures.objectives["o2"].progress == pytest.approx(0.3)
    assert figures.objectives["o3"].progress is None
    unit = figures.units[("city", Q3.id)]
    assert unit.progress == pytest.approx((1.0 + 0.3) / 2)  # o3 left out, not counted as 0
    assert unit.counts.total == 3
    assert figures.periods[Q3.id].counts.total == 3


def test_a_portal_with_no_checkins_scores_as_no_data() -> None:
    kr = KeyResult("kr", "o", "KR", Kind.OUTCOME, "u", Direction.INCREASE, 0, 100)
    figures = figures_for([kr], [])
    assert figures.key_results["kr"].derived_status is Status.NO_DATA
    assert figures.objectives["o"].progress is None


@pytest.mark.parametrize(
    ("direction", "baseline", "target", "value", "beyond"),
    [
        (Direction.INCREASE, 50, 100, 180, 80),  # progress 2.6: past the target by 80
        (Direction.DECREASE, 120, 60, 45, 15),
        (Direction.AT_LEAST, 80, 90, 95, 5),
        (Direction.INCREASE, 50, 100, 90, None),  # not there yet
        (Direction.AT_MOST, 30, 20, 20, None),  # on the target: nothing beyond it
    ],
)
def test_how_far_past_its_target_a_key_result_is(
    direction: Direction, baseline: float, target: float, value: float, beyond: float | None
) -> None:
    kr = KeyResult("kr", "o", "KR", Kind.OUTCOME, "u", direction, baseline, target)
    figures = figures_for([kr], [CheckIn("kr", datetime.date(2026, 8, 1), value)])
    assert figures.key_results["kr"].beyond_target == beyond


# --- freshness: the cadence, the next figure's due date, overdue -----------------------------

DAY = datetime.timedelta(days=1)


def freshness_of(
    dates: list[datetime.date],
    as_of: datetime.date,
    every: UpdateEvery | None = None,
    kind: Kind = Kind.OUTCOME,
    values: list[float] | None = None,
) -> Freshness:
    """The freshness of one Q3 key result checked in on ``dates``, at ``as_of``."""
    kr = KeyResult("kr", "o", "KR", kind, "u", Direction.INCREASE, 0, 100, update_every=every)
    figures = values or [10.0] * len(dates)
    checkins = [CheckIn("kr", d, v) for d, v in zip(dates, figures, strict=True)]
    return figures_for([kr], checkins, as_of=as_of).key_results["kr"].freshness


def weekly_from(first: datetime.date, count: int) -> list[datetime.date]:
    return [first + datetime.timedelta(weeks=i) for i in range(count)]


@pytest.mark.parametrize(
    ("every", "last", "due"),
    [
        (UpdateEvery.WEEKLY, datetime.date(2026, 7, 6), datetime.date(2026, 7, 13)),
        (UpdateEvery.MONTHLY, datetime.date(2026, 7, 6), datetime.date(2026, 8, 6)),
        (UpdateEvery.MONTHLY, datetime.date(2026, 7, 31), datetime.date(2026, 8, 31)),
        (UpdateEvery.QUARTERLY, datetime.date(2026, 3, 31), datetime.date(2026, 6, 30)),
        (UpdateEvery.YEARLY, datetime.date(2025, 7, 15), datetime.date(2026, 7, 15)),
    ],
)
def test_update_every_sets_the_next_figure_s_due_date(
    every: UpdateEvery, last: datetime.date, due: datetime.date
) -> None:
    assert Cadence(every=every).after(last) == due
    fresh = freshness_of([last], as_of=max(last, datetime.date(2026, 7, 10)), every=every)
    assert fresh.cadence == Cadence(every=every)
    assert fresh.next_due == min(max(due, Q3.start), Q3.end)  # within its period


def test_a_month_after_the_31st_is_the_last_day_of_a_shorter_month() -> None:
    assert Cadence(every=UpdateEvery.MONTHLY).after(datetime.date(2027, 1, 31)) == datetime.date(
        2027, 2, 28
    )
    assert Cadence(every=UpdateEvery.YEARLY).after(datetime.date(2028, 2, 29)) == datetime.date(
        2029, 2, 28
    )


def test_update_every_wins_over_the_usual_gap() -> None:
    dates = weekly_from(datetime.date(2026, 7, 6), 4)  # weekly, but the owner says monthly
    fresh = freshness_of(dates, as_of=datetime.date(2026, 8, 1), every=UpdateEvery.MONTHLY)
    assert fresh.cadence == Cadence(every=UpdateEvery.MONTHLY)
    assert fresh.next_due == datetime.date(2026, 8, 27)


@pytest.mark.parametrize(
    ("gaps", "usual"),
    [
        ([7, 7, 7], 7),
        ([7, 30, 7, 7], 7),  # one late figure does not move the median
        ([14, 14, 15, 15], 15),  # 14.5 rounds half up
        ([28], 28),
        ([365, 365, 365, 7, 7, 7, 7, 7, 7], 7),  # only the latest six gaps: the cadence now
    ],
)
def test_the_usual_gap_is_the_median_of_the_latest_gaps(gaps: list[int], usual: int) -> None:
    dates = [datetime.date(2016, 1, 1)]
    for gap in gaps:
        dates.append(dates[-1] + datetime.timedelta(days=gap))
    assert usual_gap(list(reversed(dates))) == usual  # in any order


def test_without_update_every_the_usual_gap_sets_the_due_date() -> None:
    dates = weekly_from(datetime.date(2026, 7, 6), 5)  # last on 3 August
    fresh = freshness_of(dates, as_of=datetime.date(2026, 8, 5))
    assert fresh.cadence == Cadence(usual_gap_days=7)
    assert fresh.next_due == datetime.date(2026, 8, 10)
    assert fresh.state is FreshnessState.DUE and not fresh.late


def test_one_checkin_without_update_every_has_no_cadence() -> None:
    fresh = freshness_of([datetime.date(2026, 7, 6)], as_of=datetime.date(2026, 9, 20))
    assert fresh.state is FreshnessState.UNKNOWN
    assert fresh.cadence is None and fresh.next_due is None and not fresh.late


@pytest.mark.parametrize(
    ("as_of", "state", "days_late"),
    [
        (datetime.date(2026, 8, 10), FreshnessState.DUE, 0),  # due today
        (datetime.date(2026, 8, 17), FreshnessState.DUE, 0),  # the last day of the grace
        (datetime.date(2026, 8, 18), FreshnessState.OVERDUE, 8),
        (datetime.date(2026, 9, 30), FreshnessState.OVERDUE, 51),  # the period's last day
        (datetime.date(2026, 10, 1), FreshnessState.ENDED, 0),  # ended: never overdue
    ],
)
def test_overdue_after_the_due_date_and_the_grace_while_the_period_runs(
    as_of: datetime.date, state: FreshnessState, days_late: int
) -> None:
    fresh = freshness_of(weekly_from(datetime.date(2026, 7, 6), 5), as_of=as_of)  # due 10 Aug
    assert fresh.state is state
    assert fresh.days_late == days_late
    assert fresh.late is (state is FreshnessState.OVERDUE)


def test_a_key_result_of_an_ended_period_is_not_overdue_and_has_nothing_due() -> None:
    fresh = freshness_of([datetime.date(2026, 7, 6)], AFTER_Q3, every=UpdateEvery.WEEKLY)
    assert fresh.state is FreshnessState.ENDED
    assert fresh.next_due is None and not fresh.late
    missing = freshness_of([], AFTER_Q3)
    assert missing.state is FreshnessState.ENDED and not missing.late


def test_the_next_figure_is_never_due_after_the_period_s_last_day() -> None:
    fresh = freshness_of(
        [datetime.date(2026, 8, 20)], as_of=datetime.date(2026, 9, 1), every=UpdateEvery.QUARTERLY
    )
    assert fresh.next_due == Q3.end  # not 20 November: the figure that closes the period


@pytest.mark.parametrize(
    ("as_of", "every", "state", "due"),
    [
        # The first figure is due four weeks into the period (29 July), late a week later.
        (datetime.date(2026, 8, 5), None, FreshnessState.AWAITED, datetime.date(2026, 7, 29)),
        (datetime.date(2026, 8, 6), None, FreshnessState.MISSING, datetime.date(2026, 7, 29)),
        # Or one update_every into it, when that is later.
        (
            datetime.date(2026, 8, 6),
            UpdateEvery.MONTHLY,
            FreshnessState.AWAITED,
            datetime.date(2026, 8, 1),
        ),
        (
            datetime.date(2026, 8, 9),
            UpdateEvery.MONTHLY,
            FreshnessState.MISSING,
            datetime.date(2026, 8, 1),
        ),
        (datetime.date(2026, 9, 30), UpdateEvery.QUARTERLY, FreshnessState.AWAITED, Q3.end),
    ],
)
def test_no_checkin_at_all_is_missing_figures_once_the_first_is_late(
    as_of: datetime.date, every: UpdateEvery | None, state: FreshnessState, due: datetime.date
) -> None:
    fresh = freshness_of([], as_of=as_of, every=every)
    assert (fresh.state, fresh.next_due) == (state, due)
    assert fresh.late is (state is FreshnessState.MISSING)


def test_history_before_the_period_counts_for_the_cadence() -> None:
    history = [datetime.date(2026, 4, 1), datetime.date(2026, 5, 1), datetime.date(2026, 6, 1)]
    fresh = freshness_of(history, as_of=datetime.date(2026, 7, 20))
    assert fresh.cadence == Cadence(usual_gap_days=31)
    assert fresh.next_due == datetime.date(2026, 7, 2)
    assert fresh.state is FreshnessState.OVERDUE


def test_before_its_period_starts_a_key_result_is_not_late() -> None:
    history = [datetime.date(2025, 5, 1), datetime.date(2025, 6, 1)]  # a year before
    before = freshness_of(history, as_of=datetime.date(2026, 6, 20))
    assert before.next_due == Q3.start and before.state is FreshnessState.DUE
    assert freshness_of([], as_of=datetime.date(2026, 6, 20)).state is FreshnessState.AWAITED
    a_week_in = freshness_of(history, as_of=datetime.date(2026, 7, 9))
    assert a_week_in.state is FreshnessState.OVERDUE  # its first figure of the period is late


def test_a_complete_milestone_needs_no_further_figure() -> None:
    old = [datetime.date(2026, 7, 6), datetime.date(2026, 7, 13)]
    done = freshness_of(old, datetime.date(2026, 9, 1), kind=Kind.MILESTONE, values=[60.0, 100.0])
    assert done.state is FreshnessState.COMPLETE and not done.late
    halfway = freshness_of(old, datetime.date(2026, 9, 1), kind=Kind.MILESTONE, values=[30.0, 60.0])
    assert halfway.state is FreshnessState.OVERDUE


def test_checkins_after_as_of_do_not_count_as_updates() -> None:
    dates = [*weekly_from(datetime.date(2026, 7, 6), 3), datetime.date(2026, 9, 1)]
    fresh = freshness_of(dates, as_of=datetime.date(2026, 8, 20))  # 1 September not yet made
    assert fresh.next_due == datetime.date(2026, 7, 27)
    assert fresh.state is FreshnessState.OVERDUE


def test_interim_targets_set_the_pace_of_their_key_result() -> None:
    """A waypoint of 80 by 31 July on the way from 0 to 100 expects 80 % by then: a value of 60
    in mid-August is on track by the calendar but at risk by the waypoints."""
    waypoint = (InterimTarget(datetime.date(2026, 7, 31), 80),)
    plain = KeyResult("plain", "o", "KR", Kind.OUTCOME, "u", Direction.INCREASE, 0, 100)
    paced = replace(plain, id="paced", interim_targets=waypoint)
    checkins = [CheckIn(kr, datetime.date(2026, 8, 10), 60) for kr in ("plain", "paced")]
    figures = figures_for([plain, paced], checkins, as_of=MID_Q3).key_results
    assert figures["plain"].expected_progress == pytest.approx(0.5)
    assert figures["paced"].expected_progress == pytest.approx(0.8 + 0.2 * 15 / 61)
    assert figures["plain"].derived_status is Status.ON_TRACK
    assert figures["paced"].derived_status is Status.AT_RISK


def test_a_waypoint_of_a_falling_figure_is_its_share_of_the_way_down() -> None:
    kr = KeyResult(
        "kr",
        "o",
        "KR",
        Kind.OUTCOME,
        "days",
        Direction.DECREASE,
        120,
        60,
        interim_targets=(InterimTarget(datetime.date(2026, 8, 15), 105),),
    )
    assert expected_progress(key_result_pace(kr, Q3), MID_Q3) == pytest.approx(0.25)


def test_aspirational_key_results_are_counted_apart_from_the_committed() -> None:
    """A stretch that falls short is not one more failure in the roll-ups."""
    committed = KeyResult("c", "o", "C", Kind.OUTCOME, "u", Direction.INCREASE, 0, 100)
    stretch = replace(committed, id="s", commitment=Commitment.ASPIRATIONAL)
    day = datetime.date(2026, 8, 10)
    figures = figures_for([committed, stretch], [CheckIn("c", day, 5), CheckIn("s", day, 5)])
    assert figures.key_results["s"].status is Status.OFF_TRACK  # judged the same way...
    counts = figures.units[("city", Q3.id)].counts
    assert (counts.off_track, counts.aspirational, counts.total) == (1, 1, 2)  # ...counted apart
    assert figures.objectives["o"].counts.aspirational == 1
    assert figures.periods[Q3.id].counts.off_track == 1


def test_a_stretch_goal_has_no_status_changes_told() -> None:
    stretch = KeyResult(
        "s", "o", "S", Kind.OUTCOME, "u", Direction.INCREASE, 0, 100,
        commitment=Commitment.ASPIRATIONAL,
    )  # fmt: skip
    checkins = [CheckIn("s", datetime.date(2026, 7, 20), 90), CheckIn("s", MID_Q3, 0)]
    dataset = Dataset(
        levels=("organisation",),
        units={"city": Unit("city", "City", "organisation", None)},
        periods={Q3.id: Q3},
        themes={},
        objectives={"o": Objective("o", "city", Q3.id, "O", key_results=("s",))},
        key_results={"s": stretch},
        checkins=tuple(checkins),
    )
    assert status_changes(dataset, MID_Q3, DEFAULT_FACTORS) == {Q3.id: ()}


def test_each_interim_target_is_judged_by_the_latest_figure_by_its_date() -> None:
    """Reached or not by the figure on or before its date; none by then; or still to come."""
    waypoints = (
        InterimTarget(datetime.date(2026, 7, 10), 5),  # no figure by then
        InterimTarget(datetime.date(2026, 7, 31), 20),  # 25 on 20 July: reached
        InterimTarget(datetime.date(2026, 8, 31), 60),  # 40 on 31 August: not reached
        InterimTarget(datetime.date(2026, 9, 15), 80),  # after the as-of date: ahead
        InterimTarget(datetime.date(2026, 9, 29), 90),
    )
    kr = KeyResult(
        "kr", "o", "KR", Kind.OUTCOME, "u", Direction.INCREASE, 0, 100, interim_targets=waypoints
    )
    checkins = [
        CheckIn("kr", datetime.date(2026, 7, 20), 25),
        CheckIn("kr", datetime.date(2026, 8, 31), 40),
        CheckIn("kr", datetime.date(2026, 9, 2), 85, provisional=True),
    ]
    figures = figures_for([kr], checkins, as_of=datetime.date(2026, 9, 5)).key_results["kr"]
    assert [w.state for w in figures.waypoints] == [
        WaypointState.NO_FIGURE,
        WaypointState.REACHED,
        WaypointState.NOT_REACHED,
        WaypointState.AHEAD,
        WaypointState.AHEAD,
    ]
    assert figures.next_waypoint is figures.waypoints[3]
    assert figures.latest_provisional


def test_a_falling_figure_reaches_its_waypoint_at_or_below_it() -> None:
    kr = KeyResult(
        "kr",
        "o",
        "KR",
        Kind.OUTCOME,
        "days",
        Direction.DECREASE,
        120,
        60,
        interim_targets=(
            InterimTarget(datetime.date(2026, 7, 31), 100),
            InterimTarget(datetime.date(2026, 8, 31), 80),
        ),
    )
    checkins = [CheckIn("kr", datetime.date(2026, 7, 31), 100), CheckIn("kr", MID_Q3, 90)]
    figures = figures_for([kr], checkins).key_results["kr"]
    assert [w.state for w in figures.waypoints] == [
        WaypointState.REACHED,
        WaypointState.NOT_REACHED,
    ]
    assert figures.next_waypoint is None
    assert not figures.latest_provisional


def test_a_provisional_figure_is_the_latest_only_when_it_is_the_newest() -> None:
    kr = KeyResult("kr", "o", "KR", Kind.OUTCOME, "u", Direction.INCREASE, 0, 100)
    checkins = [
        CheckIn("kr", datetime.date(2026, 7, 6), 10, provisional=True),
        CheckIn("kr", datetime.date(2026, 7, 13), 20),
    ]
    assert not figures_for([kr], checkins).key_results["kr"].latest_provisional
    early = figures_for([kr], checkins, as_of=datetime.date(2026, 7, 10)).key_results["kr"]
    assert early.latest_provisional
