"""data/units.yml, data/periods.yml, data/themes.yml: ids, the unit tree, periods and themes.

Fixture lines: units.yml has town (1-3), roads (4-7, parent at 7), parks (8-11, parent at 11),
potholes (12-15, level at 14, parent at 15); periods.yml has 2026-Q1 (1-3) and 2026-Q2 (4-7);
themes.yml has mobility (1-2). Appended entries start at the line after the last.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.load.conftest import Portal

UNITS = "data/units.yml"
PERIODS = "data/periods.yml"
THEMES = "data/themes.yml"


def test_minimal_fixture_loads(project: Portal) -> None:
    assert project.problems() == []
    dataset = project.load().dataset
    assert list(dataset.units) == ["town", "roads", "parks", "potholes"]
    assert dataset.units["potholes"].parent == "roads"
    assert dataset.units["town"].parent is None
    assert list(dataset.periods) == ["2026-Q1", "2026-Q2"]
    assert dataset.periods["2026-Q2"].start == datetime.date(2026, 4, 1)
    assert dataset.periods["2026-Q2"].label == "April to June 2026"
    assert dataset.periods["2026-Q1"].label is None
    assert list(dataset.themes) == ["mobility"]


# --- ids -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad_id",
    ["Sewers", "sewer_team", "-sewers", "a" * 81, "sewers!", "sewer team"],
    ids=["uppercase", "underscore", "leading-hyphen", "81-chars", "punctuation", "space"],
)
def test_unit_id_must_be_a_slug(project: Portal, bad_id: str) -> None:
    project.append(UNITS, f"- id: {bad_id}\n  name: Sewers\n  level: department\n  parent: town\n")
    project.check((f"{UNITS}:16", "an id is lowercase letters, digits and hyphens"))


@pytest.mark.parametrize("good_id", ["sewers", "0-sewers", "team-2", "a" * 80])
def test_unit_id_slugs_that_are_fine(project: Portal, good_id: str) -> None:
    project.append(UNITS, f"- id: {good_id}\n  name: Sewers\n  level: department\n  parent: town\n")
    assert good_id in project.load().dataset.units


def test_theme_id_must_be_a_slug(project: Portal) -> None:
    project.append(THEMES, "- id: Housing_Policy\n  name: Housing\n")
    project.check((f"{THEMES}:3", "'id' is 'Housing_Policy': an id is lowercase"))


def test_unit_id_is_required(project: Portal) -> None:
    project.append(UNITS, "- name: Sewers\n  level: department\n  parent: town\n")
    project.check((f"{UNITS}:16", "a unit has no 'id'"))


def test_duplicate_unit_id(project: Portal) -> None:
    project.append(UNITS, "- id: parks\n  name: Parks again\n  level: department\n  parent: town\n")
    project.check((f"{UNITS}:16", "unit id 'parks' is already used at data/units.yml:8"))


def test_unit_former_id_colliding_with_a_current_id(project: Portal) -> None:
    project.append(
        UNITS,
        "- id: sewers\n  name: Sewers\n  level: department\n  parent: town\n  formerly: [parks]\n",
    )
    project.check((f"{UNITS}:16", "unit former id 'parks' is already used at data/units.yml:8"))


def test_unit_former_ids_are_kept(project: Portal) -> None:
    project.replace(UNITS, "  parent: roads\n", "  parent: roads\n  formerly: [holes, pits]\n")
    assert project.load().dataset.units["potholes"].formerly == ("holes", "pits")


def test_same_id_for_a_unit_and_a_theme_is_allowed(project: Portal) -> None:
    project.append(THEMES, "- id: parks\n  name: Parks and green space\n")
    assert "parks" in project.load().dataset.themes


def test_duplicate_period_id(project: Portal) -> None:
    project.append(PERIODS, "- id: 2026-Q2\n  start: 2026-04-01\n  end: 2026-06-30\n")
    project.check((f"{PERIODS}:8", "period id '2026-Q2' is already used at data/periods.yml:4"))


def test_duplicate_theme_id(project: Portal) -> None:
    project.append(THEMES, "- id: mobility\n  name: Getting around\n")
    project.check((f"{THEMES}:3", "theme id 'mobility' is already used at data/themes.yml:1"))


# --- the unit tree -------------------------------------------------------------------------


def test_unknown_level(project: Portal) -> None:
    project.replace(UNITS, "  level: team\n", "  level: squad\n")
    project.check((f"{UNITS}:14", "'level' is 'squad': use one of organisation, department, team"))


def test_missing_level(project: Portal) -> None:
    project.replace(UNITS, "  level: team\n", "")
    project.check((f"{UNITS}:12", "unit has no 'level'"))


def test_missing_name(project: Portal) -> None:
    project.replace(UNITS, "  name: Pothole Team\n", "")
    project.check((f"{UNITS}:12", "a unit has no 'name'"))


def test_department_without_parent(project: Portal) -> None:
    project.replace(
        UNITS,
        "  level: department\n  parent: town\n- id: parks",
        "  level: department\n- id: parks",
    )
    project.check((f"{UNITS}:4", "unit 'roads' is at level 'department' but has no 'parent'"))


def test_parent_that_does_not_exist(project: Portal) -> None:
    project.replace(UNITS, "  parent: roads\n", "  parent: streets\n")
    project.check((f"{UNITS}:15", "unit 'potholes' has parent 'streets', which is not a unit"))


def test_unit_that_is_its_own_parent(project: Portal) -> None:
    project.replace(UNITS, "  parent: roads\n", "  parent: potholes\n")  # potholes -> potholes
    project.check((f"{UNITS}:15", "a parent must be of a higher level"))


def test_parent_of_an_equal_level(project: Portal) -> None:
    project.append(UNITS, "- id: sewers\n  name: Sewers\n  level: department\n  parent: roads\n")
    project.check(
        (f"{UNITS}:19", "unit 'sewers' (department) has parent 'roads' (department): a parent must")
    )


def test_parent_of_a_lower_level(project: Portal) -> None:
    project.append(UNITS, "- id: sewers\n  name: Sewers\n  level: department\n  parent: potholes\n")
    project.check(
        (f"{UNITS}:19", "has parent 'potholes' (team): a parent must be of a higher level")
    )


def test_top_level_unit_needs_no_parent(project: Portal) -> None:
    project.append(UNITS, "- id: county\n  name: County of Example\n  level: organisation\n")
    dataset = project.load().dataset
    assert dataset.units["county"].parent is None
    assert [u.id for u in dataset.units_at_level("organisation")] == ["town", "county"]


def test_top_level_unit_with_a_parent(project: Portal) -> None:
    project.replace(UNITS, "  level: organisation\n", "  level: organisation\n  parent: roads\n")
    project.check((f"{UNITS}:4", "unit 'town' (organisation) has parent 'roads' (department)"))


def test_team_may_hang_directly_under_the_organisation(project: Portal) -> None:
    project.replace(UNITS, "  parent: roads\n", "  parent: town\n")
    assert project.load().dataset.units["potholes"].parent == "town"


def test_bad_website(project: Portal) -> None:
    project.replace(UNITS, "  parent: roads\n", "  parent: roads\n  website: www.example.org\n")
    project.check((f"{UNITS}:16", "'website' is 'www.example.org': write a full web address"))


def test_units_file_must_be_a_list(project: Portal) -> None:
    project.write(UNITS, "id: town\nname: Town\nlevel: organisation\n")
    project.check((f"{UNITS}:1", "must be a list of units"))  # and no cascade from OKR files


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("", UNITS, "the file is empty: list the units, each as '- id: ...'"),
        ("# units come later\n", UNITS, "the file is empty: list the units"),
        ("[]\n", f"{UNITS}:1", "the list holds no unit: add one (- id: ...)"),
    ],
    ids=["empty", "only-comments", "empty-list"],
)
def test_an_empty_units_file_is_one_problem_naming_it(
    project: Portal, text: str, where: str, message: str
) -> None:
    """Not one "not a unit id" per OKR file and one "not in any OKR file" per check-in."""
    project.write(UNITS, text)
    project.check((where, message))


@pytest.mark.parametrize("text", ["", "[]\n"], ids=["empty", "empty-list"])
def test_an_empty_periods_file_is_one_problem_naming_it(project: Portal, text: str) -> None:
    project.write(PERIODS, text)
    problems = project.problems()
    assert len(problems) == 1
    assert problems[0].startswith("data/periods.yml")
    assert "period" in problems[0]


@pytest.mark.parametrize("text", ["", "# none yet\n", "[]\n"], ids=["empty", "comments", "list"])
def test_an_empty_themes_file_means_no_themes(project: Portal, text: str) -> None:
    """Themes are optional: an empty file is no themes, and an objective naming one is told so."""
    project.write("data/themes.yml", text)
    project.check(("data/okrs/2026-Q2/town.yml:7", "'themes' lists 'mobility', which is not in"))


def test_unit_entry_must_be_a_mapping(project: Portal) -> None:
    project.append(UNITS, "- sewers\n")
    project.check((f"{UNITS}:16", "each unit must be a mapping with an id"))


def test_formerly_must_be_a_list(project: Portal) -> None:
    project.replace(UNITS, "  parent: roads\n", "  parent: roads\n  formerly: {old: holes}\n")
    project.check((f"{UNITS}:16", "'formerly' must be a list of values, like [a, b]"))


def test_units_file_is_required(project: Portal) -> None:
    project.remove(UNITS)
    project.check((UNITS, "data/units.yml is missing"))


# --- periods -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period_id", "start", "end"),
    [
        ("2026", "2026-01-01", "2026-12-31"),
        ("2026-Q3", "2026-07-01", "2026-09-30"),
        ("2026-H1", "2026-01-01", "2026-06-30"),
        ("2026-H2", "2026-07-01", "2026-12-31"),
        ("2026-05", "2026-05-01", "2026-05-31"),
        ("2026-12", "2026-12-01", "2026-12-31"),
        ("2018", "2017-10-01", "2018-09-30"),  # a fiscal year
    ],
)
def test_period_id_formats_that_are_fine(
    project: Portal, period_id: str, start: str, end: str
) -> None:
    project.append(PERIODS, f"- id: {period_id}\n  start: {start}\n  end: {end}\n")
    period = project.load().dataset.periods[period_id]
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)


@pytest.mark.parametrize("period_id", ["2026-Q5", "2026-13", "2026-00", "2026-H3", "26", "2026-q3"])
def test_period_id_formats_that_are_wrong(project: Portal, period_id: str) -> None:
    project.append(PERIODS, f"- id: {period_id}\n  start: 2026-07-01\n  end: 2026-09-30\n")
    project.check((f"{PERIODS}:8", f"period id '{period_id}' is not YYYY, YYYY-Q1..YYYY-Q4"))


def test_period_ends_before_it_starts(project: Portal) -> None:
    project.append(PERIODS, "- id: 2026-Q3\n  start: 2026-09-30\n  end: 2026-07-01\n")
    project.check((f"{PERIODS}:10", "period ends (2026-07-01) before it starts (2026-09-30)"))


def test_period_of_one_day_is_fine(project: Portal) -> None:
    project.append(PERIODS, "- id: 2026-07\n  start: 2026-07-01\n  end: 2026-07-01\n")
    assert "2026-07" in project.load().dataset.periods


@pytest.mark.parametrize("bad_date", ["2026-02-30", "30.06.2026", "2026-7-1", "July 2026"])
def test_period_bad_start_date(project: Portal, bad_date: str) -> None:
    project.append(PERIODS, f"- id: 2026-Q3\n  start: {bad_date}\n  end: 2026-09-30\n")
    project.check((f"{PERIODS}:9", f"'start' is '{bad_date}', not a date: write it as YYYY-MM-DD"))


def test_period_bad_end_date(project: Portal) -> None:
    project.append(PERIODS, "- id: 2026-Q3\n  start: 2026-07-01\n  end: 2026-09-31\n")
    project.check((f"{PERIODS}:10", "'end' is '2026-09-31', not a date"))


def test_period_without_end(project: Portal) -> None:
    project.append(PERIODS, "- id: 2026-Q3\n  start: 2026-07-01\n")
    project.check((f"{PERIODS}:8", "a period has no 'end': add it"))


def test_periods_file_is_required(project: Portal) -> None:
    project.remove(PERIODS)
    project.check((PERIODS, "data/periods.yml is missing"))


# --- themes --------------------------------------------------------------------------------


def test_themes_file_is_optional(project: Portal) -> None:
    project.remove(THEMES)
    project.replace("data/okrs/2026-Q2/town.yml", "    themes: [mobility]\n", "")
    assert project.load().dataset.themes == {}


def test_theme_without_name(project: Portal) -> None:
    project.append(THEMES, "- id: housing\n  description: Homes for everyone.\n")
    project.check((f"{THEMES}:3", "a theme has no 'name': add it"))
