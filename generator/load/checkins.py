"""``data/checkins/**/*.csv``: dated values of key results, as spreadsheets export them.

UTF-8 with or without a byte-order mark; comma or semicolon delimited; with a semicolon, a
decimal comma is a number. A later row for the same key result and date replaces an earlier one
in the same file; the same pair in two files is an error. A column the contract does not name (a
title copied beside the id, a spreadsheet's notes) is ignored with its cells, unless its name is
so close to a contract column's that it is more likely that column misspelt.
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Callable, Mapping, Set
from dataclasses import dataclass
from pathlib import Path

from generator.contract import CHECKIN
from generator.load.fields import did_you_mean, parse_date, parse_number
from generator.load.problems import Problems
from generator.load.yamlfile import read_text
from generator.model import CheckIn, KeyResult, Kind, Status

QUOTE_HELP = 'look for a quote (") that is opened but never closed in this row'


@dataclass(frozen=True)
class PlacedCheckIn:
    """A check-in with the file and line it came from, for the checks that need the place."""

    checkin: CheckIn
    path: str
    line: int


def load_checkins(
    folder: Path,
    root: Path,
    key_results: Mapping[str, KeyResult],
    problems: Problems,
    rejected: Set[str] = frozenset(),
) -> list[PlacedCheckIn]:
    """Every check-in of every CSV file under ``folder``; duplicates across files reported.

    Rows of a key result in ``rejected`` (written, but with problems of its own) are skipped:
    the build fails on that key result's problems, and one message about it is enough.
    """
    rows: dict[tuple[str, datetime.date], PlacedCheckIn] = {}
    if not folder.is_dir():
        return []
    for file in sorted(folder.rglob("*")):
        if file.is_dir() or file.name.startswith("."):
            continue
        shown_as = file.relative_to(root).as_posix()
        if file.suffix.lower() != ".csv":
            if file.suffix != ".md":
                problems.add(
                    shown_as,
                    None,
                    "check-in files are CSV: save it as .csv or move it out of data/checkins",
                )
            continue
        for key, placed in _read_file(file, shown_as, key_results, problems, rejected).items():
            first = rows.get(key)
            if first is not None:
                problems.add(
                    shown_as,
                    placed.line,
                    f"key result '{key[0]}' on {key[1]} is also at {first.path}:{first.line}: "
                    "keep one of the two rows",
                )
                continue
            rows[key] = placed
    return sorted(rows.values(), key=lambda p: (p.checkin.key_result, p.checkin.date))


def _read_file(
    file: Path,
    shown_as: str,
    key_results: Mapping[str, KeyResult],
    problems: Problems,
    rejected: Set[str],
) -> dict[tuple[str, datetime.date], PlacedCheckIn]:
    text = read_text(file, shown_as, problems)
    if text is None:
        return {}
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as error:
        problems.add(shown_as, 1, f"the header row cannot be read ({error}): {QUOTE_HELP}")
        return {}
    if header is None or not any(h.strip() for h in header):
        problems.add(
            shown_as, 1, "the file is empty: it needs a header row (date,key_result,value,...)"
        )
        return {}
    names = _columns(header, shown_as, problems)
    if names is None:
        return {}
    columns = Columns.of(names)
    found: dict[tuple[str, datetime.date], PlacedCheckIn] = {}
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader, None)
        except csv.Error as error:
            # The rest of the file cannot be trusted: report where the row began and stop.
            problems.add(shown_as, line, f"this row cannot be read ({error}): {QUOTE_HELP}")
            return found
        if row is None:
            return found
        if "".join(row).strip() and not _names_rejected(row, columns, rejected):
            placed = _read_row(row, columns, delimiter, shown_as, line, key_results, problems)
            if placed is not None:
                found[(placed.checkin.key_result, placed.checkin.date)] = placed
        line = reader.line_num + 1


@dataclass(frozen=True)
class Columns:
    """A file's header, read once for all its rows."""

    names: tuple[str, ...]  # lowercased; "" for a column with no name
    unnamed: tuple[int, ...]  # where those are: most files have none
    read: tuple[tuple[str, int], ...]  # the contract's columns, by name and place
    key_result: int  # the place of the key_result column

    @classmethod
    def of(cls, names: list[str]) -> Columns:
        return cls(
            names=tuple(names),
            unnamed=tuple(i for i, name in enumerate(names) if not name),
            # The cells of a column of the publisher's own are ignored.
            read=tuple((name, i) for i, name in enumerate(names) if name in CHECKIN.names),
            key_result=names.index("key_result"),
        )


def _names_rejected(row: list[str], columns: Columns, rejected: Set[str]) -> bool:
    index = columns.key_result
    return index < len(row) and row[index].strip() in rejected


def _columns(header: list[str], shown_as: str, problems: Problems) -> list[str] | None:
    """The header's column names, lowercased ("" for a column with no name); None when the
    header has a problem, since its rows cannot be read reliably then."""
    names = [h.strip().lower() for h in header]
    ok = True
    for name in names:
        if name == "" or name in CHECKIN.names:
            continue  # "": a spreadsheet's empty column, allowed while its cells stay empty
        hint = did_you_mean(name, CHECKIN.names)
        if hint is not None:
            # A misspelt 'value' column, if ignored, would silently drop every figure in it.
            problems.add(
                shown_as,
                1,
                f"unknown column '{name}': {hint} (a column of your own is ignored, "
                "but not one named this close to a check-in column: rename it)",
            )
            ok = False
    for name in CHECKIN.required:
        if name not in names:
            problems.add(shown_as, 1, f"the header has no '{name}' column: add it")
            ok = False
    duplicates = {n for n in names if n in CHECKIN.names and names.count(n) > 1}
    for name in sorted(duplicates):
        problems.add(shown_as, 1, f"column '{name}' appears twice in the header")
        ok = False
    return names if ok else None


def _number(cell: str, delimiter: str) -> float | None:
    text = cell.strip().replace("\u00a0", "").replace(" ", "")
    if delimiter == ";" and re.fullmatch(r"[+-]?\d*,\d+", text):
        text = text.replace(",", ".")
    return parse_number(text)


def _read_row(
    row: list[str],
    columns: Columns,
    delimiter: str,
    shown_as: str,
    line: int,
    key_results: Mapping[str, KeyResult],
    problems: Problems,
) -> PlacedCheckIn | None:
    if len(row) != len(columns.names):
        problems.add(
            shown_as,
            line,
            f"the row has {len(row)} cells but the header has {len(columns.names)}: "
            f"check for a stray '{delimiter}' or an unclosed quote",
        )
        return None
    before = len(problems)
    if any(row[i].strip() for i in columns.unnamed):
        problems.add(
            shown_as,
            line,
            "a value stands in a column with no name in the header: name the column or move the value",
        )
    cells = {name: row[i].strip() for name, i in columns.read}

    def problem(message: str) -> None:
        problems.add(shown_as, line, message)

    day = parse_date(cells["date"])
    if day is None:
        problem(f"date '{cells['date']}' is not a date: write it as YYYY-MM-DD")
    kr_id = cells["key_result"]
    key_result = key_results.get(kr_id)
    if key_result is None:
        hint = did_you_mean(kr_id, key_results)
        problem(f"key result '{kr_id}' is not in any OKR file" + (f": {hint}" if hint else ""))
    value = _number(cells["value"], delimiter)
    if value is None:
        hint = " (write it without the % sign)" if cells["value"].endswith("%") else ""
        if delimiter == "," and "," in cells["value"]:
            hint = " (a decimal comma needs a semicolon-delimited file; or write 12.5)"
        problem(f"value '{cells['value']}' is not a number{hint}")
    elif key_result is not None and key_result.kind is Kind.MILESTONE and not 0 <= value <= 100:
        problem(
            f"milestone '{kr_id}' has value {value:g}: a milestone's value is percent complete, 0 to 100"
        )
    status = _status(cells.get("status", ""), problem)
    confidence = _confidence(cells.get("confidence", ""), delimiter, problem)
    provisional = _provisional(cells.get("provisional", ""), problem)
    if len(problems) > before or day is None or value is None or key_result is None:
        return None
    checkin = CheckIn(
        key_result=kr_id,
        date=day,
        value=value,
        status=status,
        confidence=confidence,
        progress=cells.get("progress", ""),
        problems=cells.get("problems", ""),
        plans=cells.get("plans", ""),
        author=cells.get("author") or None,
        provisional=provisional,
    )
    return PlacedCheckIn(checkin, shown_as, line)


Report = Callable[[str], None]


def _status(cell: str, problem: Report) -> Status | None:
    if not cell:
        return None
    choices = CHECKIN["status"].choices
    if cell not in choices:
        problem(f"status '{cell}' is not one of {', '.join(choices)}")
        return None
    return Status(cell)


def _confidence(cell: str, delimiter: str, problem: Report) -> float | None:
    if not cell:
        return None
    number = _number(cell, delimiter)
    if number is None or not 0 <= number <= 1:
        problem(f"confidence '{cell}' must be a number from 0 to 1 (0.8 for 80 %)")
        return None
    return number


def _provisional(cell: str, problem: Report) -> bool:
    """yes or true: the figure may still be revised; no, false or an empty cell: it is final."""
    if cell.lower() in {"yes", "true"}:
        return True
    if cell.lower() not in {"", "no", "false"}:
        problem(f"provisional '{cell}' must be yes, true, no or false (or left empty)")
    return False
