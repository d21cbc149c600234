"""The pipeline: load -> score -> charts -> views -> pages. It knows nothing of MkDocs.

``prepare`` does all the work that can fail on the data (loading, validation, scoring, charts)
before a single file is written; ``write_data_pages`` then pours the pages into a site folder
whose chrome (the shells) the MkDocs adapter has rendered.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from jinja2 import Environment

from generator.charts.render import render_svgs
from generator.charts.spec import input_key
from generator.exports import open_data
from generator.exports.redirects import redirect_page, redirects
from generator.i18n import Language
from generator.load.project import Project, load_project
from generator.pages import render, urls
from generator.pages.views import all_pages
from generator.pages.views.common import Page, Site
from generator.pages.views.key_result import chart_input
from generator.pages.views.lists import home
from generator.scoring import score

CACHE_DIR = ".okr-cache"


@dataclass
class Portal:
    """A portal ready to write: its data, figures, charts and every data page."""

    project: Project
    site: Site
    env: Environment
    pages: list[Page]

    @cached_property
    def depths(self) -> set[int]:
        """Folder depths of the data pages: one shell of page chrome is needed for each."""
        return {urls.depth(p.path) for p in self.pages}


def prepare(root: Path, cache_dir: Path | None = None, workers: int | None = None) -> Portal:
    """Load, validate, score and chart the portal in ``root``; raises ``DataError`` on bad data."""
    project = load_project(root)
    settings = project.settings
    figures = score(project.dataset, project.as_of, settings.status_factors)
    site = Site(settings, project.dataset, figures, Language(settings.language))
    site.charts = render_charts(site, root / CACHE_DIR if cache_dir is None else cache_dir, workers)
    theme_dirs = [root / "theme"] if (root / "theme").is_dir() else []
    env = render.environment(site.language, theme_dirs)
    return Portal(project, site, env, list(all_pages(site)))


def render_charts(site: Site, cache_dir: Path, workers: int | None) -> dict[str, str]:
    """Key result id -> SVG of its chart, for every key result with a check-in."""
    inputs = {
        kr.id: chart for kr in site.dataset.key_results.values() if (chart := chart_input(site, kr))
    }
    keys = {kr_id: input_key(chart) for kr_id, chart in inputs.items()}
    svgs = render_svgs(
        {keys[k]: chart for k, chart in inputs.items()}, cache_dir, workers or os.cpu_count() or 1
    )
    return {kr_id: svgs[key] for kr_id, key in keys.items()}


def home_html(portal: Portal) -> str:
    """The data part of the home page (status totals, top objectives, ways in)."""
    return portal.env.get_template("okr/home.html").render(body=home(portal.site))


def write_data_pages(portal: Portal, site_dir: Path, shells: dict[int, render.Shell]) -> list[str]:
    """Write every data page, open-data file and redirect into ``site_dir``; returns the paths
    of the pages."""
    settings = portal.site.settings
    written = render.write_pages(
        portal.env, portal.pages, site_dir, shells, settings.title, settings.base_url
    )
    dataset, figures = portal.site.dataset, portal.site.figures
    base = settings.base_url or ""
    downloads = {
        urls.KEY_RESULTS_CSV: open_data.key_results_csv(dataset, figures, base),
        urls.OBJECTIVES_CSV: open_data.objectives_csv(dataset, figures, base),
        urls.CHECKINS_CSV: open_data.checkins_csv(dataset, settings.publish_authors),
    }
    for path, text in downloads.items():
        render.write_text(site_dir / path, text)
    moved = portal.site._("This page has moved")
    for old, new in redirects(portal.site.dataset):
        render.write_text(
            site_dir / old / "index.html", redirect_page(old, new, settings.base_url, moved)
        )
    return written
