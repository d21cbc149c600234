"""What a chart draws, in the page's language: its date axis names the year once it crosses one,
and yearly figures by the yearly period they fall in."""

from __future__ import annotations

import datetime
import html
import pickle
import re
import shutil
from pathlib import Path

import pytest

from generator.charts.cache import chart_svgs
from generator.charts.inputs import ChartInput
from generator.i18n import Language
from generator.load.project import load_project
from generator.pages.chart_inputs import (
    chart_inputs,
    charted_events,
    date_skeleton,
    has_history_strip,
)
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
    svg = chart_svgs({"kr": chart}, tmp_path / "cache", 1)["kr"].wide.text()
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


def fiscal_years(first: int, last: int, label: str | None = "FY {year}") -> str:
    """periods.yml entries of the fiscal years ``first``..``last``, October to September."""
    return "".join(
        f"- id: {year}\n"
        + (f"  label: {label.format(year=year)}\n" if label else "")
        + f"  start: {year - 1}-10-01\n  end: {year}-09-30\n"
        for year in range(first, last + 1)
    )


YEARLY_OKRS = """unit: roads
period: "2026"
objectives:
  - id: roads-smooth-fy
    title: Smooth roads
    key_results:
      - id: roads-condition
        title: Share of roads in good condition
        unit: "%"
        baseline: 60
        target: 75
"""


def yearly_portal(tmp_path: Path, label: str | None, dates: list[str]) -> Path:
    """The minimal portal with fiscal years 2016 to 2026 and a key result of FY 2026 measured
    once a year, on ``dates``."""
    root = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    periods = root / "data" / "periods.yml"
    periods.write_text(periods.read_text("utf-8") + fiscal_years(2016, 2026, label), "utf-8")
    (root / "data" / "okrs" / "2026").mkdir()
    (root / "data" / "okrs" / "2026" / "roads.yml").write_text(YEARLY_OKRS, "utf-8")
    rows = "".join(f"{day},roads-condition,{60 + n}\n" for n, day in enumerate(dates))
    (root / "data" / "checkins" / "yearly.csv").write_text("date,key_result,value\n" + rows)
    return root


def yearly_chart(root: Path, tag: str = "en") -> ChartInput:
    project = load_project(root)
    return chart_inputs(project.dataset, Formatter(Language(tag), project.settings))[
        "roads-condition"
    ]


#: One figure a fiscal year, at its end: FY 2016 (2016-09-30) to FY 2025.
YEAR_ENDS = [f"{year}-09-30" for year in range(2016, 2026)]


def test_yearly_figures_are_named_by_their_fiscal_year(tmp_path: Path) -> None:
    chart = yearly_chart(yearly_portal(tmp_path, "FY {year}", YEAR_ENDS))
    named = dict(chart.ticks)
    assert named[datetime.date(2016, 9, 30)] == "FY 2016"
    assert named[datetime.date(2025, 9, 30)] == "FY 2025"
    # The key result's own year, not measured yet, on the same day of its year.
    assert named[datetime.date(2026, 9, 30)] == "FY 2026"
    assert len(named) == 11
    svgs = chart_svgs({"kr": chart}, tmp_path / "cache", 1)["kr"]
    for svg in (svgs.wide.text(), svgs.narrow.text()):
        shown = re.findall(r"<text\b[^>]*>([^<]*)</text>", svg)
        assert "FY 2016" in shown and "FY 2025" in shown
        assert not [text for text in shown if re.search(r"\b(Oct|Sep)\b", text)]


def test_a_figure_at_the_start_of_a_fiscal_year_is_named_by_that_year(tmp_path: Path) -> None:
    dates = [f"{year - 1}-10-01" for year in range(2017, 2027)]  # FY 2017 to FY 2026
    chart = yearly_chart(yearly_portal(tmp_path, "FY {year}", dates))
    assert chart.ticks[0] == (datetime.date(2016, 10, 1), "FY 2017")
    assert chart.ticks[-1] == (datetime.date(2025, 10, 1), "FY 2026")
    assert len(chart.ticks) == 10


def test_fiscal_years_without_a_label_are_named_as_the_pages_name_them(tmp_path: Path) -> None:
    chart = yearly_chart(yearly_portal(tmp_path, None, YEAR_ENDS), "nb")
    assert [label for _, label in chart.ticks] == [str(y) for y in range(2016, 2027)]


def test_figures_more_often_than_yearly_keep_the_date_axis(tmp_path: Path) -> None:
    dates = [*YEAR_ENDS[:-1], "2025-03-31", "2025-09-30"]  # two in FY 2025, half a year apart
    chart = yearly_chart(yearly_portal(tmp_path, "FY {year}", dates))
    assert chart.ticks == ()
    assert chart.date_format == "%Y"


def test_yearly_figures_outside_the_fiscal_years_are_named_by_their_year(
    tmp_path: Path,
) -> None:
    root = yearly_portal(tmp_path, "FY {year}", ["2016-09-30", "2017-09-30", "2018-09-30"])
    # A calendar year covers an earlier figure that no fiscal year does.
    periods = root / "data" / "periods.yml"
    periods.write_text(
        periods.read_text("utf-8") + "- id: 2014\n  start: 2014-01-01\n  end: 2014-12-31\n",
        "utf-8",
    )
    rows = root / "data" / "checkins" / "yearly.csv"
    rows.write_text(rows.read_text("utf-8") + "2014-12-31,roads-condition,55\n", "utf-8")
    chart = yearly_chart(root)
    assert [label for _, label in chart.ticks] == ["2014", "2016", "2017", "2018"]


def test_a_tick_label_is_written_as_it_is(tmp_path: Path) -> None:
    label = "FY '{year}\" \\ ] + alert(1) <ø>"
    chart = yearly_chart(yearly_portal(tmp_path, label, YEAR_ENDS[:3]))
    svg = chart_svgs({"kr": chart}, tmp_path / "cache", 1)["kr"].wide.text()
    shown = [html.unescape(t) for t in re.findall(r"<text\b[^>]*>([^<]*)</text>", svg)]
    # The first year's label; the next ones, as long and a year apart, would overlap it.
    assert label.format(year=2016) in shown and "<ø>" not in svg


def daily_history(tmp_path: Path, first: datetime.date, days: int) -> Path:
    """The minimal portal with a figure of roads-repair-days every day for ``days`` days from
    ``first`` (its period is April to June 2026), and calendar years to hold them."""
    root = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    years = "".join(
        f"- id: {y}\n  start: {y}-01-01\n  end: {y}-12-31\n" for y in range(first.year, 2026)
    )
    periods = root / "data" / "periods.yml"
    periods.write_text(periods.read_text("utf-8") + years, "utf-8")
    rows = "".join(
        f"{first + datetime.timedelta(days=n)},roads-repair-days,{20 + n % 7}\n"
        for n in range(days)
    )
    (root / "data" / "checkins" / "history.csv").write_text("date,key_result,value\n" + rows)
    return root


def test_a_long_history_leaves_the_chart_to_its_period_and_draws_a_strip(
    tmp_path: Path,
) -> None:
    root = daily_history(tmp_path, datetime.date(2020, 1, 1), 6 * 365)  # to 2025-12-29
    project = load_project(root)
    chart = chart_inputs(project.dataset, Formatter(Language("en"), project.settings))[
        "roads-repair-days"
    ]
    april, june = datetime.date(2026, 4, 1), datetime.date(2026, 6, 30)
    assert chart.span == (april, june)
    # The period's check-ins, and the one before, which the line comes in from.
    assert [day for day, _ in chart.points] == [
        datetime.date(2026, 3, 15),
        datetime.date(2026, 4, 30),
        datetime.date(2026, 5, 31),
    ]
    assert chart.date_format == "%b %-d"
    strip = chart.strip
    assert strip is not None
    assert len(strip.points) == 6 * 365 + 3 and strip.points[0][0] == datetime.date(2020, 1, 1)
    assert strip.focus == (april, june)
    assert strip.focus_label == "April to June 2026 (the chart above)"
    assert strip.date_format == "%Y"
    svgs = chart_svgs({"kr": chart}, tmp_path / "cache", 1)["kr"]
    assert svgs.wide_strip is not None and svgs.narrow_strip is not None
    for svg, width in ((svgs.wide_strip.text(), 720), (svgs.narrow_strip.text(), 288)):
        assert svg.startswith("<svg ") and f'width="{width}"' in svg[: svg.index(">")]
        shown = re.findall(r"<text\b[^>]*>([^<]*)</text>", svg)
        assert "April to June 2026 (the chart above)" in shown and "2022" in shown
        assert set(re.findall(r'font-size="([^"]+)"', svg)) == {"12px"}
    assert "2022" not in re.findall(r"<text\b[^>]*>([^<]*)</text>", svgs.wide.text())


@pytest.mark.parametrize(
    ("first", "days", "every"),
    [
        (datetime.date(2026, 1, 1), 60, 1),  # history shorter than the period
        (datetime.date(2016, 6, 30), 10, 365),  # a figure a year: the chart shows them all
    ],
    ids=["short-history", "yearly"],
)
def test_a_short_or_sparse_history_stays_on_the_chart(
    tmp_path: Path, first: datetime.date, days: int, every: int
) -> None:
    root = daily_history(tmp_path, first, 0)
    rows = "".join(
        f"{first + datetime.timedelta(days=n * every)},roads-repair-days,20\n" for n in range(days)
    )
    (root / "data" / "checkins" / "history.csv").write_text("date,key_result,value\n" + rows)
    project = load_project(root)
    kr = project.dataset.key_results["roads-repair-days"]
    assert not has_history_strip(project.dataset, kr)
    chart = chart_inputs(project.dataset, Formatter(Language("en"), project.settings))[kr.id]
    assert chart.strip is None
    assert chart.points[0][0] == first and chart.span == (first, datetime.date(2026, 6, 30))


def test_one_figure_long_before_the_period_stays_on_the_chart(tmp_path: Path) -> None:
    root = daily_history(tmp_path, datetime.date(2024, 1, 1), 0)
    checkins = root / "data" / "checkins" / "q2.csv"
    checkins.write_text(
        checkins.read_text("utf-8").replace(
            "2026-05-31,roads-resurfaced-km", "2024-06-30,roads-resurfaced-km"
        ),
        "utf-8",
    )
    project = load_project(root)
    kr = project.dataset.key_results["roads-resurfaced-km"]
    assert len(project.dataset.checkins_by_key_result[kr.id]) == 1
    assert not has_history_strip(project.dataset, kr)
    chart = chart_inputs(project.dataset, Formatter(Language("en"), project.settings))[kr.id]
    assert chart.strip is None and chart.span == (
        datetime.date(2024, 6, 30),
        datetime.date(2026, 6, 30),
    )


def test_events_are_numbered_over_the_whole_chart_and_marked_where_they_fall(
    tmp_path: Path,
) -> None:
    root = daily_history(tmp_path, datetime.date(2020, 1, 1), 6 * 365)
    (root / "data" / "events.yml").write_text(
        "- date: 2019-06-01\n  title: Before the first figure\n"  # outside the chart
        "- date: 2026-05-20\n  title: In the period\n  units: [roads]\n"
        "- date: 2022-03-01\n  title: In the history\n  themes: [mobility]\n"  # not roads'
        "- date: 2021-03-01\n  title: Early in the history\n  key_results: [roads-repair-days]\n"
        "- date: 2026-06-01\n  title: For the parks\n  units: [parks]\n",  # not roads'
        "utf-8",
    )
    project = load_project(root)
    kr = project.dataset.key_results["roads-repair-days"]
    assert [e.title for e in charted_events(project.dataset, kr)] == [
        "Early in the history",
        "In the period",
    ]
    chart = chart_inputs(project.dataset, Formatter(Language("en"), project.settings))[kr.id]
    # The chart shows the period: the event in it keeps its number from the whole list.
    assert chart.events == ((datetime.date(2026, 5, 20), "2"),)
    assert chart.strip is not None
    assert chart.strip.events == (
        (datetime.date(2021, 3, 1), "1"),
        (datetime.date(2026, 5, 20), "2"),
    )


def test_a_chart_draws_the_interim_targets_the_pace_runs_through_and_provisional_figures(
    tmp_path: Path,
) -> None:
    root = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    roads = root / "data" / "okrs" / "2026-Q2" / "roads.yml"
    roads.write_text(
        roads.read_text("utf-8").replace(
            "        target: 12\n",
            "        target: 12\n        interim_targets:\n"
            "          - {date: 2026-05-15, value: 8}\n          - {date: 2026-04-30, value: 2}\n",
        ),
        "utf-8",
    )
    (root / "data" / "checkins" / "more.csv").write_text(
        "date,key_result,value,provisional\n2026-06-20,roads-resurfaced-km,9,true\n", "utf-8"
    )
    project = load_project(root)
    charts = chart_inputs(project.dataset, Formatter(Language("nb"), project.settings))
    chart = charts["roads-resurfaced-km"]
    april, may, june = (datetime.date(2026, m, d) for m, d in ((4, 30), (5, 15), (6, 30)))
    assert chart.waypoints == ((april, 2.0), (may, 8.0))  # by date
    # The pace the figures are judged by: baseline, each waypoint, target.
    assert chart.expected == (
        (datetime.date(2026, 4, 1), 0.0),
        (april, 2.0),
        (may, 8.0),
        (june, 12.0),
    )
    assert chart.provisional == ((datetime.date(2026, 6, 20), 9.0),)
    assert (chart.labels.waypoint, chart.labels.provisional) == ("Delmål", "Foreløpig")
    # Without interim targets the pace is one straight line, and nothing is provisional.
    plain = charts["roads-repair-days"]
    assert plain.waypoints == () and plain.provisional == () and len(plain.expected) == 2


def test_an_at_least_key_result_with_interim_targets_draws_its_pace(tmp_path: Path) -> None:
    root = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    parks = root / "data" / "okrs" / "2026-Q2" / "parks.yml"
    parks.write_text(
        parks.read_text("utf-8").replace(
            "        baseline: 12\n        target: 15\n",
            "        baseline: 20\n        target: 15\n"
            "        interim_targets: [{date: 2026-05-31, value: 18}]\n",
        ),
        "utf-8",
    )
    (root / "data" / "checkins" / "more.csv").write_text(
        "date,key_result,value\n2026-05-01,parks-litter-complaints,19\n", "utf-8"
    )
    project = load_project(root)
    chart = chart_inputs(project.dataset, Formatter(Language("en"), project.settings))[
        "parks-litter-complaints"
    ]
    assert chart.expected[1] == (datetime.date(2026, 5, 31), 18.0)
    assert chart.waypoints == ((datetime.date(2026, 5, 31), 18.0),)


def test_a_cached_drawing_is_read_only_when_a_page_shows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A warm build holds every drawing by its key: none is read until a page is rendered,
    and a page's values (pickled to be hashed) carry the key, not the drawing."""
    project = load_project(FIXTURES / "minimal")
    chart = chart_inputs(project.dataset, Formatter(Language("en"), project.settings))
    first = chart_svgs({"kr": chart["roads-repair-days"]}, tmp_path / "cache", 1)["kr"]
    drawn = first.wide.text()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a drawing was read")

    with monkeypatch.context() as patch:
        for name in ("read_text", "read_bytes", "open"):
            patch.setattr(Path, name, refuse)
        again = chart_svgs({"kr": chart["roads-repair-days"]}, tmp_path / "cache", 1)["kr"]
        assert again == first
        assert pickle.loads(pickle.dumps(again.wide)) == first.wide.key
    assert again.wide.__html__() == drawn and drawn.startswith("<svg ")
