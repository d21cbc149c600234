"""Files kept between builds under a key (a hash of everything that made them): rendered
charts, PDF reports. Each is written atomically (a temporary file, then a rename), so a build
stopped halfway never leaves a torn file for the next build to trust."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

#: A project's cache folder, in the project's folder.
CACHE_DIR = ".okr-cache"


class CacheFolder:
    def __init__(self, folder: Path, suffix: str, spread: bool = False) -> None:
        """The folder is made now, once, not at each file written into it. ``spread``: the
        files are kept in up to 256 folders of it, by the first two characters of their key,
        for two processes creating files in one folder contend for it (two writers of 10,000
        pages took 11.5 s in one folder, 1.7 s spread: ``bench/README.md``)."""
        self.folder = folder
        self.suffix = suffix  # ".svg", ".pdf"
        self.spread = spread
        folder.mkdir(parents=True, exist_ok=True)
        self._made: set[str] = set()  # the folders of a spread cache made sure are there

    def name(self, key: str) -> str:
        """The name of ``key``'s file, relative to the folder."""
        return f"{key[:2]}/{key}{self.suffix}" if self.spread else f"{key}{self.suffix}"

    def path(self, key: str) -> Path:
        return self.folder / self.name(key)

    def read(self, key: str) -> bytes | None:
        try:
            return self.path(key).read_bytes()
        except FileNotFoundError:
            return None

    def write(self, key: str, data: bytes) -> None:
        file = self._target(key)
        fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=f".{key}.", suffix=".tmp")
        try:
            # Readable as any file this user writes: a site's files are links to these, and a
            # web server reads them as a user of its own (mkstemp makes them the owner's alone).
            os.fchmod(fd, 0o666 & ~umask())
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, file)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def take(self, key: str, file: str | Path) -> None:
        """Keep ``file`` under ``key`` as it is: a hard link to it, made under a temporary name
        and renamed, as :meth:`write` writes (a copy where the file system has no links)."""
        target = self._target(key)
        temporary = f"{target.parent}/.{key}.{os.getpid()}.tmp"
        Path(temporary).unlink(missing_ok=True)  # left by a build stopped here
        try:
            os.link(file, temporary)
        except OSError:
            shutil.copyfile(file, temporary)
        os.replace(temporary, target)

    def _target(self, key: str) -> Path:
        """``key``'s file, to be written: in a spread cache, its folder made if need be."""
        file = self.path(key)
        if self.spread and key[:2] not in self._made:
            file.parent.mkdir(exist_ok=True)
            self._made.add(key[:2])
        return file

    def names(self) -> list[str]:
        """The names (as :meth:`name` gives them) of the files the folder holds, not those
        being written; in a spread cache, those in the folder itself too (kept there before it
        was spread): still read, and removed by :meth:`forget_except` once not wanted."""
        return list(self._files())

    def holds_any(self) -> bool:
        """Whether the folder holds any file of the cache."""
        return next(self._files(), None) is not None

    def forget_except(self, names: Iterable[str]) -> None:
        """Remove the files not named in ``names``: the folder holds one site's."""
        wanted = set(names)
        for name in self.names():
            if name not in wanted:
                Path(self.folder, name).unlink(missing_ok=True)

    def _files(self) -> Iterator[str]:
        with os.scandir(self.folder) as entries:
            for entry in entries:
                if self.spread and entry.is_dir():
                    yield from (
                        f"{entry.name}/{name}"
                        for name in os.listdir(entry.path)
                        if self._held(name)
                    )
                elif self._held(entry.name):
                    yield entry.name

    def _held(self, name: str) -> bool:
        return name.endswith(self.suffix) and not name.startswith(".")


@cache
def umask() -> int:
    """The process's file mode mask (read by setting it, so set back at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class StatRecord:
    """The size and time of last change of a cache folder's files, as the last build left them.

    The site's files are hard links into the cache, so a file changed where it was published
    (a minifier, a hand edit) changes the cached file too: a build must not trust a cached
    file it has not checked. Reading every one again would be most of a warm build's I/O; a
    file whose size and time are as recorded, and older than the record, was not written
    since. One whose time is the record's own may have changed in the same tick of the clock,
    and is read.
    """

    def __init__(self, file: Path) -> None:
        self.file = file
        try:
            self.since = file.stat().st_mtime_ns
            self.recorded: dict[str, list[int]] = json.loads(file.read_bytes())
        except (OSError, ValueError):
            self.since, self.recorded = 0, {}
        self.found_unchanged: set[str] = set()  # names of the files ``unchanged`` vouched for

    def unchanged(self, folder: str | Path, name: str) -> bool:
        """Whether the file of ``folder`` named ``name`` (a path relative to it) is as the
        record says, so need not be read to be trusted."""
        try:
            found = os.stat(f"{folder}/{name}")
        except OSError:
            return False
        recorded = self.recorded.get(name)
        if recorded == [found.st_size, found.st_mtime_ns] and found.st_mtime_ns < self.since:
            self.found_unchanged.add(name)
            return True
        return False

    def save(self, folder: str | Path, names: Iterable[str]) -> None:
        """Record the files of ``folder`` named ``names`` (checked by this build): written
        only if anything changed, so a build that changed nothing changes nothing in the
        cache."""
        record = {
            name: self.recorded[name]
            if name in self.found_unchanged
            else [(s := os.stat(f"{folder}/{name}")).st_size, s.st_mtime_ns]
            for name in names
        }
        if record != self.recorded:
            CacheFolder(self.file.parent, self.file.suffix).write(
                self.file.stem, json.dumps(record, sort_keys=True).encode()
            )
