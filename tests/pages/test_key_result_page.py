"""A key result's page on the minimal portal: its check-in table says only what was filled in."""

from __future__ import annotations

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
    # roads-repair-days: one of three check-ins has a status, confidence, progress and plans;
    # none has problems; authors are not published.
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
    assert len(rows) == 3 and all(row.count("<td") == len(headings) - 1 for row in rows)


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
