"""What many pages show: the page record itself, key result rows, objective summaries, counts
by status and the rows of an index."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from generator.i18n import autonym
from generator.model import KeyResult, Objective, Period
from generator.pages import urls
from generator.pages.feeds import FeedLink
from generator.pages.formatting import LATE_SYMBOL, Badge, Progress
from generator.pages.links import Link
from generator.pages.site import Site
from generator.scoring import STATUS_ORDER, FreshnessState, RollUp
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
    latest: str
    latest_date: str
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
    progress: Progress
    counts: tuple[StatusCount, ...]
    key_results: tuple[KeyResultRow, ...]
    no_key_results: bool


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
    return tuple(StatusCount(site.fmt.badge(s), roll_up.counts.of(s)) for s in STATUS_ORDER)


def roll_up_progress(site: Site, roll_up: RollUp | None, period: Period | None) -> Progress:
    """A roll-up's mean progress (its parts already clipped) against its period's pace."""
    value = roll_up.progress if roll_up else None
    expected = site.figures.expected[period.id] if period else 0.0
    return site.fmt.progress(value, value, expected)


def key_result_row(site: Site, kr: KeyResult, from_path: str) -> KeyResultRow:
    figures = site.figures.key_results[kr.id]
    fmt = site.fmt
    return KeyResultRow(
        id=kr.id,
        link=site.links.to(from_path, urls.key_result(kr.id), kr.title),
        kind=fmt.kind_label(kr.kind),
        latest=fmt.value(figures.latest_value, kr),
        latest_date=fmt.date(figures.latest_date),
        baseline=fmt.baseline_text(kr),
        target=fmt.target_text(kr),
        progress=fmt.progress(
            figures.progress,
            figures.clipped_progress,
            figures.expected_progress,
            None if figures.beyond_target is None else fmt.quantity(figures.beyond_target, kr.unit),
        ),
        status=fmt.badge(figures.status),
        derived=fmt.badge(figures.derived_beside) if figures.derived_beside else None,
        status_source=fmt._("owner's assessment") if figures.owner_status else fmt._("computed"),
        confidence="" if figures.confidence is None else fmt.percent(figures.confidence),
        freshness=freshness_note(site, kr),
    )


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
    roll_up = site.figures.objectives[objective.id]
    period = site.dataset.periods[objective.period]
    return ObjectiveSummary(
        id=objective.id,
        link=site.links.objective(objective, from_path),
        unit=site.links.unit(site.dataset.units[objective.unit], from_path),
        period=site.links.period(period, from_path),
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
