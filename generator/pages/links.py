"""Links between pages: where a link points (relative, so the portal can live under any path)
and the words it shows."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Dataset, Objective, Period, Theme, Unit
from generator.pages import urls
from generator.pages.formatting import Formatter


@dataclass(frozen=True)
class Link:
    href: str
    text: str


class Links:
    """The links a page at a given address makes to the portal's other pages."""

    def __init__(self, dataset: Dataset, fmt: Formatter, root: str = "") -> None:
        self.dataset = dataset
        self.fmt = fmt
        self.root = root  # where the pages of this language live: "" or "sv/"

    def to(self, from_path: str, to_path: str, text: str) -> Link:
        return Link(urls.relative(from_path, to_path), text)

    def shared(self, from_path: str, to_path: str, text: str) -> Link:
        """A link to a file every language shares (open data is published once, at the root)."""
        return Link(urls.relative(self.root + from_path, to_path), text)

    def home(self, from_path: str) -> Link:
        return self.to(from_path, urls.HOME, self.fmt._("Home"))

    def unit(self, unit: Unit, from_path: str) -> Link:
        return self.to(from_path, urls.unit(unit.id), unit.name)

    def period(self, period: Period, from_path: str) -> Link:
        return self.to(from_path, urls.period(period.id), self.fmt.period_label(period))

    def theme(self, theme: Theme, from_path: str) -> Link:
        return self.to(from_path, urls.theme(theme.id), theme.name)

    def level(self, level: str, from_path: str) -> Link:
        return self.to(from_path, urls.level(level), self.fmt.level_label(level))

    def objective(self, objective: Objective, from_path: str) -> Link:
        return self.to(from_path, urls.objective(objective.id), objective.title)

    def unit_trail(self, unit: Unit, from_path: str) -> tuple[Link, ...]:
        """Home, then every unit from the top down to ``unit``."""
        chain = (*self.dataset.ancestors(unit.id), unit)
        return (self.home(from_path), *(self.unit(u, from_path) for u in chain))
