"""Parts several pages share, made once: the same values wherever they are shown, with links
that lead to the same place from every page."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.build import prepare, release
from generator.pages.site import Site
from generator.pages.views import key_result
from generator.pages.views.parts import key_result_row, objective_summary
from tests.conftest import FIXTURES


def _minimal_site(tmp_path: Path) -> Site:
    project = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", project, ignore=shutil.ignore_patterns(".okr-cache"))
    try:
        return prepare(project, tmp_path / "cache", workers=1).site
    finally:
        release()


def test_an_objective_summary_links_right_from_pages_at_every_depth(tmp_path: Path) -> None:
    site = _minimal_site(tmp_path)
    objective = next(iter(site.dataset.objectives.values()))
    target = f"objectives/{objective.id}/"
    for from_path, up in (("", ""), ("units/x/", "../../"), ("a/b/c/", "../../../")):
        summary = objective_summary(site, objective, from_path)
        assert summary.link.href == up + target
        assert summary.unit.href == f"{up}units/{objective.unit}/"
        for row in summary.key_results:
            assert row.link.href == f"{up}key-results/{row.id}/"
    # Two pages at one depth (a unit's and a theme's) are given the same summary.
    assert objective_summary(site, objective, "units/x/") == objective_summary(
        site, objective, "themes/y/"
    )


def test_a_key_result_row_links_right_from_pages_at_every_depth(tmp_path: Path) -> None:
    site = _minimal_site(tmp_path)
    kr = next(iter(site.dataset.key_results.values()))
    for from_path, up in (("", ""), ("units/x/", "../../"), ("a/b/c/", "../../../")):
        assert key_result_row(site, kr, from_path).link.href == f"{up}key-results/{kr.id}/"
    # The key result's page shows the very row its objective's summary shows: made once.
    objective = site.dataset.objectives[kr.objective]
    on_page = key_result.page(site, kr.id).body.row
    in_summary = objective_summary(site, objective, f"objectives/{objective.id}/").key_results
    assert any(row is on_page for row in in_summary)
