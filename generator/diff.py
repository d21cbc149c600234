"""What a change of data does to the portal: ``okr-portal diff BASE_REF``.

:func:`compare` is pure: two scored portals in, a :class:`PortalDiff` out. :func:`load_revision`
reads a git revision's ``site_config.yml`` and ``data/`` into a temporary folder and scores
them the way a build would. :func:`to_markdown` writes the result for a pull request's job
summary or a terminal. Only figures are compared, never people: check-in authors and notes
stay out of it.
"""

from __future__ import annotations

import datetime
import io
import re
import subprocess
import tarfile
import tempfile
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from generator.load.problems import DataError, Problem
from generator.load.project import Project, load_project
from generator.load.settings import CONFIG_FILE
from generator.model import Dataset, Direction, Status
from generator.scoring import Figures, score

#: The parts of a project folder that make its data and figures (content/ is prose).
PORTAL_FILES = (CONFIG_FILE, "data")

#: What a key result's figures are judged against: the fields whose change the diff reports.
KEY_RESULT_FIELDS = ("target", "baseline", "target_range", "direction")

FieldValue = float | tuple[float, float] | Direction | None

STATUS_WORDS = {
    Status.ON_TRACK: "on track",
    Status.AT_RISK: "at risk",
    Status.OFF_TRACK: "off track",
    Status.NO_DATA: "no data yet",
}

EMPTY_DATASET = Dataset(levels=(), units={}, periods={}, themes={}, objectives={}, key_results={})


class RevisionError(Exception):
    """The revision cannot be read: no git, not a git repository, or an unknown revision."""


class _GitFailed(RevisionError):
    """A git command exited with an error; its callers say what that means."""


@dataclass(frozen=True)
class ScoredPortal:
    """One state of the portal's data with the figures a build would show for it."""

    dataset: Dataset
    figures: Figures


@dataclass(frozen=True)
class Unloadable:
    """A revision whose data breaks the contract: there is nothing of it to compare."""

    problems: tuple[Problem, ...]


Revision = ScoredPortal | Unloadable


@dataclass(frozen=True)
class Item:
    """An objective or key result, named as a reader knows it."""

    id: str
    title: str


@dataclass(frozen=True)
class KeyResultChange:
    """One field a key result's progress is measured against, before and after."""

    key_result: Item
    field: str
    old: FieldValue
    new: FieldValue


@dataclass(frozen=True)
class StatusChange:
    key_result: Item
    old: Status
    new: Status


@dataclass(frozen=True)
class NewCheckIns:
    """How many check-ins a unit's key results gained."""

    unit_id: str
    unit_name: str
    count: int


@dataclass(frozen=True)
class CheckInChange:
    """A check-in present on both sides whose value was edited."""

    key_result: str
    date: datetime.date
    old: float
    new: float


@dataclass(frozen=True)
class PortalDiff:
    base_problems: tuple[Problem, ...]  # not empty: the base did not load, everything is added
    objectives_added: tuple[Item, ...]
    objectives_removed: tuple[Item, ...]
    key_results_added: tuple[Item, ...]
    key_results_removed: tuple[Item, ...]
    key_result_changes: tuple[KeyResultChange, ...]
    status_changes: tuple[StatusChange, ...]
    new_checkins: tuple[NewCheckIns, ...]
    checkin_changes: tuple[CheckInChange, ...]

    @property
    def unchanged(self) -> bool:
        return not (
            self.objectives_added
            or self.objectives_removed
            or self.key_results_added
            or self.key_results_removed
            or self.key_result_changes
            or self.status_changes
            or self.new_checkins
            or self.checkin_changes
        )


# --- Comparing ------------------------------------------------------------------------------


def scored(project: Project) -> ScoredPortal:
    figures = score(project.dataset, project.as_of, project.settings.status_factors)
    return ScoredPortal(project.dataset, figures)


def compare(base: Revision, head: ScoredPortal) -> PortalDiff:
    """Everything ``head`` changes against ``base``, in the head's file order (removals in the
    base's); an unloadable base counts as empty, so all of ``head`` is added."""
    old = base.dataset if isinstance(base, ScoredPortal) else EMPTY_DATASET
    old_figures = base.figures.key_results if isinstance(base, ScoredPortal) else {}
    new = head.dataset
    return PortalDiff(
        base_problems=base.problems if isinstance(base, Unloadable) else (),
        objectives_added=_only_in(new.objectives, old.objectives),
        objectives_removed=_only_in(old.objectives, new.objectives),
        key_results_added=_only_in(new.key_results, old.key_results),
        key_results_removed=_only_in(old.key_results, new.key_results),
        key_result_changes=tuple(_key_result_changes(old, new)),
        status_changes=tuple(
            StatusChange(Item(kr.id, kr.title), old_figures[kr.id].status, now.status)
            for kr in new.key_results.values()
            if kr.id in old_figures
            and (now := head.figures.key_results[kr.id]).status != old_figures[kr.id].status
        ),
        new_checkins=_new_checkins(old, new),
        checkin_changes=tuple(_checkin_changes(old, new)),
    )


class Titled(Protocol):
    """An objective or a key result: what :class:`Item` names."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...


def _only_in(one: Mapping[str, Titled], other: Mapping[str, object]) -> tuple[Item, ...]:
    return tuple(Item(record.id, record.title) for key, record in one.items() if key not in other)


def _key_result_changes(old: Dataset, new: Dataset) -> Iterator[KeyResultChange]:
    for kr in new.key_results.values():
        before = old.key_results.get(kr.id)
        if before is None:
            continue
        for name in KEY_RESULT_FIELDS:
            was, now = getattr(before, name), getattr(kr, name)
            if was != now:
                yield KeyResultChange(Item(kr.id, kr.title), name, was, now)


def _checkin_values(dataset: Dataset) -> dict[tuple[str, datetime.date], float]:
    """(key result, date) -> value: the loader keeps one check-in per pair."""
    return {(c.key_result, c.date): c.value for c in dataset.checkins}


def _new_checkins(old: Dataset, new: Dataset) -> tuple[NewCheckIns, ...]:
    """Check-ins whose (key result, date) the base lacks, counted by the unit owning the key
    result's objective, in the order of units.yml."""
    known = _checkin_values(old)
    counts = Counter(
        new.objectives[new.key_results[c.key_result].objective].unit
        for c in new.checkins
        if (c.key_result, c.date) not in known
    )
    return tuple(
        NewCheckIns(unit.id, unit.name, counts[unit.id])
        for unit in new.units.values()
        if counts[unit.id]
    )


def _checkin_changes(old: Dataset, new: Dataset) -> Iterator[CheckInChange]:
    """Edited values, by key result in file order, then by date."""
    known = _checkin_values(old)
    for kr_id in new.key_results:
        for checkin in new.checkins_by_key_result.get(kr_id, ()):
            was = known.get((kr_id, checkin.date))
            if was is not None and was != checkin.value:
                yield CheckInChange(kr_id, checkin.date, was, checkin.value)


# --- Reading a revision ---------------------------------------------------------------------


def load_revision(project: Path, ref: str) -> Revision:
    """The portal files of ``project`` as committed at ``ref``, loaded and scored.

    ``project`` may be a sub-folder of its git repository: the files are archived under the
    same prefix and loaded from there. Raises :class:`RevisionError` when git cannot read
    ``ref``; data that breaks the contract at ``ref`` is :class:`Unloadable`, not an error.
    """
    top, prefix = _repository_of(project)
    commit = _commit(top, ref)
    paths = _existing_paths(top, commit, [prefix + name for name in PORTAL_FILES])
    if prefix + CONFIG_FILE not in paths:
        # Said here rather than by the loader, whose message would name the temporary folder.
        return Unloadable((Problem(CONFIG_FILE, None, "there is none at this revision"),))
    with tempfile.TemporaryDirectory(prefix="okr-diff-") as folder:
        _write_files(_git(top, "archive", "--format=tar", commit, "--", *paths), Path(folder))
        try:
            return scored(load_project(Path(folder) / prefix))
        except DataError as error:
            return Unloadable(tuple(error.problems))


def _write_files(archive: bytes, into: Path) -> None:
    """The regular files of a tar archive from git, under ``into``.

    Git never names a file with ".." or a leading "/", and symbolic links are left out, so
    nothing lands outside ``into`` (done by hand: tarfile's extraction filters need 3.11.4).
    """
    with tarfile.open(fileobj=io.BytesIO(archive), mode="r:") as tar:
        for member in tar:
            content = tar.extractfile(member) if member.isfile() else None
            if content is not None:
                target = into / member.name
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content.read())


def _git(cwd: Path, *args: str) -> bytes:
    # Literal pathspecs: a folder named "data[1]" or "*" means itself, not a pattern.
    command = ["git", "--literal-pathspecs", "-C", str(cwd), *args]
    try:
        done = subprocess.run(command, capture_output=True, check=False)
    except FileNotFoundError:
        raise RevisionError("git is not installed: okr-portal diff needs it") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip()
        raise _GitFailed(f"git {args[0]} failed: {message}")
    return done.stdout


def _repository_of(project: Path) -> tuple[Path, str]:
    """The repository's top folder and the project's path inside it ("" or "sub/dir/")."""
    if not project.is_dir():
        raise RevisionError(f"{project} is not a folder")
    try:
        found = _git(project, "rev-parse", "--show-toplevel", "--show-prefix")
    except _GitFailed:
        raise RevisionError(f"{project} is not inside a git repository") from None
    top, prefix = found.decode("utf-8").split("\n")[:2]  # the prefix line is empty at the top
    return Path(top), prefix


def _commit(top: Path, ref: str) -> str:
    try:
        # --end-of-options: a ref such as "--output=x" is a name, never an option.
        found = _git(
            top, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"
        )
    except _GitFailed:
        raise RevisionError(
            f"unknown revision '{ref}' in {top}: give a branch, tag or commit it holds "
            "(a shallow clone may lack it: in GitHub Actions, check out with fetch-depth: 0)"
        ) from None
    return found.decode("ascii").strip()


def _existing_paths(top: Path, commit: str, paths: Sequence[str]) -> list[str]:
    """Those of ``paths`` the commit holds: a revision before the portal existed has none."""
    listed = _git(top, "ls-tree", "-z", "--name-only", commit, "--", *paths)
    return [name for name in listed.decode("utf-8").split("\0") if name]


# --- Markdown -------------------------------------------------------------------------------


def to_markdown(diff: PortalDiff, base_ref: str) -> str:
    """GitHub-flavoured Markdown: a heading, then one section per kind of change."""
    lines = [f"## OKR portal: changes since {_code(base_ref)}", ""]
    if diff.base_problems:
        first = diff.base_problems[0]
        lines += [
            f"The data at {_code(base_ref)} does not load ({len(diff.base_problems)} problem(s), "
            f"first: {_text(str(first))}), so everything is reported as added.",
            "",
        ]
    if diff.unchanged:
        lines.append(f"Nothing in the portal's data or figures changed since {_code(base_ref)}.")
        return "\n".join(lines)
    for section in _sections(diff):
        lines += [*section, ""]
    return "\n".join(lines).rstrip("\n")


def _sections(diff: PortalDiff) -> Iterator[list[str]]:
    listings = (
        ("Objectives added", "Objective", diff.objectives_added),
        ("Objectives removed", "Objective", diff.objectives_removed),
        ("Key results added", "Key result", diff.key_results_added),
        ("Key results removed", "Key result", diff.key_results_removed),
    )
    for heading, kind, items in listings:
        if items:
            yield _table(heading, [kind, "Title"], [[_code(i.id), _text(i.title)] for i in items])
    if diff.key_result_changes:
        yield _table(
            "Targets and baselines changed",
            ["Key result", "Title", "Field", "Old -> new"],
            [
                [
                    _code(c.key_result.id),
                    _text(c.key_result.title),
                    c.field.replace("_", " "),
                    f"{_field_value(c.old)} -> {_field_value(c.new)}",
                ]
                for c in diff.key_result_changes
            ],
        )
    if diff.status_changes:
        yield _table(
            "Status changed",
            ["Key result", "Title", "Old -> new"],
            [
                [
                    _code(c.key_result.id),
                    _text(c.key_result.title),
                    f"{STATUS_WORDS[c.old]} -> {STATUS_WORDS[c.new]}",
                ]
                for c in diff.status_changes
            ],
        )
    if diff.new_checkins:
        yield _table(
            "New check-ins",
            ["Unit", "Name", "Check-ins"],
            [[_code(n.unit_id), _text(n.unit_name), str(n.count)] for n in diff.new_checkins],
        )
    if diff.checkin_changes:
        yield _table(
            "Check-in values changed",
            ["Key result", "Date", "Old -> new"],
            [
                [_code(c.key_result), c.date.isoformat(), f"{_number(c.old)} -> {_number(c.new)}"]
                for c in diff.checkin_changes
            ],
        )


def _table(heading: str, header: list[str], rows: list[list[str]]) -> list[str]:
    return [
        f"### {heading}",
        "",
        _row(header),
        _row(["---"] * len(header)),
        *(_row(row) for row in rows),
    ]


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _text(text: str) -> str:
    """Text from data, safe in a table cell or a line: a backslash or a pipe would end or bend
    the cell, a newline the row, and ``<`` could open an HTML tag."""
    escaped = text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "\\<")
    return " ".join(escaped.splitlines())


def _code(text: str) -> str:
    """A code span around any text: its fence is longer than every run of backticks in it."""
    runs = re.findall("`+", text)
    fence = "`" * (max((len(run) for run in runs), default=0) + 1)
    padding = " " if runs else ""  # a span may not start or end with its own fence character
    return f"{fence}{padding}{text}{padding}{fence}"


def _number(value: float) -> str:
    """30.0 as 30, 12.5 as 12.5: figures as a publisher wrote them."""
    return str(int(value)) if value.is_integer() else str(value)


def _field_value(value: FieldValue) -> str:
    if value is None:
        return "none"
    if isinstance(value, Direction):
        return value.value
    if isinstance(value, tuple):
        return f"{_number(value[0])} to {_number(value[1])}"
    return _number(value)
