"""What every view shares: the site being built, links, and the pieces many pages show.

Views turn the model and figures into ready values: formatted, translated, linked. Templates
only place them. Nothing here computes a figure: that is ``generator.scoring``'s job.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import markdown
import nh3
from markupsafe import Markup

from generator.config import Settings
from generator.i18n import Language
from generator.model import Dataset, KeyResult, Kind, Objective, Period, Status, Unit
from generator.pages import urls
from generator.scoring import STATUS_ORDER, Figures, KeyResultFigures, RollUp, expected_progress

#: Tags kept from publishers' Markdown: nh3's safe set without images, which could make a
#: reader's browser ask another host for something.
MARKDOWN_TAGS = set(nh3.ALLOWED_TAGS) - {"img"}


@dataclass(frozen=True)
class Link:
    href: str
    text: str


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


@dataclass(frozen=True)
class Badge:
    """A status, never by colour alone: a symbol and a word beside the colour."""

    code: str
    label: str
    symbol: str


@dataclass(frozen=True)
class Progress:
    """Progress as text, and the width of its bar (0-100, clipped), or no bar when there is no data."""

    text: str
    bar: int | None
    expected_text: str
    expected_bar: int


@dataclass(frozen=True)
class StatusCount:
    badge: Badge
    count: int


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


@dataclass
class Site:
    """Everything the views read: settings, data, figures, language and the rendered charts."""

    settings: Settings
    dataset: Dataset
    figures: Figures
    language: Language
    charts: dict[str, str] = field(default_factory=dict)

    def _(self, message: str, **values: object) -> str:
        text = self.language.gettext(message)
        return text % values if values else text

    @cached_property
    def current_period(self) -> Period | None:
        """The shortest period holding the as-of date; else the one that ended last before it."""
        periods = list(self.dataset.periods.values())
        holding = [p for p in periods if p.contains(self.figures.as_of)]
        if holding:
            return min(holding, key=lambda p: (p.days, p.id))
        ended = [p for p in periods if p.end < self.figures.as_of]
        candidates = ended or periods
        return max(candidates, key=lambda p: (p.end, -p.days)) if candidates else None

    @cached_property
    def periods_newest_first(self) -> tuple[Period, ...]:
        return tuple(
            sorted(self.dataset.periods.values(), key=lambda p: (p.start, -p.days), reverse=True)
        )

    def period_label(self, period: Period) -> str:
        if period.label:
            return period.label
        year = period.id[:4]
        if "-Q" in period.id:
            return self._("Q%(quarter)s %(year)s", quarter=period.id[-1], year=year)
        if "-H" in period.id:
            return self._("H%(half)s %(year)s", half=period.id[-1], year=year)
        if len(period.id) == 7:
            return self.language.month_year(period.start)
        return year

    def level_label(self, level: str) -> str:
        return self.settings.level_label(level)

    def date(self, day: datetime.date | None) -> str:
        return "" if day is None else self.language.date(day)

    def markdown(self, text: str) -> Markup:
        """Publisher's Markdown as HTML, cleaned: data can never inject markup or script."""
        html = markdown.markdown(text, extensions=["sane_lists"], output_format="html")
        return Markup(nh3.clean(html, tags=MARKDOWN_TAGS, link_rel="noopener"))

    def value(self, value: float | None, kr: KeyResult) -> str:
        if value is None:
            return self._("No data yet")
        return self.language.quantity(value, kr.unit)

    # --- pieces many pages show -------------------------------------------------------------

    def badge(self, status: Status) -> Badge:
        labels = {
            Status.ON_TRACK: (self._("On track"), "✓"),
            Status.AT_RISK: (self._("At risk"), "!"),
            Status.OFF_TRACK: (self._("Off track"), "✕"),
            Status.NO_DATA: (self._("No data yet"), "–"),  # noqa: RUF001 (a dash, meant)
        }
        label, symbol = labels[status]
        return Badge(status.value, label, symbol)

    def progress(
        self, progress: float | None, clipped: float | None, expected: float | None
    ) -> Progress:
        expected_share = 0.0 if expected is None else expected
        return Progress(
            text=self._("No data yet") if progress is None else self.language.percent(progress),
            bar=None if clipped is None else round(clipped * 100),
            expected_text=self.language.percent(expected_share),
            expected_bar=round(expected_share * 100),
        )

    def counts(self, roll_up: RollUp | None) -> tuple[StatusCount, ...]:
        """Key results by status; nothing for a unit or period with no roll-up."""
        if roll_up is None:
            return ()
        return tuple(StatusCount(self.badge(s), roll_up.counts.of(s)) for s in STATUS_ORDER)

    def roll_up_progress(self, roll_up: RollUp | None, period: Period | None) -> Progress:
        """A roll-up's mean progress (its parts already clipped) against its period's pace."""
        value = roll_up.progress if roll_up else None
        return self.progress(value, value, self.expected_for(period) if period else 0.0)

    def kind_label(self, kind: Kind) -> str:
        return {
            Kind.OUTCOME: self._("Outcome"),
            Kind.OUTPUT: self._("Output"),
            Kind.MILESTONE: self._("Milestone"),
        }[kind]

    def target_text(self, kr: KeyResult) -> str:
        if kr.kind is Kind.MILESTONE:
            return self.language.quantity(100, "%")
        if kr.target_range is not None:
            low, high = (self.language.quantity(v, kr.unit) for v in kr.target_range)
            return self._("between %(low)s and %(high)s", low=low, high=high)
        assert kr.target is not None
        target = self.language.quantity(kr.target, kr.unit)
        if kr.direction is not None and kr.direction.value == "at_least":
            return self._("at least %(target)s", target=target)
        if kr.direction is not None and kr.direction.value == "at_most":
            return self._("at most %(target)s", target=target)
        return target

    def key_result_row(self, kr: KeyResult, from_path: str) -> KeyResultRow:
        figures: KeyResultFigures = self.figures.key_results[kr.id]
        owner = figures.owner_status
        derived = figures.derived_status
        shown = owner or derived
        return KeyResultRow(
            id=kr.id,
            link=Link(urls.relative(from_path, urls.key_result(kr.id)), kr.title),
            kind=self.kind_label(kr.kind),
            latest=self.value(figures.latest_value, kr),
            latest_date=self.date(figures.latest_date),
            baseline="" if kr.baseline is None else self.language.quantity(kr.baseline, kr.unit),
            target=self.target_text(kr),
            progress=self.progress(
                figures.progress, figures.clipped_progress, figures.expected_progress
            ),
            status=self.badge(shown),
            derived=self.badge(derived) if owner is not None and owner != derived else None,
            status_source=self._("owner's assessment") if owner else self._("computed"),
            confidence=""
            if figures.confidence is None
            else self.language.percent(figures.confidence),
        )

    def objective_summary(self, objective: Objective, from_path: str) -> ObjectiveSummary:
        roll_up = self.figures.objectives[objective.id]
        unit = self.dataset.units[objective.unit]
        period = self.dataset.periods[objective.period]
        return ObjectiveSummary(
            id=objective.id,
            link=Link(urls.relative(from_path, urls.objective(objective.id)), objective.title),
            unit=self.unit_link(unit, from_path),
            period=self.period_link(period, from_path),
            progress=self.roll_up_progress(roll_up, period),
            counts=self.counts(roll_up),
            key_results=tuple(
                self.key_result_row(self.dataset.key_results[k], from_path)
                for k in objective.key_results
            ),
            no_key_results=not objective.key_results,
        )

    def objective_summaries(
        self, objectives: Sequence[Objective], from_path: str
    ) -> tuple[ObjectiveSummary, ...]:
        return tuple(self.objective_summary(o, from_path) for o in objectives)

    def expected_for(self, period: Period) -> float:
        return expected_progress(period.start, period.end, self.figures.as_of)

    def unit_link(self, unit: Unit, from_path: str) -> Link:
        return Link(urls.relative(from_path, urls.unit(unit.id)), unit.name)

    def period_link(self, period: Period, from_path: str) -> Link:
        return Link(urls.relative(from_path, urls.period(period.id)), self.period_label(period))

    def home_link(self, from_path: str) -> Link:
        return Link(urls.relative(from_path, urls.HOME), self._("Home"))

    def unit_trail(self, unit: Unit, from_path: str) -> tuple[Link, ...]:
        """Home, then every unit from the top down to ``unit``."""
        chain = (*self.dataset.ancestors(unit.id), unit)
        return (self.home_link(from_path), *(self.unit_link(u, from_path) for u in chain))
