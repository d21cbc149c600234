"""``okr-portal checkin-template``: a CSV to fill in with a spreadsheet, which then loads as it is.

The round trip: template for a unit -> date and value filled in (comma, or semicolon with
decimal commas) -> saved under data/checkins/ -> built -> the figures on the key result pages.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.contract import CHECKIN
from generator.exports.checkin_template import (
    CHECKIN_COLUMNS,
    COLUMNS,
    HELPER_COLUMNS,
    checkin_template,
)
from generator.i18n import Language
from generator.load.fields import did_you_mean
from generator.load.project import Project, load_project
from generator.model import CheckIn
from generator.scoring import score
from tests.conftest import FIXTURES, build

ROADS = ["roads-repair-days", "roads-resurfaced-km", "roads-new-depot", "roads-budget-use"]
FILLED_ON = datetime.date(2026, 6, 20)  # inside 2026-Q2, after every check-in of the fixture
#: What the publisher types into the value cells, and the value they mean.
FILLED = {
    "roads-repair-days": 12.5,
    "roads-resurfaced-km": 6.25,
    "roads-new-depot": 60,  # a milestone: percent complete
    "roads-budget-use": 97.5,
}


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    project = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", project, ignore=shutil.ignore_patterns(".okr-cache"))
    return project


def okr_portal(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def table(text: str, delimiter: str = ",") -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def template(
    project: Project, unit: str, delimiter: str = ",", **edits: dict[str, str]
) -> list[list[str]]:
    """The template's rows for ``unit``, once ``edits`` (key result id -> fields) are made."""
    key_results = dict(project.dataset.key_results)
    for kr_id, fields in edits.items():
        key_results[kr_id] = dataclasses.replace(key_results[kr_id], **fields)
    dataset = dataclasses.replace(project.dataset, key_results=key_results)
    figures = score(dataset, project.as_of, project.settings.status_factors)
    return table(checkin_template(dataset, figures, unit, None, delimiter), delimiter)


def test_the_template_has_a_row_per_key_result_with_its_latest_value(minimal: Path) -> None:
    result = okr_portal("checkin-template", "--project", str(minimal), "--unit", "roads")
    assert result.exit_code == 0, result.output
    header, *rows = table(result.stdout)
    assert header == [
        "key_result", "title", "unit", "latest_value", "latest_date",
        "date", "value", "status", "confidence", "progress", "problems", "plans",
    ]  # fmt: skip
    assert rows == [
        ["roads-repair-days", "Days to repair a reported pothole", "days", "14", "2026-05-31",
         *[""] * 7],
        ["roads-resurfaced-km", "Kilometres of road resurfaced", "km", "4", "2026-05-31",
         *[""] * 7],
        ["roads-new-depot", "Open the new depot", "%", "40", "2026-05-31", *[""] * 7],
        ["roads-budget-use", "Share of the repair budget spent", "%", "", "", *[""] * 7],
    ]  # fmt: skip


def test_the_helper_columns_are_no_check_in_columns_nor_close_to_one() -> None:
    # Else the loader would read a helper as data, or reject it as a misspelt check-in column.
    assert [c for c in COLUMNS if c not in HELPER_COLUMNS] == ["key_result", *CHECKIN_COLUMNS]
    assert set(CHECKIN_COLUMNS) < set(CHECKIN.names)
    for helper in HELPER_COLUMNS:
        assert helper not in CHECKIN.names
        assert did_you_mean(helper, CHECKIN.names) is None, helper


def test_the_default_period_is_the_current_one(minimal: Path) -> None:
    (minimal / "data" / "okrs" / "2026-Q1").mkdir()
    (minimal / "data" / "okrs" / "2026-Q1" / "roads.yml").write_text(
        "unit: roads\nperiod: 2026-Q1\nobjectives:\n  - id: roads-plan\n    title: Plan\n"
        "    key_results:\n      - id: roads-plan-ready\n        title: Plan ready\n"
        "        kind: milestone\n",
        encoding="utf-8",
    )
    project = ["--project", str(minimal), "--unit", "roads"]
    default = okr_portal("checkin-template", *project)
    earlier = okr_portal("checkin-template", *project, "--period", "2026-Q1")
    assert [row[0] for row in table(default.stdout)[1:]] == ROADS  # 2026-Q2 holds the as-of date
    assert [row[0] for row in table(earlier.stdout)[1:]] == ["roads-plan-ready"]


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_a_filled_in_template_builds_into_the_key_result_pages(
    minimal: Path, tmp_path: Path, delimiter: str
) -> None:
    filled = minimal / "data" / "checkins" / "roads-june.csv"
    result = okr_portal(
        "checkin-template", "--project", str(minimal), "--unit", "roads",
        "--delimiter", delimiter, "--out", str(filled),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert filled.read_bytes().startswith(b"\xef\xbb\xbf")  # so Excel reads it as UTF-8
    rows = table(filled.read_text(encoding="utf-8"), delimiter)  # the mark stays in the text
    header = rows[0]
    for row in rows[1:]:
        value = repr(FILLED[row[0]])
        row[header.index("date")] = FILLED_ON.isoformat()
        row[header.index("value")] = value.replace(".", ",") if delimiter == ";" else value
    with filled.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file, delimiter=delimiter).writerows(rows)  # as a spreadsheet saves it: \r\n
    if delimiter == ";":
        assert "12,5" in filled.read_text(encoding="utf-8")

    build(minimal, tmp_path / "site")

    english = Language("en")
    assert english.quantity(12.5, "days") == "12.5 days"  # the page's own wording, spelt out once
    key_results = load_project(minimal).dataset.key_results
    for kr_id, value in FILLED.items():
        page = tmp_path / "site" / "key-results" / kr_id / "index.html"
        html = page.read_text(encoding="utf-8")
        shown = english.quantity(value, key_results[kr_id].unit)
        row = (
            f'<time datetime="{FILLED_ON.isoformat()}">{english.date(FILLED_ON)}</time></th>\\s*'
            f'<td class="okr-num">{re.escape(shown)}</td>'
        )
        assert re.search(row, html), f"{kr_id}: no check-in row showing {shown}"


@pytest.mark.parametrize(
    "title", ['=HYPERLINK("https://evil.example","x")', "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"]
)
def test_text_a_spreadsheet_would_run_as_a_formula_is_kept_text(minimal: Path, title: str) -> None:
    edits = {"roads-repair-days": {"title": title}, "roads-resurfaced-km": {"unit": title}}
    rows = template(load_project(minimal), "roads", **edits)
    assert rows[1][:3] == ["roads-repair-days", "'" + title, "days"]
    assert rows[2][:3] == ["roads-resurfaced-km", "Kilometres of road resurfaced", "'" + title]


def test_text_with_a_formula_sign_inside_is_left_as_it_is(minimal: Path) -> None:
    edits = {"roads-repair-days": {"title": "Days (1 = best)"}}
    rows = template(load_project(minimal), "roads", **edits)
    assert rows[1][1] == "Days (1 = best)"


@pytest.mark.parametrize(("delimiter", "written"), [(",", "-2.5"), (";", "-2,5")])
def test_a_negative_latest_value_stays_a_number(
    minimal: Path, delimiter: str, written: str
) -> None:
    project = load_project(minimal)
    dropped = CheckIn("roads-resurfaced-km", datetime.date(2026, 6, 1), -2.5)
    project = dataclasses.replace(
        project,
        dataset=dataclasses.replace(project.dataset, checkins=(*project.dataset.checkins, dropped)),
    )
    rows = template(project, "roads", delimiter)
    assert rows[2][:5] == ["roads-resurfaced-km", "Kilometres of road resurfaced", "km", written,
                           "2026-06-01"]  # fmt: skip


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--unit", "nowhere"], "unit 'nowhere' is not in data/units.yml"),
        (["--unit", "roads", "--period", "2031-Q1"], "period '2031-Q1' is not in data/periods.yml"),
        (["--unit", "potholes"], "unit 'potholes' has no key results in period '2026-Q2'"),
    ],
)
def test_an_unknown_unit_or_period_fails_with_a_message(
    minimal: Path, option: list[str], message: str
) -> None:
    out = minimal / "template.csv"
    result = okr_portal("checkin-template", "--project", str(minimal), *option, "--out", str(out))
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit)  # a message, no traceback
    assert result.stderr.strip() == message
    assert result.stdout == ""
    assert not out.exists()
