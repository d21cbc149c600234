"""``units.yml``, ``periods.yml`` and ``themes.yml``: the frame every OKR file hangs on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from generator.load.fields import PERIOD_ID, Fields
from generator.load.ids import IdRegistry
from generator.load.problems import Problems
from generator.load.yamlfile import LineDict, LineList, read_yaml
from generator.model import Period, Theme, Unit


def each_mapping(file: Path, shown_as: str, problems: Problems, what: str) -> Iterator[LineDict]:
    """The mappings of a YAML file that holds a list of them (``- id: ...`` entries)."""
    document = read_yaml(file, shown_as, problems)
    if document is None:
        return
    if not isinstance(document, LineList):
        problems.add(
            shown_as, getattr(document, "line", 1), f"must be a list of {what}s (- id: ...)"
        )
        return
    for item, line in zip(document, document.item_lines, strict=True):
        if isinstance(item, LineDict):
            yield item
        else:
            problems.add(shown_as, line, f"each {what} must be a mapping with an id")


def load_units(
    file: Path, shown_as: str, levels: tuple[str, ...], problems: Problems, ids: IdRegistry
) -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    lines: dict[str, int] = {}
    allowed = ("id", "name", "level", "parent", "description", "website", "formerly")
    for mapping in each_mapping(file, shown_as, problems, "unit"):
        fields = Fields(mapping, shown_as, problems, "a unit", allowed)
        unit_id = fields.slug("id", required=True)
        name = fields.text("name", required=True)
        level = fields.choice("level", levels) if fields.has("level") else None
        if not fields.has("level"):
            fields.problem(None, f"unit has no 'level': add one of {', '.join(levels)}")
        parent = fields.slug("parent")
        formerly = fields.slugs("formerly") or ()
        if unit_id is None or name is None or level is None:
            continue
        if not ids.claim("unit", unit_id, formerly, shown_as, mapping.line):
            continue
        units[unit_id] = Unit(
            id=unit_id,
            name=name,
            level=level,
            parent=parent,
            description=fields.text("description") or "",
            website=fields.url("website"),
            formerly=formerly,
        )
        lines[unit_id] = mapping.line_of("parent") if parent else mapping.line
    _check_tree(units, lines, levels, shown_as, problems)
    return units


def _check_tree(
    units: dict[str, Unit],
    lines: dict[str, int],
    levels: tuple[str, ...],
    shown_as: str,
    problems: Problems,
) -> None:
    """Every unit below the top level has a parent of a higher level; the top has none."""
    top = levels[0]
    for unit in list(units.values()):
        line = lines[unit.id]
        depth = levels.index(unit.level)
        if unit.parent is None:
            if unit.level != top:
                problems.add(
                    shown_as,
                    line,
                    f"unit '{unit.id}' is at level '{unit.level}' but has no 'parent': "
                    f"add the id of a unit above it",
                )
            continue
        parent = units.get(unit.parent)
        if parent is None:
            problems.add(
                shown_as, line, f"unit '{unit.id}' has parent '{unit.parent}', which is not a unit"
            )
        elif levels.index(parent.level) >= depth:
            problems.add(
                shown_as,
                line,
                f"unit '{unit.id}' ({unit.level}) has parent '{parent.id}' ({parent.level}): "
                "a parent must be of a higher level",
            )


def load_periods(
    file: Path, shown_as: str, problems: Problems, ids: IdRegistry
) -> dict[str, Period]:
    periods: dict[str, Period] = {}
    for mapping in each_mapping(file, shown_as, problems, "period"):
        fields = Fields(mapping, shown_as, problems, "a period", ("id", "label", "start", "end"))
        period_id = fields.text("id", required=True)
        if period_id is not None and not PERIOD_ID.fullmatch(period_id):
            fields.problem(
                "id",
                f"period id '{period_id}' is not YYYY, YYYY-Q1..YYYY-Q4, YYYY-H1, YYYY-H2 or YYYY-MM",
            )
            period_id = None
        start = fields.date("start", required=True)
        end = fields.date("end", required=True)
        if start and end and end < start:
            fields.problem("end", f"period ends ({end}) before it starts ({start})")
            continue
        if period_id is None or start is None or end is None:
            continue
        if ids.claim("period", period_id, (), shown_as, mapping.line):
            periods[period_id] = Period(period_id, fields.text("label"), start, end)
    return periods


def load_themes(file: Path, shown_as: str, problems: Problems, ids: IdRegistry) -> dict[str, Theme]:
    themes: dict[str, Theme] = {}
    for mapping in each_mapping(file, shown_as, problems, "theme"):
        fields = Fields(
            mapping, shown_as, problems, "a theme", ("id", "name", "description", "formerly")
        )
        theme_id = fields.slug("id", required=True)
        name = fields.text("name", required=True)
        formerly = fields.slugs("formerly") or ()
        if theme_id is None or name is None:
            continue
        if ids.claim("theme", theme_id, formerly, shown_as, mapping.line):
            themes[theme_id] = Theme(theme_id, name, fields.text("description") or "", formerly)
    return themes
