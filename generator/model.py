"""The validated data set: plain frozen records and the lookups between them.

Architecture invariant: no I/O, no pandas, no MkDocs here. Everything in this module was
checked by ``generator.load``; code reading it may rely on every reference resolving.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property


class Kind(StrEnum):
    OUTCOME = "outcome"
    OUTPUT = "output"
    MILESTONE = "milestone"


class Direction(StrEnum):
    INCREASE = "increase"
    DECREASE = "decrease"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"
    WITHIN = "within"


class UpdateEvery(StrEnum):
    """When a key result's owner publishes a new figure (contract 1.1, ``update_every``)."""

    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"


class Commitment(StrEnum):
    """Committed: the body means to meet it. Aspirational: a stretch, where falling short is
    expected, so its status is never described as failure and roll-ups count it apart."""

    COMMITTED = "committed"
    ASPIRATIONAL = "aspirational"


class Status(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NO_DATA = "no_data"


class Foreign(str):
    """Text in a language other than its page's: a translation the data lacks, shown in the
    default language. The pages mark it with its ``lang`` so it is read out in that language."""

    lang: str

    def __new__(cls, text: str, lang: str) -> Foreign:
        made = super().__new__(cls, text)
        made.lang = lang
        return made

    def __getnewargs__(self) -> tuple[str, str]:  # type: ignore[override]
        return (str(self), self.lang)  # so a copy sent to a chart worker keeps its language


@dataclass(frozen=True)
class Translations:
    """A record's text fields in the portal's other languages: (field, language tag, text)."""

    texts: tuple[tuple[str, str, str], ...] = ()

    def get(self, field_name: str, tag: str) -> str | None:
        for name, language, text in self.texts:
            if name == field_name and language == tag:
                return text
        return None


@dataclass(frozen=True)
class Unit:
    id: str
    name: str
    level: str
    parent: str | None
    description: str = ""
    website: str | None = None
    formerly: tuple[str, ...] = ()
    translations: Translations = Translations()


@dataclass(frozen=True)
class Period:
    id: str
    label: str | None  # None: the pages derive one from the id, in the portal's language
    start: datetime.date
    end: datetime.date
    formerly: tuple[str, ...] = ()
    translations: Translations = Translations()

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    description: str = ""
    formerly: tuple[str, ...] = ()
    translations: Translations = Translations()


@dataclass(frozen=True)
class InterimTarget:
    """A waypoint on the way to a far target: the value to reach by ``date``."""

    date: datetime.date
    value: float


@dataclass(frozen=True)
class Budget:
    """Money set aside for an objective in its period."""

    amount: float
    currency: str  # ISO 4217


@dataclass(frozen=True)
class KeyResult:
    """A key result as scored: a milestone is percent complete, from baseline 0 up to target 100,
    so only what is shown of it (no baseline or target of its own) tells it apart."""

    id: str
    objective: str
    title: str
    kind: Kind
    unit: str
    direction: Direction
    baseline: float
    target: float | None = None  # None with a target range (direction within)
    target_range: tuple[float, float] | None = None
    source: str | None = None
    source_url: str | None = None
    caveat: str | None = None
    formerly: tuple[str, ...] = ()
    translations: Translations = Translations()
    update_every: UpdateEvery | None = None  # None: its usual gap between check-ins decides
    method: str | None = None
    commitment: Commitment = Commitment.COMMITTED
    interim_targets: tuple[InterimTarget, ...] = ()  # by date, inside the period

    @property
    def aspirational(self) -> bool:
        return self.commitment is Commitment.ASPIRATIONAL


@dataclass(frozen=True)
class Objective:
    id: str
    unit: str
    period: str
    title: str
    description: str = ""
    owner: str | None = None
    aligns_to: tuple[str, ...] = ()
    shared_with: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    key_results: tuple[str, ...] = ()
    formerly: tuple[str, ...] = ()
    translations: Translations = Translations()
    commitment: Commitment = Commitment.COMMITTED
    budget: Budget | None = None

    @property
    def aspirational(self) -> bool:
        return self.commitment is Commitment.ASPIRATIONAL


@dataclass(frozen=True)
class Withheld:
    """How many of a unit's objectives and key results in one period are not published
    (``publish: false``): only the counts reach the site, never an id or a title."""

    objectives: int = 0
    key_results: int = 0


@dataclass(frozen=True)
class CheckIn:
    key_result: str
    date: datetime.date
    value: float
    status: Status | None = None
    confidence: float | None = None
    progress: str = ""
    problems: str = ""
    plans: str = ""
    author: str | None = None
    provisional: bool = False  # the figure may still be revised


@dataclass(frozen=True)
class Event:
    """Something that happened which a reader needs to read a trend (a law, a strike, a new
    system): marked on the charts of the key results it concerns."""

    date: datetime.date
    title: str
    key_results: tuple[str, ...] = ()
    units: tuple[str, ...] = ()  # the key results of these units' objectives
    themes: tuple[str, ...] = ()  # the key results of objectives with these themes
    url: str | None = None

    @property
    def everywhere(self) -> bool:
        """It names no key result, unit or theme: it concerns every chart."""
        return not (self.key_results or self.units or self.themes)


@dataclass(frozen=True)
class Dataset:
    """Every record of a portal, in the order the files list them, keyed by id."""

    levels: tuple[str, ...]
    units: Mapping[str, Unit]
    periods: Mapping[str, Period]
    themes: Mapping[str, Theme]
    objectives: Mapping[str, Objective]
    key_results: Mapping[str, KeyResult]
    checkins: tuple[CheckIn, ...] = field(default=())
    events: tuple[Event, ...] = field(default=())
    #: (unit id, period id) -> what of it is withheld; empty when everything is published.
    withheld: Mapping[tuple[str, str], Withheld] = field(default_factory=dict)

    @cached_property
    def children(self) -> Mapping[str, tuple[str, ...]]:
        """Unit id -> ids of the units directly below it."""
        found: defaultdict[str, list[str]] = defaultdict(list)
        for unit in self.units.values():
            if unit.parent:
                found[unit.parent].append(unit.id)
        return {key: tuple(value) for key, value in found.items()}

    def ancestors(self, unit_id: str) -> tuple[Unit, ...]:
        """The units above ``unit_id``, top first."""
        chain: list[Unit] = []
        parent = self.units[unit_id].parent
        while parent is not None:
            chain.append(self.units[parent])
            parent = self.units[parent].parent
        return tuple(reversed(chain))

    @cached_property
    def contributors(self) -> Mapping[str, tuple[str, ...]]:
        """Objective id -> ids of the objectives that align to it (the 'down' direction)."""
        found: defaultdict[str, list[str]] = defaultdict(list)
        for objective in self.objectives.values():
            for target in objective.aligns_to:
                found[target].append(objective.id)
        return {key: tuple(value) for key, value in found.items()}

    @cached_property
    def checkins_by_key_result(self) -> Mapping[str, tuple[CheckIn, ...]]:
        """Key result id -> its check-ins, oldest first."""
        found: defaultdict[str, list[CheckIn]] = defaultdict(list)
        for checkin in sorted(self.checkins, key=lambda c: (c.key_result, c.date)):
            found[checkin.key_result].append(checkin)
        return {key: tuple(value) for key, value in found.items()}

    @cached_property
    def _objectives_by(self) -> Mapping[tuple[str, str], tuple[Objective, ...]]:
        """(what, id) -> objectives, for what in unit, unit-period, shared, period, theme.

        Built once, so a page of a 10,000-objective portal looks its objectives up in O(1).
        """
        found: defaultdict[tuple[str, str], list[Objective]] = defaultdict(list)
        for o in self.objectives.values():
            found[("unit", o.unit)].append(o)
            found[("unit-period", f"{o.unit}/{o.period}")].append(o)
            found[("period", o.period)].append(o)
            for unit_id in o.shared_with:
                found[("shared", unit_id)].append(o)
            for theme_id in o.themes:
                found[("theme", theme_id)].append(o)
        return {key: tuple(value) for key, value in found.items()}

    def objectives_of(self, unit_id: str, period_id: str | None = None) -> tuple[Objective, ...]:
        """Objectives owned by ``unit_id`` (in ``period_id`` when given), in file order."""
        if period_id is None:
            return self._objectives_by.get(("unit", unit_id), ())
        return self._objectives_by.get(("unit-period", f"{unit_id}/{period_id}"), ())

    def objectives_shared_with(self, unit_id: str) -> tuple[Objective, ...]:
        return self._objectives_by.get(("shared", unit_id), ())

    def objectives_in_period(self, period_id: str) -> tuple[Objective, ...]:
        return self._objectives_by.get(("period", period_id), ())

    def objectives_with_theme(self, theme_id: str) -> tuple[Objective, ...]:
        return self._objectives_by.get(("theme", theme_id), ())

    @cached_property
    def _units_by_level(self) -> Mapping[str, tuple[Unit, ...]]:
        found: defaultdict[str, list[Unit]] = defaultdict(list)
        for unit in self.units.values():
            found[unit.level].append(unit)
        return {key: tuple(value) for key, value in found.items()}

    def units_at_level(self, level: str) -> tuple[Unit, ...]:
        return self._units_by_level.get(level, ())

    def period_of_key_result(self, key_result_id: str) -> Period:
        return self.periods[self.objectives[self.key_results[key_result_id].objective].period]

    def events_of_key_result(self, key_result_id: str) -> tuple[Event, ...]:
        """The events that concern a key result, oldest first: those that name it, its
        objective's unit or one of its objective's themes, and those that name none."""
        objective = self.objectives[self.key_results[key_result_id].objective]
        named = self._events_naming
        found = {
            *named.get(None, ()),
            *named.get(("key result", key_result_id), ()),
            *named.get(("unit", objective.unit), ()),
            *(i for theme in objective.themes for i in named.get(("theme", theme), ())),
        }
        # By date; events of one day in the order the file lists them.
        return tuple(self.events[i] for i in sorted(found, key=lambda i: (self.events[i].date, i)))

    @cached_property
    def _events_naming(self) -> Mapping[tuple[str, str] | None, tuple[int, ...]]:
        """The events' positions by what they name (``("unit", id)``...; None: nothing, so
        every key result), so that finding a key result's events does not read them all."""
        found: defaultdict[tuple[str, str] | None, list[int]] = defaultdict(list)
        for i, event in enumerate(self.events):
            if event.everywhere:
                found[None].append(i)
            for kind, ids in (
                ("key result", event.key_results),
                ("unit", event.units),
                ("theme", event.themes),
            ):
                for named in ids:
                    found[(kind, named)].append(i)
        return {subject: tuple(positions) for subject, positions in found.items()}
