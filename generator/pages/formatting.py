"""Values as a reader sees them, in the page's language: words from the catalogue, numbers,
dates, the labels of the data's codes (a status, a kind, a period) and progress bars.

Nothing here judges: a status, a share or a pace comes from ``generator.scoring``; this only
writes it out.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from generator.i18n import Language
from generator.model import Commitment, Direction, KeyResult, Kind, Period, Status, UpdateEvery
from generator.scoring import Cadence, KeyResultFigures
from generator.settings import Settings

#: Beside the words of a key result whose figures are late: never colour alone.
LATE_SYMBOL = "◷"
#: Beside the words of an aspirational item: a stretch goal, told apart from committed ones.
STRETCH_SYMBOL = "☆"


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


class Formatter:
    """Writes the portal's values in one language."""

    def __init__(self, language: Language, settings: Settings) -> None:
        self.language = language
        self.settings = settings
        self._badges: dict[Status, Badge] = {}

    def _(self, message: str, **values: object) -> str:
        text = self.language.gettext(message)
        return text % values if values else text

    def ngettext(self, singular: str, plural: str, count: int, **values: object) -> str:
        """Words about ``count`` things in the language's plural form, ``%(count)s`` filled in
        as the language writes numbers (``3,651``, ``3 651``)."""
        words = self.language.ngettext(singular, plural, count)
        return words % {"count": self.language.number(count, 0), **values}

    def date(self, day: datetime.date | None) -> str:
        return "" if day is None else self.language.date(day)

    def percent(self, share: float) -> str:
        return self.language.percent(share)

    def quantity(self, value: float, unit: str) -> str:
        return self.language.quantity(value, unit)

    def value(self, value: float | None, kr: KeyResult, provisional: bool = False) -> str:
        """A key result's figure with its unit, said to be provisional where it may still be
        revised: ``5,480 trees (provisional)``."""
        if value is None:
            return self._("No data yet")
        shown = self.quantity(value, kr.unit)
        return self._("%(value)s (provisional)", value=shown) if provisional else shown

    def period_label(self, period: Period) -> str:
        if period.label:
            return period.label
        year = period.id[:4]
        if len(period.id) == 9:  # several years, YYYY-YYYY
            return self._("%(first)s–%(last)s", first=year, last=period.id[5:])  # noqa: RUF001
        if "-Q" in period.id:
            return self._("Q%(quarter)s %(year)s", quarter=period.id[-1], year=year)
        if "-H" in period.id:
            return self._("H%(half)s %(year)s", half=period.id[-1], year=year)
        if len(period.id) == 7:
            return self.language.month_year(period.start)
        return year

    def period_dates(self, period: Period) -> str:
        return self._(
            "%(start)s to %(end)s", start=self.date(period.start), end=self.date(period.end)
        )

    def level_label(self, level: str) -> str:
        return self.settings.level_label(level, self.language.tag)

    def badge(self, status: Status) -> Badge:
        """A status's badge: made once a status (a national portal shows 200,000)."""
        badge = self._badges.get(status)
        if badge is None:
            badge = self._badges[status] = self._badge(status)
        return badge

    def _badge(self, status: Status) -> Badge:
        labels = {
            Status.ON_TRACK: (self._("On track"), "✓"),
            Status.AT_RISK: (self._("At risk"), "!"),
            Status.OFF_TRACK: (self._("Off track"), "✕"),
            Status.NO_DATA: (self._("No data yet"), "–"),  # noqa: RUF001 (a dash, meant)
        }
        label, symbol = labels[status]
        return Badge(status.value, label, symbol)

    def key_result_badge(self, kr: KeyResult, figures: KeyResultFigures) -> Badge:
        """The status a key result shows: a stretch goal says how far it got, never that it
        is off track."""
        if not kr.aspirational:
            return self.badge(figures.status)
        if figures.clipped_progress is None:
            label = self._("Stretch goal: no data yet")
        elif figures.met:
            label = self._("Stretch goal: reached")
        else:
            label = self._(
                "Stretch goal: %(share)s of the way", share=self.percent(figures.clipped_progress)
            )
        return Badge(Commitment.ASPIRATIONAL.value, label, STRETCH_SYMBOL)

    def stretch_goals_badge(self) -> Badge:
        """Beside the count of a roll-up's aspirational key results."""
        return Badge(Commitment.ASPIRATIONAL.value, self._("Stretch goals"), STRETCH_SYMBOL)

    def commitment_label(self, commitment: Commitment) -> str:
        """Words for an aspirational item; nothing for a committed one (the usual case)."""
        if commitment is Commitment.COMMITTED:
            return ""
        return self._("Aspirational")

    def commitment_explained(self, commitment: Commitment) -> str:
        """What an aspirational item is, for its own page; nothing for a committed one."""
        if commitment is Commitment.COMMITTED:
            return ""
        return self._(
            "Aspirational: a stretch goal, where falling short is expected and not a failure"
        )

    def progress(
        self,
        progress: float | None,
        clipped: float | None,
        expected: float | None,
        beyond: str | None = None,
    ) -> Progress:
        """``beyond``: how far past its target a key result is, so that 1,380 % is read as
        a target met, and by how much."""
        expected_share = 0.0 if expected is None else expected
        if progress is None:
            text = self._("No data yet")
        elif beyond:
            text = self._(
                "%(progress)s: target met, by %(beyond)s",
                progress=self.percent(progress),
                beyond=beyond,
            )
        else:
            text = self.percent(progress)
        return Progress(
            text=text,
            bar=None if clipped is None else round(clipped * 100),
            expected_text=self.percent(expected_share),
            expected_bar=round(expected_share * 100),
        )

    def kind_label(self, kind: Kind) -> str:
        return {
            Kind.OUTCOME: self._("Outcome"),
            Kind.OUTPUT: self._("Output"),
            Kind.MILESTONE: self._("Milestone"),
        }[kind]

    def direction_text(self, kr: KeyResult) -> str:
        if kr.kind is Kind.MILESTONE:
            return self._("Percent complete, from 0 to 100")
        return self.direction_words(kr.direction)

    def direction_words(self, direction: Direction) -> str:
        return {
            Direction.INCREASE: self._("Higher is better"),
            Direction.DECREASE: self._("Lower is better"),
            Direction.AT_LEAST: self._("Met when the value is at or above the target"),
            Direction.AT_MOST: self._("Met when the value is at or below the target"),
            Direction.WITHIN: self._("Met when the value stays inside the target range"),
        }[direction]

    def baseline_text(self, kr: KeyResult) -> str:
        """A milestone has no baseline of its own to show: it starts at 0 % complete."""
        return "" if kr.kind is Kind.MILESTONE else self.quantity(kr.baseline, kr.unit)

    def target_text(self, kr: KeyResult) -> str:
        if kr.target_range is not None:
            low, high = (self.quantity(v, kr.unit) for v in kr.target_range)
            return self._("between %(low)s and %(high)s", low=low, high=high)
        assert kr.target is not None  # the loader gives every key result a target or a range
        target = self.quantity(kr.target, kr.unit)
        if kr.direction is Direction.AT_LEAST:
            return self._("at least %(target)s", target=target)
        if kr.direction is Direction.AT_MOST:
            return self._("at most %(target)s", target=target)
        return target

    def cadence_text(self, cadence: Cadence | None) -> str:
        """How often a key result is updated, and how that is known."""
        if cadence is None:
            return self._("Not known yet: it has fewer than two check-ins")
        if cadence.every is not None:
            return {
                UpdateEvery.WEEKLY: self._("Every week, as set by its owner"),
                UpdateEvery.MONTHLY: self._("Every month, as set by its owner"),
                UpdateEvery.QUARTERLY: self._("Every quarter, as set by its owner"),
                UpdateEvery.YEARLY: self._("Every year, as set by its owner"),
            }[cadence.every]
        assert cadence.usual_gap_days is not None
        return self.ngettext(
            "Usually every %(count)s day (the usual gap between its check-ins)",
            "Usually every %(count)s days (the usual gap between its check-ins)",
            cadence.usual_gap_days,
        )
