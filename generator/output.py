"""The site folder a build writes into: every file of the portal goes through :class:`SiteFolder`.

The folder is a staging folder; ``okr-portal build`` swaps it in only once everything in it
was written, so a failed build never leaves a half-written site.
"""

from __future__ import annotations

from pathlib import Path


class SiteFolder:
    def __init__(self, root: Path) -> None:
        self.root = root

    def write_text(self, path: str, text: str) -> None:
        """Write ``text`` as UTF-8 with ``\\n`` line ends to ``path`` (relative to the site)."""
        file = self._replaced(path)
        with open(file, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)

    def write_bytes(self, path: str, data: bytes) -> None:
        """Write a binary file (a PDF) to ``path`` (relative to the site)."""
        self._replaced(path).write_bytes(data)

    def _replaced(self, path: str) -> Path:
        """``path``'s file, made ready to write anew: a file already there may be a hard link
        into the cache (``generator.pages.rendered``), which writing into would change."""
        file = self.root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.unlink(missing_ok=True)
        return file

    def read_text(self, path: str) -> str | None:
        """The text of a file already in the site (written by the engine), or None."""
        file = self.root / path
        return file.read_text(encoding="utf-8") if file.is_file() else None
