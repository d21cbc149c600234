"""``units.yml``, ``periods.yml`` and ``themes.yml``: the frame every OKR file hangs on.

Each loader returns None when its file as a whole cannot be used (unreadable, empty, not a list):
the OKR files cannot be checked against it, so loading stops there with that one problem
instead of one "not a unit id" per OKR file.
"""

from __future__ import annotations

from pathlib import Path

from generator.contract import PERIOD, THEME, UNIT, Record
from generator.load.fields import PERIOD_ID, Fields
from generator.load.ids import IdRegistry
from generator.load.problems import Problems
from generator.load.yamlfile import LineDict, LineList, read_yaml
from generator.model import Period, Theme, Unit

#: The name of one entry of each file, for its problems.
_NOUN = {UNIT.what: "unit", PERIOD.what: "period", THEME.what: "theme"}


def read_entries(
    file: Path, shown_as: str, problems: Problems, record: Record, required: bool = True
) -> list[LineDict] | None:
    """The entries of a YAML file that holds a list of mappings (``- id: ...``), or None when
    the file as a whole cannot be used; an entry that is not a mapping is reported and skipped.
    A file that is not ``required`` (themes) may be empty or an empty list."""
    noun = _NOUN[record.what]
    before = len(problems)
    when_empty = f"list the {noun}s, each as '- id: ...'" if required else None
    document = read_yaml(file, shown_as, problems, when_empty)
    if document is None:
        return None if len(problems) > before or required else []
    if not isinstance(document, LineList):
        problems.add(
            shown_as, getattr(document, "line", 1), f"must be a list of {noun}s (- id: ...)"
        )
        return None
    if not document and required:
        problems.add(shown_as, document.line, f"the list holds no {noun}: add one (- id: ...)")
        return None
    entries = []
    for item, line in zip(document, document.item_lines, strict=True):
        if isinstance(item, LineDict):
            entries.append(item)
        else:
            problems.add(shown_as, line, f"each {noun} must be a mapping with an id")
    return entries


def load_units(
    file: Path,
    shown_as: str,
    levels: tuple[str, ...],
    problems: Problems,
    ids: IdRegistry,
    languages: tuple[str, ...] = (),
) -> dict[str, Unit] | None:
    entries = read_entries(file, shown_as, problems, UNIT)
    if entries is None:
        return None
    units: dict[str, Unit] = {}
    lines: dict[str, int] = {}
    for mapping in entries:
        fields = Fields(mapping, shown_as, problems, UNIT, languages)
        unit_id = fields.slug("id")
        name = fields.text("name")
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
            translations=fields.translations(),
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
    file: Path, shown_as: str, problems: Problems, ids: IdRegistry, languages: tuple[str, ...] = ()
) -> dict[str, Period] | None:
    entries = read_entries(file, shown_as, problems, PERIOD)
    if entries is None:
        return None
    periods: dict[str, Period] = {}
    for mapping in entries:
        fields = Fields(mapping, shown_as, problems, PERIOD, languages)
        period_id = fields.text("id")
        if period_id is not None and not PERIOD_ID.fullmatch(period_id):
            fields.problem(
                "id",
                f"period id '{period_id}' is not YYYY, YYYY-Q1..YYYY-Q4, YYYY-H1, YYYY-H2, "
                "YYYY-MM or YYYY-YYYY",
            )
            period_id = None
        elif period_id is not None and _years_backwards(period_id):
            fields.problem(
                "id", f"period id '{period_id}' runs backwards: write the earlier year first"
            )
            period_id = None
        start = fields.date("start")
        end = fields.date("end")
        formerly = _former_period_ids(fields)
        if start and end and end < start:
            fields.problem("end", f"period ends ({end}) before it starts ({start})")
            continue
        if period_id is None or start is None or end is None:
            continue
        if ids.claim("period", period_id, formerly, shown_as, mapping.line):
            label = fields.text("label")
            periods[period_id] = Period(
                period_id, label, start, end, formerly, fields.translations()
            )
    return periods


def _years_backwards(period_id: str) -> bool:
    """A period of several years (YYYY-YYYY) whose last year is not after its first."""
    first, _, last = period_id.partition("-")
    return len(last) == 4 and int(last) <= int(first)


def _former_period_ids(fields: Fields) -> tuple[str, ...]:
    former = fields.strings("formerly") or ()
    bad = [value for value in former if not PERIOD_ID.fullmatch(value)]
    for value in bad:
        fields.problem("formerly", f"'formerly' lists '{value}', which is not a period id")
    return () if bad else former


def load_themes(
    file: Path, shown_as: str, problems: Problems, ids: IdRegistry, languages: tuple[str, ...] = ()
) -> dict[str, Theme] | None:
    entries = read_entries(file, shown_as, problems, THEME, required=False)
    if entries is None:
        return None
    themes: dict[str, Theme] = {}
    for mapping in entries:
        fields = Fields(mapping, shown_as, problems, THEME, languages)
        theme_id = fields.slug("id")
        name = fields.text("name")
        formerly = fields.slugs("formerly") or ()
        if theme_id is None or name is None:
            continue
        if ids.claim("theme", theme_id, formerly, shown_as, mapping.line):
            description = fields.text("description") or ""
            themes[theme_id] = Theme(theme_id, name, description, formerly, fields.translations())
    return themes
