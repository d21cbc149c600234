"""Loader tests: copy the minimal portal, break one rule with one edit, compare the problems.

In the spirit of yamllint's ``RuleTestCase.check``: :meth:`Portal.check` takes the expected
problems as ``(path:line, fragment)`` pairs, in the order they must be reported (sorted by path,
then line), and fails when a problem is missing, extra, misplaced or worded without the fragment.
The line numbers in the tests are those of the files in ``tests/fixtures/minimal``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.load.problems import DataError
from generator.load.project import Project, load_project

MINIMAL = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"


def problems_of(root: Path) -> list[str]:
    """``str()`` of every problem in the portal at ``root``; empty when it loads."""
    try:
        load_project(root)
    except DataError as error:
        return [str(problem) for problem in error.problems]
    return []


class Portal:
    """A copy of the minimal portal that a test edits in place."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, relative: str) -> Path:
        return self.root / relative

    def read(self, relative: str) -> str:
        return self.path(relative).read_text(encoding="utf-8")

    def write(self, relative: str, text: str) -> None:
        self.write_bytes(relative, text.encode("utf-8"))

    def write_bytes(self, relative: str, data: bytes) -> None:
        file = self.path(relative)
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(data)

    def append(self, relative: str, text: str) -> None:
        self.write(relative, self.read(relative) + text)

    def replace(self, relative: str, old: str, new: str) -> None:
        """Replace the one occurrence of ``old`` in the file (fails when it is not exactly once)."""
        text = self.read(relative)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {relative}"
        self.write(relative, text.replace(old, new))

    def remove(self, relative: str) -> None:
        self.path(relative).unlink()

    def problems(self) -> list[str]:
        return problems_of(self.root)

    def load(self) -> Project:
        """The loaded portal; fails the test with the problems when it does not load."""
        try:
            return load_project(self.root)
        except DataError as error:
            pytest.fail("expected no problems, got:\n" + "\n".join(map(str, error.problems)))

    def check(self, *expected: tuple[str, str]) -> list[str]:
        """Assert the problems are exactly ``expected``: ``(path:line, message fragment)``."""
        problems = self.problems()
        listing = "\n".join(problems) or "(no problems)"
        assert len(problems) == len(expected), (
            f"expected {len(expected)} problem(s), got:\n{listing}"
        )
        for problem, (where, fragment) in zip(problems, expected, strict=True):
            assert problem.startswith(f"{where}: "), f"expected at {where}, got:\n{listing}"
            assert fragment in problem, f"expected {fragment!r}, got:\n{listing}"
        return problems


@pytest.fixture
def project(tmp_path: Path) -> Portal:
    """A fresh copy of ``tests/fixtures/minimal`` to break."""
    root = tmp_path / "portal"
    shutil.copytree(MINIMAL, root)
    return Portal(root)
