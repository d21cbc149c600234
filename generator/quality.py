"""How the OKRs are written: warnings for ``okr-portal check``, which the contract allows.

Data can meet the contract and still make weak OKRs: too many to focus on, tasks written as
key results, an objective below the top tied to nothing above it, a committed key result off
track with no word on why, a key result with no figure when its first was due. Each rule is
one function of the written data set (withheld items are still the publisher's OKRs), its
figures and where each item is written, and returns its warnings; the CLI prints them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import StrEnum

from generator.load.problems import Place, Problem
from generator.load.project import Places, Project
from generator.model import Dataset, Kind, Objective, Status
from generator.scoring import Figures, first_figure_due, score

#: More objectives for one unit in one period, or key results for one objective, than a team
#: can keep in mind: the usual OKR advice is three to five.
MOST_OBJECTIVES = 5
MOST_KEY_RESULTS = 5
#: Key results of these kinds count work done, not the change it makes.
TASK_KINDS = frozenset({Kind.OUTPUT, Kind.MILESTONE})


class Rule(StrEnum):
    """What a warning is about; the value names it in the summary."""

    TOO_MANY_OBJECTIVES = "too many objectives"
    TOO_MANY_KEY_RESULTS = "too many key results"
    ONLY_TASKS = "only tasks as key results"
    ALIGNED_TO_NOTHING = "aligned to nothing"
    OFF_TRACK_UNEXPLAINED = "off track unexplained"
    NO_FIGURE = "no figure yet"


#: Each warning's one line for the publisher: what is wrong, why it matters, how to fix it.
MESSAGES: dict[Rule, str] = {
    Rule.TOO_MANY_OBJECTIVES: (
        "unit '{unit}' has {count} objectives in period {period}, more than {most}: "
        "with so many none gets the focus it needs; keep the {most} that matter most"
    ),
    Rule.TOO_MANY_KEY_RESULTS: (
        "objective '{objective}' has {count} key results, more than {most}: "
        "they blur what success means; keep the {most} that measure it best"
    ),
    Rule.ONLY_TASKS: (
        "every key result of objective '{objective}' is an output or a milestone: "
        "these count work done, not the change it makes; add an outcome that measures the change"
    ),
    Rule.ALIGNED_TO_NOTHING: (
        "objective '{objective}' of {level} '{unit}' aligns to nothing: "
        "readers cannot see what it serves; name the objective above it in 'aligns_to'"
    ),
    Rule.OFF_TRACK_UNEXPLAINED: (
        "committed key result '{key_result}' is off track and its latest check-in "
        "({date}) says nothing in 'problems': readers are owed a reason; write what is in the way"
    ),
    Rule.NO_FIGURE: (
        "key result '{key_result}' has no figure though its first was due on {due} in period "
        "{period}: readers see 'no data yet'; add a check-in under data/checkins/"
    ),
}


@dataclass(frozen=True)
class QualityWarning:
    """One thing about how an objective or key result is written, at its line; under
    ``check --strict`` its problem is reported as an error."""

    rule: Rule
    problem: Problem


def _warning(rule: Rule, place: Place, **values: object) -> QualityWarning:
    return QualityWarning(rule, Problem(place.path, place.line, MESSAGES[rule].format(**values)))


@dataclass(frozen=True)
class WrittenOkrs:
    """What the rules read: every item written, its figures and where each item is."""

    dataset: Dataset
    figures: Figures
    places: Places


def written_okrs(project: Project) -> WrittenOkrs:
    """The project as written, withheld items too, scored as the site would score it."""
    dataset = project.written or project.dataset
    figures = score(dataset, project.as_of, project.settings.status_factors)
    return WrittenOkrs(dataset, figures, project.places)


def too_many_objectives(written: WrittenOkrs) -> Iterator[QualityWarning]:
    """Placed at the first objective past the limit: where the cutting would start."""
    groups: defaultdict[tuple[str, str], list[Objective]] = defaultdict(list)
    for objective in written.dataset.objectives.values():
        groups[(objective.unit, objective.period)].append(objective)
    for (unit, period), objectives in groups.items():
        if len(objectives) > MOST_OBJECTIVES:
            first_too_many = written.places.objectives[objectives[MOST_OBJECTIVES].id]
            yield _warning(
                Rule.TOO_MANY_OBJECTIVES,
                first_too_many,
                unit=unit,
                period=period,
                count=len(objectives),
                most=MOST_OBJECTIVES,
            )


def too_many_key_results(written: WrittenOkrs) -> Iterator[QualityWarning]:
    for objective in written.dataset.objectives.values():
        if len(objective.key_results) > MOST_KEY_RESULTS:
            yield _warning(
                Rule.TOO_MANY_KEY_RESULTS,
                written.places.objectives[objective.id],
                objective=objective.id,
                count=len(objective.key_results),
                most=MOST_KEY_RESULTS,
            )


def only_tasks(written: WrittenOkrs) -> Iterator[QualityWarning]:
    """An objective with no key results yet is allowed, and is not a list of tasks."""
    key_results = written.dataset.key_results
    for objective in written.dataset.objectives.values():
        kinds = {key_results[kr_id].kind for kr_id in objective.key_results}
        if kinds and kinds <= TASK_KINDS:
            yield _warning(
                Rule.ONLY_TASKS, written.places.objectives[objective.id], objective=objective.id
            )


def aligned_to_nothing(written: WrittenOkrs) -> Iterator[QualityWarning]:
    """The top level has nothing above it to align to."""
    dataset = written.dataset
    for objective in dataset.objectives.values():
        unit = dataset.units[objective.unit]
        if unit.level != dataset.levels[0] and not objective.aligns_to:
            yield _warning(
                Rule.ALIGNED_TO_NOTHING,
                written.places.objectives[objective.id],
                objective=objective.id,
                level=unit.level,
                unit=unit.id,
            )


def off_track_unexplained(written: WrittenOkrs) -> Iterator[QualityWarning]:
    """Aspirational key results are expected to fall short: only committed ones need a reason."""
    checkins = written.dataset.checkins_by_key_result
    for kr in written.dataset.key_results.values():
        if kr.aspirational or written.figures.key_results[kr.id].status is not Status.OFF_TRACK:
            continue
        latest = checkins[kr.id][-1]
        if not latest.problems.strip():
            yield _warning(
                Rule.OFF_TRACK_UNEXPLAINED,
                written.places.key_results[kr.id],
                key_result=kr.id,
                date=latest.date,
            )


def no_figure(written: WrittenOkrs) -> Iterator[QualityWarning]:
    """From the day its first figure is due, as the portal judges it (four weeks into its
    period, later for a key result updated quarterly or yearly), a key result still has none:
    warned of here before the site lists it as missing figures."""
    for kr in written.dataset.key_results.values():
        period = written.dataset.period_of_key_result(kr.id)
        due = first_figure_due(kr, period)
        if written.figures.as_of >= due and written.figures.key_results[kr.id].checkin_count == 0:
            yield _warning(
                Rule.NO_FIGURE,
                written.places.key_results[kr.id],
                key_result=kr.id,
                due=due,
                period=period.id,
            )


RULES: tuple[Callable[[WrittenOkrs], Iterator[QualityWarning]], ...] = (
    too_many_objectives,
    too_many_key_results,
    only_tasks,
    aligned_to_nothing,
    off_track_unexplained,
    no_figure,
)


def quality_warnings(project: Project) -> list[QualityWarning]:
    """Every rule's warnings, by file and line (a line's warnings in the order of the rules)."""
    written = written_okrs(project)
    found = [warning for rule in RULES for warning in rule(written)]
    return sorted(found, key=lambda w: (w.problem.path, w.problem.line or 0))
