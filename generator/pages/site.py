"""The site model: everything the views read for one language of the portal, frozen.

It is made once the figures are scored and every chart is rendered, so a view only reads it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar, cast

from generator.charts.inputs import ChartSvgs
from generator.history import NOT_IN_GIT, History
from generator.model import Dataset, Period
from generator.pages.formatting import Formatter
from generator.pages.links import Links
from generator.scoring import Figures, StatusChange
from generator.settings import Settings


@dataclass(frozen=True)
class ChartImage:
    """A key result's chart as a PNG (``generator.charts.social``), kept in the charts' cache."""

    file: Path
    width: int
    height: int


Part = TypeVar("Part")


@dataclass(frozen=True)
class Site:
    settings: Settings
    dataset: Dataset
    figures: Figures
    fmt: Formatter
    charts: Mapping[str, ChartSvgs]  # key result id -> its chart, drawn wide and narrow
    root: str = ""  # where this language's pages live (``urls.language_root``)
    images: Mapping[str, ChartImage] = field(default_factory=dict)  # key result id -> its PNG
    history: History = NOT_IN_GIT  # what commits changed in the data (``generator.history``)
    #: period id -> its key results' statuses changed on the days check-ins came in
    status_changes: Mapping[str, tuple[StatusChange, ...]] = field(default_factory=dict)

    def once(self, key: Hashable, make: Callable[[], Part]) -> Part:
        """``make()``, made the first time ``key`` is asked for and given again after: a part
        several pages show (an objective's summary is on its page, its unit's, its period's and
        its themes'). The site is frozen, so a part never goes stale."""
        made = self._made
        if key not in made:
            made[key] = make()
        return cast(Part, made[key])

    @cached_property
    def _made(self) -> dict[Hashable, Any]:
        return {}

    @cached_property
    def links(self) -> Links:
        return Links(self.dataset, self.fmt, self.root)

    @cached_property
    def current_period(self) -> Period | None:
        current = self.figures.current_period
        return None if current is None else self.dataset.periods[current]

    def is_current(self, period: Period) -> bool:
        return period.id == self.figures.current_period

    @cached_property
    def periods_newest_first(self) -> tuple[Period, ...]:
        return tuple(
            sorted(self.dataset.periods.values(), key=lambda p: (p.start, -p.days), reverse=True)
        )
