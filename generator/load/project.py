"""Files -> validated model: :func:`load_project` reads a portal folder or reports every problem.

Nothing here raises on the first problem: each loader records what it finds in a shared
:class:`Problems` and goes on, so one run lists everything the publisher has to fix.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.load.checkins import PlacedCheckIn, load_checkins
from generator.load.events import load_events
from generator.load.ids import IdRegistry
from generator.load.okrs import OkrFiles, load_okrs
from generator.load.problems import DataError, Place, Problems
from generator.load.publication import published
from generator.load.settings import load_settings
from generator.load.structure import load_periods, load_themes, load_units
from generator.model import Dataset, Period
from generator.settings import Settings


@dataclass(frozen=True)
class Places:
    """Where each objective and key result written is, by id (the two kinds may share an id)."""

    objectives: Mapping[str, Place]
    key_results: Mapping[str, Place]


@dataclass(frozen=True)
class Project:
    """A loaded portal: where it lives, its settings, its data and the date figures are as of.

    ``dataset`` is what is published, the source of every output; ``written`` also holds the
    items with ``publish: false`` and ``places`` says where each item is written: both are for
    the checks a publisher runs and nothing else."""

    root: Path
    settings: Settings
    dataset: Dataset
    as_of: datetime.date
    places: Places
    written: Dataset | None = None

    @property
    def withheld_ids(self) -> frozenset[str]:
        """Ids of the objectives and key results written but not published."""
        if self.written is None:
            return frozenset()
        return frozenset(
            (self.written.objectives.keys() - self.dataset.objectives.keys())
            | (self.written.key_results.keys() - self.dataset.key_results.keys())
        )


def load_project(root: Path) -> Project:
    """Load and validate everything under ``root``; raise :class:`DataError` listing all problems."""
    problems = Problems()
    settings = load_settings(root, problems)
    if settings is None:
        raise DataError(problems.items)
    ids = IdRegistry(problems)
    data = root / "data"
    for required in ("units.yml", "periods.yml"):
        if not (data / required).is_file():
            problems.add(f"data/{required}", None, f"data/{required} is missing: create it")
    problems.raise_if_any()
    languages = settings.languages
    units = load_units(
        data / "units.yml", "data/units.yml", settings.levels, problems, ids, languages
    )
    periods = load_periods(data / "periods.yml", "data/periods.yml", problems, ids, languages)
    themes_file = data / "themes.yml"
    themes = (
        load_themes(themes_file, "data/themes.yml", problems, ids, languages)
        if themes_file.is_file()
        else {}
    )
    if units is None or periods is None or themes is None:
        # The OKR files cannot be checked against a frame that is not there: one problem
        # about that file says more than one "not a unit id" per OKR file.
        raise DataError(problems.items)
    okrs = load_okrs(data / "okrs", root, units, periods, themes, problems, ids, languages)
    _check_alignment_cycles(okrs, problems)
    placed = load_checkins(data / "checkins", root, okrs.key_results, problems, okrs.rejected)
    known: dict[str, Collection[str]] = {
        "key_results": okrs.key_results,
        "units": units,
        "themes": themes,
    }
    events = load_events(data / "events.yml", "data/events.yml", known, problems, okrs.rejected)
    as_of = settings.as_of or max((p.checkin.date for p in placed), default=None)
    if as_of is None:
        as_of = max((p.end for p in periods.values()), default=datetime.date(1970, 1, 1))
    dataset = Dataset(
        levels=settings.levels,
        units=units,
        periods=periods,
        themes=themes,
        objectives=okrs.objectives,
        key_results=okrs.key_results,
        checkins=tuple(p.checkin for p in placed),
        events=events,
    )
    _check_checkin_dates(placed, dataset, as_of, problems)
    problems.raise_if_any()
    return Project(
        root=root,
        settings=settings,
        dataset=published(dataset, okrs.unpublished),
        as_of=as_of,
        places=_places(okrs),
        written=dataset,
    )


def _places(okrs: OkrFiles) -> Places:
    objectives = {
        objective_id: Place(path, mapping.line)
        for objective_id, (path, mapping) in okrs.places.items()
    }
    return Places(objectives, okrs.key_result_places)


def _check_checkin_dates(
    placed: list[PlacedCheckIn], dataset: Dataset, as_of: datetime.date, problems: Problems
) -> None:
    """History before a period is fine; after its end, after as-of or outside every period is not."""
    periods = list(dataset.periods.values())
    for item in placed:
        day = item.checkin.date
        period: Period = dataset.period_of_key_result(item.checkin.key_result)
        if day > period.end:
            problems.add(
                item.path,
                item.line,
                f"check-in dated {day} is after the end of period {period.id} ({period.end}) "
                f"of key result '{item.checkin.key_result}': record it under a key result of a later period",
            )
        elif day > as_of:
            problems.add(
                item.path,
                item.line,
                f"check-in dated {day} is after the as-of date {as_of} (site_config.yml 'as_of')",
            )
        elif not any(p.contains(day) for p in periods):
            problems.add(
                item.path,
                item.line,
                f"check-in dated {day} falls outside every period in data/periods.yml: "
                "add a period that covers it (a year is enough for history)",
            )


def _check_alignment_cycles(okrs: OkrFiles, problems: Problems) -> None:
    """An objective must not contribute, through others, to itself."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(objective_id: str, path: list[str]) -> None:
        state[objective_id] = 1
        for target in okrs.objectives[objective_id].aligns_to:
            if target not in okrs.objectives or target == objective_id:
                continue  # unknown and self references have their own problems
            if state.get(target) == 1:
                circle = [*path[path.index(target) :], target]
                file, mapping = okrs.places[objective_id]
                problems.add(
                    file,
                    mapping.line_of("aligns_to"),
                    "objectives align to each other in a circle: " + " -> ".join(circle),
                )
            elif target not in state:
                visit(target, [*path, target])
        state[objective_id] = 2

    for objective_id in okrs.objectives:
        if objective_id not in state:
            visit(objective_id, [objective_id])
