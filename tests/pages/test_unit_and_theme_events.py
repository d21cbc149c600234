"""Events on the pages of their units and themes: each event that concerns a unit's (or a
theme's) key results and falls in their charts' span is listed with links to those charts, as
are events that name the unit or theme itself. Events that name nothing mark every chart and
are not listed on every page.

The minimal portal's one event (4 May 2026, a new app to report potholes) names
roads-repair-days; here a second names the theme mobility and a third names nothing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.pages import urls
from tests.conftest import FIXTURES, build


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("events")
    root = folder / "portal"
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    with (root / "data" / "events.yml").open("a", encoding="utf-8") as events:
        events.write(
            "- date: 2026-05-20\n  title: Speed limit lowered to 30 km/h\n  themes: [mobility]\n"
            "- date: 2026-05-25\n  title: National roads budget published\n"
        )
    build(root, folder / "site")
    return folder / "site"


def events_section(site: Path, path: str) -> str:
    page = (site / path / "index.html").read_text("utf-8")
    found = re.search(r'<h2 id="events">.*?</table>', page, re.S)
    return found.group(0) if found else ""


def test_a_unit_lists_the_events_marked_on_its_charts(site: Path) -> None:
    section = events_section(site, urls.unit("roads"))
    assert "A new app to report potholes" in section
    assert 'href="https://www.example.org/news/pothole-app/"' in section
    assert 'href="../../key-results/roads-repair-days/"' in section
    assert "National roads budget published" not in section  # on every chart, listed nowhere


def test_a_theme_lists_the_events_that_name_it_and_mark_its_charts(site: Path) -> None:
    section = events_section(site, urls.theme("mobility"))
    assert "Speed limit lowered to 30 km/h" in section
    assert 'href="../../key-results/town-injuries/"' in section
    assert "A new app to report potholes" not in section  # roads' objective has no theme


def test_a_unit_without_events_has_no_section(site: Path) -> None:
    assert events_section(site, urls.unit("parks")) == ""
