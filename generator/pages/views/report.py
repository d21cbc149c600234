"""The print-ready report of one unit's objectives in one period: the ready values of the PDF
that ``generator.exports.reports`` writes from ``theme/okr/report.html``.

It shows what the unit's page and the key result pages show, from the same pieces (key result
rows, objective summaries, check-in rows, chart summaries), arranged for paper.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from markupsafe import Markup

from generator.model import KeyResult, Objective, Period
from generator.pages import urls
from generator.pages.formatting import Progress
from generator.pages.links import Link
from generator.pages.markdown import clean_markdown
from generator.pages.site import Site
from generator.pages.views.key_result import CheckInRow, checkin_row, summary
from generator.pages.views.parts import (
    KeyResultRow,
    ObjectiveSummary,
    StatusCount,
    counts,
    key_result_row,
    objective_summary,
    roll_up_progress,
)


@dataclass(frozen=True)
class Chart:
    """A key result's chart as an image: the site's SVG in a ``data:`` URL, so the PDF renderer
    fetches nothing, with the text alternative a tagged PDF needs on every figure."""

    src: str
    alt: str
    caption: str


@dataclass(frozen=True)
class ReportKeyResult:
    row: KeyResultRow
    chart: Chart | None
    notes: tuple[CheckInRow, ...]  # the period's check-ins that carry a note, newest first


@dataclass(frozen=True)
class ReportObjective:
    summary: ObjectiveSummary
    owner: str | None
    description: Markup
    key_results: tuple[ReportKeyResult, ...]


@dataclass(frozen=True)
class Report:
    path: str
    language: str  # the document's language tag: <html lang> and the PDF's /Lang
    title: str  # the PDF's title: the unit and the period
    created: str  # the as-of date (ISO): the PDF's dates, so a rebuild gives the same bytes
    organisation: str
    unit: str
    heading: str  # what the report covers: the period
    period_dates: str
    as_of: str
    progress: Progress
    counts: tuple[StatusCount, ...]
    objectives: tuple[ReportObjective, ...]
    show_authors: bool


def report_periods(site: Site, unit_id: str) -> tuple[Period, ...]:
    """The periods a unit has a report for, newest first: those it has objectives in, when
    its level is one of the settings' ``report_levels``."""
    if site.dataset.units[unit_id].level not in site.settings.report_levels:
        return ()
    return tuple(
        period
        for period in site.periods_newest_first
        if site.dataset.objectives_of(unit_id, period.id)
    )


def report_links(site: Site, unit_id: str, from_path: str) -> tuple[Link, ...]:
    """Links from a page to the unit's reports, one per period."""
    return tuple(
        site.links.to(
            from_path,
            urls.report(unit_id, period.id),
            site.fmt._(
                "Print-ready report for %(period)s (PDF)", period=site.fmt.period_label(period)
            ),
        )
        for period in report_periods(site, unit_id)
    )


def all_reports(site: Site) -> tuple[Report, ...]:
    """Every report of the portal, unit by unit in the data's order."""
    return tuple(
        report(site, unit_id, period.id)
        for unit_id in site.dataset.units
        for period in report_periods(site, unit_id)
    )


def report(site: Site, unit_id: str, period_id: str) -> Report:
    fmt = site.fmt
    unit = site.dataset.units[unit_id]
    period = site.dataset.periods[period_id]
    path = urls.report(unit_id, period_id)
    roll_up = site.figures.units.get((unit_id, period_id))
    objectives = site.dataset.objectives_of(unit_id, period_id)
    label = fmt.period_label(period)
    return Report(
        path=path,
        language=fmt.language.tag,
        title=fmt._(
            "%(unit)s: objectives and key results for %(period)s", unit=unit.name, period=label
        ),
        created=site.figures.as_of.isoformat(),
        organisation=site.settings.organisation,
        unit=unit.name,
        heading=fmt._("Objectives and key results for %(period)s", period=label),
        period_dates=fmt.period_dates(period),
        as_of=fmt._("As of %(date)s", date=fmt.date(site.figures.as_of)),
        progress=roll_up_progress(site, roll_up, period),
        counts=counts(site, roll_up),
        objectives=tuple(_objective(site, o, period, path) for o in objectives),
        show_authors=site.settings.publish_authors,
    )


def _objective(site: Site, objective: Objective, period: Period, path: str) -> ReportObjective:
    return ReportObjective(
        summary=objective_summary(site, objective, path),
        owner=objective.owner,
        description=clean_markdown(objective.description),
        key_results=tuple(
            _key_result(site, site.dataset.key_results[k], period, path)
            for k in objective.key_results
        ),
    )


def _key_result(site: Site, kr: KeyResult, period: Period, path: str) -> ReportKeyResult:
    # The chart shows every value; on paper the check-ins add what their owners wrote.
    noted = [
        c
        for c in site.dataset.checkins_by_key_result.get(kr.id, ())
        if period.start <= c.date <= period.end and (c.progress or c.problems or c.plans)
    ]
    return ReportKeyResult(
        row=key_result_row(site, kr, path),
        chart=_chart(site, kr),
        notes=tuple(checkin_row(site, kr, c) for c in reversed(noted)),
    )


def _chart(site: Site, kr: KeyResult) -> Chart | None:
    svgs = site.charts.get(kr.id)
    if svgs is None:
        return None
    # Paper is a wide page: the wide drawing, scaled to the page.
    encoded = base64.b64encode(svgs.wide.text().encode("utf-8")).decode("ascii")
    return Chart(
        src=f"data:image/svg+xml;base64,{encoded}",
        alt=site.fmt._("Chart of %(title)s over time", title=kr.title),
        caption=summary(site, kr),
    )
