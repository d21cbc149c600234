"""One view module per page type; :func:`all_pages` lists every data page of a portal."""

from __future__ import annotations

from collections.abc import Iterator

from generator.pages.views import key_result, lists, objective, unit
from generator.pages.views.common import Page, Site


def all_pages(site: Site) -> Iterator[Page]:
    """Every data page, in a stable order (the order the data files give)."""
    yield from lists.pages(site)
    for unit_id in site.dataset.units:
        yield unit.page(site, unit_id)
    for objective_id in site.dataset.objectives:
        yield objective.page(site, objective_id)
    for key_result_id in site.dataset.key_results:
        yield key_result.page(site, key_result_id)
