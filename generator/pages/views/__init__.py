"""One view module per page type; :func:`all_pages` lists every data page of a portal.

A view turns the site model into a dataclass of ready values: formatted, translated, linked.
Templates only place them.
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.pages.site import Site
from generator.pages.views import (
    accessibility,
    changes,
    coverage,
    data,
    how_to_read,
    key_result,
    level,
    objective,
    overdue,
    period,
    search,
    theme,
    unit,
)
from generator.pages.views.parts import Page


def all_pages(site: Site) -> Iterator[Page]:
    """Every data page, in a stable order (the order the data files give)."""
    for level_id in site.dataset.levels:
        yield level.page(site, level_id)
    yield period.index(site)
    for period_id in site.dataset.periods:
        yield period.page(site, period_id)
        yield changes.page(site, period_id)
    yield theme.index(site)
    for theme_id in site.dataset.themes:
        yield theme.page(site, theme_id)
    for unit_id in site.dataset.units:
        yield unit.page(site, unit_id)
    for objective_id in site.dataset.objectives:
        yield objective.page(site, objective_id)
    for key_result_id in site.dataset.key_results:
        yield key_result.page(site, key_result_id)
    yield data.page(site)
    yield overdue.page(site)
    yield coverage.page(site)
    yield how_to_read.page(site)
    yield accessibility.page(site)
    yield search.page(site)
    yield search.a_z(site)
