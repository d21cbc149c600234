"""What a chart draws, in the page's language: its date axis names the year once it crosses one."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest

from generator.charts.cache import chart_svgs
from generator.i18n import Language
from generator.load.project import load_project
from generator.pages.chart_inputs import chart_inputs, date_skeleton
from generator.pages.formatting import Formatter
from tests.conftest import FIXTURES


@pytest.mark.parametrize(
    ("first", "last", "skeleton"),
    [
        (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30), "MMMd"),  # within a year
        (datetime.date(2025, 10, 1), datetime.date(2026, 9, 30), "yMMM"),  # a fiscal year
        (datetime.date(2016, 10, 1), datetime.date(2026, 9, 30), "y"),  # ten years of history
    ],
)
def test_the_date_axis_names_the_year_when_the_chart_crosses_one(
    first: datetime.date, last: datetime.date, skeleton: str
) -> None:
    assert date_skeleton(first, last) == skeleton


@pytest.mark.parametrize(
    ("tag", "skeleton", "d3"),
    [
        ("en", "MMMd", "%b %-d"),
        ("nb", "MMMd", "%-d. %b"),
        ("en", "yMMM", "%b %Y"),
        ("fi", "yMMM", "%b %Y"),  # a month standing alone (LLL) is written the same way
        ("nb", "y", "%Y"),
    ],
)
def test_date_formats_follow_the_language(tag: str, skeleton: str, d3: str) -> None:
    assert Language(tag).d3_date_format(skeleton) == d3


def test_a_key_result_with_years_of_history_shows_the_years_on_its_axis(tmp_path: Path) -> None:
    root = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    periods = root / "data" / "periods.yml"
    periods.write_text(
        periods.read_text("utf-8") + "- id: 2024\n  start: 2024-01-01\n  end: 2024-12-31\n",
        "utf-8",
    )
    checkins = root / "data" / "checkins" / "q2.csv"
    checkins.write_text(
        checkins.read_text("utf-8") + "2024-03-15,roads-repair-days,30,,,,,,\n", "utf-8"
    )
    project = load_project(root)
    fmt = Formatter(Language("en"), project.settings)
    chart = chart_inputs(project.dataset, fmt)["roads-repair-days"]
    assert chart.date_format == "%b %Y"
    svg = chart_svgs({"kr": chart}, tmp_path / "cache", 1)["kr"]
    assert "2025" in svg and "2026" in svg


def test_a_fiscal_year_s_chart_names_the_years_though_its_figures_are_in_one(
    tmp_path: Path,
) -> None:
    """A period from October to September: its expected pace starts in the year before."""
    root = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    periods = root / "data" / "periods.yml"
    text = periods.read_text("utf-8").replace(
        "- id: 2026-Q2\n  label: April to June 2026\n  start: 2026-04-01",
        "- id: 2026-Q2\n  label: Fiscal year 2026\n  start: 2025-10-01",
    )
    periods.write_text(text, "utf-8")
    project = load_project(root)
    fmt = Formatter(Language("en"), project.settings)
    chart = chart_inputs(project.dataset, fmt)["roads-resurfaced-km"]  # measured in May only
    assert chart.date_format == "%b %Y"
