"""The command line: ``okr-portal check | build | serve | diff | init | schemas |
checkin-template``.

``build`` and ``serve`` hand the portal to the engine (``generator.engine``: MkDocs with
Material and our plugin). ``build`` writes into a temporary folder and swaps it in only when
everything succeeded: a failed build never leaves a half-written site.
"""

from __future__ import annotations

import datetime
import gc
import logging
import os
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import NoReturn

import click

from generator import contract, progress
from generator.alongside import alongside
from generator.cache_files import CACHE_DIR
from generator.diff import RevisionError, compare, load_revision, scored, to_markdown
from generator.engine import commands as engine
from generator.exports.checkin_template import DELIMITERS, TemplateError, checkin_template
from generator.exports.schemas import SCHEMAS, schema_files
from generator.load.problems import DataError, Level, Problem
from generator.load.project import load_project
from generator.quality import QualityWarning, Rule, quality_warnings
from generator.scoring import score
from generator.staging import (
    FOLDERS,
    discard,
    remember_folders,
    set_up_folders,
    staging_folder,
    swap_in,
)
from generator.starter import FolderNotEmpty, create_portal, starter_values

TODAY = click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The build date, YYYY-MM-DD: posts dated after it stay out (default: today).",
)

PROJECT = click.option(
    "--project",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder holding site_config.yml, data/ and optionally content/ and theme/.",
)


class ProgressPrinter(logging.Handler):
    """Shows the build's progress: a bar on a terminal, a plain line per finished stage in CI
    or a log; counts each stage over its runs (charts are drawn for each language and for
    each update's figures) and the warnings, for the summary."""

    BAR = 24

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.out = sys.stderr
        self.live = self.out.isatty() and os.environ.get("CI") != "true"
        self.steps: dict[str, progress.Step] = {}
        self.finished: Counter[str] = Counter()  # stage -> the items of its finished runs
        self.warnings = 0

    def emit(self, record: logging.LogRecord) -> None:
        step = getattr(record, "okr_step", None)
        if not isinstance(step, progress.Step):
            self.warnings += record.levelno >= logging.WARNING
            return
        self.steps[step.stage] = step
        finished = step.done == step.total
        if finished:
            self.finished[step.stage] += step.total
        if self.live:
            filled = self.BAR * step.done // max(step.total, 1)
            bar = "#" * filled + "." * (self.BAR - filled)
            end = "\n" if finished else ""
            self.out.write(f"\r{step.stage:<24} [{bar}] {step.done}/{step.total}{end}")
        elif finished:
            self.out.write(f"{step.stage}: {step.total}\n")
        self.out.flush()

    def count(self, stage: str) -> int:
        step = self.steps.get(stage)
        running = step.done if step and step.done != step.total else 0
        return self.finished[stage] + running


@contextmanager
def watching_progress() -> Iterator[ProgressPrinter]:
    """Print the progress of what runs inside, and count what the summary says."""
    printer = ProgressPrinter()
    everything = logging.getLogger()  # what else warns: MkDocs, Material, us
    progress.LOG.setLevel(logging.INFO)
    progress.LOG.propagate = False
    progress.LOG.addHandler(printer)
    everything.addHandler(printer)
    try:
        yield printer
    finally:
        progress.LOG.removeHandler(printer)
        everything.removeHandler(printer)


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


def _report(problems: Sequence[Problem], root: Path) -> NoReturn:
    """Every problem as an error, then one line of summary; exit status 1."""
    _echo_each(problems, root, "error")
    click.echo(f"{len(problems)} problem(s) found; fix them and run again.", err=True)
    sys.exit(1)


def _warn(warnings: Sequence[QualityWarning], root: Path) -> None:
    """Every warning, then one line of summary with how many of each rule."""
    if not warnings:
        return
    _echo_each([warning.problem for warning in warnings], root, "warning")
    counts = Counter(warning.rule for warning in warnings)
    each = ", ".join(f"{rule.value}: {counts[rule]}" for rule in Rule if rule in counts)
    click.echo(
        f"{len(warnings)} warning(s) about how the OKRs are written ({each}); "
        "--strict makes them errors.",
        err=True,
    )


def _echo_each(problems: Sequence[Problem], root: Path, level: Level) -> None:
    """Each problem as path:line: message, under GitHub Actions also as an annotation on the
    line to fix."""
    in_github = os.environ.get("GITHUB_ACTIONS") == "true"
    folder = _folder_in_repository(root) if in_github else ""
    for problem in problems:
        click.echo(problem.shown(level), err=True)
        if in_github:
            click.echo(problem.github_annotation(folder, level))


def _folder_in_repository(root: Path) -> str:
    """The portal's folder relative to the checked-out repository (``""`` at its top), for
    annotations, whose paths GitHub reads from the repository's top."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    if not workspace or not root.is_relative_to(Path(workspace).resolve()):
        return ""
    inner = root.relative_to(Path(workspace).resolve()).as_posix()
    return "" if inner == "." else inner + "/"


def _fail(message: str) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(1)


@main.command(
    help="Check the data against the contract without building anything, and warn about how "
    "the OKRs are written: more than five objectives for a unit in a period or key results for "
    "an objective, only outputs or milestones as key results, an objective below the top "
    "level aligned to nothing, a committed key result off track with no problems written, a "
    "key result with no figure when its first is due.",
    epilog=settings_help(),
)
@PROJECT
@click.option(
    "--strict", is_flag=True, help="Count the warnings as errors: exit status 1 when there is one."
)
def check(project: Path, strict: bool) -> None:
    root = project.resolve()
    try:
        loaded = load_project(root)
    except DataError as error:
        _report(error.problems, root)
    warnings = quality_warnings(loaded)
    if strict and warnings:
        _report([warning.problem for warning in warnings], root)
    dataset = loaded.dataset
    held = dataset.withheld.values()
    withheld = (
        f" Not published (publish: false): objectives {sum(h.objectives for h in held)}, "
        f"key results {sum(h.key_results for h in held)}."
        if held
        else ""
    )
    click.echo(
        f"OK: {len(dataset.units)} units, {len(dataset.periods)} periods, "
        f"{len(dataset.objectives)} objectives, {len(dataset.key_results)} key results, "
        f"{len(dataset.checkins)} check-ins (as of {loaded.as_of}).{withheld}"
    )
    _warn(warnings, root)


@main.command(help="Build the portal into a folder of static files.")
@PROJECT
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Output folder (default: <project>/site).",
)
@TODAY
@click.option(
    "--no-cache",
    is_flag=True,
    help="Draw every chart and render every page again, leaving the cache "
    "(<project>/.okr-cache) as it is.",
)
def build(project: Path, out: Path | None, today: datetime.datetime | None, no_cache: bool) -> None:
    started = time.monotonic()
    root = project.resolve()
    target = (out or root / "site").resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_folder(target)
    # The last site's folders, listed in the project's cache (a build without it keeps none).
    listing = None if no_cache else root / CACHE_DIR / FOLDERS
    try:
        with (
            watching_progress() as printer,
            _cache_folder(no_cache, target.parent) as cache,
            _folders_made(staging, target, listing),
        ):
            engine.build(root, staging, today.date() if today else None, cache)
    except DataError as error:
        discard(staging)
        _report(error.problems, root)
    except engine.BuildFailed as error:
        discard(staging)
        _fail(str(error))
    except BaseException:
        discard(staging)
        raise
    folders = swap_in(staging, target)
    if listing is not None:
        remember_folders(listing, folders)
    _left_to_the_system()
    click.echo(
        f"Built {target}: {printer.count('pages written')} data pages, "
        f"{printer.count('pages rendered')} pages rendered (embeds included), "
        f"{printer.count('charts rendered')} charts rendered and "
        f"{printer.count('charts from the cache')} reused, {printer.warnings} warning(s), "
        f"in {time.monotonic() - started:.1f} s"
    )


def _folders_made(
    staging: Path, target: Path, listing: Path | None
) -> AbstractContextManager[object]:
    """The last site's folders made in ``staging``, and the site the last build replaced
    emptied, on the other CPU while the block builds (``set_up_folders``): a warm build of
    10,000 pages into a new folder took 12 s making them one by one, 7.6 s so."""
    return alongside(lambda: set_up_folders(staging, target, listing))


def _left_to_the_system() -> None:
    """What the build made (the portal, every page's values: a million objects at 10,000
    pages) is cyclic garbage now, which Python's last collection would walk and free one by one
    on the way out: 3 s of a 20 s build. Frozen, it is left for the operating system to take
    back with the process."""
    gc.freeze()


@contextmanager
def _cache_folder(fresh: bool, beside: Path) -> Iterator[Path | None]:
    """The cache a build uses: a fresh one, removed afterwards, or the project's own (None)."""
    if not fresh:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix=".okr-cache-", dir=beside) as folder:
        yield Path(folder)


@main.command(help="Build the portal and serve it, rebuilding when files change.")
@PROJECT
@click.option(
    "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Address to serve on."
)
@TODAY
def serve(project: Path, dev_addr: str, today: datetime.datetime | None) -> None:
    root = project.resolve()
    try:
        engine.serve(root, dev_addr, today.date() if today else None)
    except DataError as error:
        _report(error.problems, root)
    except engine.BuildFailed as error:
        _fail(str(error))


@main.command(
    help="Start a new portal in FOLDER: example data to replace, pages, the publishing "
    "workflows and a README for the publisher."
)
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", default="Public OKRs", show_default=True, help="The portal's name.")
@click.option(
    "--organisation", default="Our organisation", show_default=True, help="Who publishes it."
)
@click.option("--language", default="en", show_default=True, help="BCP 47 language tag.")
@click.option(
    "--year",
    type=int,
    default=None,
    help="The year of the example period (default: this year).",
)
def init(folder: Path, title: str, organisation: str, language: str, year: int | None) -> None:
    values = starter_values(title, organisation, language, year or datetime.date.today().year)
    try:
        written = create_portal(folder, values)
    except FolderNotEmpty as error:
        _fail(str(error))
    click.echo(f"Wrote {len(written)} files into {folder}. Next: see {folder / 'README.md'}")


@main.command(help="Write the JSON Schemas of the portal's YAML files into a folder.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("schemas"),
    show_default=True,
    help="Folder to write them into.",
)
def schemas(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, text in schema_files().items():
        (out / name).write_text(text, encoding="utf-8", newline="\n")
    click.echo(f"Wrote {len(SCHEMAS)} schemas into {out}")


@main.command(
    "diff",
    help="Show, as Markdown, what the data changed since BASE_REF (a git revision) does to "
    "the portal: objectives and key results added or removed, targets, statuses and "
    "check-ins. With GITHUB_STEP_SUMMARY set, the report is also added to the job summary.",
)
@click.argument("base_ref")
@PROJECT
def diff_command(base_ref: str, project: Path) -> None:
    root = project.resolve()
    try:
        head = scored(load_project(root))
        base = load_revision(root, base_ref)
    except DataError as error:
        _report(error.problems, root)
    except RevisionError as error:
        _fail(str(error))
    report = to_markdown(compare(base, head), base_ref)
    click.echo(report)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as file:
            file.write(report + "\n")


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
    root = project.resolve()
    try:
        loaded = load_project(root)
    except DataError as error:
        _report(error.problems, root)
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
