"""Contract rules not covered elsewhere: one broken input each, and the exact problem reported.

Fixture lines (tests/fixtures/minimal): periods.yml has 2026-Q1 (1-3) and 2026-Q2 (4-7, label
at 5); themes.yml has mobility (1-2); units.yml ends with potholes (12-15); town.yml has
town-safer-streets at 4 and town-open-data at 14 (no key results); roads.yml has
roads-resurfaced-km at 16 (output, target at 21, one check-in in q2.csv); parks.yml has
parks-satisfaction at 7 and parks-litter-complaints at 13 (no check-ins); site_config.yml has
title at 1 and organisation at 2. Appended entries start at the line after the last.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.load.conftest import Portal

CONFIG = "site_config.yml"
UNITS = "data/units.yml"
PERIODS = "data/periods.yml"
THEMES = "data/themes.yml"
TOWN = "data/okrs/2026-Q2/town.yml"
ROADS = "data/okrs/2026-Q2/roads.yml"
PARKS = "data/okrs/2026-Q2/parks.yml"
POTHOLES = "data/okrs/2026-Q2/potholes.yml"

SLUG_RULE = "an id is lowercase letters, digits and hyphens"


def potholes_okrs(objective: str, key_result: str) -> str:
    """A new OKR file for the potholes team: objective at line 4, its key result at line 7."""
    return (
        "unit: potholes\n"
        "period: 2026-Q2\n"
        "objectives:\n"
        f"  - id: {objective}\n"
        "    title: Fill every pothole within a week\n"
        "    key_results:\n"
        f"      - id: {key_result}\n"
        "        title: Potholes open longer than a week\n"
        "        unit: potholes\n"
        "        baseline: 30\n"
        "        target: 5\n"
    )


# --- 1. periods: required keys -------------------------------------------------------------


def test_period_without_start(project: Portal) -> None:
    project.append(PERIODS, "- id: 2026-Q3\n  end: 2026-09-30\n")
    project.check((f"{PERIODS}:8", "a period has no 'start': add it"))


def test_period_without_id(project: Portal) -> None:
    project.append(PERIODS, "- start: 2026-07-01\n  end: 2026-09-30\n")
    project.check((f"{PERIODS}:8", "a period has no 'id': add it"))


# --- 2. periods.yml and themes.yml are lists of mappings -----------------------------------


def test_periods_file_that_is_a_mapping(project: Portal) -> None:
    # The one problem is the file's shape; the OKR folder and the check-ins that hang on the
    # periods must not each get a second, misleading problem ("folder '2026-Q2' is not a
    # period id", "key result ... is not in any OKR file").
    project.write(PERIODS, "id: 2026-Q2\nstart: 2026-04-01\nend: 2026-06-30\n")
    project.check((f"{PERIODS}:1", "must be a list of periods (- id: ...)"))


def test_periods_file_holding_a_plain_string(project: Portal) -> None:
    project.append(PERIODS, "- 2026-Q3\n")
    project.check((f"{PERIODS}:8", "each period must be a mapping with an id"))


def test_themes_file_that_is_a_mapping(project: Portal) -> None:
    # As for periods: town.yml's 'themes: [mobility]' must not be reported as well.
    project.write(THEMES, "id: mobility\nname: Mobility\n")
    project.check((f"{THEMES}:1", "must be a list of themes (- id: ...)"))


def test_themes_file_holding_a_plain_string(project: Portal) -> None:
    project.append(THEMES, "- housing\n")
    project.check((f"{THEMES}:3", "each theme must be a mapping with an id"))


# --- 3. themes, objectives and key results need an id --------------------------------------


def test_theme_without_id(project: Portal) -> None:
    project.append(THEMES, "- name: Housing\n")
    project.check((f"{THEMES}:3", "a theme has no 'id': add it"))


def test_objective_without_id(project: Portal) -> None:
    project.replace(TOWN, "  - id: town-open-data\n    title:", "  - title:")
    project.check((f"{TOWN}:14", "an objective has no 'id': add it"))


def test_objective_without_id_whose_key_result_has_check_ins(project: Portal) -> None:
    # town-injuries (q2.csv:8) is left out with its objective and gets no "not in any OKR
    # file" problem; roads.yml:6 aligns to the id that is now gone, which is a real problem.
    project.replace(TOWN, "  - id: town-safer-streets\n    title:", "  - title:")
    project.check(
        (f"{ROADS}:6", "'aligns_to' lists 'town-safer-streets', which is not an objective id"),
        (f"{TOWN}:4", "an objective has no 'id': add it"),
    )


def test_key_result_without_id(project: Portal) -> None:
    project.replace(PARKS, "      - id: parks-litter-complaints\n        title:", "      - title:")
    project.check((f"{PARKS}:13", "a key result has no 'id': add it"))


# --- 4. an OKR file's own keys -------------------------------------------------------------


def test_okr_file_without_period(project: Portal) -> None:
    project.replace(ROADS, "period: 2026-Q2\n", "")
    project.check((f"{ROADS}:1", "an OKR file has no 'period': add it"))


@pytest.mark.parametrize("objectives", ["", "objectives:\n", "objectives: []\n"])
def test_okr_file_without_objectives_loads_empty(project: Portal, objectives: str) -> None:
    # As a key result may have no key results yet, a unit's file may have no objectives yet.
    project.write(POTHOLES, f"unit: potholes\nperiod: 2026-Q2\n{objectives}")
    assert project.load().dataset.objectives_of("potholes") == ()


# --- 5. an output key result needs a numeric target ----------------------------------------


def test_output_key_result_without_target(project: Portal) -> None:
    # Its check-in (q2.csv:5) is skipped: the key result's own problem is the one to fix.
    project.replace(ROADS, "        target: 12\n", "")
    project.check((f"{ROADS}:16", "a key result has no 'target': add it"))


def test_output_key_result_with_a_target_that_is_not_a_number(project: Portal) -> None:
    project.replace(ROADS, "        target: 12\n", "        target: lots\n")
    project.check((f"{ROADS}:21", "'target' is 'lots', not a number"))


# --- 6. formerly on themes and periods -----------------------------------------------------


def test_theme_former_id_that_is_not_a_slug(project: Portal) -> None:
    project.append(THEMES, "  formerly: [Getting_Around]\n")
    project.check((f"{THEMES}:3", f"'formerly' lists 'Getting_Around': {SLUG_RULE}"))


def test_theme_former_id_equal_to_another_themes_id(project: Portal) -> None:
    project.append(THEMES, "- id: transport\n  name: Transport\n  formerly: [mobility]\n")
    project.check((f"{THEMES}:3", f"theme former id 'mobility' is already used at {THEMES}:1"))


def test_theme_former_ids_are_kept(project: Portal) -> None:
    project.append(THEMES, "  formerly: [getting-around]\n")
    assert project.load().dataset.themes["mobility"].formerly == ("getting-around",)


def test_period_former_ids_are_period_ids(project: Portal) -> None:
    # "Identifiers": every unit, period, theme, objective and key result may list old ids.
    project.replace(PERIODS, "  label: April", "  formerly: [2026-h1]\n  label: April")
    project.check((f"{PERIODS}:5", "'formerly' lists '2026-h1', which is not a period id"))


def test_period_former_ids_are_kept_and_unique(project: Portal) -> None:
    project.replace(PERIODS, "  label: April", "  formerly: [2026-H1]\n  label: April")
    assert project.load().dataset.periods["2026-Q2"].formerly == ("2026-H1",)
    project.append(PERIODS, "- id: 2026-Q3\n  start: 2026-07-01\n  end: 2026-09-30\n")
    project.append(PERIODS, "  formerly: [2026-H1]\n")
    problems = project.problems()
    assert len(problems) == 1
    assert "period former id '2026-H1' is already used at data/periods.yml:" in problems[0]


# --- 7. a former id is claimed once --------------------------------------------------------


def test_two_units_with_the_same_former_id(project: Portal) -> None:
    project.append(
        UNITS,
        "  formerly: [old-x]\n"  # potholes, line 16
        "- id: sewers\n"  # line 17
        "  name: Sewers\n"
        "  level: department\n"
        "  parent: town\n"
        "  formerly: [old-x]\n",
    )
    project.check((f"{UNITS}:17", f"unit former id 'old-x' is already used at {UNITS}:12"))


def test_two_key_results_with_the_same_former_id(project: Portal) -> None:
    # parks-satisfaction stays at 7; the insert moves parks-litter-complaints to 14.
    project.replace(
        PARKS, "        title: Residents", "        formerly: [old-x]\n        title: Residents"
    )
    project.append(PARKS, "        formerly: [old-x]\n")
    project.check((f"{PARKS}:14", f"key result former id 'old-x' is already used at {PARKS}:7"))


# --- 8. at most 80 characters for every slug id --------------------------------------------


def test_theme_id_of_81_characters(project: Portal) -> None:
    project.append(THEMES, f"- id: {'h' * 81}\n  name: Housing\n")
    project.check((f"{THEMES}:3", f"'id' is '{'h' * 81}': {SLUG_RULE}"))


def test_theme_id_of_80_characters(project: Portal) -> None:
    project.append(THEMES, f"- id: {'h' * 80}\n  name: Housing\n")
    assert "h" * 80 in project.load().dataset.themes


def test_objective_id_of_81_characters(project: Portal) -> None:
    project.write(POTHOLES, potholes_okrs(objective="o" * 81, key_result="potholes-open"))
    project.check((f"{POTHOLES}:4", f"'id' is '{'o' * 81}': {SLUG_RULE}"))


def test_key_result_id_of_81_characters(project: Portal) -> None:
    project.write(POTHOLES, potholes_okrs(objective="potholes-fixed", key_result="k" * 81))
    project.check((f"{POTHOLES}:7", f"'id' is '{'k' * 81}': {SLUG_RULE}"))


def test_objective_and_key_result_ids_of_80_characters(project: Portal) -> None:
    project.write(POTHOLES, potholes_okrs(objective="o" * 80, key_result="k" * 80))
    dataset = project.load().dataset
    assert dataset.objectives["o" * 80].key_results == ("k" * 80,)


# --- 9. site_config.yml: organisation must not be empty ------------------------------------


@pytest.mark.parametrize("value", ["", " ''", " ~"], ids=["blank", "empty-string", "null"])
def test_empty_organisation(project: Portal, value: str) -> None:
    # Reported at the mapping's line (1), as every missing or empty required key is.
    project.replace(CONFIG, "organisation: Town of Example\n", f"organisation:{value}\n")
    project.check((f"{CONFIG}:1", "site_config.yml has no 'organisation': add it"))
