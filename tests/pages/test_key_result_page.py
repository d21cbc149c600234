"""A key result's page on the minimal portal: its check-in table says only what was filled in."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, build


@pytest.fixture(scope="module")
def minimal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("minimal") / "portal"
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    out = root.parent / "site"
    build(root, out)
    return out


def checkin_headings(site: Path, key_result: str) -> list[str]:
    page = (site / "key-results" / key_result / "index.html").read_text(encoding="utf-8")
    table = page.split('class="okr-table okr-checkins"', 1)[1].split("</thead>", 1)[0]
    return re.findall(r'<th scope="col">([^<]*)</th>', table)


def test_a_column_empty_in_every_row_is_left_out(minimal_site: Path) -> None:
    # parks-satisfaction has a value and nothing else.
    assert checkin_headings(minimal_site, "parks-satisfaction") == ["Date", "Value"]


def test_a_column_some_row_fills_is_shown_for_every_row(minimal_site: Path) -> None:
    # roads-repair-days: one of the two check-ins of its period has a status, confidence,
    # progress and plans; none has problems; authors are not published (the third check-in,
    # from before the period and without a note, is in the full series only).
    headings = checkin_headings(minimal_site, "roads-repair-days")
    assert headings == [
        "Date",
        "Value",
        "Owner&#39;s status",
        "Confidence",
        "What moved",
        "What happens next",
    ]
    page = (minimal_site / "key-results" / "roads-repair-days" / "index.html").read_text("utf-8")
    body = page.split('class="okr-table okr-checkins"', 1)[1].split("</tbody>", 1)[0]
    rows = body.split("<tr>")[2:]
    assert len(rows) == 2 and all(row.count("<td") == len(headings) - 1 for row in rows)


def test_progress_past_its_target_says_the_target_was_met_and_by_how_much(
    tmp_path: Path,
) -> None:
    root = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    checkins = root / "data" / "checkins" / "q2.csv"
    # Resurfaced 30 km against a target of 12 from 0: 250 %.
    checkins.write_text(
        checkins.read_text("utf-8") + "2026-06-10,roads-resurfaced-km,30,,,,,,\n", "utf-8"
    )
    build(root, tmp_path / "site")
    page = (tmp_path / "site" / "key-results" / "roads-resurfaced-km" / "index.html").read_text(
        "utf-8"
    )
    assert "250%: target met, by 18 km" in page
    assert "is past the target (12 km) by 18 km" in page


def with_history(tmp_path: Path, rows: list[str], periods: str = "") -> Path:
    """The minimal portal with check-in rows of roads-repair-days added before its period."""
    root = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    file = root / "data" / "periods.yml"
    file.write_text(file.read_text("utf-8") + periods, "utf-8")
    history = root / "data" / "checkins" / "history.csv"
    history.write_text("date,key_result,value,progress\n" + "".join(rows), "utf-8")
    build(root, tmp_path / "site")
    return tmp_path / "site"


def test_history_without_notes_is_one_link_away(tmp_path: Path) -> None:
    rows = [f"2026-01-{day:02d},roads-repair-days,{30 - day / 10},\n" for day in range(1, 21)]
    rows.append("2026-02-02,roads-repair-days,26,A note worth keeping\n")
    site = with_history(tmp_path, rows)
    page = (site / "key-results" / "roads-repair-days" / "index.html").read_text("utf-8")
    table = page.split('class="okr-table okr-checkins"', 1)[1].split("</tbody>", 1)[0]
    # Two check-ins in the period (April to June) and the one earlier note; the fixture's
    # March figure and these 20 are the earlier check-ins without a note.
    assert table.count('<th scope="row">') == 3
    assert "A note worth keeping" in table
    assert "Check-ins of this period and every note, newest first" in page
    assert "21 earlier check-ins without a note are in the full series." in page
    link = 'href="../../downloads/key-results/roads-repair-days.csv"'
    assert link in page
    series = (site / "downloads" / "key-results" / "roads-repair-days.csv").read_text("utf-8")
    assert len(series.splitlines()) == 1 + 3 + 21  # header, the fixture's three, the history


def test_ten_years_of_daily_figures_make_a_page_under_200_kb(tmp_path: Path) -> None:
    import datetime

    first = datetime.date(2016, 3, 1)  # to 2026-02-26: every day but the fixture's
    days = [first + datetime.timedelta(days=n) for n in range(3650)]
    rows = [
        f"{d.isoformat()},roads-repair-days,{20 + (n % 30) / 3:.1f},\n" for n, d in enumerate(days)
    ]
    years = "".join(f"- id: {y}\n  start: {y}-01-01\n  end: {y}-12-31\n" for y in range(2016, 2026))
    site = with_history(tmp_path, rows, periods=years)
    page = site / "key-results" / "roads-repair-days" / "index.html"
    assert page.stat().st_size < 200_000
    text = page.read_text("utf-8")
    assert "3,651 earlier check-ins without a note are in the full series." in text
    # One image: the period's chart and the strip of the whole series, drawn wide and narrow.
    figure = text.split('<figure class="okr-chart"', 1)[1].split("</figure>", 1)[0]
    assert figure.count('role="img"') == 1 and figure.count("<svg") == 4
    assert (
        "The chart shows April to June 2026; a strip below it shows the whole series since "
        "Mar 1, 2016." in figure
    )


def test_the_events_on_a_chart_are_listed_below_it(minimal_site: Path) -> None:
    page = (minimal_site / "key-results" / "roads-repair-days" / "index.html").read_text("utf-8")
    figure, after = page.split('<figure class="okr-chart"', 1)[1].split("</figure>", 1)
    assert "Marked on it is 1 event: 1: A new app to report potholes, May 4, 2026." in figure
    assert figure.count(">1</text>") == 2  # its number on the wide and on the narrow drawing
    table = after.split('class="okr-table okr-events"', 1)[1].split("</table>", 1)[0]
    assert "<caption>Events marked on the chart</caption>" in table
    row = table.split("<tbody>", 1)[1]
    assert '<th scope="row" class="okr-num">1</th>' in row
    assert '<time datetime="2026-05-04">May 4, 2026</time>' in row
    assert (
        '<a href="https://www.example.org/news/pothole-app/">A new app to report potholes</a>'
        in row
    )
    # The event concerns roads-repair-days alone.
    other = (minimal_site / "key-results" / "parks-satisfaction" / "index.html").read_text("utf-8")
    assert "okr-events" not in other and "Marked on it" not in other


TREES_OKRS = """
  - id: parks-greener
    title: Greener parks
    key_results:
      - id: parks-trees
        title: Trees planted in parks
        unit: trees
        baseline: 0
        target: 12000
        interim_targets:
          - {date: 2026-05-15, value: 2500}
          - {date: 2026-06-20, value: 6000}
"""


@pytest.fixture(scope="module")
def waypoint_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal portal in English and Norwegian with a key result of two interim targets
    (one reached by its date, one still to come) whose latest figure is provisional."""
    root = tmp_path_factory.mktemp("waypoints") / "portal"
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    config = root / "site_config.yml"
    config.write_text(config.read_text("utf-8") + "languages: [en, nb]\n", "utf-8")
    parks = root / "data" / "okrs" / "2026-Q2" / "parks.yml"
    parks.write_text(parks.read_text("utf-8").rstrip("\n") + TREES_OKRS, "utf-8")
    (root / "data" / "checkins" / "trees.csv").write_text(
        "date,key_result,value,provisional\n"
        "2026-05-01,parks-trees,3000,\n"
        "2026-06-10,parks-trees,4100,yes\n",
        "utf-8",
    )
    out = root.parent / "site"
    build(root, out)
    return out


def page_of(site: Path, key_result: str, language: str = "") -> str:
    folder = site / language if language else site
    return (folder / "key-results" / key_result / "index.html").read_text("utf-8")


def test_the_chart_s_sentence_names_the_next_interim_target_in_the_page_s_language(
    waypoint_site: Path,
) -> None:
    english = page_of(waypoint_site, "parks-trees")
    name = html.unescape(re.search(r'role="img" aria-label="([^"]*)"', english).group(1))  # type: ignore[union-attr]
    assert "Next interim target: 6,000 trees by Jun 20, 2026." in name
    assert "The latest value, 4,100 trees (provisional) on Jun 10, 2026" in name
    assert "Following its interim targets, " in name and "of the period had passed" not in name
    assert re.search(
        r"<dt[^>]*>Next interim target</dt><dd[^>]*>6,000 trees by Jun 20, 2026</dd>", english
    )
    norwegian = page_of(waypoint_site, "parks-trees", "nb")
    name = html.unescape(re.search(r'role="img" aria-label="([^"]*)"', norwegian).group(1))  # type: ignore[union-attr]
    assert "Neste delmål: 6\u00a0000 trees innen 20. juni 2026." in name
    assert "4\u00a0100 trees (foreløpig)" in name


def test_the_interim_targets_are_listed_with_whether_each_was_reached(
    waypoint_site: Path,
) -> None:
    page = page_of(waypoint_site, "parks-trees")
    table = page.split('class="okr-table okr-waypoints"', 1)[1].split("</table>", 1)[0]
    assert "<caption>Interim targets on the way to the target</caption>" in table
    assert re.findall(r'<th scope="col">([^<]*)</th>', table) == [
        "Date",
        "Interim target",
        "Reached?",
    ]
    rows = [
        re.sub(r"<[^>]+>", "|", row).replace("\n", "")
        for row in table.split("<tbody>", 1)[1].split("<tr>")[1:]
    ]
    cells = [[c.strip() for c in row.split("|") if c.strip()] for row in rows]
    # 3,000 on 1 May reached the 2,500 of 15 May; 20 June is after the as-of date.
    assert cells == [
        ["May 15, 2026", "2,500 trees", "Reached"],
        ["Jun 20, 2026", "6,000 trees", "Still to come"],
    ]
    assert '<time datetime="2026-05-15">' in table
    # A key result without interim targets has no such table.
    assert "okr-waypoints" not in page_of(waypoint_site, "roads-repair-days")


def test_a_provisional_figure_says_so_in_words_in_its_row_and_under_the_latest_value(
    waypoint_site: Path,
) -> None:
    page = page_of(waypoint_site, "parks-trees")
    body = page.split('class="okr-table okr-checkins"', 1)[1].split("</tbody>", 1)[0]
    newest, older = body.split("<tr>")[2:]
    assert '<td class="okr-num">4,100 trees (provisional)</td>' in newest
    assert "provisional" not in older and '<td class="okr-num">3,000 trees</td>' in older
    latest = re.search(r"<dt[^>]*>Latest</dt><dd[^>]*>(.*?)</dd>", page, re.S).group(1)  # type: ignore[union-attr]
    assert "4,100 trees" in latest and "Provisional: it may still be revised" in latest
    # The unit's table of key results says it too; a final figure says nothing of the kind.
    unit = (waypoint_site / "units" / "parks" / "index.html").read_text("utf-8")
    row = unit.split('<tr id="parks-trees">', 1)[1].split("</tr>", 1)[0]
    assert "Provisional: it may still be revised" in row
    assert "Provisional: it may still be revised" not in page_of(waypoint_site, "roads-repair-days")


def test_the_chart_draws_each_interim_target_and_the_provisional_figure_apart(
    waypoint_site: Path,
) -> None:
    figure = page_of(waypoint_site, "parks-trees").split('<figure class="okr-chart"', 1)[1]
    wide, narrow = (
        figure.split(f'<div class="okr-chart__{layout}">', 1)[1].split("</svg>", 1)[0]
        for layout in ("wide", "narrow")
    )
    diamond = re.compile(
        r'<path [^>]*d="M-([\d.]+),0L0,-\1L\1,0L0,\1Z" fill="white"[^>]* stroke="#1a7f37"'
    )
    hollow = re.compile(
        r'<path [^>]*d="M([\d.]+),0A\1,\1,0,1,1,-\1,0A[^"]*" fill="white"[^>]* stroke="#1f4e79"'
    )
    for svg in (wide, narrow):
        texts = re.findall(r"<text\b[^>]*>([^<]*)</text>", svg)
        assert "Interim target" in texts and "Provisional" in texts  # named in the legend
        # By their radius: the two waypoints and the legend's larger symbol; the one
        # provisional figure and the legend's.
        assert sorted(diamond.findall(svg)) == ["5.477", "5.477", "6.325"]
        assert sorted(hollow.findall(svg)) == ["4.743", "6.325"]
        assert set(re.findall(r'font-size="([^"]+)"', svg)) == {"12px"}
