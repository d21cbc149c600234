"""``data/okrs/<period-id>/<unit-id>.yml``: objectives and their key results."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.contract import BUDGET, INTERIM_TARGET, KEY_RESULT, OBJECTIVE, OKR_FILE
from generator.i18n import is_currency
from generator.load.fields import Fields, parse_number
from generator.load.ids import IdRegistry
from generator.load.problems import Place, Problems
from generator.load.yamlfile import LineDict, LineList, read_yaml
from generator.model import (
    Budget,
    Commitment,
    Direction,
    InterimTarget,
    KeyResult,
    Kind,
    Objective,
    Period,
    Theme,
    Unit,
    UpdateEvery,
)


@dataclass
class OkrFiles:
    """What the OKR files hold, with the place of each objective for later reference checks
    and of each key result for the checks of how they are written."""

    objectives: dict[str, Objective]
    key_results: dict[str, KeyResult]
    places: dict[str, tuple[str, LineDict]]
    key_result_places: dict[str, Place] = field(default_factory=dict)
    #: Ids of key results written but not valid (or under an invalid objective): their own
    #: problems are reported, so check-ins naming them need no second "unknown" problem.
    rejected: set[str] = field(default_factory=set)
    #: Ids of objectives and key results written with ``publish: false``.
    unpublished: set[str] = field(default_factory=set)


def load_okrs(
    folder: Path,
    root: Path,
    units: dict[str, Unit],
    periods: dict[str, Period],
    themes: dict[str, Theme],
    problems: Problems,
    ids: IdRegistry,
    languages: tuple[str, ...] = (),
) -> OkrFiles:
    found = OkrFiles({}, {}, {})
    if folder.is_dir():
        for file in sorted(folder.rglob("*")):
            shown_as = file.relative_to(root).as_posix()
            if file.is_dir() or file.name.startswith(".") or file.suffix == ".md":
                continue
            if _placed_well(file, folder, shown_as, units, periods, problems):
                period = periods[file.parent.name]
                _load_file(file, shown_as, period, found, problems, ids, languages)
    _check_references(found, units, themes, problems)
    return found


def _placed_well(
    file: Path,
    folder: Path,
    shown_as: str,
    units: dict[str, Unit],
    periods: dict[str, Period],
    problems: Problems,
) -> bool:
    parts = file.relative_to(folder).parts
    if file.suffix != ".yml" or len(parts) != 2:
        problems.add(
            shown_as,
            None,
            "OKR files go in data/okrs/<period-id>/<unit-id>.yml: move or rename this file",
        )
        return False
    ok = True
    if parts[0] not in periods:
        problems.add(shown_as, None, f"folder '{parts[0]}' is not a period id in data/periods.yml")
        ok = False
    if file.stem not in units:
        problems.add(shown_as, None, f"file name '{file.stem}' is not a unit id in data/units.yml")
        ok = False
    return ok


def _load_file(
    file: Path,
    shown_as: str,
    period: Period,
    found: OkrFiles,
    problems: Problems,
    ids: IdRegistry,
    languages: tuple[str, ...],
) -> None:
    document = read_yaml(
        file, shown_as, problems, "write unit, period and objectives, or delete it"
    )
    if document is None:
        return
    if not isinstance(document, LineDict):
        problems.add(shown_as, 1, "must be a mapping with unit, period and objectives")
        return
    fields = Fields(document, shown_as, problems, OKR_FILE)
    unit_id = file.stem
    for key, expected in (("unit", unit_id), ("period", period.id)):
        value = fields.text(key)
        if value is not None and value != expected:
            where = "file name" if key == "unit" else "folder name"
            fields.problem(
                key, f"'{key}' is '{value}' but the {where} says '{expected}': make them equal"
            )
    objectives = fields.raw("objectives")
    if objectives is None or objectives == "":
        return
    if not isinstance(objectives, LineList):
        fields.problem("objectives", "'objectives' must be a list (- id: ...)")
        return
    for item, line in zip(objectives, objectives.item_lines, strict=True):
        if not isinstance(item, LineDict):
            problems.add(shown_as, line, "each objective must be a mapping with an id and a title")
            continue
        _load_objective(item, shown_as, unit_id, period, found, problems, ids, languages)


def _load_objective(
    mapping: LineDict,
    shown_as: str,
    unit_id: str,
    period: Period,
    found: OkrFiles,
    problems: Problems,
    ids: IdRegistry,
    languages: tuple[str, ...],
) -> None:
    fields = Fields(mapping, shown_as, problems, OBJECTIVE, languages)
    objective_id = fields.slug("id")
    title = fields.text("title")
    formerly = fields.slugs("formerly") or ()
    commitment = Commitment(fields.choice("commitment") or Commitment.COMMITTED)
    budget = _budget(fields)
    owner = _Owner(objective_id or "", period, commitment)
    key_results = _load_key_results(fields, shown_as, owner, problems, ids, found)
    if (
        objective_id is None
        or title is None
        or key_results is None
        or not ids.claim("objective", objective_id, formerly, shown_as, mapping.line)
    ):
        found.rejected.update(_written_ids(fields.raw("key_results")))
        return
    good = [kr for kr in key_results if isinstance(kr, KeyResult)]
    found.rejected.update(kr for kr in key_results if isinstance(kr, str))
    found.key_results.update((kr.id, kr) for kr in good)
    if not fields.boolean("publish"):
        found.unpublished.add(objective_id)
    found.objectives[objective_id] = Objective(
        id=objective_id,
        unit=unit_id,
        period=period.id,
        title=title,
        description=fields.text("description") or "",
        owner=fields.text("owner"),
        aligns_to=fields.slugs("aligns_to") or (),
        shared_with=fields.slugs("shared_with") or (),
        themes=fields.slugs("themes") or (),
        key_results=tuple(kr.id for kr in good),
        formerly=formerly,
        translations=fields.translations(),
        commitment=commitment,
        budget=budget,
    )
    found.places[objective_id] = (shown_as, mapping)


@dataclass(frozen=True)
class _Owner:
    """What a key result takes from its objective: its id, period and commitment."""

    objective: str
    period: Period
    commitment: Commitment


def _budget(fields: Fields) -> Budget | None:
    mapping = fields.mapping_value("budget")
    if mapping is None:
        return None
    inner = Fields(mapping, fields.path, fields.problems, BUDGET)
    amount = inner.number("amount")
    currency = inner.text("currency")
    if currency is not None and not is_currency(currency):
        inner.problem("currency", f"currency '{currency}' is not an ISO 4217 code like EUR or NOK")
        return None
    if amount is not None and amount < 0:
        inner.problem("amount", f"budget amount {amount:g} is below 0")
        return None
    if amount is None or currency is None:
        return None
    return Budget(amount, currency)


def _written_ids(items: object) -> set[str]:
    """The ids written in a list of key results, valid or not."""
    if not isinstance(items, LineList):
        return set()
    return {str(i["id"]) for i in items if isinstance(i, LineDict) and isinstance(i.get("id"), str)}


def _load_key_results(
    fields: Fields,
    shown_as: str,
    owner: _Owner,
    problems: Problems,
    ids: IdRegistry,
    found: OkrFiles,
) -> list[KeyResult | str] | None:
    """Each key result of an objective, or the id of one that is not valid; None if not a list."""
    items = fields.raw("key_results")
    if items is None or (isinstance(items, str) and items.strip() in ("", "[]")):
        return []
    if not isinstance(items, LineList):
        fields.problem("key_results", "'key_results' must be a list (- id: ...)")
        return None
    loaded: list[KeyResult | str] = []
    for item, line in zip(items, items.item_lines, strict=True):
        if not isinstance(item, LineDict):
            problems.add(shown_as, line, "each key result must be a mapping with an id and a title")
            continue
        key_result = _load_key_result(item, shown_as, owner, problems, ids, fields.languages)
        if key_result is not None and not key_result[1]:
            found.unpublished.add(key_result[0].id)
        if key_result is not None:
            loaded.append(key_result[0])
            found.key_result_places[key_result[0].id] = Place(shown_as, item.line)
        elif isinstance(item.get("id"), str):
            loaded.append(str(item["id"]))
    return loaded


def _load_key_result(
    mapping: LineDict,
    shown_as: str,
    owner: _Owner,
    problems: Problems,
    ids: IdRegistry,
    languages: tuple[str, ...],
) -> tuple[KeyResult, bool] | None:
    """The key result and whether it is published."""
    fields = Fields(mapping, shown_as, problems, KEY_RESULT, languages)
    kr_id = fields.slug("id")
    title = fields.text("title")
    kind_text = fields.choice("kind")
    formerly = fields.slugs("formerly") or ()
    update_every = fields.choice("update_every")
    commitment = fields.choice("commitment")
    publish = fields.boolean("publish")
    if kind_text is None:
        return None
    kind = Kind(kind_text)
    measure = _milestone(fields) if kind is Kind.MILESTONE else _measure(fields)
    waypoints = _interim_targets(fields, owner.period, measure)
    if kr_id is None or title is None or measure is None or waypoints is None:
        return None
    if not ids.claim("key result", kr_id, formerly, shown_as, mapping.line):
        return None
    unit, direction, baseline, target, target_range = measure
    key_result = KeyResult(
        id=kr_id,
        objective=owner.objective,
        title=title,
        kind=kind,
        unit=unit,
        direction=direction,
        baseline=baseline,
        target=target,
        target_range=target_range,
        source=fields.text("source"),
        source_url=fields.url("source_url"),
        caveat=fields.text("caveat"),
        formerly=formerly,
        translations=fields.translations(),
        update_every=UpdateEvery(update_every) if update_every else None,
        method=fields.text("method"),
        commitment=Commitment(commitment) if commitment else owner.commitment,
        interim_targets=waypoints,
    )
    return key_result, publish


def _interim_targets(
    fields: Fields, period: Period, measure: Measure | None
) -> tuple[InterimTarget, ...] | None:
    """The waypoints, by date; None when one has a problem."""
    items = fields.raw("interim_targets")
    if items is None or (isinstance(items, str) and items.strip() in ("", "[]")):
        return ()
    if not isinstance(items, LineList):
        fields.problem("interim_targets", "'interim_targets' must be a list of {date, value}")
        return None
    if measure is not None and measure[1] is Direction.WITHIN:
        fields.problem(
            "interim_targets", "'interim_targets' need a target: not with 'direction: within'"
        )
        return None
    found: list[InterimTarget] = []
    ok = True
    for item, line in zip(items, items.item_lines, strict=True):
        if not isinstance(item, LineDict):
            fields.problems.add(fields.path, line, "each interim target is {date: ..., value: ...}")
            ok = False
            continue
        waypoint = _interim_target(
            Fields(item, fields.path, fields.problems, INTERIM_TARGET), period
        )
        if waypoint is None:
            ok = False
        elif any(w.date == waypoint.date for w in found):
            fields.problems.add(fields.path, line, f"two interim targets on {waypoint.date}")
            ok = False
        else:
            found.append(waypoint)
    return tuple(sorted(found, key=lambda w: w.date)) if ok else None


def _interim_target(fields: Fields, period: Period) -> InterimTarget | None:
    day = fields.date("date")
    value = fields.number("value")
    if day is not None and not period.start <= day < period.end:
        fields.problem(
            "date",
            f"interim target dated {day} is outside period {period.id} ({period.start} to "
            f"{period.end}): a waypoint falls inside the period, before its end",
        )
        return None
    if day is None or value is None:
        return None
    return InterimTarget(day, value)


#: unit, direction, baseline, target (None with a target range), target range.
Measure = tuple[str, Direction, float, float | None, tuple[float, float] | None]

#: What a milestone measures, written out once: percent complete, from 0 up to 100.
MILESTONE_MEASURE: Measure = ("%", Direction.INCREASE, 0.0, 100.0, None)


def _milestone(fields: Fields) -> Measure | None:
    """A milestone counts percent complete: it has no baseline, target or direction of its own
    and is scored as a key result from 0 up to 100 %."""
    extra = [key for key in ("baseline", "target", "target_range", "direction") if fields.has(key)]
    for key in extra:
        fields.problem(
            key, f"a milestone has no '{key}': its check-ins are percent complete (0-100)"
        )
    unit = fields.text("unit") or "%"
    if unit != "%":
        fields.problem("unit", "a milestone's unit is '%' (percent complete): remove 'unit'")
    return None if extra else MILESTONE_MEASURE


def _measure(fields: Fields) -> Measure | None:
    unit = fields.text("unit", required=True)
    baseline = fields.number("baseline", required=True)
    direction_text = fields.choice("direction")
    direction = Direction(direction_text) if direction_text else None
    if direction is Direction.WITHIN:
        target_range = _target_range(fields)
        if fields.has("target"):
            fields.problem(
                "target", "with 'direction: within' give 'target_range: [low, high]', not 'target'"
            )
            return None
        if unit is None or baseline is None or target_range is None:
            return None
        return unit, direction, baseline, None, target_range
    if fields.has("target_range"):
        fields.problem("target_range", "'target_range' goes with 'direction: within' only")
        return None
    target = fields.number("target", required=True)
    if unit is None or baseline is None or target is None:
        return None
    if fields.has("direction") and direction is None:
        return None
    if direction is None:
        direction = Direction.INCREASE if baseline < target else Direction.DECREASE
    return _checked_direction(fields, unit, direction, baseline, target)


def _checked_direction(
    fields: Fields, unit: str, direction: Direction, baseline: float, target: float
) -> Measure | None:
    where = "direction" if fields.has("direction") else "target"
    if direction in (Direction.INCREASE, Direction.DECREASE) and baseline == target:
        fields.problem(
            where,
            f"baseline and target are both {baseline:g}: with increase or decrease they must "
            "differ; to keep a level, use 'direction: at_least' or 'direction: at_most'",
        )
        return None
    if direction is Direction.INCREASE and target < baseline:
        fields.problem(
            where,
            f"'direction: increase' but the target {target:g} is below the baseline {baseline:g}",
        )
        return None
    if direction is Direction.DECREASE and target > baseline:
        fields.problem(
            where,
            f"'direction: decrease' but the target {target:g} is above the baseline {baseline:g}",
        )
        return None
    return unit, direction, baseline, target, None


def _target_range(fields: Fields) -> tuple[float, float] | None:
    values = fields.strings("target_range", required=True)
    if values is None:
        return None
    numbers = [parse_number(v) for v in values]
    if len(numbers) != 2 or None in numbers:
        fields.problem("target_range", "'target_range' must be two numbers, [low, high]")
        return None
    low, high = numbers
    assert low is not None and high is not None
    if low >= high:
        fields.problem("target_range", f"'target_range' low {low:g} must be below high {high:g}")
        return None
    return low, high


def _check_references(
    found: OkrFiles, units: dict[str, Unit], themes: dict[str, Theme], problems: Problems
) -> None:
    for objective in found.objectives.values():
        path, mapping = found.places[objective.id]

        def report(key: str, message: str) -> None:
            problems.add(path, mapping.line_of(key), message)  # noqa: B023 (used at once)

        for target in objective.aligns_to:
            if target == objective.id:
                report("aligns_to", f"objective '{target}' aligns to itself")
            elif target not in found.objectives:
                report("aligns_to", f"'aligns_to' lists '{target}', which is not an objective id")
        for unit_id in objective.shared_with:
            if unit_id not in units:
                report("shared_with", f"'shared_with' lists '{unit_id}', which is not a unit id")
            elif unit_id == objective.unit:
                report(
                    "shared_with",
                    f"'shared_with' lists '{unit_id}', the unit that owns this objective",
                )
        for theme_id in objective.themes:
            if theme_id not in themes:
                report("themes", f"'themes' lists '{theme_id}', which is not in data/themes.yml")
