"""Open data: the figures behind every page as CSV, for journalists and anyone who reuses them.

Each file's columns are described once, in :mod:`generator.pages.downloads`; the header is made
from there. Numbers are written for machines whatever the portal's language: a decimal point,
ISO dates, shares as decimals (0.25 is 25 %). Check-in authors are left out unless the settings
publish them. A text cell a spreadsheet would run as a formula is kept text (:func:`as_text`).
"""

from __future__ import annotations

import csv
import datetime
import io
import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence

from generator.model import CheckIn, Dataset, KeyResult, Kind
from generator.output import SiteFolder
from generator.pages import urls
from generator.pages.downloads import (
    CHECKINS,
    KEY_RESULTS,
    OBJECTIVES,
    Column,
    ColumnType,
    Table,
)
from generator.portal import Published
from generator.scoring import Figures

Cell = str | float | int | bool | datetime.date | None

#: What a spreadsheet may take as the start of a formula in a cell opened from a CSV file.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def write(published: Published, out: SiteFolder) -> None:
    site = published.portal.site
    base = site.settings.base_url or ""
    out.write_text(urls.KEY_RESULTS_CSV, key_results_csv(site.dataset, site.figures, base))
    out.write_text(urls.OBJECTIVES_CSV, objectives_csv(site.dataset, site.figures, base))
    authors = site.settings.publish_authors
    # Each row written once, for the file of every check-in and for its key result's file.
    lines = checkin_lines(site.dataset.checkins, authors)
    out.write_text(urls.CHECKINS_CSV, checkins_csv(site.dataset.checkins, authors, lines))
    # Each key result's whole series, one link from its page (which shows the recent part).
    for kr_id, checkins in site.dataset.checkins_by_key_result.items():
        out.write_text(urls.key_result_csv(kr_id), checkins_csv(checkins, authors, lines))


def as_text(cell: str) -> str:
    """``cell`` kept text when a spreadsheet opens the file: a leading ``'`` on what it would
    otherwise run as a formula (``=HYPERLINK(...)``). Numbers never pass through here: a
    negative value must stay a number."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def machine_value(value: float | None) -> float | None:
    """A number as the JSON and the CSV files both give it: rounded to six decimals."""
    return None if value is None else round(value, 6)


def machine_number(value: float | None) -> str:
    """A number as a program reads it: a decimal point, no grouping; "" for no value."""
    return "" if value is None else repr(machine_value(value)).removesuffix(".0")


def _cell(type_: ColumnType, value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):  # before numbers: a bool is an int
        return "true" if value else "false"
    if isinstance(value, str):
        return as_text(value) if type_ is ColumnType.TEXT else value
    return machine_number(value)


def _table(table: Table, rows: Iterable[Sequence[Cell]], publish_authors: bool = False) -> str:
    """The CSV of ``table``: its header from the columns' description, every text cell inert."""
    columns = table.published(publish_authors)
    return _header(columns) + "".join(_lines(columns, rows))


def _header(columns: Sequence[Column]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(c.name for c in columns)
    return out.getvalue()


def _lines(columns: Sequence[Column], rows: Iterable[Sequence[Cell]]) -> list[str]:
    """Each row as a line of CSV."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    ends = [0]
    for row in rows:
        writer.writerow(_cell(c.type, value) for c, value in zip(columns, row, strict=True))
        ends.append(out.tell())
    text = out.getvalue()
    return [text[start:end] for start, end in itertools.pairwise(ends)]


def _as_written(kr: KeyResult) -> tuple[str | None, float | None, float | None]:
    """Direction, baseline and target as the publisher wrote them: a milestone has none."""
    if kr.kind is Kind.MILESTONE:
        return None, None, None
    return kr.direction.value, kr.baseline, kr.target


def key_results_csv(dataset: Dataset, figures: Figures, base_url: str) -> str:
    def rows() -> Iterator[list[Cell]]:
        for kr in dataset.key_results.values():
            f = figures.key_results[kr.id]
            objective = dataset.objectives[kr.objective]
            low, high = kr.target_range or (None, None)
            yield [
                kr.id, kr.title, objective.id, objective.unit, objective.period, kr.kind.value,
                kr.unit, *_as_written(kr), low, high, f.latest_value, f.latest_date,
                f.latest_provisional, f.progress,
                f.expected_progress, f.status.value,
                f.owner_status.value if f.owner_status else None, f.derived_status.value,
                f.confidence, kr.source, kr.source_url, base_url + urls.key_result(kr.id),
                kr.commitment.value, kr.method,
            ]  # fmt: skip

    return _table(KEY_RESULTS, rows())


def objectives_csv(dataset: Dataset, figures: Figures, base_url: str) -> str:
    def rows() -> Iterator[list[Cell]]:
        for o in dataset.objectives.values():
            roll_up = figures.objectives[o.id]
            counts = roll_up.counts
            yield [
                o.id, o.title, o.unit, o.period, o.owner, " ".join(o.aligns_to),
                " ".join(o.shared_with), " ".join(o.themes), len(o.key_results),
                roll_up.progress, counts.on_track, counts.at_risk, counts.off_track,
                counts.no_data, base_url + urls.objective(o.id), o.commitment.value,
                counts.aspirational, o.budget.amount if o.budget else None,
                o.budget.currency if o.budget else None,
            ]  # fmt: skip

    return _table(OBJECTIVES, rows())


def checkins_csv(
    checkins: Iterable[CheckIn], publish_authors: bool, lines: Mapping[int, str] | None = None
) -> str:
    """The CSV of ``checkins``, oldest first; ``lines``: their rows as ``checkin_lines``
    wrote them (else they are written here)."""
    ordered = sorted(checkins, key=lambda c: (c.date, c.key_result))
    written = checkin_lines(ordered, publish_authors) if lines is None else lines
    header = _header(CHECKINS.published(publish_authors))
    return header + "".join(written[id(c)] for c in ordered)


def checkin_lines(checkins: Sequence[CheckIn], publish_authors: bool) -> dict[int, str]:
    """Each check-in's row as a line of CSV, by the check-in's identity: the dataset's own
    check-in objects are those its key results' series hold."""

    def row(c: CheckIn) -> list[Cell]:
        cells: list[Cell] = [
            c.date, c.key_result, c.value, c.status.value if c.status else None,
            c.confidence, c.progress, c.problems, c.plans, c.provisional,
        ]  # fmt: skip
        return [*cells, c.author] if publish_authors else cells

    columns = CHECKINS.published(publish_authors)
    return dict(zip(map(id, checkins), _lines(columns, map(row, checkins)), strict=True))
