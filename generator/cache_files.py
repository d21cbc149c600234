"""Files kept between builds under a key (a hash of everything that made them): rendered
charts, PDF reports. Each is written atomically (a temporary file, then a rename), so a build
stopped halfway never leaves a torn file for the next build to trust."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path

#: A project's cache folder, in the project's folder.
CACHE_DIR = ".okr-cache"


class CacheFolder:
    def __init__(self, folder: Path, suffix: str) -> None:
        """The folder is made now, once, not at each file written into it."""
        self.folder = folder
        self.suffix = suffix  # ".svg", ".pdf"
        folder.mkdir(parents=True, exist_ok=True)

    def path(self, key: str) -> Path:
        return self.folder / f"{key}{self.suffix}"

    def read(self, key: str) -> bytes | None:
        try:
            return self.path(key).read_bytes()
        except FileNotFoundError:
            return None

    def write(self, key: str, data: bytes) -> None:
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=f".{key}.", suffix=".tmp")
        try:
            # Readable as any file this user writes: a site's files are links to these, and a
            # web server reads them as a user of its own (mkstemp makes them the owner's alone).
            os.fchmod(fd, 0o666 & ~umask())
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, self.path(key))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


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

    def unchanged(self, file: str | Path) -> bool:
        """Whether ``file`` is as the record says, so need not be read to be trusted."""
        try:
            found = os.stat(file)
        except OSError:
            return False
        name = os.path.basename(file)
        recorded = self.recorded.get(name)
        if recorded == [found.st_size, found.st_mtime_ns] and found.st_mtime_ns < self.since:
            self.found_unchanged.add(name)
            return True
        return False

    def save(self, folder: Path, names: Iterable[str]) -> None:
        """Record the files of ``folder`` named ``names`` (checked by this build): written
        only if anything changed, so a build that changed nothing changes nothing in the
        cache."""
        record = {
            name: self.recorded[name]
            if name in self.found_unchanged
            else [(s := os.stat(folder / name)).st_size, s.st_mtime_ns]
            for name in names
        }
        if record != self.recorded:
            CacheFolder(self.file.parent, self.file.suffix).write(
                self.file.stem, json.dumps(record, sort_keys=True).encode()
            )
