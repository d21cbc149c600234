"""The site folder a build writes into: every file of the portal goes through :class:`SiteFolder`.

The folder is a staging folder; ``okr-portal build`` swaps it in only once everything in it
was written, so a failed build never leaves a half-written site.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from generator.cache_files import CacheFolder, StatRecord


class SiteFolder:
    def __init__(self, root: Path, kept: Path | None = None) -> None:
        """``kept``: the folder of :class:`KeptFiles` the files are linked from, or None to
        write each file into the site itself."""
        self.root = root
        # Paths as text where a page is placed: ``pathlib`` took a second of a warm build of
        # 20,000 pages joining, hashing and printing the paths of 34,000 files.
        self._root = os.fspath(root)
        self.kept = None if kept is None else KeptFiles(kept)
        self.folders: set[str] = set()  # the folders this build made sure are there
        # page -> the key of what search reads of it (generator.pages.search_form), where its
        # writer kept that
        self.search_forms: dict[str, str] = {}

    def write_text(self, path: str, text: str) -> None:
        """Write ``text`` as UTF-8 (its ``\\n`` line ends as they are) to ``path`` (relative
        to the site)."""
        self.write_bytes(path, text.encode("utf-8"))

    def write_bytes(self, path: str, data: bytes) -> None:
        """Write a binary file (a PDF) to ``path`` (relative to the site)."""
        file = Path(self._in_its_folder(path))
        self.search_forms.pop(path, None)  # a form given for a page placed there before
        if self.kept is None:
            file.unlink(missing_ok=True)  # it may be a link into the cache: not written into
            file.write_bytes(data)
        else:
            link(self.kept.holding(data), file)

    def place(self, path: str, source: str | Path, search_form: str | None = None) -> None:
        """Put the file ``source`` (a file of the cache) at ``path``, as a hard link;
        ``search_form``: the key the page's search form is kept under, if it has one."""
        link(source, self._in_its_folder(path))
        if search_form is not None:
            self.search_forms[path] = search_form

    def keep(self, path: str) -> str:
        """Keep the file another program wrote at ``path`` (Pagefind's index) with the site's
        other files; the key it is kept under."""
        file = f"{self._root}/{path}"
        with open(file, "rb") as handle:
            data = handle.read()
        key = hashlib.sha256(data).hexdigest()
        if self.kept is not None:
            self.kept.taking(file, key, data)
        return key

    def place_kept(self, path: str, key: str) -> bool:
        """Put the kept file ``key`` at ``path``; False where none is kept intact."""
        kept = None if self.kept is None else self.kept.intact(key)
        if kept is not None:
            link(kept, self._in_its_folder(path))
        return kept is not None

    def kept_names(self) -> frozenset[str]:
        """The kept files this site links so far, by name."""
        return frozenset(() if self.kept is None else self.kept.checked)

    def adopt(self, kept_names: frozenset[str], search_forms: Mapping[str, str]) -> None:
        """Take what another process (a copy of this one, ``generator.alongside``) placed in
        this folder as placed here: the kept files it linked (``forget_the_rest`` must not
        drop them) and the search forms of the pages it placed."""
        if self.kept is not None:
            self.kept.checked |= kept_names
        self.search_forms.update(search_forms)

    def forget_the_rest(self) -> None:
        """Once the site is written: drop the kept files it no longer links."""
        if self.kept is not None:
            self.kept.forget_the_rest()

    def _in_its_folder(self, path: str) -> str:
        """``path``'s file, its folder made if it is not there yet."""
        file = f"{self._root}/{path}"
        folder = os.path.dirname(file)
        if folder not in self.folders:
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)
        return file

    def read_text(self, path: str) -> str | None:
        """The text of a file already in the site (written by the engine), or None."""
        file = self.root / path
        return file.read_text(encoding="utf-8") if file.is_file() else None


class KeptFiles:
    """The site's files kept between builds under the hash of their bytes.

    Creating a file costs this kind of machine about ten times what a hard link to it costs,
    and a warm build writes thousands of files that have not changed (CSV downloads, feeds,
    link-preview images, the search index): each is linked from here instead. A kept file is
    trusted only once it was compared with the bytes it should hold, or found as the last build
    left it (:class:`StatRecord`): one edited through its link in a published folder is written
    anew, never published.
    """

    def __init__(self, folder: Path) -> None:
        self.cache = CacheFolder(folder, "")
        self.record = StatRecord(folder.with_suffix(".json"))
        self.checked: set[str] = set()  # the kept files this build wrote or compared

    def holding(self, data: bytes) -> Path:
        """The kept file holding ``data``, written if no intact one does."""
        key = hashlib.sha256(data).hexdigest()
        file = self.cache.path(key)
        if key not in self.checked:
            if not self._holds(key, data):
                self.cache.write(key, data)
            self.checked.add(key)
        return file

    def taking(self, file: str, key: str, data: bytes) -> None:
        """Keep ``file`` (a file of the site holding ``data``, hashed to ``key``) where no
        intact kept file holds it: linked into the folder as it is, not written again (a
        search index is 20,000 files at 20,000 pages)."""
        if key not in self.checked:
            if not self._holds(key, data):
                self.cache.take(key, file)
            self.checked.add(key)

    def _holds(self, key: str, data: bytes) -> bool:
        """Whether the kept file ``key`` holds ``data``: as the last build left it, or read."""
        return self.record.unchanged(self.cache.folder, key) or self.cache.read(key) == data

    def intact(self, key: str) -> Path | None:
        """The kept file ``key``, if it still holds the bytes it is named for."""
        file = self.cache.path(key)
        if key not in self.checked and not self.record.unchanged(self.cache.folder, key):
            data = self.cache.read(key)
            if data is None or hashlib.sha256(data).hexdigest() != key:
                return None
        self.checked.add(key)
        return file

    def forget_the_rest(self) -> None:
        """Remove the kept files this build did not use: the folder holds one site's."""
        folder = self.cache.folder
        for name in os.listdir(folder):
            if name not in self.checked:
                (folder / name).unlink(missing_ok=True)
        self.record.save(folder, sorted(self.checked))


def link(source: str | Path, target: str | Path) -> None:
    """``target`` made a hard link to ``source`` (a copy where the file system has none, or
    where ``source`` has as many links as it can hold). A file already at ``target`` is
    replaced, never written into: it may be a link into the cache (``generator.pages.rendered``).
    Linking first and removing only on a clash saves a build a system call a file: a site's
    staging folder holds none."""
    try:
        os.link(source, target)
    except FileExistsError:
        os.unlink(target)
        link(source, target)
    except OSError:
        shutil.copyfile(source, target)
