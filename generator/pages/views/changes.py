"""What changed in the data over its git history (``generator.history``): the section of an
objective's and a key result's page, the home page's latest changes to targets, and
``/periods/<period-id>/changes/``, what changed in a period's objectives and key results."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from generator.history import ADDED, REMOVED, TARGET_FIELDS, Change, Text, Value
from generator.model import Direction
from generator.pages import urls
from generator.pages.formatting import Badge
from generator.pages.links import Link
from generator.pages.site import Site
from generator.pages.views.parts import Page

#: The newest changes an item's page lists; the count of older ones is said below them.
PER_ITEM = 20
#: The newest changes of each kind the period's page lists.
PER_PERIOD = 100
#: The latest changes to targets on the home page.
ON_HOME = 10

MEASURES = ("baseline", *TARGET_FIELDS, "direction")


@dataclass(frozen=True)
class ChangeRow:
    date: str
    iso_date: str
    item: Link | None  # the objective or key result changed, while it has a page
    item_text: str  # its title, when it has no page any more
    what: str
    old: str
    new: str
    message: str  # the commit's, as written: text from data
    commit: str  # the commit's short hash


@dataclass(frozen=True)
class ChangeTable:
    heading: str  # empty: the table is the section's only one
    caption: str
    headings: tuple[str, ...]
    with_item: bool  # a column naming the item changed
    with_values: bool  # columns of the value before and after
    rows: tuple[ChangeRow, ...]  # newest first
    empty: str  # said when there is no row
    older: str  # how many older changes are left out; empty when none


@dataclass(frozen=True)
class HistorySection:
    heading: str
    available: bool
    note: str  # since when the history is recorded, or why it is not available
    tables: tuple[ChangeTable, ...]


@dataclass(frozen=True)
class StatusRow:
    date: str
    iso_date: str
    key_result: Link
    old: Badge
    new: Badge


@dataclass(frozen=True)
class StatusTable:
    """Statuses as judged from the check-ins, not from git: there with or without it."""

    heading: str
    caption: str
    headings: tuple[str, ...]
    rows: tuple[StatusRow, ...]  # newest first
    empty: str
    older: str  # how many older changes are left out; empty when none


@dataclass(frozen=True)
class PeriodChangesBody:
    period: Link
    history: HistorySection
    statuses: StatusTable


def objective_section(site: Site, objective_id: str, path: str) -> HistorySection:
    changes = site.history.by_objective.get(objective_id, ())
    caption = site.fmt._("Changes to this objective and its key results, newest first")
    return _section(site, (_table(site, changes, path, "", caption, PER_ITEM, item=True),))


def key_result_section(site: Site, key_result_id: str, path: str) -> HistorySection:
    changes = site.history.by_item.get(("key_result", key_result_id), ())
    caption = site.fmt._("Changes to this key result, newest first")
    return _section(site, (_table(site, changes, path, "", caption, PER_ITEM, item=False),))


def home_section(site: Site, path: str) -> HistorySection:
    caption = site.fmt._("The latest changes to targets, newest first")
    table = _table(site, site.history.target_changes, path, "", caption, ON_HOME, item=True)
    return _section(site, (table,), site.fmt._("Recent changes to targets"))


def page(site: Site, period_id: str) -> Page:
    """``/periods/<period-id>/changes/``: items added and removed, targets moved, other changes."""
    period = site.dataset.periods[period_id]
    path = urls.period_changes(period_id)
    fmt = site.fmt
    label = fmt.period_label(period)
    changes = site.history.by_period.get(period_id, ())
    kinds = (
        (fmt._("Added"), fmt._("Objectives and key results added"), {ADDED}),
        (fmt._("Removed"), fmt._("Objectives and key results removed"), {REMOVED}),
        (fmt._("Targets moved"), fmt._("Baselines, targets and directions changed"), MEASURES),
        (fmt._("Other changes"), fmt._("Titles and periods changed"), {"title", "period"}),
    )
    tables = tuple(
        _table(
            site,
            [c for c in changes if c.field in fields],
            path,
            heading,
            caption,
            PER_PERIOD,
            item=True,
        )
        for heading, caption, fields in kinds
    )
    return Page(
        path=path,
        template="okr/period_changes.html",
        title=fmt._("What changed in %(period)s", period=label),
        description=fmt._(
            "Objectives and key results of %(period)s added, removed and changed, with dates",
            period=label,
        ),
        breadcrumbs=(
            site.links.home(path),
            site.links.to(path, urls.PERIODS, fmt._("Periods")),
            site.links.period(period, path),
        ),
        body=PeriodChangesBody(
            site.links.period(period, path),
            _section(site, tables),
            _statuses(site, period_id, path),
        ),
    )


def _statuses(site: Site, period_id: str, path: str) -> StatusTable:
    fmt = site.fmt
    newest = list(reversed(site.status_changes.get(period_id, ())))
    shown = newest[:PER_PERIOD]
    return StatusTable(
        heading=fmt._("Statuses changed"),
        caption=fmt._("Each key result's status on the days check-ins came in, where it changed"),
        headings=(fmt._("Date"), fmt._("Key result"), fmt._("Before"), fmt._("After")),
        rows=tuple(
            StatusRow(
                date=fmt.date(c.date),
                iso_date=c.date.isoformat(),
                key_result=site.links.to(
                    path,
                    urls.key_result(c.key_result),
                    site.dataset.key_results[c.key_result].title,
                ),
                old=fmt.badge(c.old),
                new=fmt.badge(c.new),
            )
            for c in shown
        ),
        empty=fmt._("No status changed."),
        older=""
        if len(newest) == len(shown)
        else fmt.ngettext(
            "%(count)s earlier change is not listed here.",
            "%(count)s earlier changes are not listed here.",
            len(newest) - len(shown),
        ),
    )


def _section(
    site: Site, tables: tuple[ChangeTable, ...], heading: str | None = None
) -> HistorySection:
    fmt, history = site.fmt, site.history
    if not history.available or history.since is None:
        note = fmt._("The history of this data is not available: it is not kept in git.")
    else:
        note = fmt._(
            "Changes are read from the data's history in git, recorded since %(date)s.",
            date=fmt.date(history.since.date),
        )
        if history.skipped:
            skipped = fmt.ngettext(
                "%(count)s revision whose data did not read is left out.",
                "%(count)s revisions whose data did not read are left out.",
                history.skipped,
            )
            note = f"{note} {skipped}"
    return HistorySection(
        heading=heading or fmt._("History of changes"),
        available=history.available,
        note=note,
        tables=tables,
    )


def _table(
    site: Site,
    changes: Iterable[Change],
    path: str,
    heading: str,
    caption: str,
    limit: int,
    *,
    item: bool,
) -> ChangeTable:
    fmt = site.fmt
    newest = list(reversed(list(changes)))
    shown = newest[:limit]
    left_out = len(newest) - len(shown)
    with_values = any(c.field not in (ADDED, REMOVED) for c in shown)
    headings = (
        fmt._("Date"),
        *([fmt._("Objective or key result")] if item else []),
        fmt._("What changed"),
        *([fmt._("Before"), fmt._("After")] if with_values else []),
        fmt._("Commit"),
    )
    return ChangeTable(
        heading=heading,
        caption=caption,
        headings=headings,
        with_item=item,
        with_values=with_values,
        rows=tuple(_row(site, c, path) for c in shown),
        empty=fmt._("No change recorded."),
        older=""
        if not left_out
        else fmt.ngettext(
            "%(count)s earlier change is not listed here.",
            "%(count)s earlier changes are not listed here.",
            left_out,
        ),
    )


def _row(site: Site, change: Change, path: str) -> ChangeRow:
    fmt = site.fmt
    exists = (
        change.item in site.dataset.objectives
        if change.kind == "objective"
        else change.item in site.dataset.key_results
    )
    to = urls.objective(change.item) if change.kind == "objective" else urls.key_result(change.item)
    title = _text(site, change.title)
    return ChangeRow(
        date=fmt.date(change.commit.date),
        iso_date=change.commit.date.isoformat(),
        item=site.links.to(path, to, title) if exists else None,
        item_text=title,
        what=_what(site, change),
        old=_shown(site, change, change.old),
        new=_shown(site, change, change.new),
        message=change.commit.message,
        commit=change.commit.short,
    )


def _what(site: Site, change: Change) -> str:
    _ = site.fmt._
    objective = change.kind == "objective"
    words: Mapping[str, str] = {
        ADDED: _("Objective added") if objective else _("Key result added"),
        REMOVED: _("Objective removed") if objective else _("Key result removed"),
        "title": _("Title"),
        "period": _("Period"),
        "baseline": _("Baseline"),
        "target": _("Target"),
        "target_range": _("Target"),
        "direction": _("Direction"),
    }
    return words[change.field]


def _text(site: Site, text: Text | None) -> str:
    """Text as written at a revision, in the page's language where it was given in it."""
    if text is None or isinstance(text, str):
        return text or ""
    return site.fmt.language.pick(text, site.settings.language)


def _shown(site: Site, change: Change, value: Value) -> str:
    fmt = site.fmt
    if change.field in (ADDED, REMOVED):
        return ""
    if value is None:
        return fmt._("not set")
    if change.field == "title" and not isinstance(value, float | tuple):
        return _text(site, value)
    if change.field == "period" and isinstance(value, str):
        period = site.dataset.periods.get(value)
        return value if period is None else fmt.period_label(period)
    if change.field == "direction" and isinstance(value, str):
        known = {d.value: d for d in Direction}
        return fmt.direction_words(known[value]) if value in known else value
    unit = _text(site, change.unit)
    if isinstance(value, tuple):
        low, high = (fmt.quantity(v, unit).rstrip() for v in value)
        return fmt._("between %(low)s and %(high)s", low=low, high=high)
    if isinstance(value, float):
        return fmt.quantity(value, unit).rstrip()
    return _text(site, value)
