"""``/objectives/<objective-id>/``: what it is for, who owns it, how it connects, its key results."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.pages import urls
from generator.pages.views.common import Link, ObjectiveSummary, Page, Site


@dataclass(frozen=True)
class ObjectiveBody:
    summary: ObjectiveSummary
    description: Markup
    owner: str | None
    aligns_to: tuple[Link, ...]
    contributors: tuple[Link, ...]
    shared_with: tuple[Link, ...]
    themes: tuple[Link, ...]


def page(site: Site, objective_id: str) -> Page:
    objective = site.dataset.objectives[objective_id]
    path = urls.objective(objective_id)
    unit = site.dataset.units[objective.unit]
    objectives = site.dataset.objectives

    def objective_link(other_id: str) -> Link:
        other = objectives[other_id]
        owner = site.dataset.units[other.unit].name
        return Link(urls.relative(path, urls.objective(other_id)), f"{other.title} ({owner})")

    body = ObjectiveBody(
        summary=site.objective_summary(objective, path),
        description=site.markdown(objective.description),
        owner=objective.owner,
        aligns_to=tuple(objective_link(o) for o in objective.aligns_to),
        contributors=tuple(
            objective_link(o) for o in site.dataset.contributors.get(objective_id, ())
        ),
        shared_with=tuple(
            site.unit_link(site.dataset.units[u], path) for u in objective.shared_with
        ),
        themes=tuple(
            Link(urls.relative(path, urls.theme(t)), site.dataset.themes[t].name)
            for t in objective.themes
        ),
    )
    return Page(
        path=path,
        template="okr/objective.html",
        title=objective.title,
        description=site._(
            "Objective of %(unit)s for %(period)s",
            unit=unit.name,
            period=site.period_label(site.dataset.periods[objective.period]),
        ),
        breadcrumbs=site.unit_trail(unit, path),
        body=body,
        search_text=" ".join(
            [
                objective.description,
                *(site.dataset.key_results[k].title for k in objective.key_results),
            ]
        ),
    )
