"""Parts several pages share, made once: the same values wherever they are shown, with links
that lead to the same place from every page."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.build import prepare, release
from generator.pages.views.parts import objective_summary
from tests.conftest import FIXTURES


def test_an_objective_summary_links_right_from_pages_at_every_depth(tmp_path: Path) -> None:
    project = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", project, ignore=shutil.ignore_patterns(".okr-cache"))
    try:
        site = prepare(project, tmp_path / "cache", workers=1).site
    finally:
        release()
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
