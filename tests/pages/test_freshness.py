"""Freshness on the pages: when a key result was last updated and its next figure is due; an
overdue one is marked on its page, its objective's and its unit's, and listed on /overdue/.

The minimal portal, as of its newest check-in (15 June 2026, in 2026-Q2), with
``update_every: weekly`` on roads-repair-days (last check-in 31 May: due 7 June, so 8 days late,
past the 7 days' grace) and ``update_every: monthly`` on roads-resurfaced-km (31 May: due 30
June). roads-budget-use and parks-litter-complaints have no check-in at all, past four weeks
and the grace into the period: missing figures. parks-satisfaction has one check-in and no
``update_every``: no cadence to judge by.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

import pytest

from generator.load.project import Project
from generator.pages import urls
from generator.scoring import score
from tests.conftest import FIXTURES, build

LATE_MARK = '<span class="okr-late"><span class="okr-late__symbol" aria-hidden="true">◷</span>'


def with_cadences(root: Path, as_of: str | None = None) -> Path:
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    roads = root / "data" / "okrs" / "2026-Q2" / "roads.yml"
    text = roads.read_text("utf-8")
    for key_result, every in (("roads-repair-days", "weekly"), ("roads-resurfaced-km", "monthly")):
        text = text.replace(
            f"      - id: {key_result}\n",
            f"      - id: {key_result}\n        update_every: {every}\n",
        )
    roads.write_text(text, "utf-8")
    if as_of:
        config = root / "site_config.yml"
        config.write_text(config.read_text("utf-8") + f"as_of: {as_of}\n", "utf-8")
    return root


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("fresh")
    build(with_cadences(folder / "portal"), folder / "site")
    return folder / "site"


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def row(page: str, key_result: str) -> str:
    """The table row of ``key_result`` on an objective's, a unit's or the overdue page."""
    found = re.search(rf'<tr id="{key_result}">(.*?)</tr>', page, re.S)
    assert found, f"no row of {key_result}"
    return found.group(1)


def facts(page: str) -> dict[str, str]:
    return {
        term: html.unescape(re.sub(r"<[^>]+>", "", text)).strip()
        for term, text in re.findall(r"<dt[^>]*>(.*?)</dt><dd[^>]*>(.*?)</dd>", page, re.S)
    }


def test_an_overdue_key_result_is_marked_on_its_page(site: Path) -> None:
    page = read(site, urls.key_result("roads-repair-days"))
    assert f"{LATE_MARK} Not updated since May 31, 2026</span>" in page
    shown = facts(page)
    assert shown["Next figure due"] == "Was due on Jun 7, 2026: 8 days late"
    assert shown["How often it is updated"] == "Every week, as set by its owner"


def test_an_overdue_key_result_is_marked_on_its_objective_s_and_unit_s_pages(site: Path) -> None:
    for path in (urls.objective("roads-faster-repair"), urls.unit("roads")):
        cells = row(read(site, path), "roads-repair-days")
        assert f"{LATE_MARK} Not updated since May 31, 2026</span>" in cells, path


def test_a_fresh_key_result_shows_its_next_due_date_and_no_mark(site: Path) -> None:
    page = read(site, urls.key_result("roads-resurfaced-km"))
    assert "okr-late" not in page
    shown = facts(page)
    assert shown["Last updated"] == "May 31, 2026"
    assert shown["Next figure due"] == "Jun 30, 2026"
    assert shown["How often it is updated"] == "Every month, as set by its owner"
    cells = row(read(site, urls.objective("roads-faster-repair")), "roads-resurfaced-km")
    assert "Next figure due Jun 30, 2026" in cells and "okr-late" not in cells


def test_one_checkin_without_update_every_says_its_cadence_is_not_known(site: Path) -> None:
    shown = facts(read(site, urls.key_result("parks-satisfaction")))
    assert shown["Last updated"] == "May 31, 2026"
    assert shown["Next figure due"] == "Not known yet: it has fewer than two check-ins"
    assert "okr-late" not in read(site, urls.key_result("parks-satisfaction"))


def test_the_overdue_page_lists_late_key_results_by_unit(site: Path) -> None:
    page = read(site, urls.OVERDUE)
    listed = re.findall(r'<tr id="([a-z0-9-]+)">', page)
    assert listed == ["roads-repair-days", "roads-budget-use", "parks-litter-complaints"]
    headings = re.findall(r'<h2 id="unit-\d+"><a href="[^"]+">([^<]+)</a></h2>', page)
    assert headings == ["Roads Department", "Parks Department"]  # data order, each once
    overdue = row(page, "roads-repair-days")
    assert f"{LATE_MARK} May 31, 2026</span>" in overdue and "Jun 7, 2026" in overdue
    assert "8 days" in overdue
    missing = row(page, "parks-litter-complaints")
    assert f"{LATE_MARK} No figures yet</span>" in missing
    assert "Apr 29, 2026" in missing  # four weeks into the period
    assert "As of Jun 15, 2026, 3 key results are overdue or have no figures yet." in page


def test_a_key_result_without_checkins_is_marked_as_missing_figures(site: Path) -> None:
    page = read(site, urls.key_result("roads-budget-use"))
    assert f"{LATE_MARK} No figures yet: the first was due on Apr 29, 2026</span>" in page


def test_the_home_page_links_the_overdue_page(site: Path) -> None:
    home = read(site, urls.HOME)
    assert "3 key results are overdue or have no figures yet." in home
    assert f'href="{urls.OVERDUE}"' in home


def test_after_the_period_nothing_is_overdue(tmp_path: Path) -> None:
    build(with_cadences(tmp_path / "portal", as_of="2026-07-20"), tmp_path / "site")
    site = tmp_path / "site"
    page = read(site, urls.OVERDUE)
    assert "<tr id=" not in page
    assert "every key result of a running period is up to date" in page
    key_result = read(site, urls.key_result("roads-repair-days"))
    assert "okr-late" not in key_result
    assert facts(key_result)["Next figure due"] == "None: its period has ended"


def test_the_sample_lists_exactly_its_late_key_results(sample: Project, sample_site: Path) -> None:
    """The sample shows the feature: overdue figures and missing ones, in its current period
    only, and never a key result checked in on the as-of date."""
    figures = score(sample.dataset, sample.as_of, sample.settings.status_factors)
    listed = set(re.findall(r'<tr id="([a-z0-9-]+)">', read(sample_site, urls.OVERDUE)))
    assert listed == {k for k, f in figures.key_results.items() if f.freshness.late}
    checked_in = {c.key_result for c in sample.dataset.checkins if c.date == sample.as_of}
    current = {
        kr.id
        for kr in sample.dataset.key_results.values()
        if sample.dataset.period_of_key_result(kr.id).contains(sample.as_of)
    }
    assert listed <= current - checked_in
    without_checkins = current - set(sample.dataset.checkins_by_key_result)
    assert listed & without_checkins and listed - without_checkins  # missing and overdue
    assert any(kr.update_every for kr in sample.dataset.key_results.values())
    assert "fire-false-alarms-q4" in listed  # weekly, last checked in on 26 October
    unit = read(sample_site, urls.unit("fire-safety"))
    assert f"{LATE_MARK} Not updated since Oct 26, 2026</span>" in row(unit, "fire-false-alarms-q4")
