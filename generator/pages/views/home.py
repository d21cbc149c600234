"""``/``: the data part of the home page, below the publisher's own text: status totals of the
current period, the top level's objectives, the latest check-ins and the ways in."""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from generator.model import CheckIn
from generator.pages import feeds, urls
from generator.pages.feeds import FeedLink
from generator.pages.formatting import LATE_SYMBOL, Progress
from generator.pages.links import Link
from generator.pages.site import Site
from generator.pages.views import overdue
from generator.pages.views.changes import HistorySection, home_section
from generator.pages.views.parts import (
    ObjectiveSummary,
    Page,
    StatusCount,
    counts,
    objective_summaries,
    roll_up_progress,
)

#: The home page lists the units of a level by name only up to this many; beyond, the level's
#: own page does (a national portal may have thousands of teams).
HOME_UNITS_PER_LEVEL = 30
LATEST_CHECKINS = 8


@dataclass(frozen=True)
class LatestCheckIn:
    date: str
    key_result: Link
    unit: str
    value: str


@dataclass(frozen=True)
class HomeBody:
    organisation: str
    period: Link | None
    as_of: str
    progress: Progress | None
    counts: tuple[StatusCount, ...]
    objectives: tuple[ObjectiveSummary, ...]
    latest: tuple[LatestCheckIn, ...]
    target_changes: HistorySection
    levels: tuple[tuple[Link, tuple[Link, ...]], ...]
    themes: tuple[Link, ...]
    periods: tuple[Link, ...]
    licence: str | None
    downloads: tuple[Link, ...]
    feeds: tuple[FeedLink, ...]  # new figures; updates too where the posts are published
    data: Link  # the page that explains every file and column
    accessibility: Link
    how_to_read: Link  # what the figures and words mean
    overdue: Link
    coverage: Link  # where reporting is missing, by unit
    overdue_summary: str
    overdue_symbol: str  # beside the summary when some figures are late; empty otherwise


def body(site: Site, updates_feed: bool = False) -> HomeBody:
    """``updates_feed``: posts were published in this build (default language only)."""
    path = urls.HOME
    dataset, fmt, links = site.dataset, site.fmt, site.links
    period = site.current_period
    roll_up = site.figures.periods.get(period.id) if period else None
    top = dataset.levels[0]
    top_objectives = tuple(
        o
        for o in (dataset.objectives_in_period(period.id) if period else ())
        if dataset.units[o.unit].level == top
    )
    late = len(overdue.late_key_results(site))
    newest = heapq.nlargest(LATEST_CHECKINS, dataset.checkins, key=lambda c: (c.date, c.key_result))
    return HomeBody(
        organisation=site.settings.organisation,
        period=links.period(period, path) if period else None,
        as_of=fmt.date(site.figures.as_of),
        progress=roll_up_progress(site, roll_up, period) if roll_up else None,
        counts=counts(site, roll_up),
        objectives=objective_summaries(site, top_objectives, path),
        latest=tuple(latest_checkin(site, checkin, path) for checkin in newest),
        target_changes=home_section(site, path),
        levels=tuple(
            (
                links.level(level, path),
                tuple(links.unit(u, path) for u in units)
                if len(units) <= HOME_UNITS_PER_LEVEL
                else (),
            )
            for level in dataset.levels
            for units in [dataset.units_at_level(level)]
        ),
        themes=tuple(links.theme(t, path) for t in dataset.themes.values()),
        periods=tuple(links.period(p, path) for p in site.periods_newest_first),
        licence=site.settings.licence,
        accessibility=links.to(path, urls.ACCESSIBILITY, fmt._("Accessibility statement")),
        how_to_read=links.to(path, urls.HOW_TO_READ, fmt._("How to read this portal")),
        overdue=links.to(path, urls.OVERDUE, fmt._("Overdue figures, by unit")),
        coverage=links.to(path, urls.COVERAGE, fmt._("Reporting coverage, by unit")),
        overdue_summary=overdue.summary(site, late),
        overdue_symbol=LATE_SYMBOL if late else "",
        downloads=(
            links.shared(
                path, urls.KEY_RESULTS_CSV, fmt._("Key results, with their latest figures (CSV)")
            ),
            links.shared(path, urls.OBJECTIVES_CSV, fmt._("Objectives, with their progress (CSV)")),
            links.shared(path, urls.CHECKINS_CSV, fmt._("Every check-in (CSV)")),
            links.shared(
                path, urls.PORTAL_JSON, fmt._("The whole portal, with every figure (JSON)")
            ),
        ),
        feeds=feeds.site_links(site, path, updates_feed),
        data=links.to(path, urls.DATA, fmt._("What each file and column holds")),
    )


def page(site: Site) -> Page:
    """The home page of a language other than the default, whose home page is the publisher's
    own ``content/index.md`` with :func:`body` below it."""
    title = site.settings.title
    description = site.fmt._(
        "Objectives and key results of %(unit)s", unit=site.settings.organisation
    )
    home = body(site)
    return Page(urls.HOME, "okr/home_page.html", title, description, (), home, feeds=home.feeds)


def latest_checkin(site: Site, checkin: CheckIn, path: str) -> LatestCheckIn:
    kr = site.dataset.key_results[checkin.key_result]
    unit = site.dataset.units[site.dataset.objectives[kr.objective].unit]
    return LatestCheckIn(
        date=site.fmt.date(checkin.date),
        key_result=site.links.to(path, urls.key_result(kr.id), kr.title),
        unit=unit.name,
        value=site.fmt.value(checkin.value, kr, checkin.provisional),
    )
