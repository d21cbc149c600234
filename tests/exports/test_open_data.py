"""Open data: the figures behind the pages, as CSV a spreadsheet or a script can read."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from generator.load.project import Project
from generator.pages import urls
from generator.scoring import score


def rows(site: Path, path: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((site / path).read_text(encoding="utf-8"))))


def test_key_results_csv_holds_every_key_result_with_its_computed_figures(
    sample: Project, sample_site: Path
) -> None:
    figures = score(sample.dataset, sample.as_of, sample.settings.status_factors)
    table = {row["key_result"]: row for row in rows(sample_site, urls.KEY_RESULTS_CSV)}
    assert list(table) == list(sample.dataset.key_results)
    for kr_id, row in table.items():
        f = figures.key_results[kr_id]
        assert row["status"] == f.status.value
        if f.progress is None:
            assert row["progress"] == "" and row["latest_value"] == ""
        else:
            assert float(row["progress"]) == pytest.approx(f.progress, abs=1e-6)
            assert float(row["latest_value"]) == f.latest_value
        assert row["page"] == f"{sample.settings.base_url}{urls.key_result(kr_id)}"


def test_checkins_csv_has_every_checkin_in_machine_format_and_no_author(
    sample: Project, sample_site: Path
) -> None:
    table = rows(sample_site, urls.CHECKINS_CSV)
    assert len(table) == len(sample.dataset.checkins)
    assert "author" not in table[0]
    authors = {c.author for c in sample.dataset.checkins if c.author}
    text = (sample_site / urls.CHECKINS_CSV).read_text(encoding="utf-8")
    assert authors and not any(author in text for author in authors)
    decimal = next(c for c in sample.dataset.checkins if not float(c.value).is_integer())
    assert any(r["value"] == repr(decimal.value) for r in table)  # a point, never a comma


def test_objectives_csv_counts_key_results_by_status(sample: Project, sample_site: Path) -> None:
    table = {row["objective"]: row for row in rows(sample_site, urls.OBJECTIVES_CSV)}
    assert list(table) == list(sample.dataset.objectives)
    for objective in sample.dataset.objectives.values():
        row = table[objective.id]
        counted = sum(int(row[s]) for s in ("on_track", "at_risk", "off_track", "no_data"))
        assert counted == len(objective.key_results)


def test_home_page_links_the_downloads(sample_site: Path) -> None:
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    for path in (urls.KEY_RESULTS_CSV, urls.OBJECTIVES_CSV, urls.CHECKINS_CSV):
        assert f'href="{path}"' in home
