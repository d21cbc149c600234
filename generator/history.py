"""The history of every objective and key result, read from git: what each commit changed of
their titles, periods, baselines, targets, target ranges and directions.

One ``git log`` lists the commits (first parent only: the history of the branch as
published) that touched ``data/okrs/``, with the blob of each OKR file they wrote; each blob
is parsed once, ever: its fields are kept in the cache (``<cache>/history/``) under its hash,
and the whole history under the HEAD commit. A warm build costs one ``git rev-parse``; a new
commit costs one ``git log`` and the parse of the files it changed.

Only the OKR files are read, not the whole data set of each revision (check-ins would make a
long history slow to read), so the contract is not checked at each revision: a revision is
skipped when one of its OKR files is not YAML of the contract's shape (a list of objectives
with ids, key results with numbers) or an id appears twice; its changes are then reported at
the next revision that reads. The first revision read is where the record starts: what it
holds is not reported as added. Who made a commit is never read, only its date, message and
hash.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import subprocess
from collections.abc import Iterator, Mapping, Sequence, Set
from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal

from generator.cache_files import CacheFolder
from generator.load.fields import parse_number
from generator.load.problems import Problems
from generator.load.yamlfile import parse_yaml

LOG = logging.getLogger("okr-portal.history")

OKR_FOLDER = "data/okrs"

#: A field's value: translatable text as written (a string or language -> text), a number, a
#: target range, a direction or a period id; None when the revision did not set it.
Text = str | Mapping[str, str]
Value = Text | float | tuple[float, float] | None

ItemKind = Literal["objective", "key_result"]

#: The fields whose changes are listed, by the kind of item.
FIELDS: Mapping[ItemKind, tuple[str, ...]] = {
    "objective": ("title", "period"),
    "key_result": ("title", "period", "baseline", "target", "target_range", "direction"),
}
#: What a change of targets is (the home page lists the latest).
TARGET_FIELDS = ("target", "target_range")
ADDED = "added"
REMOVED = "removed"


@dataclass(frozen=True)
class Commit:
    hash: str
    date: datetime.date  # the committer's date
    message: str  # the first line of the commit message

    @property
    def short(self) -> str:
        return self.hash[:7]


@dataclass(frozen=True)
class Change:
    """One field of one item changed by one commit; or the item added (``field`` is
    ``ADDED``, no values) or removed (``REMOVED``)."""

    commit: Commit
    kind: ItemKind
    item: str  # the objective's or key result's id
    field: str
    old: Value
    new: Value
    title: Text  # the item's title after the change (before it, for a removal)
    period: str  # the item's period id after the change (before it, for a removal)
    objective: str | None  # a key result's objective
    unit: Text | None  # what a key result's values count, at that revision


@dataclass(frozen=True)
class History:
    """Every change, oldest first; ``available`` is false when the data is not in git."""

    available: bool
    since: Commit | None = None  # the first revision read: where the record starts
    changes: tuple[Change, ...] = ()
    skipped: int = 0  # revisions whose OKR files did not read

    @cached_property
    def by_item(self) -> Mapping[tuple[ItemKind, str], tuple[Change, ...]]:
        found: dict[tuple[ItemKind, str], list[Change]] = {}
        for change in self.changes:
            found.setdefault((change.kind, change.item), []).append(change)
        return {key: tuple(changes) for key, changes in found.items()}

    @cached_property
    def by_objective(self) -> Mapping[str, tuple[Change, ...]]:
        """An objective's own changes and those of its key results, oldest first."""
        found: dict[str, list[Change]] = {}
        for change in self.changes:
            owner = change.item if change.kind == "objective" else change.objective
            if owner is not None:
                found.setdefault(owner, []).append(change)
        return {key: tuple(changes) for key, changes in found.items()}

    @cached_property
    def by_period(self) -> Mapping[str, tuple[Change, ...]]:
        """Changes to the items of a period; a move between periods is in both."""
        found: dict[str, list[Change]] = {}
        for change in self.changes:
            periods = {change.period}
            if change.field == "period":
                periods |= {p for p in (change.old, change.new) if isinstance(p, str)}
            for period in sorted(periods):
                found.setdefault(period, []).append(change)
        return {key: tuple(changes) for key, changes in found.items()}

    def without(self, withheld: Set[str]) -> History:
        """The history without the items withheld today (nor their key results' changes)."""
        if not withheld:
            return self
        kept = tuple(
            c for c in self.changes if c.item not in withheld and c.objective not in withheld
        )
        return replace(self, changes=kept)

    @cached_property
    def target_changes(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.field in TARGET_FIELDS)


NOT_IN_GIT = History(available=False)


class _NoHistory(Exception):
    """git is missing, the folder is not in a repository, or it has no commit yet."""


# --- Reading git ----------------------------------------------------------------------------


class Git:
    """Runs git in a folder and counts its calls (a warm build makes one)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.calls = 0

    def __call__(self, *args: str, stdin: bytes | None = None) -> bytes:
        command = ["git", "--literal-pathspecs", "-C", str(self.folder), *args]
        self.calls += 1
        try:
            done = subprocess.run(command, input=stdin, capture_output=True, check=False)
        except FileNotFoundError:
            raise _NoHistory("git is not installed") from None
        if done.returncode != 0:
            raise _NoHistory(done.stderr.decode("utf-8", "replace").strip())
        return done.stdout


@cache
def _code_digest() -> str:
    """What the cached fields were read with: a change of this module reads them again."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]


def read_history(project: Path, cache_dir: Path) -> History:
    """The history of the OKR files of ``project`` (which may be a sub-folder of its
    repository), from ``cache_dir`` when HEAD has not moved since it was read."""
    git = Git(project)
    try:
        top, prefix, head = (
            git("rev-parse", "--show-toplevel", "--show-prefix", "HEAD")
            .decode("utf-8")
            .split("\n")[:3]
        )
    except _NoHistory as why:
        LOG.info("no history: %s", why)
        return NOT_IN_GIT
    folder = CacheFolder(cache_dir / _code_digest(), ".json")
    key = hashlib.sha256(f"{head}\0{prefix}".encode()).hexdigest()
    cached = folder.read(key)
    if cached is not None:
        LOG.info("history of %s read from the cache (%d git call)", head[:7], git.calls)
        return _decode(json.loads(cached))
    try:
        history, parsed = _read(Git(Path(top)), prefix + OKR_FOLDER, folder)
    except _NoHistory as why:
        LOG.info("no history: %s", why)
        return NOT_IN_GIT
    folder.write(key, json.dumps(_encode(history), sort_keys=True).encode())
    LOG.info(
        "history of %s: %d changes, %d files parsed, %d revisions skipped",
        head[:7],
        len(history.changes),
        parsed,
        history.skipped,
    )
    return history


@dataclass(frozen=True)
class _Revision:
    commit: Commit
    files: Mapping[str, str]  # path under data/okrs/ -> blob hash, every OKR file at it


def _revisions(git: Git, okrs: str) -> Iterator[_Revision]:
    """Every commit of the first-parent history that touched ``okrs``, oldest first, with the
    OKR files it holds (the tree replayed from each commit's raw changes)."""
    log = git(
        "-c",
        "core.quotePath=true",
        "log",
        "--first-parent",
        "--diff-merges=first-parent",
        "--reverse",
        "--no-renames",
        "--raw",
        "--no-abbrev",
        "--format=%x1e%H%x1f%cs%x1f%s",
        "--",
        okrs,
    ).decode("utf-8", "replace")
    files: dict[str, str] = {}
    for record in log.split("\x1e")[1:]:
        header, *lines = record.split("\n")
        commit_hash, date, message = header.split("\x1f", 2)
        for line in lines:
            if not line.startswith(":"):
                continue
            info, path = line.split("\t", 1)
            blob, status = info.split()[3:5]
            name = path[len(okrs) + 1 :]
            if not _is_okr_file(name):
                continue
            if status == "D":
                files.pop(name, None)
            else:
                files[name] = blob
        commit = Commit(commit_hash, datetime.date.fromisoformat(date), message)
        yield _Revision(commit, dict(files))


def _is_okr_file(name: str) -> bool:
    """``<period-id>/<unit-id>.yml``, as the loader reads them (a quoted, unusual name is no
    id)."""
    parts = name.split("/")
    return len(parts) == 2 and name.endswith(".yml") and not name.startswith(('"', "."))


# --- One file's fields ----------------------------------------------------------------------

#: One OKR file's items, each (kind, id, fields) in file order; None: the file does not read.
FileFields = list[tuple[ItemKind, str, dict[str, Any]]] | None


def _blob_fields(
    git: Git, blobs: Sequence[str], folder: CacheFolder
) -> tuple[dict[str, FileFields], int]:
    """Each blob's fields: from the cache, else read with one ``git cat-file --batch``; and how
    many were parsed."""
    found: dict[str, FileFields] = {}
    missing = []
    for blob in blobs:
        cached = folder.read(f"blob-{blob}")
        if cached is None:
            missing.append(blob)
        else:
            found[blob] = _file_fields_from_json(json.loads(cached))
    if missing:
        output = git("cat-file", "--batch", stdin="".join(f"{b}\n" for b in missing).encode())
        at = 0
        for blob in missing:
            end = output.index(b"\n", at)
            size = int(output[at:end].split()[2])
            content = output[end + 1 : end + 1 + size]
            at = end + 1 + size + 1  # the content is followed by a newline
            fields = _parse(content)
            folder.write(f"blob-{blob}", json.dumps(fields).encode())
            found[blob] = fields
    return found, len(missing)


def _file_fields_from_json(data: Any) -> FileFields:
    if data is None:
        return None
    return [(kind, item, fields) for kind, item, fields in data]


def _parse(content: bytes) -> FileFields:
    """The fields of one OKR file, or None when it is not YAML of the contract's shape. Read
    as the loader reads it: every scalar a string, a number by the loader's rule."""
    problems = Problems()
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    data = parse_yaml(text, "history", problems, None)
    if problems or not isinstance(data, dict) or not isinstance(data.get("objectives"), list):
        return None
    items: list[tuple[ItemKind, str, dict[str, Any]]] = []
    for objective in data["objectives"]:
        if not isinstance(objective, dict) or not _is_text(objective.get("title")):
            return None
        objective_id = objective.get("id")
        key_results = objective.get("key_results") or []
        if not isinstance(objective_id, str) or not isinstance(key_results, list):
            return None
        if _withheld(objective):
            continue
        items.append(("objective", objective_id, {"title": _text(objective["title"])}))
        for kr in key_results:
            fields = _key_result_fields(kr)
            if fields is None:
                return None
            if _withheld(kr):
                continue
            items.append(("key_result", kr["id"], {**fields, "objective": objective_id}))
    return items


def _withheld(item: dict[str, Any]) -> bool:
    """Written with ``publish: false`` at that revision: its changes are not shown."""
    return str(item.get("publish", "")).strip().lower() in {"false", "no"}


def _is_text(value: object) -> bool:
    return isinstance(value, str) or (
        isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
    )


def _text(value: str | dict[str, str]) -> Text:
    return value if isinstance(value, str) else dict(value)


class _NotANumber(Exception):
    pass


def _number(value: object) -> float | None:
    if value is None or value == "":
        return None
    found = parse_number(value) if isinstance(value, str) else None
    if found is None:
        raise _NotANumber
    return found


def _key_result_fields(kr: object) -> dict[str, Any] | None:
    if not isinstance(kr, dict) or not isinstance(kr.get("id"), str):
        return None
    if not _is_text(kr.get("title")) or not (kr.get("unit") is None or _is_text(kr["unit"])):
        return None
    band, direction, kind = kr.get("target_range"), kr.get("direction") or None, kr.get("kind")
    try:
        baseline, target = _number(kr.get("baseline")), _number(kr.get("target"))
        if band is not None:
            if not isinstance(band, list) or len(band) != 2:
                return None
            band = [_number(v) for v in band]
    except _NotANumber:
        return None
    if not (direction is None or isinstance(direction, str)):
        return None
    if direction is None and kind != "milestone" and baseline is not None and target is not None:
        direction = "increase" if baseline < target else "decrease"  # as the loader decides
    return {
        "title": _text(kr["title"]),
        "unit": None if kr.get("unit") is None else _text(kr["unit"]),
        "baseline": baseline,
        "target": target,
        "target_range": band,
        "direction": direction,
    }


# --- Comparing revisions --------------------------------------------------------------------

#: (kind, id) -> the item's fields at one revision, with its "period".
Snapshot = dict[tuple[ItemKind, str], dict[str, Any]]


def _read(git: Git, okrs: str, folder: CacheFolder) -> tuple[History, int]:
    """The history, and how many files were parsed (not in the cache)."""
    revisions = list(_revisions(git, okrs))
    if not revisions:
        raise _NoHistory(f"no commit holds {okrs}")
    blobs = sorted({blob for r in revisions for blob in r.files.values()})
    fields, parsed = _blob_fields(git, blobs, folder)
    previous: Snapshot | None = None
    since: Commit | None = None
    changes: list[Change] = []
    skipped = 0
    for revision in revisions:
        snapshot = _snapshot(revision, fields)
        if snapshot is None:
            skipped += 1
            continue
        if previous is None:
            since = revision.commit
        else:
            changes += _compare(revision.commit, previous, snapshot)
        previous = snapshot
    return History(True, since, tuple(changes), skipped), parsed


def _snapshot(revision: _Revision, fields: Mapping[str, FileFields]) -> Snapshot | None:
    """Every item at a revision; None when a file does not read or an id is there twice."""
    snapshot: Snapshot = {}
    for name in sorted(revision.files):
        items = fields[revision.files[name]]
        if items is None:
            return None
        period = name.split("/")[0]
        for kind, item, values in items:
            if (kind, item) in snapshot:
                return None
            snapshot[(kind, item)] = {**values, "period": period}
    return snapshot


def _compare(commit: Commit, old: Snapshot, new: Snapshot) -> Iterator[Change]:
    def change(
        key: tuple[ItemKind, str], item: dict[str, Any], field: str, was: Any, now: Any
    ) -> Change:
        return Change(
            commit=commit,
            kind=key[0],
            item=key[1],
            field=field,
            old=_value(was),
            new=_value(now),
            title=item["title"],
            period=item["period"],
            objective=item.get("objective"),
            unit=item.get("unit"),
        )

    for key, item in new.items():
        before = old.get(key)
        if before is None:
            yield change(key, item, ADDED, None, None)
            continue
        for field in FIELDS[key[0]]:
            if before.get(field) != item.get(field):
                yield change(key, item, field, before.get(field), item.get(field))
    for key, item in old.items():
        if key not in new:
            yield change(key, item, REMOVED, None, None)


def _value(value: Any) -> Value:
    if isinstance(value, list):
        low, high = value
        return (float(low), float(high))
    return value  # type: ignore[no-any-return]


# --- The cache's JSON -----------------------------------------------------------------------


def _commit_json(commit: Commit) -> list[str]:
    return [commit.hash, commit.date.isoformat(), commit.message]


def _commit_from(data: list[str]) -> Commit:
    return Commit(data[0], datetime.date.fromisoformat(data[1]), data[2])


def _encode(history: History) -> dict[str, Any]:
    return {
        "since": None if history.since is None else _commit_json(history.since),
        "skipped": history.skipped,
        "changes": [
            [
                _commit_json(c.commit),
                c.kind,
                c.item,
                c.field,
                c.old,
                c.new,
                c.title,
                c.period,
                c.objective,
                c.unit,
            ]
            for c in history.changes
        ],
    }


def _decode(data: dict[str, Any]) -> History:
    since = data["since"]
    return History(
        available=True,
        since=None if since is None else _commit_from(since),
        skipped=data["skipped"],
        changes=tuple(
            Change(_commit_from(c[0]), c[1], c[2], c[3], _value(c[4]), _value(c[5]), *c[6:])
            for c in data["changes"]
        ),
    )
