"""data/checkins/**/*.csv: columns, encodings, delimiters, values, duplicates and dates.

Fixture: data/checkins/q2.csv, header at line 1 (all nine columns), rows at lines 2-8:
  2 2026-03-15 roads-repair-days 21  (history: in 2026-Q1, before its key result's 2026-Q2)
  3 2026-04-30 roads-repair-days 17  on_track 0.8, progress, plans, author
  4 2026-05-31 roads-repair-days 14
  5 2026-05-31 roads-resurfaced-km 4 at_risk 0.5, problems
  6 2026-05-31 roads-new-depot 40    (a milestone)
  7 2026-05-31 parks-satisfaction 82
  8 2026-06-15 town-injuries 35      (the newest: the default as-of date)
A row appended with :func:`row` is line 9.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import pytest

from generator.model import Status

if TYPE_CHECKING:
    from tests.load.conftest import Portal

CSV = "data/checkins/q2.csv"
HEADER = "date,key_result,value,status,confidence,progress,problems,plans,author\n"


def row(day: str, key_result: str, value: str, status: str = "", confidence: str = "") -> str:
    """One line in the fixture's nine columns."""
    return f"{day},{key_result},{value},{status},{confidence},,,,\n"


def values(portal: Portal, key_result: str) -> dict[str, float]:
    """ISO date -> value of the loaded check-ins of ``key_result``."""
    checkins = portal.load().dataset.checkins
    return {c.date.isoformat(): c.value for c in checkins if c.key_result == key_result}


# --- what the minimal portal holds ---------------------------------------------------------


def test_check_ins_of_the_minimal_portal(project: Portal) -> None:
    loaded = project.load()
    checkins = loaded.dataset.checkins
    assert len(checkins) == 7
    assert loaded.as_of == datetime.date(2026, 6, 15)  # default: the newest check-in
    first = next(c for c in checkins if c.date == datetime.date(2026, 4, 30))
    assert (first.key_result, first.value, first.status, first.confidence) == (
        "roads-repair-days",
        17,
        Status.ON_TRACK,
        0.8,
    )
    assert (first.progress, first.problems, first.plans, first.author) == (
        "New crew started",
        "",
        "Hire one more",
        "J. Doe",
    )
    later = next(c for c in checkins if c.key_result == "roads-resurfaced-km")
    assert (later.status, later.problems, later.author) == (Status.AT_RISK, "Asphalt is late", None)
    assert not any(c.provisional for c in checkins)  # no provisional column: every figure final


def test_history_before_the_period_inside_another_period_is_allowed(project: Portal) -> None:
    # 2026-03-15 lies before 2026-Q2 (the key result's period) but inside 2026-Q1.
    assert values(project, "roads-repair-days")["2026-03-15"] == 21


def test_columns_in_any_order_and_case(project: Portal) -> None:
    project.write(CSV, "Value,KEY_RESULT,Date\n14,roads-repair-days,2026-05-31\n")
    assert values(project, "roads-repair-days") == {"2026-05-31": 14}


def test_check_in_files_in_sub_folders(project: Portal) -> None:
    project.write(
        "data/checkins/2026/june.csv", "date,key_result,value\n2026-06-20,town-injuries,33\n"
    )
    assert values(project, "town-injuries") == {"2026-06-15": 35, "2026-06-20": 33}


def test_no_check_ins_folder(project: Portal) -> None:
    project.remove(CSV)
    loaded = project.load()
    assert loaded.dataset.checkins == ()
    assert loaded.as_of == datetime.date(2026, 6, 30)  # then: the end of the last period


# --- columns -------------------------------------------------------------------------------


@pytest.mark.parametrize("column", ["date", "key_result", "value"])
def test_missing_required_column(project: Portal, column: str) -> None:
    header = ",".join(c for c in ("date", "key_result", "value") if c != column)
    project.write(CSV, f"{header}\n2026-05-31,14\n")
    project.check((f"{CSV}:1", f"the header has no '{column}' column: add it"))


def test_columns_not_in_the_contract_are_ignored_with_their_cells(project: Portal) -> None:
    # Contract 1.1: a title copied beside the id, a spreadsheet's notes (even twice) are ignored,
    # and so is what their cells hold: a formula, a decimal comma in a comma file.
    project.write(
        CSV,
        "key_result,Title,notes,date,value,notes,colour\n"
        'roads-repair-days,Days to repair,"=SUM(A1:A3)",2026-05-31,14,"12,5",red\n',
    )
    (checkin,) = project.load().dataset.checkins
    assert (checkin.key_result, checkin.date, checkin.value) == (
        "roads-repair-days",
        datetime.date(2026, 5, 31),
        14,
    )
    assert (checkin.progress, checkin.problems, checkin.plans) == ("", "", "")


def test_a_row_still_needs_a_cell_for_every_column_it_ignores(project: Portal) -> None:
    project.write(CSV, "date,key_result,value,notes\n2026-05-31,roads-repair-days,14\n")
    project.check((f"{CSV}:2", "the row has 3 cells but the header has 4"))


@pytest.mark.parametrize(
    ("column", "meant"), [("confidance", "confidence"), ("stauts", "status"), ("plan", "plans")]
)
def test_a_column_named_close_to_a_contract_column_is_an_error(
    project: Portal, column: str, meant: str
) -> None:
    # Ignored, a misspelt column would silently drop what the publisher wrote in it.
    project.write(CSV, f"date,key_result,value,{column}\n2026-05-31,roads-repair-days,14,x\n")
    project.check((f"{CSV}:1", f"unknown column '{column}': did you mean '{meant}'?"))


def test_a_misspelt_value_column_is_an_error_not_a_file_without_values(project: Portal) -> None:
    project.write(CSV, "date,key_result,vaule\n2026-05-31,roads-repair-days,14\n")
    project.check(
        (f"{CSV}:1", "unknown column 'vaule': did you mean 'value'? (a column of your own is"),
        (f"{CSV}:1", "the header has no 'value' column: add it"),
    )


def test_column_twice(project: Portal) -> None:
    project.write(CSV, "date,key_result,value,value\n2026-05-31,roads-repair-days,14,15\n")
    project.check((f"{CSV}:1", "column 'value' appears twice in the header"))


@pytest.mark.parametrize(
    ("cell", "provisional"),
    [("yes", True), ("true", True), ("TRUE", True), ("no", False), ("False", False), ("", False)],
)
def test_provisional_column(project: Portal, cell: str, provisional: bool) -> None:
    project.write(
        CSV, f"date,key_result,value,provisional\n2026-05-31,roads-repair-days,14,{cell}\n"
    )
    (checkin,) = project.load().dataset.checkins
    assert checkin.provisional is provisional


def test_provisional_that_is_not_yes_or_no(project: Portal) -> None:
    project.write(CSV, "date,key_result,value,provisional\n2026-05-31,roads-repair-days,14,maybe\n")
    project.check((f"{CSV}:2", "provisional 'maybe' must be yes, true, no or false"))


def test_empty_file(project: Portal) -> None:
    project.write(CSV, "")
    project.check((f"{CSV}:1", "the file is empty: it needs a header row"))


def test_header_only_loads(project: Portal) -> None:
    project.write(CSV, HEADER)
    assert project.load().dataset.checkins == ()


def test_file_that_is_not_csv(project: Portal) -> None:
    project.write("data/checkins/q2.xlsx", "not really a spreadsheet")
    project.check(("data/checkins/q2.xlsx", "check-in files are CSV: save it as .csv"))


def test_markdown_in_check_ins_is_ignored(project: Portal) -> None:
    project.write("data/checkins/README.md", "How to add a check-in.\n")
    assert len(project.load().dataset.checkins) == 7


# --- encodings and delimiters --------------------------------------------------------------


def test_semicolon_file_with_decimal_comma(project: Portal) -> None:
    project.write(CSV, "date;key_result;value;confidence\n2026-05-31;roads-repair-days;12,5;0,75\n")
    (checkin,) = project.load().dataset.checkins
    assert (checkin.value, checkin.confidence) == (12.5, 0.75)


def test_decimal_comma_in_a_comma_file(project: Portal) -> None:
    project.append(CSV, '2026-06-01,roads-repair-days,"12,5",,,,,,\n')
    project.check((f"{CSV}:9", "value '12,5' is not a number (a decimal comma needs a semicolon"))


def test_utf8_with_byte_order_mark_loads(project: Portal) -> None:
    text = project.read(CSV).replace("New crew started", "Crew café opened")
    project.write_bytes(CSV, b"\xef\xbb\xbf" + text.encode("utf-8"))
    checkins = project.load().dataset.checkins
    assert len(checkins) == 7
    assert any(c.progress == "Crew café opened" for c in checkins)


def test_utf8_with_byte_order_mark_and_semicolons_loads(project: Portal) -> None:
    text = "date;key_result;value\n2026-05-31;roads-repair-days;12,5\n"
    project.write_bytes(CSV, b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert values(project, "roads-repair-days") == {"2026-05-31": 12.5}


def test_latin_1_file_says_how_to_re_save(project: Portal) -> None:
    text = project.read(CSV).replace("New crew started", "Crew café opened")  # line 3
    project.write_bytes(CSV, text.encode("latin-1"))
    project.check(
        (f"{CSV}:3", "the file is not UTF-8 (Latin-1 or Windows-1252?); save it as UTF-8")
    )


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_utf_16_file_says_how_to_re_save(project: Portal, encoding: str) -> None:
    data = project.read(CSV).encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    project.write_bytes(CSV, data)
    project.check((CSV, "the file is UTF-16; save it as UTF-8 (in Excel: File > Save As"))


def test_utf_16_file_without_byte_order_mark_says_how_to_re_save(project: Portal) -> None:
    # The contract: text that is not UTF-8 (UTF-16) is an error saying how to re-save it.
    project.write_bytes(CSV, project.read(CSV).encode("utf-16-le"))
    problems = project.problems()
    assert len(problems) == 1, problems
    assert "save it as UTF-8" in problems[0], problems


# --- rows ----------------------------------------------------------------------------------


def test_unknown_key_result_with_hint(project: Portal) -> None:
    project.append(CSV, row("2026-06-01", "roads-repair-day", "13"))
    project.check(
        (
            f"{CSV}:9",
            "key result 'roads-repair-day' is not in any OKR file: did you mean "
            "'roads-repair-days'?",
        )
    )


@pytest.mark.parametrize("day", ["31/05/2026", "2026-5-31", "2026-02-30", "2026-05-31T10:00"])
def test_bad_date(project: Portal, day: str) -> None:
    project.append(CSV, row(day, "roads-repair-days", "13"))
    project.check((f"{CSV}:9", f"date '{day}' is not a date: write it as YYYY-MM-DD"))


def test_value_not_a_number(project: Portal) -> None:
    project.append(CSV, row("2026-06-01", "roads-repair-days", "many"))
    project.check((f"{CSV}:9", "value 'many' is not a number"))


def test_value_with_percent_sign(project: Portal) -> None:
    project.append(CSV, row("2026-06-01", "parks-satisfaction", "45%"))
    project.check((f"{CSV}:9", "value '45%' is not a number (write it without the % sign)"))


def test_empty_value(project: Portal) -> None:
    project.append(CSV, row("2026-06-01", "parks-satisfaction", ""))
    project.check((f"{CSV}:9", "value '' is not a number"))


def test_value_with_thousands_space_is_a_number(project: Portal) -> None:
    project.append(CSV, row("2026-06-01", "roads-repair-days", "1 234"))
    assert values(project, "roads-repair-days")["2026-06-01"] == 1234


@pytest.mark.parametrize("value", ["120", "-1"])
def test_milestone_value_outside_0_to_100(project: Portal, value: str) -> None:
    project.append(CSV, row("2026-06-01", "roads-new-depot", value))
    project.check(
        (
            f"{CSV}:9",
            f"milestone 'roads-new-depot' has value {value}: a milestone's value is percent",
        )
    )


def test_milestone_value_100_is_fine(project: Portal) -> None:
    project.append(CSV, row("2026-06-01", "roads-new-depot", "100"))
    assert values(project, "roads-new-depot")["2026-06-01"] == 100


@pytest.mark.parametrize("status", ["green", "On track", "no_data"])
def test_status_not_in_the_list(project: Portal, status: str) -> None:
    project.append(CSV, row("2026-06-01", "roads-repair-days", "13", status=status))
    project.check((f"{CSV}:9", f"status '{status}' is not one of on_track, at_risk, off_track"))


@pytest.mark.parametrize("confidence", ["1.5", "-0.1", "80%", "high"])
def test_confidence_outside_0_to_1(project: Portal, confidence: str) -> None:
    project.append(CSV, row("2026-06-01", "roads-repair-days", "13", confidence=confidence))
    project.check((f"{CSV}:9", f"confidence '{confidence}' must be a number from 0 to 1"))


def test_row_with_too_many_cells(project: Portal) -> None:
    project.append(CSV, "2026-06-01,roads-repair-days,13,,,,,,,J. Doe\n")
    project.check((f"{CSV}:9", "the row has 10 cells but the header has 9: check for a stray ','"))


def test_row_with_too_few_cells(project: Portal) -> None:
    project.append(CSV, "2026-06-01,roads-repair-days,13\n")
    project.check((f"{CSV}:9", "the row has 3 cells but the header has 9"))


def test_two_problems_in_one_row_are_both_reported(project: Portal) -> None:
    project.append(CSV, row("2026-13-01", "roads-repair-days", "lots", status="late"))
    project.check(
        (f"{CSV}:9", "date '2026-13-01' is not a date"),
        (f"{CSV}:9", "value 'lots' is not a number"),
        (f"{CSV}:9", "status 'late' is not one of"),
    )


def test_empty_lines_are_ignored_and_other_rows_kept(project: Portal) -> None:
    project.replace(
        CSV, "2026-05-31,roads-resurfaced-km", "\n,,,,,,,,\n2026-05-31,roads-resurfaced-km"
    )
    assert len(project.load().dataset.checkins) == 7


def test_line_numbers_count_empty_lines(project: Portal) -> None:
    project.replace(CSV, "2026-05-31,roads-resurfaced-km", "\n2026-05-31,roads-resurfaced-km")
    project.append(CSV, row("2026-06-01", "roads-repair-days", "many"))  # now line 10
    project.check((f"{CSV}:10", "value 'many' is not a number"))


def test_line_numbers_count_lines_inside_quoted_cells(project: Portal) -> None:
    project.replace(CSV, "New crew started", '"New crew,\nstarted"')  # row 3 spans lines 3-4
    project.append(CSV, row("2026-06-01", "roads-repair-days", "many"))  # now line 10
    project.check((f"{CSV}:10", "value 'many' is not a number"))


def test_unclosed_quote_is_reported_not_swallowing_the_rows_after_it(project: Portal) -> None:
    # The author cell of line 4 opens a quote that is never closed: the rows after it must not
    # silently become part of that cell.
    project.replace(
        CSV,
        "2026-05-31,roads-repair-days,14,,,,,,\n",
        '2026-05-31,roads-repair-days,14,,,,,,"J. Doe\n',
    )
    problems = project.problems()
    assert problems, "an unclosed quote that swallows lines 5-8 must be a problem"
    assert problems[0].startswith(f"{CSV}:4: "), problems


def test_unclosed_quote_in_a_large_file_is_a_problem_not_a_crash(project: Portal) -> None:
    # Past 128 KiB the csv module gives up on the open quote ("field larger than field limit").
    project.replace(CSV, "Hire one more", '"Hire one more')  # line 3
    filler = row("2026-05-01", "roads-repair-days", "15").replace(",,,,\n", ",,,,words\n")
    project.append(CSV, filler * 6000)
    problems = project.problems()
    assert problems, "an unclosed quote must be a problem"
    assert problems[0].startswith(f"{CSV}:3: "), problems[:3]


# --- duplicates ----------------------------------------------------------------------------


def test_same_key_result_and_date_twice_in_one_file_the_later_row_wins(project: Portal) -> None:
    project.append(CSV, row("2026-05-31", "roads-repair-days", "13"))
    assert values(project, "roads-repair-days") == {
        "2026-03-15": 21,
        "2026-04-30": 17,
        "2026-05-31": 13,
    }
    assert len(project.load().dataset.checkins) == 7


def test_same_key_result_and_date_in_two_files(project: Portal) -> None:
    other = "data/checkins/sub/q2-more.csv"  # read after data/checkins/q2.csv
    project.write(other, "date,key_result,value\n2026-05-31,roads-repair-days,13\n")
    project.check(
        (f"{other}:2", f"key result 'roads-repair-days' on 2026-05-31 is also at {CSV}:4: keep one")
    )


# --- dates against periods and the as-of date ----------------------------------------------


def test_check_in_after_its_key_results_period(project: Portal) -> None:
    project.append(CSV, row("2026-07-01", "town-injuries", "33"))
    project.check(
        (
            f"{CSV}:9",
            "check-in dated 2026-07-01 is after the end of period 2026-Q2 (2026-06-30) "
            "of key result 'town-injuries'",
        )
    )


def test_check_in_after_an_explicit_as_of_date(project: Portal) -> None:
    project.append("site_config.yml", "as_of: 2026-06-10\n")
    project.check((f"{CSV}:8", "check-in dated 2026-06-15 is after the as-of date 2026-06-10"))


def test_explicit_as_of_date_is_used(project: Portal) -> None:
    project.append("site_config.yml", "as_of: 2026-06-30\n")
    assert project.load().as_of == datetime.date(2026, 6, 30)


def test_check_in_outside_every_period(project: Portal) -> None:
    project.append(CSV, row("2025-12-31", "town-injuries", "41"))
    project.check((f"{CSV}:9", "check-in dated 2025-12-31 falls outside every period"))


def test_history_covered_by_a_year_period(project: Portal) -> None:
    project.append("data/periods.yml", "- id: 2025\n  start: 2025-01-01\n  end: 2025-12-31\n")
    project.append(CSV, row("2025-12-31", "town-injuries", "41"))
    assert values(project, "town-injuries") == {"2025-12-31": 41, "2026-06-15": 35}


def test_an_empty_spreadsheet_column_is_allowed_while_its_cells_stay_empty(project: Portal) -> None:
    text = project.read(CSV)
    lines = text.splitlines(keepends=True)
    project.write(CSV, "".join(line.rstrip("\n") + ",\n" for line in lines))  # trailing delimiter
    assert project.problems() == []
    assert len(project.load().dataset.checkins) == 7
    widened = [line.rstrip("\n") + ",\n" for line in lines[:-1]]
    project.write(CSV, "".join(widened) + lines[-1].rstrip("\n") + ",oops\n")
    line = len(lines)
    project.check((f"{CSV}:{line}", "a value stands in a column with no name in the header"))
