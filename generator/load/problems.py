"""Problems found in the input, reported all at once as ``path:line: message``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

#: How much a problem weighs: an error stops the build; a warning (how the OKRs are written)
#: does not, unless ``check --strict`` makes it an error.
Level = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in the input; sorts by file, then line."""

    path: str
    line: int | None
    message: str = field(compare=True)

    def __str__(self) -> str:
        return self.shown("error")

    def shown(self, level: Level) -> str:
        """``path:line: message``; a warning says so before its message, as compilers do, so
        editors still jump to the line."""
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        label = "warning: " if level == "warning" else ""
        return f"{where}: {label}{self.message}"

    def github_annotation(self, folder: str = "", level: Level = "error") -> str:
        """The problem as a GitHub Actions workflow command, so a pull request shows it on the
        line to fix; ``folder`` is the portal's folder within the repository (``""`` or
        ``portal/``)."""
        where = f"file={_escape_property(folder + self.path)}"
        if self.line is not None:
            where += f",line={self.line}"
        return f"::{level} {where}::{_escape_data(self.message)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


@dataclass(frozen=True)
class Place:
    """Where an item is written: its file, relative to the portal's folder, and its line."""

    path: str
    line: int


class DataError(Exception):
    """The input breaks the data contract; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.path, p.line or 0))
        super().__init__("\n".join(str(p) for p in self.problems))


class Problems:
    """Collects problems while loading; one instance is shared by every loader of a build."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, path: str, line: int | None, message: str) -> None:
        self.items.append(Problem(path, line, message))

    def __len__(self) -> int:
        return len(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise DataError(self.items)
