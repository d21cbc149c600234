"""``mkdocs build`` and ``mkdocs serve`` for a portal folder, configured from its settings.

The MkDocs configuration is made from the portal's ``site_config.yml`` (its ``mkdocs:`` key may
add MkDocs settings), so ``okr-portal build`` and ``mkdocs build`` with ``mkdocs.yml`` give the
same site.
"""

from __future__ import annotations

import datetime
import logging
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from generator.engine.plugin import DataProblems
from generator.load.problems import DataError, Problems
from generator.load.settings import load_settings


class BuildFailed(Exception):
    """The engine stopped for a reason other than the data (a broken theme, a bad setting)."""


def quiet() -> None:
    """Material's banner about MkDocs 2 says nothing a portal publisher can act on."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")


def build(
    root: Path, site_dir: Path, today: datetime.date | None = None, cache_dir: Path | None = None
) -> None:
    """Build the portal in ``root`` into ``site_dir``, which holds no file (folders only);
    raises DataError or BuildFailed.
    ``today`` is the build date (posts dated after it stay out); default: today. ``cache_dir``:
    where charts and pages are kept between builds (default: ``<root>/.okr-cache``)."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    # MkDocs logs a build error, then raises Abort from it: the caller says it once.
    logging.getLogger("mkdocs.commands.build").addFilter(_not_said_here)
    try:
        with mkdocs_config_file(root, site_dir, today, cache_dir=cache_dir) as config_file:
            # "Dirty": MkDocs writes into the folders already there instead of removing them
            # first (``generator.staging`` hands it the last build's folders, without a file).
            mkdocs_build(load_config(config_file=str(config_file)), dirty=True)
    except Abort as abort:
        raise _failure(abort) from None


def _not_said_here(record: logging.LogRecord) -> bool:
    """MkDocs' build errors (the caller says them once) and its warning that a build into
    folders already there may keep stale pages: a folder without a file has none to keep."""
    return record.levelno < logging.ERROR and "'dirty' build" not in record.getMessage()


def serve(root: Path, dev_addr: str, today: datetime.date | None = None) -> None:
    """Serve the portal in ``root``, rebuilt on every change. Bad data shows as a page of its
    problems until it is fixed; BuildFailed when the engine itself cannot start."""
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import Abort

    with (
        tempfile.TemporaryDirectory() as staging,
        mkdocs_config_file(root, Path(staging), today, serving=True) as file,
    ):
        try:
            mkdocs_serve(config_file=str(file), dev_addr=dev_addr, livereload=True)
        except Abort as abort:
            raise _failure(abort) from None


def _failure(abort: Exception) -> Exception:
    """Why MkDocs aborted: it raises Abort from the error that stopped the build."""
    cause = abort.__context__
    if isinstance(cause, DataProblems):
        return DataError(cause.problems)
    return BuildFailed(str(cause or abort))


def mkdocs_settings(
    root: Path,
    site_dir: Path,
    today: datetime.date | None = None,
    serving: bool = False,
    cache_dir: Path | None = None,
) -> dict[str, Any]:
    """The MkDocs configuration of the portal in ``root``, built from its site_config.yml.
    Broken settings raise DataError, except ``serving``: the preview shows the problems."""
    problems = Problems()
    loaded = load_settings(root, problems)
    if not serving:
        problems.raise_if_any()
    extra = loaded.mkdocs if loaded else {}
    ours: dict[str, Any] = {"okr-portal": {"project": str(root)}}
    if today is not None:
        ours["okr-portal"]["today"] = today.isoformat()
    if cache_dir is not None:
        ours["okr-portal"]["cache_dir"] = str(cache_dir)
    settings: dict[str, Any] = {
        "site_name": "okr-portal",  # replaced by the plugin with the portal's title
        "docs_dir": str(root / "content"),
        "site_dir": str(site_dir),
        "use_directory_urls": True,
        "theme": {"name": "material", "font": False},
        # No Material search: its index is read whole; generator.exports.search writes Pagefind's.
        "plugins": [ours],
        "markdown_extensions": ["attr_list", "admonition", "toc"],
    }
    for key, value in extra.items():
        if key == "theme" and isinstance(value, dict):
            settings["theme"] = {**settings["theme"], **value}
        elif key == "plugins" and isinstance(value, list):
            # Other plugins are welcome; ours stays, or there would be no data pages.
            settings["plugins"] = [*value, ours]
        else:
            settings[key] = value
    return settings


@contextmanager
def mkdocs_config_file(
    root: Path,
    site_dir: Path,
    today: datetime.date | None = None,
    serving: bool = False,
    cache_dir: Path | None = None,
) -> Iterator[Path]:
    """A temporary MkDocs config file for ``root`` (MkDocs' serve re-reads it on every change)."""
    with tempfile.TemporaryDirectory() as folder:
        settings = mkdocs_settings(root, site_dir, today, serving, cache_dir)
        if not Path(settings["docs_dir"]).is_dir():
            settings["docs_dir"] = str(Path(folder) / "content")
            Path(settings["docs_dir"]).mkdir()
        file = Path(folder) / "mkdocs.yml"
        file.write_text(yaml.safe_dump(settings, sort_keys=True), encoding="utf-8")
        yield file
