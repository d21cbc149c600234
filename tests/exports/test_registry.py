"""Every export is one module in ``EXPORTS``, ``WITH_PAGES`` or ``AFTER_PAGES``, writing through the one
``SiteFolder``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator.exports import AFTER_PAGES, EXPORTS, ON_DEMAND, WITH_PAGES, redirects, sitemap
from generator.load.project import load_project
from tests.conftest import FIXTURES, ROOT, build

MINIMAL = FIXTURES / "minimal"


def test_every_export_module_is_in_exactly_one_registry() -> None:
    folder = ROOT / "generator" / "exports"
    modules = sorted(f.stem for f in folder.glob("*.py") if f.stem != "__init__")
    written = [
        export.__module__.rsplit(".", 1)[1] for export in (*EXPORTS, *WITH_PAGES, *AFTER_PAGES)
    ]
    on_demand = [module.__name__.rsplit(".", 1)[1] for module in ON_DEMAND]
    assert sorted(written + on_demand) == modules  # each once: in one registry, not in two
    assert all(export.__name__ == "write" for export in (*EXPORTS, *WITH_PAGES, *AFTER_PAGES))
    # An on-demand format is never written into a site, so it has no write() to be run by mistake.
    assert on_demand and not any(hasattr(module, "write") for module in ON_DEMAND)


def test_the_sitemap_lists_the_home_page_at_the_base_url(sample_site: Path) -> None:
    base_url = load_project(ROOT).settings.base_url
    assert base_url is not None
    text = (sample_site / sitemap.SITEMAP).read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", text)
    assert f"{base_url}" in locations
    assert not [loc for loc in locations if "/./" in loc or "_okr-shell" in loc]
    assert f"{base_url}about/" in locations  # a hand-written page
    assert f"{base_url}units/city/" in locations  # a data page


def test_a_period_s_former_id_redirects_in_the_portal_language(tmp_path: Path) -> None:
    project = tmp_path / "portal"
    shutil.copytree(MINIMAL, project, ignore=shutil.ignore_patterns(".okr-cache", "site"))
    periods = project / "data" / "periods.yml"
    text = periods.read_text(encoding="utf-8").replace(
        "- id: 2026-Q2\n", "- id: 2026-Q2\n  formerly: [2026-H1]\n"
    )
    periods.write_text(text, encoding="utf-8")
    assert ("periods/2026-h1/", "periods/2026-q2/") in list(
        redirects.redirects(load_project(project).dataset)
    )
    build(project, tmp_path / "site")
    page = (tmp_path / "site" / "periods" / "2026-h1" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in page
    assert 'content="0; url=../../periods/2026-q2/"' in page
