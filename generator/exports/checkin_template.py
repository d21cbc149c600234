"""A check-in template: a CSV with one row per key result of a unit in a period, to fill in with a
spreadsheet and save under ``data/checkins/``.

Not part of every site (so not in ``EXPORTS``): ``okr-portal checkin-template`` writes it on
demand. Besides the check-in columns it holds helper columns for the person filling it in (the
key result's title, its unit, its latest value and date); the loader ignores them, as the
contract ignores every column it does not name, so the filled-in file loads as it is saved.
"""

from __future__ import annotations

import csv
import io

from generator.exports.open_data import as_text, machine_number
from generator.model import Dataset, KeyResult
from generator.scoring import Figures

#: Helper columns, ignored by the loader. Their names must not come close to a check-in
#: column's (``last_value`` would read as a misspelt ``value``, an error), hence ``latest_*``.
HELPER_COLUMNS = ("title", "unit", "latest_value", "latest_date")
#: The check-in columns to fill in; ``key_result`` is filled already.
CHECKIN_COLUMNS = ("date", "value", "status", "confidence", "progress", "problems", "plans")
COLUMNS = ("key_result", *HELPER_COLUMNS, *CHECKIN_COLUMNS)

DELIMITERS = (",", ";")  # the two the loader reads


class TemplateError(ValueError):
    """The unit or period asked for cannot make a template; the message says why."""


def checkin_template(
    dataset: Dataset,
    figures: Figures,
    unit_id: str,
    period_id: str | None = None,
    delimiter: str = ",",
) -> str:
    """The template for ``unit_id`` in ``period_id`` (default: the portal's current period).

    With ``;`` as the delimiter numbers are written with a decimal comma, as the loader reads
    them in such a file and as spreadsheets of decimal-comma languages expect them.
    """
    if unit_id not in dataset.units:
        raise TemplateError(f"unit '{unit_id}' is not in data/units.yml")
    period = period_id or figures.current_period
    if period is None or period not in dataset.periods:
        raise TemplateError(f"period '{period}' is not in data/periods.yml")
    key_results = [
        dataset.key_results[kr_id]
        for objective in dataset.objectives_of(unit_id, period)
        for kr_id in objective.key_results
    ]
    if not key_results:
        raise TemplateError(f"unit '{unit_id}' has no key results in period '{period}'")
    out = io.StringIO()
    # "\r\n", as spreadsheets write CSV: the writer then quotes a cell holding a lone "\r" too.
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(_row(kr, figures, delimiter) for kr in key_results)
    return out.getvalue()


def _row(kr: KeyResult, figures: Figures, delimiter: str) -> list[str]:
    latest = figures.key_results[kr.id]
    value = machine_number(latest.latest_value)
    if delimiter == ";":
        value = value.replace(".", ",")
    day = latest.latest_date.isoformat() if latest.latest_date else ""
    empty = [""] * len(CHECKIN_COLUMNS)
    return [kr.id, as_text(kr.title), as_text(kr.unit), value, day, *empty]
