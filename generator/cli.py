"""The command line: ``okr-portal check | build | serve``, a thin door onto MkDocs and our plugin.

``build`` and ``serve`` run MkDocs with Material and the okr-portal plugin, configured from the
project's ``site_config.yml`` (its ``mkdocs:`` key may add MkDocs settings), so ``okr-portal
build`` and ``mkdocs build`` give the same site. ``build`` writes into a temporary folder and
swaps it in only when everything succeeded: a failed build never leaves a half-written site.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import click
import yaml

from generator.config import CONFIG_FILE
from generator.load.problems import DataError, Problem
from generator.load.project import load_project

PROJECT = click.option(
    "--project",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder holding site_config.yml, data/ and optionally content/ and theme/.",
)


@click.group(help="Build a public OKR portal from data files.")
def main() -> None:
    # Material's banner about MkDocs 2 says nothing a portal publisher can act on.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")


def _report(problems: list[Problem]) -> NoReturn:
    for problem in problems:
        click.echo(str(problem), err=True)
    click.echo(f"{len(problems)} problem(s) found; fix them and run again.", err=True)
    sys.exit(1)


def _fail(abort: Exception) -> NoReturn:
    """Say why MkDocs aborted (it raises Abort from the build error) and exit with status 1."""
    from generator.mkdocs_plugin import DataProblems

    cause = abort.__context__
    if isinstance(cause, DataProblems):
        _report(cause.problems)
    click.echo(str(cause or abort), err=True)
    sys.exit(1)


@main.command(help="Check the data against the contract without building anything.")
@PROJECT
def check(project: Path) -> None:
    try:
        loaded = load_project(project.resolve())
    except DataError as error:
        _report(error.problems)
    dataset = loaded.dataset
    click.echo(
        f"OK: {len(dataset.units)} units, {len(dataset.periods)} periods, "
        f"{len(dataset.objectives)} objectives, {len(dataset.key_results)} key results, "
        f"{len(dataset.checkins)} check-ins (as of {loaded.as_of})."
    )


@main.command(help="Build the portal into a folder of static files.")
@PROJECT
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (default: <project>/site).",
)
def build(project: Path, out: Path | None) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    root = project.resolve()
    target = (out or root / "site").resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    # MkDocs logs a build error, then raises Abort from it: we say it once, ourselves.
    mkdocs_log = logging.getLogger("mkdocs.commands.build")
    mkdocs_log.addFilter(lambda record: record.levelno < logging.ERROR)
    try:
        with mkdocs_config_file(root, staging) as config_file:
            config = load_config(config_file=str(config_file))
            mkdocs_build(config)
    except Abort as abort:
        shutil.rmtree(staging, ignore_errors=True)
        _fail(abort)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap_in(staging, target)
    click.echo(f"Built {target}")


@main.command(help="Build the portal and serve it, rebuilding when files change.")
@PROJECT
@click.option(
    "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on."
)
def serve(project: Path, dev_addr: str) -> None:
    from mkdocs.commands.serve import serve as mkdocs_serve
    from mkdocs.exceptions import Abort

    root = project.resolve()
    try:
        load_project(root)
    except DataError as error:
        _report(error.problems)
    with tempfile.TemporaryDirectory() as staging, mkdocs_config_file(root, Path(staging)) as file:
        try:
            mkdocs_serve(config_file=str(file), dev_addr=dev_addr, livereload=True)
        except Abort as abort:  # the first build failed; later ones are logged as they happen
            _fail(abort)


def _swap_in(staging: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def mkdocs_settings(root: Path, site_dir: Path) -> dict[str, Any]:
    """The MkDocs configuration of the portal in ``root``, built from its site_config.yml."""
    docs_dir = root / "content"
    extra: dict[str, Any] = {}
    config_file = root / CONFIG_FILE
    if config_file.is_file():
        document = yaml.safe_load(config_file.read_text(encoding="utf-8-sig")) or {}
        if isinstance(document, dict) and isinstance(document.get("mkdocs"), dict):
            extra = document["mkdocs"]
    settings: dict[str, Any] = {
        "site_name": "okr-portal",  # replaced by the plugin with the portal's title
        "docs_dir": str(docs_dir),
        "site_dir": str(site_dir),
        "use_directory_urls": True,
        "theme": {"name": "material", "font": False},
        "plugins": ["search", {"okr-portal": {"project": str(root)}}],
        "markdown_extensions": ["attr_list", "admonition", "toc"],
    }
    for key, value in extra.items():
        if key == "theme" and isinstance(value, dict):
            settings["theme"] = {**settings["theme"], **value}
        elif key == "plugins" and isinstance(value, list):
            # Other plugins are welcome; ours stays, or there would be no data pages.
            settings["plugins"] = [*value, {"okr-portal": {"project": str(root)}}]
        else:
            settings[key] = value
    return settings


@contextmanager
def mkdocs_config_file(root: Path, site_dir: Path) -> Iterator[Path]:
    """A temporary MkDocs config file for ``root`` (MkDocs' serve re-reads it on every change)."""
    with tempfile.TemporaryDirectory() as folder:
        settings = mkdocs_settings(root, site_dir)
        if not Path(settings["docs_dir"]).is_dir():
            settings["docs_dir"] = str(Path(folder) / "content")
            Path(settings["docs_dir"]).mkdir()
        file = Path(folder) / "mkdocs.yml"
        file.write_text(yaml.safe_dump(settings, sort_keys=True), encoding="utf-8")
        yield file
