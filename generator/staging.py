"""The folder a build writes into, and how it takes the published site's place.

A build writes the whole site into a staging folder beside the published one and swaps it in
only once everything is written, so a failed build never leaves a half-written site. Making
a folder costs this kind of machine about twenty times what linking a file into it does, and
a portal has a folder per page: so the folders of the site a build replaces are kept, emptied
of their files, for the next build to write into (``.<site>-folders``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from generator.cache_files import umask


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


def swap_in(staging: Path, target: Path) -> None:
    """Publish ``staging`` as ``target``; the site it replaces leaves its folders behind."""
    _remove_empty_folders(staging)
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    if old.is_dir():
        _remove_files(old)
        shutil.rmtree(_folders(target), ignore_errors=True)
        old.rename(_folders(target))


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


def _remove_empty_folders(folder: Path) -> bool:
    """The folders under ``folder`` that this build wrote nothing into (a page no longer
    published), removed; True if ``folder`` itself is empty."""
    empty = True
    for entry in os.scandir(folder):
        if entry.is_dir(follow_symlinks=False) and _remove_empty_folders(Path(entry.path)):
            os.rmdir(entry.path)
        else:
            empty = False
    return empty
