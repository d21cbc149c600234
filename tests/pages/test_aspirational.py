"""Aspirational items (contract 1.1 ``commitment: aspirational``): labelled wherever they
appear, their status told as how far they got, never in the words of failure, and counted
apart from committed ones in every roll-up.

The minimal portal with ``roads-faster-repair`` made aspirational: its key results are then
stretch goals. One of them, roads-resurfaced-km, is 4 of 12 km at the end of its period, which
a committed key result would show as off track.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.pages import urls
from tests.conftest import FIXTURES, build

STRETCH = '<span class="okr-status okr-status--aspirational">'
OFF_TRACK = "okr-status--off_track"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("aspirational")
    root = folder / "portal"
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    roads = root / "data" / "okrs" / "2026-Q2" / "roads.yml"
    text = roads.read_text("utf-8").replace(
        "    title: Repair roads faster\n",
        "    title: Repair roads faster\n    commitment: aspirational\n",
    )
    roads.write_text(text, "utf-8")
    build(root, folder / "site")
    return folder / "site"


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text("utf-8")


def words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_stretch_goal_says_how_far_it_got(site: Path) -> None:
    text = page(site, urls.key_result("roads-resurfaced-km"))
    assert "Stretch goal: 33% of the way" in words(text)
    assert "Aspirational: a stretch goal, where falling short is expected" in words(text)
    assert OFF_TRACK not in text and "Off track" not in words(text)
    assert "At risk" not in words(text)  # not the owner's own "at risk" of 31 May either


def test_the_objective_and_its_key_results_are_labelled(site: Path) -> None:
    objective = page(site, urls.objective("roads-faster-repair"))
    assert "Aspirational: a stretch goal" in words(objective)
    assert objective.count('class="okr-kind okr-kind--aspirational"') == 4  # each key result
    unit = page(site, urls.unit("roads"))
    assert '<span class="okr-kind okr-kind--aspirational">Aspirational</span>' in unit


def test_roll_ups_count_stretch_goals_apart(site: Path) -> None:
    """The town's period holds 4 stretch goals of roads and 3 committed key results of parks
    and town: the off-track count is of the committed ones alone."""
    period = words(page(site, urls.period("2026-Q2")))
    assert re.search(r"☆ Stretch goals 4\b", period), period
    home = page(site, urls.HOME)
    assert STRETCH in home


def test_the_feed_does_not_tell_a_stretch_goal_in_words_of_failure(site: Path) -> None:
    feed = (site / urls.unit_feed("roads")).read_text("utf-8")
    assert "At risk" not in feed and "Off track" not in feed
    assert "Stretch goal" in feed
