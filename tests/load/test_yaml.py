"""Reading YAML: duplicate keys, syntax errors, encodings, plain strings; problems all at once.

Fixture lines of data/units.yml: town 1-3, roads 4-7, parks 8-11, potholes 12-15 (name 13,
level 14, parent 15).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from tests.load.conftest import Portal

UNITS = "data/units.yml"
PERIODS = "data/periods.yml"
POTHOLES = "data/okrs/2026-Q2/potholes.yml"
PLACE = re.compile(r"^(?P<path>[^:]+)(:(?P<line>\d+))?: ")

POTHOLES_OKRS = (
    "unit: potholes\n"
    "period: 2026-Q2\n"
    "objectives:\n"
    "  - id: potholes-fixed\n"
    "    title: Fill every pothole within a week\n"
)


def test_duplicate_key(project: Portal) -> None:
    project.replace(UNITS, "  name: Pothole Team\n", "  name: Pothole Team\n  name: Potholes\n")
    project.check((f"{UNITS}:14", "duplicate key 'name' (first at line 13): keep one of them"))


def test_duplicate_top_level_key_in_an_okr_file(project: Portal) -> None:
    project.write(
        POTHOLES, POTHOLES_OKRS.replace("period: 2026-Q2\n", "period: 2026-Q2\nunit: x\n")
    )
    project.check((f"{POTHOLES}:3", "duplicate key 'unit' (first at line 1)"))


def test_syntax_error_line(project: Portal) -> None:
    project.write(POTHOLES, POTHOLES_OKRS + "   owner: Team lead\n")  # line 6, indented wrongly
    project.check((f"{POTHOLES}:6", "not valid YAML"))


def test_unclosed_bracket(project: Portal) -> None:
    project.write(POTHOLES, POTHOLES_OKRS + "    themes: [mobility\n    owner: Team lead\n")
    project.check((f"{POTHOLES}:7", "not valid YAML"))


def test_tab_indentation(project: Portal) -> None:
    project.write(POTHOLES, POTHOLES_OKRS + "\towner: Team lead\n")
    project.check((f"{POTHOLES}:6", "not valid YAML"))


def test_syntax_error_in_units_names_its_line(project: Portal) -> None:
    project.replace(UNITS, "  level: team\n", "   level: team\n")
    problems = project.problems()
    expected = f"{UNITS}:14: not valid YAML: mapping values are not allowed"
    assert any(p.startswith(expected) and "check the indentation" in p for p in problems), problems


def test_two_documents_in_one_file(project: Portal) -> None:
    project.write(POTHOLES, POTHOLES_OKRS + "---\nunit: potholes\n")
    project.check((f"{POTHOLES}:6", "not valid YAML"))


def test_scalars_stay_strings(project: Portal) -> None:
    project.append(PERIODS, "- id: 2026\n  label: no\n  start: 2026-01-01\n  end: 2026-12-31\n")
    project.replace(UNITS, "  name: Pothole Team\n", "  name: yes\n")
    dataset = project.load().dataset
    assert dataset.periods["2026"].label == "no"
    assert dataset.units["potholes"].name == "yes"


@pytest.mark.parametrize("empty", ["~", "null", "''"])
def test_null_or_empty_value_is_missing(project: Portal, empty: str) -> None:
    project.replace(UNITS, "  name: Pothole Team\n", f"  name: {empty}\n")
    project.check((f"{UNITS}:12", "a unit has no 'name': add it"))


def test_list_where_a_single_value_is_expected(project: Portal) -> None:
    project.replace(UNITS, "  name: Pothole Team\n", "  name: [Pothole, Team]\n")
    project.check((f"{UNITS}:13", "'name' must be a single value, not a list or mapping"))


def test_yaml_with_byte_order_mark_loads(project: Portal) -> None:
    project.write_bytes(UNITS, b"\xef\xbb\xbf" + project.read(UNITS).encode("utf-8"))
    assert len(project.load().dataset.units) == 4


def test_latin_1_yaml_says_how_to_re_save(project: Portal) -> None:
    text = project.read(UNITS).replace("Pothole Team", "Équipe nids-de-poule")  # line 13
    project.write_bytes(UNITS, text.encode("latin-1"))
    problems = project.problems()
    assert problems[-1].startswith(f"{UNITS}:13: the file is not UTF-8"), problems
    assert "save it as UTF-8" in problems[-1]


def test_control_character_is_a_problem_not_a_crash(project: Portal) -> None:
    # A vertical tab pasted from a word processor into a theme name.
    project.write("data/themes.yml", "- id: mobility\n  name: Mobi\x0blity\n")
    problems = project.problems()
    assert (
        "data/themes.yml:2: invisible control character U+000B is not allowed in YAML"
        in "\n".join(problems)
    ), problems


# --- every problem at once, sorted ---------------------------------------------------------


def test_a_file_with_two_problems_reports_both(project: Portal) -> None:
    project.replace(UNITS, "  parent: town\n- id: parks", "  parent: city\n- id: parks")
    project.replace(UNITS, "  level: team\n", "  level: squad\n")
    project.check(
        (f"{UNITS}:7", "unit 'roads' has parent 'city', which is not a unit"),
        (f"{UNITS}:14", "'level' is 'squad'"),
    )


def test_problems_of_many_files_are_reported_together_sorted_by_path_then_line(
    project: Portal,
) -> None:
    project.append("data/checkins/q2.csv", "2026-06-01,roads-repair-days,many,,,,,,\n")  # :9
    project.replace(
        "data/checkins/q2.csv",
        "2026-04-30,roads-repair-days,17,on_track",
        "2026-04-30,roads-repair-days,17,great",
    )  # :3
    project.append("data/themes.yml", "- id: Housing\n  name: Housing\n")  # :3
    project.write("data/okrs/2026-Q3/potholes.yml", POTHOLES_OKRS)  # no line
    project.replace("data/okrs/2026-Q2/parks.yml", "direction: at_most", "direction: up")  # :18
    project.replace("data/okrs/2026-Q2/parks.yml", "baseline: 12", "baseline: twelve")  # :16
    project.replace(UNITS, "  name: Pothole Team\n", "  name: Pothole Team\n  name: Holes\n")  # :14
    project.replace(UNITS, "  parent: town\n- id: parks", "  parent: city\n- id: parks")  # :7
    problems = project.problems()
    places = [PLACE.match(p) for p in problems]
    assert all(places), problems
    keys = [(m["path"], int(m["line"] or 0)) for m in places if m]
    assert keys == [
        ("data/checkins/q2.csv", 3),
        ("data/checkins/q2.csv", 9),
        ("data/okrs/2026-Q2/parks.yml", 16),
        ("data/okrs/2026-Q2/parks.yml", 18),
        ("data/okrs/2026-Q3/potholes.yml", 0),
        ("data/themes.yml", 3),
        ("data/units.yml", 7),
        ("data/units.yml", 14),
    ], problems
