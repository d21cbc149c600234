"""``/key-results/<key-result-id>/``: the chart, its sentence, every check-in, source and caveat."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import escape

from generator.charts.inputs import Svg
from generator.model import CheckIn, Direction, KeyResult, Kind
from generator.pages import urls
from generator.pages.chart_inputs import charted_events, event_mark, has_history_strip
from generator.pages.formatting import Badge
from generator.pages.links import Link
from generator.pages.site import Site
from generator.pages.views.changes import HistorySection, key_result_section
from generator.pages.views.parts import (
    Citation,
    KeyResultRow,
    Page,
    SocialImage,
    citation,
    feedback_link,
    key_result_row,
    permanent_address,
)
from generator.scoring import Waypoint, WaypointState, follows_waypoints


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
class CheckInColumns:
    """The check-in table's optional columns: each shown only when some row fills it."""

    status: bool
    confidence: bool
    progress: bool
    problems: bool
    plans: bool
    author: bool
    headings: tuple[str, ...]


@dataclass(frozen=True)
class EventRow:
    """An event marked on the chart: its mark (a number), when and what, with a link."""

    mark: str
    date: str
    iso_date: str
    title: str
    url: str | None


@dataclass(frozen=True)
class WaypointRow:
    """An interim target: by when, what value, and whether it was reached."""

    date: str
    iso_date: str
    value: str
    state: str  # reached, not reached, no figure by then, still to come: in words


@dataclass(frozen=True)
class ChartImage:
    """A key result's chart, heard as one image named by its sentence: drawn for a wide and for
    a narrow screen, of which the page's CSS shows the one that fits."""

    name: str
    wide: tuple[Svg, ...]  # the chart, then the strip of its history where it has one
    narrow: tuple[Svg, ...]


@dataclass(frozen=True)
class ChartDownload:
    """The chart as a PNG a reader can save for an article or a slide: the image a link to the
    page shows when it is shared, in the page's language."""

    href: str
    file_name: str  # saved as the key result's id, not as every chart's "chart.png"
    text: str  # what the link says: the file's kind and its size in pixels


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
    method: str | None
    commitment: str  # what an aspirational key result is, in words; empty when committed
    chart: ChartImage | None
    chart_download: ChartDownload | None  # none without a chart
    events: tuple[EventRow, ...]  # marked on the chart, listed below it; none without a chart
    events_caption: str
    events_headings: tuple[str, ...]
    waypoints: tuple[WaypointRow, ...]  # its interim targets, by date; none without
    waypoints_caption: str
    waypoints_headings: tuple[str, ...]
    next_waypoint: str  # the next interim target: "6,000 trees by Dec 31, 2026"; empty: none
    summary: str
    checkins: tuple[CheckInRow, ...]  # the period's and every one with a note, newest first
    checkins_caption: str
    earlier: str  # how many earlier check-ins are only in the CSV; empty when none
    all_checkins: Link  # the whole series, as open data
    columns: CheckInColumns
    cite: Citation
    feedback: Link | None
    embed: Embed
    history: HistorySection
    how_to_read: Link  # what progress, pace and each status mean, beside the status


@dataclass(frozen=True)
class Embed:
    """The key result on its own page, to show on another site in an ``<iframe>``."""

    page: Link
    code: str  # the <iframe> to paste; empty without a base URL (no address to give)


#: The height of the embedded page in CSS pixels: the chart, its figures and the link back.
EMBED_HEIGHT = 560


def embed(site: Site, kr: KeyResult, from_path: str) -> Embed:
    path = urls.embed_key_result(kr.id)
    link = site.links.to(from_path, path, site.fmt._("This key result on a page of its own"))
    if not site.settings.base_url:
        return Embed(link, "")
    code = (
        f'<iframe src="{escape(permanent_address(site, path))}" title="{escape(str(kr.title))}" '
        f'width="100%" height="{EMBED_HEIGHT}" style="border: 0" loading="lazy"></iframe>'
    )
    return Embed(link, code)


def social_image(site: Site, kr: KeyResult) -> SocialImage | None:
    image = site.images.get(kr.id)
    if image is None:
        return None
    alt = chart_name(site, kr)
    return SocialImage(site.root + urls.key_result_image(kr.id), image.width, image.height, alt)


def chart_download(site: Site, kr: KeyResult, path: str) -> ChartDownload | None:
    image = site.images.get(kr.id)
    if image is None:
        return None
    number = site.fmt.language.number
    text = site.fmt._(
        "Download the chart as an image (PNG, %(width)s × %(height)s pixels)",  # noqa: RUF001 (a multiplication sign, meant)
        width=number(image.width, 0),
        height=number(image.height, 0),
    )
    return ChartDownload(urls.relative(path, urls.key_result_image(kr.id)), f"{kr.id}.png", text)


def page(site: Site, key_result_id: str) -> Page:
    kr = site.dataset.key_results[key_result_id]
    path = urls.key_result(key_result_id)
    objective = site.dataset.objectives[kr.objective]
    unit = site.dataset.units[objective.unit]
    period = site.dataset.periods[objective.period]
    checkins = site.dataset.checkins_by_key_result.get(kr.id, ())
    shown = [c for c in checkins if c.date >= period.start or _has_note(c)]
    rows = tuple(checkin_row(site, kr, c) for c in reversed(shown))
    left_out = len(checkins) - len(shown)
    body = KeyResultBody(
        row=key_result_row(site, kr, path),
        objective=site.links.to(
            path, urls.key_result_on_objective(objective.id, kr.id), objective.title
        ),
        unit=site.links.unit(unit, path),
        period=site.links.period(period, path),
        direction=site.fmt.direction_text(kr),
        measure_unit=kr.unit,
        source=kr.source,
        source_url=kr.source_url,
        caveat=kr.caveat,
        method=kr.method,
        commitment=site.fmt.commitment_explained(kr.commitment),
        chart=chart_image(site, kr),
        chart_download=chart_download(site, kr, path),
        events=event_rows(site, kr) if kr.id in site.charts else (),
        events_caption=site.fmt._("Events marked on the chart"),
        events_headings=(site.fmt._("No."), site.fmt._("Date"), site.fmt._("Event")),
        waypoints=waypoint_rows(site, kr),
        waypoints_caption=site.fmt._("Interim targets on the way to the target"),
        waypoints_headings=(
            site.fmt._("Date"),
            site.fmt._("Interim target"),
            site.fmt._("Reached?"),
        ),
        next_waypoint=next_waypoint(site, kr),
        summary=summary(site, kr),
        checkins=rows,
        checkins_caption=site.fmt._("Every check-in, newest first")
        if not left_out
        else site.fmt._("Check-ins of this period and every note, newest first"),
        earlier=""
        if not left_out
        else site.fmt.ngettext(
            "%(count)s earlier check-in without a note is in the full series.",
            "%(count)s earlier check-ins without a note are in the full series.",
            left_out,
        ),
        all_checkins=site.links.shared(
            path, urls.key_result_csv(kr.id), site.fmt._("Every check-in of this key result (CSV)")
        ),
        columns=checkin_columns(site, rows),
        cite=citation(site, path, kr.title),
        feedback=feedback_link(site, kr.id, kr.title, path),
        embed=embed(site, kr, path),
        history=key_result_section(site, kr.id, path),
        how_to_read=site.links.to(path, urls.HOW_TO_READ, site.fmt._("How to read these figures")),
    )
    return Page(
        path=path,
        template="okr/key_result.html",
        title=kr.title,
        description=body.summary,
        search_text=" ".join(filter(None, [kr.caveat, kr.source])),
        breadcrumbs=(*site.links.unit_trail(unit, path), site.links.objective(objective, path)),
        body=body,
        image=social_image(site, kr),
    )


def _has_note(checkin: CheckIn) -> bool:
    return bool(checkin.progress or checkin.problems or checkin.plans)


def checkin_columns(site: Site, rows: tuple[CheckInRow, ...]) -> CheckInColumns:
    """A column empty in every row says nothing: it is left out."""
    _ = site.fmt._
    shown = {
        "status": any(r.status for r in rows),
        "confidence": any(r.confidence for r in rows),
        "progress": any(r.progress for r in rows),
        "problems": any(r.problems for r in rows),
        "plans": any(r.plans for r in rows),
        "author": any(r.author for r in rows),  # empty unless the settings publish authors
    }
    words = {
        "status": _("Owner's status"),
        "confidence": _("Confidence"),
        "progress": _("What moved"),
        "problems": _("What is in the way"),
        "plans": _("What happens next"),
        "author": _("Reported by"),
    }
    headings = (_("Date"), _("Value"), *(words[name] for name, show in shown.items() if show))
    return CheckInColumns(**shown, headings=headings)


def checkin_row(site: Site, kr: KeyResult, checkin: CheckIn) -> CheckInRow:
    fmt = site.fmt
    return CheckInRow(
        date=fmt.date(checkin.date),
        iso_date=checkin.date.isoformat(),
        value=fmt.value(checkin.value, kr, checkin.provisional),
        # A stretch goal's check-ins keep their notes but not an owner's words of failure.
        status=fmt.badge(checkin.status) if checkin.status and not kr.aspirational else None,
        confidence="" if checkin.confidence is None else fmt.percent(checkin.confidence),
        progress=checkin.progress,
        problems=checkin.problems,
        plans=checkin.plans,
        author=(checkin.author or "") if site.settings.publish_authors else "",
    )


def chart_image(site: Site, kr: KeyResult) -> ChartImage | None:
    svgs = site.charts.get(kr.id)
    if svgs is None:
        return None
    # A strip of the history, where there is one, is part of the same image.
    return ChartImage(
        chart_name(site, kr),
        tuple(svg for svg in (svgs.wide, svgs.wide_strip) if svg is not None),
        tuple(svg for svg in (svgs.narrow, svgs.narrow_strip) if svg is not None),
    )


def event_rows(site: Site, kr: KeyResult) -> tuple[EventRow, ...]:
    fmt = site.fmt
    return tuple(
        EventRow(
            mark=event_mark(fmt, number),
            date=fmt.date(event.date),
            iso_date=event.date.isoformat(),
            title=event.title,
            url=event.url,
        )
        for number, event in enumerate(charted_events(site.dataset, kr), start=1)
    )


def waypoint_text(site: Site, kr: KeyResult, waypoint: Waypoint) -> str:
    """An interim target in words: ``6,000 trees by Dec 31, 2026``."""
    fmt = site.fmt
    return fmt._(
        "%(value)s by %(date)s",
        value=fmt.quantity(waypoint.value, kr.unit),
        date=fmt.date(waypoint.date),
    )


def next_waypoint(site: Site, kr: KeyResult) -> str:
    """The next interim target in words, or "" when none is still to come."""
    waypoint = site.figures.key_results[kr.id].next_waypoint
    return "" if waypoint is None else waypoint_text(site, kr, waypoint)


def waypoint_rows(site: Site, kr: KeyResult) -> tuple[WaypointRow, ...]:
    fmt = site.fmt
    states = {
        WaypointState.REACHED: fmt._("Reached"),
        WaypointState.NOT_REACHED: fmt._("Not reached"),
        WaypointState.NO_FIGURE: fmt._("No figure by then"),
        WaypointState.AHEAD: fmt._("Still to come"),
    }
    return tuple(
        WaypointRow(
            date=fmt.date(w.date),
            iso_date=w.date.isoformat(),
            value=fmt.quantity(w.value, kr.unit),
            state=states[w.state],
        )
        for w in site.figures.key_results[kr.id].waypoints
    )


def chart_name(site: Site, kr: KeyResult) -> str:
    """The chart as one image: what it shows and its sentence (latest value, target, dates),
    where its history is a strip below it what each part shows, and the events marked on it.
    Made once: the key result's page and its embed each name the chart twice."""
    return site.once((chart_name, kr.id), lambda: _chart_name(site, kr))


def _chart_name(site: Site, kr: KeyResult) -> str:
    fmt = site.fmt
    parts = [fmt._("Chart of %(title)s. %(summary)s", title=kr.title, summary=summary(site, kr))]
    if has_history_strip(site.dataset, kr):
        period = site.dataset.period_of_key_result(kr.id)
        first = site.dataset.checkins_by_key_result[kr.id][0].date
        parts.append(
            fmt._(
                "The chart shows %(period)s; a strip below it shows the whole series since "
                "%(first)s.",
                period=fmt.period_label(period),
                first=fmt.date(first),
            )
        )
    events = event_rows(site, kr)
    if events:
        marked = "; ".join(
            fmt._("%(mark)s: %(title)s, %(date)s", mark=e.mark, title=e.title, date=e.date)
            for e in events
        )
        parts.append(
            fmt.ngettext(
                "Marked on it is %(count)s event: %(events)s.",
                "Marked on it are %(count)s events: %(events)s.",
                len(events),
                events=marked,
            )
        )
    return " ".join(parts)


def summary(site: Site, kr: KeyResult) -> str:
    """The chart in a few sentences: how often measured, where it stands (its latest figure said
    to be provisional where it is), what was expected, and the next interim target. Made once:
    the chart's name says it too, on the key result's page and its embed."""
    return site.once((summary, kr.id), lambda: _summary(site, kr))


def _summary(site: Site, kr: KeyResult) -> str:
    checkins = site.dataset.checkins_by_key_result.get(kr.id, ())
    fmt = site.fmt
    if not checkins:
        return fmt._("No check-in has been published for this key result yet.")
    figures = site.figures.key_results[kr.id]
    measured = fmt.ngettext(
        "Measured once, on %(first)s.",
        "Measured %(count)s times between %(first)s and %(last)s.",
        len(checkins),
        first=fmt.date(checkins[0].date),
        last=fmt.date(checkins[-1].date),
    )
    values = {
        "latest": fmt.value(figures.latest_value, kr, figures.latest_provisional),
        "date": fmt.date(figures.latest_date),
        "target": fmt.target_text(kr),
        "baseline": fmt.baseline_text(kr),
        "progress": fmt.percent(figures.progress or 0.0),
        "expected": fmt.percent(figures.expected_progress),
        "as_of": fmt.date(site.figures.as_of),
    }
    if kr.kind is Kind.MILESTONE:
        where = fmt._("The latest value, %(latest)s complete on %(date)s", **values)
    elif kr.direction in (Direction.WITHIN, Direction.AT_LEAST, Direction.AT_MOST):
        where = (
            fmt._(
                "The latest value, %(latest)s on %(date)s, meets the target (%(target)s)", **values
            )
            if figures.met
            else fmt._(
                "The latest value, %(latest)s on %(date)s, does not meet the target (%(target)s)",
                **values,
            )
        )
    elif figures.beyond_target is not None:
        where = fmt._(
            "The latest value, %(latest)s on %(date)s, is past the target (%(target)s) by "
            "%(beyond)s",
            **values,
            beyond=fmt.quantity(figures.beyond_target, kr.unit),
        )
    else:
        where = fmt._(
            "The latest value, %(latest)s on %(date)s, is %(progress)s of the way from the "
            "baseline (%(baseline)s) to the target (%(target)s)",
            **values,
        )
    expected = (
        fmt._(
            "Following its interim targets, %(expected)s of the way was expected by %(as_of)s.",
            **values,
        )
        if follows_waypoints(kr)
        else fmt._("%(expected)s of the period had passed by %(as_of)s.", **values)
    )
    sentences = [measured, f"{where}.", expected]
    ahead = next_waypoint(site, kr)
    if ahead:
        sentences.append(fmt._("Next interim target: %(waypoint)s.", waypoint=ahead))
    return " ".join(sentences)
