"""Fixtures of the export tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, build

HOSTILE_TITLE = '=HYPERLINK("https://evil.example/","click")'


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal portal with titles and notes a spreadsheet would run, a negative value,
    and check-in authors published."""
    root = tmp_path_factory.mktemp("hostile")
    project = root / "portal"
    shutil.copytree(FIXTURES / "minimal", project, ignore=shutil.ignore_patterns(".okr-cache"))
    config = project / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8") + "publish_authors: true\n", "utf-8")
    roads = project / "data" / "okrs" / "2026-Q2" / "roads.yml"
    roads.write_text(
        roads.read_text(encoding="utf-8")
        .replace("title: Days to repair a reported pothole", f"title: '{HOSTILE_TITLE}'")
        .replace("title: Repair roads faster", "title: '+Repair roads faster'")
        .replace("unit: km", "unit: '@km'"),
        encoding="utf-8",
    )
    checkins = project / "data" / "checkins" / "q2.csv"
    checkins.write_text(
        checkins.read_text(encoding="utf-8").replace("New crew started", "-crew started")
        + "2026-06-10,roads-resurfaced-km,-3,,,,,,\n",
        encoding="utf-8",
    )
    build(project, root / "site")
    return root / "site"
