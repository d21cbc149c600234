"""The folder a build writes into, and how it takes the published site's place.

A build writes the whole site into a staging folder beside the published one and swaps it in
only once everything is written, so a failed build never leaves a half-written site. Making
a folder costs this kind of machine about twenty times what linking a file into it does, and
a portal has a folder per page: so the folders of the site a build replaces are kept, emptied
of their files, for the next build to write into (``.<site>-folders``). Where there are none
(a fresh checkout in CI, the cache restored), the last site's folders, listed in the cache,
are made while the build loads its data (:func:`make_folders`).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

from generator.cache_files import CacheFolder, umask

#: The cache's list of the folders of the last site a build published.
FOLDERS = "site-folders.json"


def staging_folder(target: Path) -> Path:
    """A folder beside ``target`` to build into: the last build's folders, or a new one."""
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    kept = _folders(target)
    if kept.is_dir():
        staging.rmdir()
        kept.rename(staging)
    # A published folder: mkdtemp makes it the owner's alone, as it did the sites before.
    staging.chmod(0o777 & ~umask())
    return staging


def swap_in(staging: Path, target: Path) -> list[str]:
    """Publish ``staging`` as ``target``; the site it replaces leaves its folders behind.
    The published site's folders, relative to it, each after its parent."""
    folders: list[str] = []
    _remove_empty_folders(staging, "", folders)
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    if old.is_dir():
        _remove_files(old)
        shutil.rmtree(_folders(target), ignore_errors=True)
        old.rename(_folders(target))
    return sorted(folders)  # a parent's name begins its children's


def remember_folders(listing: Path, folders: list[str]) -> None:
    """Keep the published site's ``folders`` in the cache's ``listing`` (written only when
    they changed: a build that changed nothing changes nothing in the cache)."""
    data = json.dumps(folders).encode()
    try:
        if listing.read_bytes() == data:
            return
    except OSError:
        pass
    CacheFolder(listing.parent, listing.suffix).write(listing.stem, data)


def make_folders(staging: Path, listing: Path) -> None:
    """Make in ``staging`` the folders the cache's ``listing`` names, unless it holds the last
    site's folders already. Run beside the build's loading (``generator.alongside``): the
    pages' writer finds them made. A name that would lead out of ``staging``, or a folder
    that cannot be made, is left to the writer, which makes what it needs."""
    if any(staging.iterdir()):
        return
    try:
        folders = json.loads(listing.read_bytes())
    except (OSError, ValueError):
        return
    for folder in folders if isinstance(folders, list) else ():
        if isinstance(folder, str) and folder and not _leads_out(folder):
            try:
                os.mkdir(staging / folder)
            except OSError:
                continue


def _leads_out(folder: str) -> bool:
    return folder.startswith("/") or ".." in folder.split("/")


def discard(staging: Path) -> None:
    """A failed build's folder, removed."""
    shutil.rmtree(staging, ignore_errors=True)


def _folders(target: Path) -> Path:
    return target.with_name(f".{target.name}-folders")


def _remove_files(folder: Path) -> None:
    """Every file under ``folder`` removed, its folders kept."""
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False):
            _remove_files(Path(entry.path))
        else:
            os.unlink(entry.path)


def _remove_empty_folders(folder: Path, at: str, kept: list[str]) -> bool:
    """The folders under ``folder`` (``at`` in the site) that this build wrote nothing into (a
    page no longer published), removed, and the others added to ``kept``; True if ``folder``
    itself is empty."""
    empty = True
    for entry in os.scandir(folder):
        if not entry.is_dir(follow_symlinks=False):
            empty = False
            continue
        name = at + entry.name
        if _remove_empty_folders(Path(entry.path), name + "/", kept):
            os.rmdir(entry.path)
        else:
            kept.append(name)
            empty = False
    return empty
