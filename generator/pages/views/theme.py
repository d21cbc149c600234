"""``/themes/<theme-id>/``, a theme's objectives by period, and ``/themes/``, the index."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.pages import urls
from generator.pages.links import Link
from generator.pages.markdown import clean_markdown
from generator.pages.site import Site
from generator.pages.views.parts import (
    EventList,
    IndexBody,
    IndexEntry,
    ObjectiveSummary,
    Page,
    event_list,
    objective_summaries,
)


@dataclass(frozen=True)
class PeriodGroup:
    period: Link
    objectives: tuple[ObjectiveSummary, ...]


@dataclass(frozen=True)
class ThemeBody:
    description: Markup
    periods: tuple[PeriodGroup, ...]
    events: EventList


def page(site: Site, theme_id: str) -> Page:
    theme = site.dataset.themes[theme_id]
    path = urls.theme(theme_id)
    objectives = site.dataset.objectives_with_theme(theme_id)
    groups = tuple(
        PeriodGroup(
            site.links.period(period, path),
            objective_summaries(site, tuple(o for o in objectives if o.period == period.id), path),
        )
        for period in site.periods_newest_first
        if any(o.period == period.id for o in objectives)
    )
    return Page(
        path=path,
        template="okr/theme.html",
        title=theme.name,
        description=site.fmt._("Objectives on the theme %(theme)s", theme=theme.name),
        breadcrumbs=(
            site.links.home(path),
            site.links.to(path, urls.THEMES, site.fmt._("Themes")),
        ),
        body=ThemeBody(
            clean_markdown(theme.description),
            groups,
            event_list(
                site,
                [site.dataset.key_results[k] for o in objectives for k in o.key_results],
                [e for e in site.dataset.events if theme_id in e.themes],
                path,
            ),
        ),
    )


def index(site: Site) -> Page:
    path = urls.THEMES
    entries = tuple(
        IndexEntry(
            site.links.theme(t, path),
            site.fmt.ngettext(
                "%(count)s objective",
                "%(count)s objectives",
                len(site.dataset.objectives_with_theme(t.id)),
            ),
        )
        for t in site.dataset.themes.values()
    )
    return Page(
        path=path,
        template="okr/index_list.html",
        title=site.fmt._("Themes"),
        description=site.fmt._("Cross-cutting themes and the objectives on each"),
        breadcrumbs=(site.links.home(path),),
        body=IndexBody(entries),
    )
