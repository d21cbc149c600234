"""The command line: ``okr-portal check | build | serve | checkin-template``.

``build`` and ``serve`` hand the portal to the engine (``generator.engine``: MkDocs with
Material and our plugin). ``build`` writes into a temporary folder and swaps it in only when
everything succeeded: a failed build never leaves a half-written site.
"""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from pathlib import Path
from typing import NoReturn

import click

from generator import contract
from generator.engine import commands as engine
from generator.exports.checkin_template import DELIMITERS, TemplateError, checkin_template
from generator.load.problems import DataError, Problem
from generator.load.project import load_project
from generator.scoring import score

PROJECT = click.option(
    "--project",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder holding site_config.yml, data/ and optionally content/ and theme/.",
)


def settings_help() -> str:
    """Every key of site_config.yml with what it does, from the contract's one description."""
    lines = ["\b", "Keys of site_config.yml:"]
    for item in contract.SETTINGS:
        required = " (required)" if item.required else ""
        lines.append(f"  {item.name}{required}: {item.help}")
    return "\n".join(lines)


@click.group(help="Build a public OKR portal from data files.")
def main() -> None:
    engine.quiet()
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")


def _report(problems: list[Problem]) -> NoReturn:
    for problem in problems:
        click.echo(str(problem), err=True)
    click.echo(f"{len(problems)} problem(s) found; fix them and run again.", err=True)
    sys.exit(1)


def _fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(1)


@main.command(
    help="Check the data against the contract without building anything.", epilog=settings_help()
)
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
    root = project.resolve()
    target = (out or root / "site").resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        engine.build(root, staging)
    except DataError as error:
        shutil.rmtree(staging, ignore_errors=True)
        _report(error.problems)
    except engine.BuildFailed as error:
        shutil.rmtree(staging, ignore_errors=True)
        _fail(str(error))
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
    try:
        engine.serve(project.resolve(), dev_addr)
    except DataError as error:
        _report(error.problems)
    except engine.BuildFailed as error:
        _fail(str(error))


@main.command(
    "checkin-template",
    help="Write a CSV to fill in with a spreadsheet: one row per key result of a unit in a "
    "period, with its latest value. Fill in date and value, save it under data/checkins/.",
)
@PROJECT
@click.option("--unit", "unit_id", required=True, help="The unit's id, from data/units.yml.")
@click.option(
    "--period",
    "period_id",
    default=None,
    help="The period's id, from data/periods.yml (default: the current period).",
)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write, with a byte-order mark so spreadsheets read it as UTF-8 "
    "(default: standard output).",
)
@click.option(
    "--delimiter",
    type=click.Choice(DELIMITERS),
    default=",",
    show_default=True,
    help="';' writes numbers with a decimal comma, for spreadsheets in such languages.",
)
def checkin_template_command(
    project: Path, unit_id: str, period_id: str | None, out: Path | None, delimiter: str
) -> None:
    try:
        loaded = load_project(project.resolve())
    except DataError as error:
        _report(error.problems)
    figures = score(loaded.dataset, loaded.as_of, loaded.settings.status_factors)
    try:
        text = checkin_template(loaded.dataset, figures, unit_id, period_id, delimiter)
    except TemplateError as error:
        _fail(str(error))
    if out is None:
        click.echo(text, nl=False)
        return
    out.parent.mkdir(parents=True, exist_ok=True)
    # Excel takes a CSV file without a byte-order mark for the system's code page; the
    # loader accepts the mark.
    out.write_text(text, encoding="utf-8-sig", newline="")
    click.echo(f"Wrote {out}", err=True)


def _swap_in(staging: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
