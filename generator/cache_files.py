"""Files kept between builds under a key (a hash of everything that made them): rendered
charts, PDF reports. Each is written atomically (a temporary file, then a rename), so a build
stopped halfway never leaves a torn file for the next build to trust."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


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
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, self.path(key))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
