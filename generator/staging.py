"""The folder a build writes into, and how it takes the published site's place.

A build writes the whole site into a staging folder beside the published one and swaps it in
only once everything is written, so a failed build never leaves a half-written site. Making
a folder costs this kind of machine about twenty times what linking a file into it does, and
a portal has a folder per page: so the folders of the site a build replaces are kept, emptied
of their files, for a later build to write into (``.<site>-folders``). The replaced site is
set aside whole (``.<site>-old``) and emptied by the next build, on the other CPU while that
build loads its data (:func:`set_up_folders`): emptied where it was replaced, it took the last
second of a warm build of 10,000 pages, with one CPU idle. Where there are no folders to
reuse (a fresh checkout in CI, the cache restored), the last site's folders, listed in the
cache, are made then too (:func:`make_folders`).
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
    """Publish ``staging`` as ``target``; the site it replaces is set aside for the next build
    to empty (:func:`set_up_folders`). The published site's folders, relative to it, each after
    its parent."""
    folders: list[str] = []
    _remove_empty_folders(staging, "", folders)
    old = _old(target)
    shutil.rmtree(old, ignore_errors=True)  # set aside by a build no build emptied after it
    if target.exists():
        target.rename(old)
    staging.rename(target)
    return sorted(folders)  # a parent's name begins its children's


def set_up_folders(staging: Path, target: Path, listing: Path | None) -> None:
    """Run beside a build (``generator.alongside``): the folders the cache's ``listing`` names
    made in ``staging`` unless it holds a site's folders already (:func:`make_folders`), and
    the site the last build replaced emptied of its files, its folders kept for the next build.
    The build writes into neither: ``staging`` was taken from the kept folders before."""
    if listing is not None:
        make_folders(staging, listing)
    old, kept = _old(target), _folders(target)
    if old.is_dir() and not kept.exists():
        _remove_files(old)
        old.rename(kept)


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


def _old(target: Path) -> Path:
    return target.with_name(f".{target.name}-old")


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
