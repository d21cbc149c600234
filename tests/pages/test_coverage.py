"""``/coverage/``: where reporting is missing, per level and unit, with totals.

The minimal portal (as of 15 June 2026, in 2026-Q2) changed so that every column has something
to count: roads-repair-days is updated weekly, so its figure due on 7 June is overdue (and
roads-budget-use has no figure at all: missing); roads-resurfaced-km (which has a figure) and
the whole parks-clean objective (two key results, one with a figure) are ``publish: false``.
"""

from __future__ import annotations

import html
import posixpath
import re
import shutil
from pathlib import Path

import pytest

from generator.i18n import Language
from generator.load.project import Project, load_project
from generator.pages import urls
from generator.scoring import score
from tests.conftest import FIXTURES, build

LATE_MARK = '<span class="okr-late"><span class="okr-late__symbol" aria-hidden="true">◷</span>'


def changed_portal(root: Path, language: str | None = None) -> Path:
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    okrs = root / "data" / "okrs" / "2026-Q2"
    roads = (okrs / "roads.yml").read_text("utf-8")
    roads = roads.replace(
        "      - id: roads-repair-days\n",
        "      - id: roads-repair-days\n        update_every: weekly\n",
    ).replace(
        "      - id: roads-resurfaced-km\n",
        "      - id: roads-resurfaced-km\n        publish: false\n",
    )
    (okrs / "roads.yml").write_text(roads, "utf-8")
    parks = (okrs / "parks.yml").read_text("utf-8")
    parks = parks.replace("  - id: parks-clean\n", "  - id: parks-clean\n    publish: false\n")
    (okrs / "parks.yml").write_text(parks, "utf-8")
    if language:
        config = root / "site_config.yml"
        text = config.read_text("utf-8").replace("language: en", f"language: {language}")
        config.write_text(text, "utf-8")
    return root


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, Path]:
    folder = tmp_path_factory.mktemp("coverage")
    project = changed_portal(folder / "portal")
    build(project, folder / "site")
    return load_project(project), folder / "site"


@pytest.fixture(scope="module")
def page(portal: tuple[Project, Path]) -> str:
    return (portal[1] / urls.COVERAGE / "index.html").read_text(encoding="utf-8")


def text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def tables(page: str) -> dict[str, tuple[list[str], dict[str, list[str]]]]:
    """Caption -> (column headings, row heading -> its cells), of every table on the page."""
    found = {}
    for table in re.findall(r"<table.*?</table>", page, re.S):
        caption = text(re.search(r"<caption>(.*?)</caption>", table, re.S).group(1))  # type: ignore[union-attr]
        headings = [text(h) for h in re.findall(r'<th scope="col">(.*?)</th>', table, re.S)]
        rows = {}
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table.split("</thead>")[1], re.S):
            heading = re.search(r'<th scope="row">(.*?)</th>', row, re.S)
            assert heading, row
            rows[text(heading.group(1))] = [
                text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            ]
        found[caption] = (headings, rows)
    return found


def part_of(part: int, whole: int) -> str:
    return f"{part} of {whole} ({round(100 * part / whole)}%)" if whole else "0"


def expected_rows(project: Project) -> dict[str, list[str]]:
    """Each unit's row in 2026-Q2 as the fixture's data says it should read, counted here from
    the published data set, its withheld counts and scoring's freshness."""
    data = project.dataset
    figures = score(data, project.as_of, project.settings.status_factors).key_results
    rows = {}
    for unit in data.units.values():
        objectives = data.objectives_of(unit.id, "2026-Q2")
        key_results = [k for o in objectives for k in o.key_results]
        with_figures = sum(1 for k in key_results if k in data.checkins_by_key_result)
        late = sum(1 for k in key_results if figures[k].freshness.late)
        aligned = sum(1 for o in objectives if o.aligns_to)
        held = data.withheld.get((unit.id, "2026-Q2"))
        words = (
            [
                f"{count} {name}{'' if count == 1 else 's'}"
                for count, name in (
                    (held.objectives, "objective"),
                    (held.key_results, "key result"),
                )
                if count
            ]
            if held
            else []
        )
        cells = [
            str(len(objectives)),
            str(len(key_results)),
            part_of(with_figures, len(key_results)),
            f"◷ {late}" if late else "0",
            *([] if unit.level == data.levels[0] else [part_of(aligned, len(objectives))]),
            " and ".join(words) or "None",
        ]
        rows[unit.name] = cells
    return rows


def test_each_unit_s_row_counts_its_reporting(portal: tuple[Project, Path], page: str) -> None:
    project, _ = portal
    shown = tables(page)
    expected = expected_rows(project)
    for level in project.dataset.levels:
        caption = f"Reporting of {level.capitalize()} in April to June 2026"
        _, rows = shown[caption]
        units = project.dataset.units_at_level(level)
        assert list(rows) == [u.name for u in units] + ["Total"], level
        for unit in units:
            assert rows[unit.name] == expected[unit.name], unit.id


def test_the_changed_fixture_reads_as_its_changes_say(page: str) -> None:
    """The same rows written out: a change to the counting shows here even if it were made
    to the test's own counting too."""
    departments = tables(page)["Reporting of Department in April to June 2026"]
    assert departments[0] == [
        "Unit",
        "Objectives",
        "Key results",
        "With figures",
        "Late figures",
        "Aligned to a higher objective",
        "Not published",
    ]
    rows = departments[1]
    assert rows["Roads Department"] == [
        "1",
        "3",
        "2 of 3 (67%)",
        "◷ 2",
        "1 of 1 (100%)",
        "1 key result",
    ]
    assert rows["Parks Department"] == ["0", "0", "0", "0", "0", "1 objective and 2 key results"]
    assert rows["Total"] == [
        "1",
        "3",
        "2 of 3 (67%)",
        "◷ 2",
        "1 of 1 (100%)",
        "1 objective and 3 key results",
    ]
    top_headings, top = tables(page)["Reporting of Organisation in April to June 2026"]
    assert "Aligned to a higher objective" not in top_headings  # no objective above the top
    assert top["Town of Example"] == ["2", "1", "1 of 1 (100%)", "0", "None"]
    assert "2 of 4 units have key results in this period. 3 of 4 key results have figures." in text(
        page
    )


def test_late_figures_are_marked_by_a_symbol_and_words_not_colour(page: str) -> None:
    roads = re.search(r'<th scope="row"><a [^>]*>Roads Department</a></th>(.*?)</tr>', page, re.S)
    assert roads and f"{LATE_MARK} 2</span>" in roads.group(1)
    parks = re.search(r'<th scope="row"><a [^>]*>Parks Department</a></th>(.*?)</tr>', page, re.S)
    assert parks and "okr-late" not in parks.group(1)


def test_unit_names_link_their_unit_pages(portal: tuple[Project, Path], page: str) -> None:
    project, site = portal
    links = dict(re.findall(r'<th scope="row"><a href="([^"]+)">([^<]+)</a></th>', page))
    for unit in project.dataset.units.values():
        href = next(h for h, name in links.items() if name == unit.name)
        target = posixpath.normpath(posixpath.join(urls.COVERAGE, href)) + "/"
        assert target == urls.unit(unit.id)
        assert (site / target / "index.html").is_file()


def test_the_tables_have_captions_and_headers_with_scope(page: str) -> None:
    for table in re.findall(r"<table.*?</table>", page, re.S):
        assert "<caption>" in table
        assert "<th>" not in table  # every header cell says what it heads
        assert table.count('<th scope="row">') == table.count("<tr") - 1  # but the head's row


def test_the_home_page_links_the_coverage_page(portal: tuple[Project, Path]) -> None:
    home = (portal[1] / "index.html").read_text(encoding="utf-8")
    assert f'<a href="{urls.COVERAGE}">Reporting coverage, by unit</a>' in home


def test_numbers_are_written_the_way_of_the_page_s_language(tmp_path: Path) -> None:
    build(changed_portal(tmp_path / "portal", "nb"), tmp_path / "site")
    page = (tmp_path / "site" / urls.COVERAGE / "index.html").read_text(encoding="utf-8")
    rows = tables(page)["Rapportering fra Department i April to June 2026"][1]
    assert rows["Roads Department"][2] == "2 av 3 (67 %)"  # its space a no-break one:
    assert f"2 av 3 ({Language('nb').percent(2 / 3)})" in html.unescape(page)
    assert rows["Parks Department"][-1] == "1 mål og 2 nøkkelresultater"
    assert "2 av 4 enheter har nøkkelresultater i denne perioden." in text(page)
