"""``/objectives/<objective-id>/``: what it is for, who owns it, how it connects, its key results."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.pages import urls
from generator.pages.links import Link
from generator.pages.markdown import clean_markdown
from generator.pages.site import Site
from generator.pages.views.changes import HistorySection, objective_section
from generator.pages.views.parts import (
    Citation,
    ObjectiveSummary,
    Page,
    budget_text,
    citation,
    feedback_link,
    objective_summary,
)


@dataclass(frozen=True)
class ObjectiveBody:
    summary: ObjectiveSummary
    description: Markup
    owner: str | None
    aligns_to: tuple[Link, ...]
    contributors: tuple[Link, ...]
    shared_with: tuple[Link, ...]
    themes: tuple[Link, ...]
    commitment: str  # what an aspirational objective is, in words; empty when committed
    budget: str  # the money set aside for it, formatted; empty when not given
    cite: Citation
    feedback: Link | None
    history: HistorySection


def page(site: Site, objective_id: str) -> Page:
    dataset = site.dataset
    objective = dataset.objectives[objective_id]
    path = urls.objective(objective_id)
    unit = dataset.units[objective.unit]

    def objective_link(other_id: str) -> Link:
        other = dataset.objectives[other_id]
        owner = dataset.units[other.unit].name
        return site.links.to(path, urls.objective(other_id), f"{other.title} ({owner})")

    body = ObjectiveBody(
        summary=objective_summary(site, objective, path),
        description=clean_markdown(objective.description),
        owner=objective.owner,
        aligns_to=tuple(objective_link(o) for o in objective.aligns_to),
        contributors=tuple(objective_link(o) for o in dataset.contributors.get(objective_id, ())),
        shared_with=tuple(site.links.unit(dataset.units[u], path) for u in objective.shared_with),
        themes=tuple(site.links.theme(dataset.themes[t], path) for t in objective.themes),
        commitment=site.fmt.commitment_explained(objective.commitment),
        budget=budget_text(site, (objective.budget,) if objective.budget else ()),
        cite=citation(site, path, objective.title),
        feedback=feedback_link(site, objective_id, objective.title, path),
        history=objective_section(site, objective_id, path),
    )
    return Page(
        path=path,
        template="okr/objective.html",
        title=objective.title,
        description=site.fmt._(
            "Objective of %(unit)s for %(period)s",
            unit=unit.name,
            period=site.fmt.period_label(dataset.periods[objective.period]),
        ),
        breadcrumbs=site.links.unit_trail(unit, path),
        body=body,
        search_text=" ".join(
            [objective.description, *(dataset.key_results[k].title for k in objective.key_results)]
        ),
    )
