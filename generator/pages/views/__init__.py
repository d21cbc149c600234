"""One view module per page type; :func:`all_pages` lists every data page of a portal.

A view turns the site model into a dataclass of ready values: formatted, translated, linked.
Templates only place them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial

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
    return (make() for make in page_makers(site))


def page_makers(site: Site) -> Iterator[Callable[[], Page]]:
    """What makes each data page, in the order of :func:`all_pages`: a page can be made
    again, alone, where its values are needed."""
    for level_id in site.dataset.levels:
        yield partial(level.page, site, level_id)
    yield partial(period.index, site)
    for period_id in site.dataset.periods:
        yield partial(period.page, site, period_id)
        yield partial(changes.page, site, period_id)
    yield partial(theme.index, site)
    for theme_id in site.dataset.themes:
        yield partial(theme.page, site, theme_id)
    for unit_id in site.dataset.units:
        yield partial(unit.page, site, unit_id)
    for objective_id in site.dataset.objectives:
        yield partial(objective.page, site, objective_id)
    for key_result_id in site.dataset.key_results:
        yield partial(key_result.page, site, key_result_id)
    for view in (data, overdue, coverage, how_to_read, accessibility, search):
        yield partial(view.page, site)
    yield partial(search.a_z, site)
