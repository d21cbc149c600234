"""``/key-results/<key-result-id>/``: the chart, its sentence, every check-in, source and caveat."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.charts.spec import ChartInput, ChartLabels
from generator.model import CheckIn, Direction, KeyResult, Kind
from generator.pages import urls
from generator.pages.views.common import Badge, KeyResultRow, Link, Page, Site


@dataclass(frozen=True)
class CheckInRow:
    date: str
    iso_date: str
    value: str
    status: Badge | None
    confidence: str
    progress: str
    problems: str
    plans: str
    author: str


@dataclass(frozen=True)
class KeyResultBody:
    row: KeyResultRow
    objective: Link
    unit: Link
    period: Link
    direction: str
    measure_unit: str
    source: str | None
    source_url: str | None
    caveat: str | None
    chart: Markup | None
    summary: str
    checkins: tuple[CheckInRow, ...]
    show_authors: bool


def page(site: Site, key_result_id: str) -> Page:
    kr = site.dataset.key_results[key_result_id]
    path = urls.key_result(key_result_id)
    objective = site.dataset.objectives[kr.objective]
    unit = site.dataset.units[objective.unit]
    period = site.dataset.periods[objective.period]
    checkins = site.dataset.checkins_by_key_result.get(kr.id, ())
    svg = site.charts.get(kr.id)
    body = KeyResultBody(
        row=site.key_result_row(kr, path),
        objective=Link(
            urls.relative(path, urls.key_result_on_objective(objective.id, kr.id)), objective.title
        ),
        unit=site.unit_link(unit, path),
        period=site.period_link(period, path),
        direction=direction_text(site, kr),
        measure_unit=kr.unit,
        source=kr.source,
        source_url=kr.source_url,
        caveat=kr.caveat,
        # Safe to inline: charts.render refuses any SVG with script, handlers or external links.
        chart=Markup(svg) if svg else None,
        summary=summary(site, kr),
        checkins=tuple(checkin_row(site, kr, c) for c in reversed(checkins)),
        show_authors=site.settings.publish_authors,
    )
    return Page(
        path=path,
        template="okr/key_result.html",
        title=kr.title,
        description=body.summary,
        search_text=" ".join(filter(None, [kr.caveat, kr.source])),
        breadcrumbs=(
            *site.unit_trail(unit, path),
            Link(urls.relative(path, urls.objective(objective.id)), objective.title),
        ),
        body=body,
    )


def checkin_row(site: Site, kr: KeyResult, checkin: CheckIn) -> CheckInRow:
    return CheckInRow(
        date=site.date(checkin.date),
        iso_date=checkin.date.isoformat(),
        value=site.language.quantity(checkin.value, kr.unit),
        status=site.badge(checkin.status) if checkin.status else None,
        confidence="" if checkin.confidence is None else site.language.percent(checkin.confidence),
        progress=checkin.progress,
        problems=checkin.problems,
        plans=checkin.plans,
        author=(checkin.author or "") if site.settings.publish_authors else "",
    )


def direction_text(site: Site, kr: KeyResult) -> str:
    if kr.kind is Kind.MILESTONE:
        return site._("Percent complete, from 0 to 100")
    return {
        Direction.INCREASE: site._("Higher is better"),
        Direction.DECREASE: site._("Lower is better"),
        Direction.AT_LEAST: site._("Met when the value is at or above the target"),
        Direction.AT_MOST: site._("Met when the value is at or below the target"),
        Direction.WITHIN: site._("Met when the value stays inside the target range"),
    }[kr.direction or Direction.INCREASE]


def summary(site: Site, kr: KeyResult) -> str:
    """The chart in one or two sentences: how often measured, where it stands, what was expected."""
    checkins = site.dataset.checkins_by_key_result.get(kr.id, ())
    if not checkins:
        return site._("No check-in has been published for this key result yet.")
    figures = site.figures.key_results[kr.id]
    count = len(checkins)
    measured = site.language.ngettext(
        "Measured once, on %(first)s.",
        "Measured %(count)s times between %(first)s and %(last)s.",
        count,
    ) % {"count": count, "first": site.date(checkins[0].date), "last": site.date(checkins[-1].date)}
    latest = site.value(figures.latest_value, kr)
    values = {
        "latest": latest,
        "date": site.date(figures.latest_date),
        "target": site.target_text(kr),
        "baseline": "" if kr.baseline is None else site.language.quantity(kr.baseline, kr.unit),
        "progress": site.language.percent(figures.progress or 0.0),
        "expected": site.language.percent(figures.expected_progress),
        "as_of": site.date(site.figures.as_of),
    }
    if kr.kind is Kind.MILESTONE:
        where = site._("The latest value, %(latest)s complete on %(date)s", **values)
    elif kr.direction in (Direction.WITHIN, Direction.AT_LEAST, Direction.AT_MOST):
        met = (figures.progress or 0.0) >= 1.0
        where = (
            site._(
                "The latest value, %(latest)s on %(date)s, meets the target (%(target)s)", **values
            )
            if met
            else site._(
                "The latest value, %(latest)s on %(date)s, does not meet the target (%(target)s)",
                **values,
            )
        )
    else:
        where = site._(
            "The latest value, %(latest)s on %(date)s, is %(progress)s of the way from the "
            "baseline (%(baseline)s) to the target (%(target)s)",
            **values,
        )
    expected = site._("%(expected)s of the period had passed by %(as_of)s.", **values)
    return f"{measured} {where}. {expected}"


def chart_input(site: Site, kr: KeyResult) -> ChartInput | None:
    """What the chart of ``kr`` draws, or None when it has no check-in to draw."""
    checkins = site.dataset.checkins_by_key_result.get(kr.id, ())
    if not checkins:
        return None
    period = site.dataset.period_of_key_result(kr.id)
    baseline = 0.0 if kr.kind is Kind.MILESTONE else kr.baseline
    target = 100.0 if kr.kind is Kind.MILESTONE else kr.target
    linear = kr.kind is Kind.MILESTONE or kr.direction in (Direction.INCREASE, Direction.DECREASE)
    expected = (
        ((period.start, baseline), (period.end, target))
        if linear and baseline is not None and target is not None
        else ()
    )
    labels = ChartLabels(
        date=site._("Date"),
        value=site._("Value (%(unit)s)", unit=kr.unit),
        measured=site._("Measured"),
        baseline=site._("Baseline"),
        target=site._("Target"),
        expected=site._("Expected pace"),
        target_range=site._("Target range"),
    )
    return ChartInput(
        points=tuple((c.date, c.value) for c in checkins),
        baseline=None if kr.kind is Kind.MILESTONE else kr.baseline,
        target=target if kr.target_range is None else None,
        target_range=kr.target_range,
        expected=expected,
        labels=labels,
        locale_number_format=",.4~f",
        locale=site.language.d3_number_locale(),
        time_locale=site.language.d3_time_locale(),
        date_format=site.language.d3_day_month_format(),
    )
