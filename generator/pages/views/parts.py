"""What many pages show: the page record itself, key result rows, objective summaries, counts
by status and the rows of an index."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from generator.i18n import autonym
from generator.model import Budget, Event, KeyResult, Objective, Period
from generator.pages import urls
from generator.pages.chart_inputs import charted_events
from generator.pages.feeds import FeedLink
from generator.pages.formatting import LATE_SYMBOL, Badge, Formatter, Progress
from generator.pages.links import Link
from generator.pages.site import Site
from generator.scoring import STATUS_ORDER, FreshnessState, KeyResultFigures, RollUp
from generator.settings import Settings


@dataclass(frozen=True)
class Page:
    """One page to write: where it goes, its template and the ready values it shows."""

    path: str
    template: str
    title: str
    description: str  # one plain sentence: the meta description and the search result's text
    breadcrumbs: tuple[Link, ...]
    body: Any
    search_text: str = ""  # more words search should find the page by (besides title, description)
    languages: tuple[LanguageLink, ...] = ()  # the page in every language, this one included
    image: SocialImage | None = None  # what a link to the page shows when shared
    feeds: tuple[FeedLink, ...] = ()  # the Atom feeds that follow what the page shows

    @property
    def other_languages(self) -> tuple[LanguageLink, ...]:
        return tuple(link for link in self.languages if not link.current)


@dataclass(frozen=True)
class SocialImage:
    """The image a link to a page shows when it is shared (``og:image``)."""

    path: str  # from the site's root
    width: int
    height: int
    alt: str


@dataclass(frozen=True)
class Citation:
    """A page's permanent link and the words to cite it by."""

    link: Link  # href from the page; text: the permanent address as a reader writes it down
    note: str  # without a base URL the address is only the part within the portal: says so
    text: str  # title, organisation, address, figures as of


def permanent_address(site: Site, path: str) -> str:
    """The page's address: absolute from the base URL, else its address within the portal."""
    base_url = site.settings.base_url
    return f"{base_url}{site.root}{path}" if base_url else f"{site.root}{path}"


def citation(site: Site, path: str, title: str) -> Citation:
    fmt = site.fmt
    address = permanent_address(site, path)
    note = "" if site.settings.base_url else fmt._("(an address within this portal)")
    text = fmt._(
        "%(title)s. %(organisation)s. %(address)s. Figures as of %(date)s.",
        title=str(title),
        organisation=str(site.settings.organisation),
        address=f"{address} {note}" if note else address,
        date=fmt.date(site.figures.as_of),
    )
    return Citation(Link(urls.relative(path, path), address), note, text)


@dataclass(frozen=True)
class LanguageLink:
    """The same page in one of the portal's languages."""

    tag: str  # BCP 47: hreflang and lang
    name: str  # the language's own name for itself: "Suomi", "Svenska"
    href: str  # relative to the page
    path: str  # from the site's root (for absolute addresses)
    current: bool  # the page's own language


def language_links(settings: Settings, tag: str, path: str) -> tuple[LanguageLink, ...]:
    """The page at ``path`` (from its language's root) in every language of the portal; none
    when the portal has one language."""
    if len(settings.languages) < 2:
        return ()
    here = urls.language_root(tag, settings.language) + path
    links = []
    for other in settings.languages:
        there = urls.language_root(other, settings.language) + path
        links.append(
            LanguageLink(other, autonym(other), urls.relative(here, there), there, other == tag)
        )
    return tuple(links)


@dataclass(frozen=True)
class StatusCount:
    badge: Badge
    count: int


@dataclass(frozen=True)
class FreshnessNote:
    """When a key result was last updated and when its next figure is due, in words; a late
    one (overdue, or no figures when the first was due) is marked with a symbol and words."""

    late: bool
    symbol: str  # beside the words of a late one; empty otherwise
    short: str  # one line under its latest value; empty when there is nothing to add
    last_updated: str  # the date of its latest figure, or that there is none
    next_due: str  # the due date, how late it is, or why none is due
    cadence: str  # how often it is updated, and how that is known
    due_date: str  # the next figure's due date (the first's, without one); empty when none is due
    late_by: str  # how many days late, when late; empty otherwise


@dataclass(frozen=True)
class KeyResultRow:
    id: str
    link: Link
    kind: str
    commitment: str  # "Aspirational", or empty for a committed key result
    latest: str
    latest_date: str
    provisional: str  # under the latest value when it may still be revised; else empty
    baseline: str
    target: str
    progress: Progress
    status: Badge
    derived: Badge | None  # the derived status, shown only where it differs from the owner's
    status_source: str
    confidence: str
    freshness: FreshnessNote


@dataclass(frozen=True)
class ObjectiveSummary:
    id: str
    link: Link
    unit: Link
    period: Link
    commitment: str  # "Aspirational", or empty for a committed objective
    progress: Progress
    counts: tuple[StatusCount, ...]
    key_results: tuple[KeyResultRow, ...]
    no_key_results: bool


def budget_text(site: Site, budgets: Sequence[Budget]) -> str:
    """Money in the page's language and each currency's own format; empty without any."""
    return ", ".join(site.fmt.quantity(b.amount, b.currency) for b in budgets)


def feedback_link(site: Site, item_id: str, title: str, from_path: str) -> Link | None:
    """Where a reader answers back on an objective or key result: the settings' form with the
    item's id and title filled in, or a mail whose subject names it; None when not set."""
    feedback = site.settings.feedback
    if feedback is None:
        return None
    text = site.fmt._("Tell us what you think of this")
    if feedback.url is not None:
        filled = feedback.url.replace("{id}", quote(item_id, safe="")).replace(
            "{title}", quote(str(title), safe="")
        )
        return Link(filled, text)
    assert feedback.email is not None  # the loader gives a url or an email address
    subject = site.fmt._("About: %(title)s (%(id)s)", title=title, id=item_id)
    return Link(f"mailto:{feedback.email}?subject={quote(subject, safe='')}", text)


@dataclass(frozen=True)
class EventItem:
    """An event on a unit's or theme's page: when, what, and the charts that mark it."""

    date: str
    iso_date: str
    title: str
    url: str | None
    charts: tuple[Link, ...]  # the key results whose charts mark it


@dataclass(frozen=True)
class EventList:
    items: tuple[EventItem, ...]
    caption: str
    headings: tuple[str, ...]


def event_list(
    site: Site, key_results: Sequence[KeyResult], named: Sequence[Event], from_path: str
) -> EventList:
    """The events marked on the charts of ``key_results`` and those ``named`` here (that name
    this unit or theme), oldest first. Events that name nothing mark every chart: they are on
    the charts, not listed on every page."""
    charts: dict[Event, list[Link]] = {event: [] for event in named}
    for kr in key_results:
        if kr.id not in site.charts:
            continue
        for event in charted_events(site.dataset, kr):
            if not event.everywhere:
                link = site.links.to(from_path, urls.key_result(kr.id), kr.title)
                charts.setdefault(event, []).append(link)
    fmt = site.fmt
    items = tuple(
        EventItem(fmt.date(e.date), e.date.isoformat(), e.title, e.url, tuple(charts[e]))
        for e in sorted(charts, key=lambda e: (e.date, e.title))
    )
    headings = (fmt._("Date"), fmt._("Event"), fmt._("Marked on the charts of"))
    return EventList(items, fmt._("Events that help to read these figures"), headings)


@dataclass(frozen=True)
class IndexEntry:
    link: Link
    note: str


@dataclass(frozen=True)
class IndexBody:
    entries: tuple[IndexEntry, ...]


def counts(site: Site, roll_up: RollUp | None) -> tuple[StatusCount, ...]:
    """Key results by status; nothing for a unit or period with no roll-up."""
    if roll_up is None:
        return ()
    committed = tuple(StatusCount(site.fmt.badge(s), roll_up.counts.of(s)) for s in STATUS_ORDER)
    if not roll_up.counts.aspirational:
        return committed
    return (*committed, StatusCount(site.fmt.stretch_goals_badge(), roll_up.counts.aspirational))


def roll_up_progress(site: Site, roll_up: RollUp | None, period: Period | None) -> Progress:
    """A roll-up's mean progress (its parts already clipped) against its period's pace."""
    value = roll_up.progress if roll_up else None
    expected = site.figures.expected[period.id] if period else 0.0
    return site.fmt.progress(value, value, expected)


def key_result_row(site: Site, kr: KeyResult, from_path: str) -> KeyResultRow:
    """Made once per folder depth, as ``objective_summary``: a key result's page and its
    objective's summary show the same row."""
    return site.once(
        (KeyResultRow, kr.id, urls.depth(from_path)),
        lambda: _key_result_row(site, kr, from_path),
    )


def _key_result_row(site: Site, kr: KeyResult, from_path: str) -> KeyResultRow:
    figures = site.figures.key_results[kr.id]
    fmt = site.fmt
    return KeyResultRow(
        id=kr.id,
        link=site.links.to(from_path, urls.key_result(kr.id), kr.title),
        kind=fmt.kind_label(kr.kind),
        commitment=fmt.commitment_label(kr.commitment),
        latest=fmt.value(figures.latest_value, kr),
        latest_date=fmt.date(figures.latest_date),
        provisional=provisional_note(site, figures.latest_provisional),
        baseline=fmt.baseline_text(kr),
        target=fmt.target_text(kr),
        progress=fmt.progress(
            figures.progress,
            figures.clipped_progress,
            figures.expected_progress,
            None if figures.beyond_target is None else fmt.quantity(figures.beyond_target, kr.unit),
        ),
        status=fmt.key_result_badge(kr, figures),
        derived=fmt.badge(figures.derived_beside)
        if figures.derived_beside and not kr.aspirational
        else None,
        status_source=_status_source(fmt, kr, figures),
        confidence="" if figures.confidence is None else fmt.percent(figures.confidence),
        freshness=freshness_note(site, kr),
    )


def _status_source(fmt: Formatter, kr: KeyResult, figures: KeyResultFigures) -> str:
    if kr.aspirational:
        return fmt._("a stretch goal: falling short of it is expected")
    return fmt._("owner's assessment") if figures.owner_status else fmt._("computed")


def provisional_note(site: Site, provisional: bool) -> str:
    """Under a latest value that may still be revised: that it is provisional, in words."""
    return site.fmt._("Provisional: it may still be revised") if provisional else ""


def freshness_note(site: Site, kr: KeyResult) -> FreshnessNote:
    figures = site.figures.key_results[kr.id]
    fresh = figures.freshness
    fmt = site.fmt
    last, due = fmt.date(figures.latest_date), fmt.date(fresh.next_due)
    late_by = fmt.ngettext(
        "Was due on %(date)s: %(count)s day late",
        "Was due on %(date)s: %(count)s days late",
        fresh.days_late,
        date=due,
    )
    short, next_due = {
        FreshnessState.DUE: (fmt._("Next figure due %(date)s", date=due), due),
        FreshnessState.OVERDUE: (fmt._("Not updated since %(date)s", date=last), late_by),
        FreshnessState.AWAITED: (fmt._("First figure due %(date)s", date=due), due),
        FreshnessState.MISSING: (
            fmt._("No figures yet: the first was due on %(date)s", date=due),
            late_by,
        ),
        FreshnessState.UNKNOWN: ("", fmt._("Not known yet: it has fewer than two check-ins")),
        FreshnessState.COMPLETE: ("", fmt._("None: the milestone is complete")),
        FreshnessState.ENDED: ("", fmt._("None: its period has ended")),
    }[fresh.state]
    return FreshnessNote(
        late=fresh.late,
        symbol=LATE_SYMBOL if fresh.late else "",
        short=short,
        last_updated=last or fmt._("No figures yet"),
        next_due=next_due,
        cadence=fmt.cadence_text(fresh.cadence),
        due_date=due,
        late_by=fmt.ngettext("%(count)s day", "%(count)s days", fresh.days_late)
        if fresh.late
        else "",
    )


def objective_summary(site: Site, objective: Objective, from_path: str) -> ObjectiveSummary:
    """Made once per folder depth: its links are relative, and differ by nothing else."""
    return site.once(
        (ObjectiveSummary, objective.id, urls.depth(from_path)),
        lambda: _objective_summary(site, objective, from_path),
    )


def _objective_summary(site: Site, objective: Objective, from_path: str) -> ObjectiveSummary:
    roll_up = site.figures.objectives[objective.id]
    period = site.dataset.periods[objective.period]
    return ObjectiveSummary(
        id=objective.id,
        link=site.links.objective(objective, from_path),
        unit=site.links.unit(site.dataset.units[objective.unit], from_path),
        period=site.links.period(period, from_path),
        commitment=site.fmt.commitment_label(objective.commitment),
        progress=roll_up_progress(site, roll_up, period),
        counts=counts(site, roll_up),
        key_results=tuple(
            key_result_row(site, site.dataset.key_results[k], from_path)
            for k in objective.key_results
        ),
        no_key_results=not objective.key_results,
    )


def objective_summaries(
    site: Site, objectives: Sequence[Objective], from_path: str
) -> tuple[ObjectiveSummary, ...]:
    return tuple(objective_summary(site, o, from_path) for o in objectives)
