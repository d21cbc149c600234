"""A figure quoted in a post (a quarterly update), as it stood on the post's date.

The site model a quote reads is made as of that date: the figures, the charts and the latest
values are those the post's readers saw, so a published update never changes afterwards. Each
quote links to the figure as it is today.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.pages import urls
from generator.pages.formatting import Progress
from generator.pages.links import Link
from generator.pages.site import Site
from generator.pages.views.key_result import ChartImage, chart_image, summary
from generator.pages.views.parts import (
    KeyResultRow,
    ObjectiveSummary,
    key_result_row,
    objective_summary,
)

#: What a post may quote, and whether it names an objective (else a key result).
QUOTE_KINDS = {
    "key_result": False,
    "value": False,
    "progress": False,
    "chart": False,
    "objective": True,
}


@dataclass(frozen=True)
class Quote:
    id: str  # the quoted item's id
    kind: str
    title: str
    as_of: str  # "As of 12 Oct 2026"
    today: Link  # the same figure as it is today
    row: KeyResultRow | None = None
    objective: ObjectiveSummary | None = None
    chart: ChartImage | None = None
    chart_summary: str = ""

    @property
    def caption(self) -> str:
        return f"{self.title} ({self.as_of})"

    @property
    def value(self) -> str:
        return self.row.latest if self.row else ""

    @property
    def progress(self) -> Progress | None:
        return self.row.progress if self.row else None


def quote(site: Site, kind: str, item_id: str, from_path: str) -> Quote:
    """``kind`` of ``item_id`` as of ``site``'s date, for a post at ``from_path``."""
    as_of = site.fmt._("As of %(date)s", date=site.fmt.date(site.figures.as_of))
    if QUOTE_KINDS[kind]:
        objective = site.dataset.objectives[item_id]
        return Quote(
            id=item_id,
            kind=kind,
            title=objective.title,
            as_of=as_of,
            today=site.links.to(from_path, urls.objective(item_id), site.fmt._("Today's figures")),
            objective=objective_summary(site, objective, from_path),
        )
    kr = site.dataset.key_results[item_id]
    return Quote(
        id=item_id,
        kind=kind,
        title=kr.title,
        as_of=as_of,
        today=site.links.to(from_path, urls.key_result(item_id), site.fmt._("Today's figures")),
        row=key_result_row(site, kr, from_path),
        chart=chart_image(site, kr),
        chart_summary=summary(site, kr),
    )
