"""Open data: the figures behind the pages, as CSV a spreadsheet or a script can read and as
JSON, with the same figures as the pages."""

from __future__ import annotations

import csv
import datetime
import html
import io
import json
import re
from pathlib import Path

import pytest

from generator.exports.open_data import FORMULA_STARTS, as_text
from generator.i18n import Language
from generator.load.project import Project
from generator.pages import urls
from generator.pages.downloads import CHECKINS, KEY_RESULTS, OBJECTIVES
from generator.pages.formatting import Formatter
from generator.scoring import score
from tests.exports.conftest import HOSTILE_TITLE


def rows(site: Path, path: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((site / path).read_text(encoding="utf-8"))))


def test_key_results_csv_holds_every_key_result_with_its_computed_figures(
    sample: Project, sample_site: Path
) -> None:
    figures = score(sample.dataset, sample.as_of, sample.settings.status_factors)
    table = {row["key_result"]: row for row in rows(sample_site, urls.KEY_RESULTS_CSV)}
    assert list(table) == list(sample.dataset.key_results)
    for kr_id, row in table.items():
        f = figures.key_results[kr_id]
        assert row["status"] == f.status.value
        if f.progress is None:
            assert row["progress"] == "" and row["latest_value"] == ""
        else:
            assert float(row["progress"]) == pytest.approx(f.progress, abs=1e-6)
            assert float(row["latest_value"]) == f.latest_value
        assert row["page"] == f"{sample.settings.base_url}{urls.key_result(kr_id)}"


def test_checkins_csv_has_every_checkin_in_machine_format_and_no_author(
    sample: Project, sample_site: Path
) -> None:
    table = rows(sample_site, urls.CHECKINS_CSV)
    assert len(table) == len(sample.dataset.checkins)
    assert "author" not in table[0]
    authors = {c.author for c in sample.dataset.checkins if c.author}
    text = (sample_site / urls.CHECKINS_CSV).read_text(encoding="utf-8")
    assert authors and not any(author in text for author in authors)
    decimal = next(c for c in sample.dataset.checkins if not float(c.value).is_integer())
    assert any(r["value"] == repr(decimal.value) for r in table)  # a point, never a comma


def test_the_check_in_files_say_which_figures_are_provisional(
    sample: Project, sample_site: Path
) -> None:
    table = rows(sample_site, urls.CHECKINS_CSV)
    flagged = {(r["date"], r["key_result"]) for r in table if r["provisional"] == "true"}
    assert {r["provisional"] for r in table} == {"true", "false"}
    provisional = {
        (c.date.isoformat(), c.key_result) for c in sample.dataset.checkins if c.provisional
    }
    assert flagged == provisional and ("2026-10-31", "city-trees-planted-2030") in flagged
    series = rows(sample_site, urls.key_result_csv("city-trees-planted-2030"))
    assert [r["provisional"] for r in series] == ["false", "false", "true"]
    latest = {
        r["key_result"]: r["latest_provisional"] for r in rows(sample_site, urls.KEY_RESULTS_CSV)
    }
    assert latest["city-trees-planted-2030"] == latest["city-council-emissions-q4"] == "true"
    assert set(latest.values()) == {"true", "false"}


def test_portal_json_gives_each_key_result_its_interim_targets_and_whether_reached(
    sample: Project, sample_site: Path
) -> None:
    records = {r["id"]: r for r in portal_json(sample_site)["key_results"]}  # type: ignore[attr-defined]
    trees = records["city-trees-planted-2030"]
    # The as-of date (16 November 2026) is before both.
    assert trees["interim_targets"] == [
        {"date": "2026-12-31", "value": 6000, "state": "ahead"},
        {"date": "2028-12-31", "value": 17000, "state": "ahead"},
    ]
    assert trees["latest_provisional"] is True
    for kr_id, record in records.items():  # every key result, each with its own
        written = sample.dataset.key_results[kr_id].interim_targets
        assert [(w["date"], w["value"]) for w in record["interim_targets"]] == [
            (w.date.isoformat(), w.value) for w in written
        ]
    assert sum(bool(r["interim_targets"]) for r in records.values()) >= 2
    assert records["city-council-emissions-q4"]["latest_provisional"] is True


def test_objectives_csv_counts_key_results_by_status(sample: Project, sample_site: Path) -> None:
    table = {row["objective"]: row for row in rows(sample_site, urls.OBJECTIVES_CSV)}
    assert list(table) == list(sample.dataset.objectives)
    for objective in sample.dataset.objectives.values():
        row = table[objective.id]
        statuses = ("on_track", "at_risk", "off_track", "no_data", "aspirational")
        counted = sum(int(row[s]) for s in statuses)
        assert counted == len(objective.key_results)
        stretch = [k for k in objective.key_results if sample.dataset.key_results[k].aspirational]
        assert int(row["aspirational"]) == len(stretch)
        assert row["commitment"] == objective.commitment.value
        budget = objective.budget
        assert (row["budget"], row["budget_currency"]) == (
            (f"{budget.amount:.0f}", budget.currency) if budget else ("", "")
        )
    assert any(row["aspirational"] != "0" for row in table.values())  # the sample has stretches


def test_home_page_links_the_downloads(sample_site: Path) -> None:
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    for path in (urls.KEY_RESULTS_CSV, urls.OBJECTIVES_CSV, urls.CHECKINS_CSV):
        assert f'href="{path}"' in home


# --- The whole model as JSON, hostile text, authors, and the figures the pages show -------------


def portal_json(site: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads((site / urls.PORTAL_JSON).read_text(encoding="utf-8"))
    return data


def header(site: Path, path: str) -> list[str]:
    return next(csv.reader(io.StringIO((site / path).read_text(encoding="utf-8"))))


def test_csv_headers_are_the_described_columns(sample: Project, sample_site: Path) -> None:
    assert header(sample_site, urls.KEY_RESULTS_CSV) == [c.name for c in KEY_RESULTS.columns]
    assert header(sample_site, urls.OBJECTIVES_CSV) == [c.name for c in OBJECTIVES.columns]
    published = [c.name for c in CHECKINS.published(False)]
    assert header(sample_site, urls.CHECKINS_CSV) == published
    some = next(iter(sample.dataset.checkins_by_key_result))
    assert header(sample_site, urls.key_result_csv(some)) == published
    assert "author" not in published and "author" in [c.name for c in CHECKINS.columns]


def test_portal_json_holds_the_whole_model_with_its_figures(
    sample: Project, sample_site: Path
) -> None:
    data = portal_json(sample_site)
    text = (sample_site / urls.PORTAL_JSON).read_text(encoding="utf-8")
    figures = score(sample.dataset, sample.as_of, sample.settings.status_factors)
    settings = sample.settings
    assert data["portal"] == {
        "title": settings.title,
        "organisation": settings.organisation,
        "base_url": settings.base_url,
        "language": settings.language,
        "languages": list(settings.languages),
        "licence": settings.licence,
        "levels": list(sample.dataset.levels),
        "as_of": figures.as_of.isoformat(),
        "current_period": figures.current_period,
    }
    # Every list in the data files' order (check-ins: by date), every record's keys sorted.
    for name, records in (
        ("units", sample.dataset.units),
        ("periods", sample.dataset.periods),
        ("themes", sample.dataset.themes),
        ("objectives", sample.dataset.objectives),
        ("key_results", sample.dataset.key_results),
    ):
        assert [r["id"] for r in data[name]] == list(records), name  # type: ignore[attr-defined]
    assert len(data["checkins"]) == len(sample.dataset.checkins)  # type: ignore[arg-type]
    # Keys sorted, on one line, without spaces: the smallest file, the same for the same model.
    compact = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert compact + "\n" == text
    for record in data["key_results"]:  # type: ignore[attr-defined]
        f = figures.key_results[record["id"]]
        assert record["status"] == f.status.value
        assert record["met"] == f.met
        assert record["expected_progress"] == pytest.approx(f.expected_progress, abs=1e-6)
        if f.latest_value is None:
            assert record["latest_value"] is None and record["progress"] is None
        else:
            assert isinstance(record["latest_value"], float)  # a number, never text
            assert record["latest_value"] == pytest.approx(f.latest_value)
            assert record["latest_date"] == f.latest_date.isoformat()  # type: ignore[union-attr]
    authors = {c.author for c in sample.dataset.checkins if c.author}
    assert authors and not any(author in text for author in authors)
    assert not any("author" in c for c in data["checkins"])  # type: ignore[attr-defined]


def shown(page: str, term: str) -> str:
    """The text of the value after ``<dt>term</dt>`` on a key result page."""
    found = re.search(rf"<dt[^>]*>{term}</dt><dd[^>]*>(.*?)</dd>", page, re.S)
    assert found, term
    return html.unescape(re.sub(r"<[^>]+>", " ", found.group(1)))


def test_every_download_has_the_figures_its_page_shows(sample: Project, sample_site: Path) -> None:
    """The key result CSV and the JSON give, formatted as the page formats them, the same
    latest value, date and progress as each key result's page."""
    fmt = Formatter(Language(sample.settings.language), sample.settings)
    records = {r["id"]: r for r in portal_json(sample_site)["key_results"]}  # type: ignore[attr-defined]
    table = {row["key_result"]: row for row in rows(sample_site, urls.KEY_RESULTS_CSV)}
    checked = 0
    for kr_id, kr in sample.dataset.key_results.items():
        page = (sample_site / urls.key_result(kr_id) / "index.html").read_text(encoding="utf-8")
        latest, progress = shown(page, "Latest"), " ".join(shown(page, "Progress").split())
        record, row = records[kr_id], table[kr_id]
        if record["latest_value"] is None:
            assert row["latest_value"] == "" and latest == fmt.value(None, kr)
            continue
        for value, day, share, provisional in (
            (
                record["latest_value"],
                record["latest_date"],
                record["progress"],
                record["latest_provisional"],
            ),
            (
                float(row["latest_value"]),
                row["latest_date"],
                float(row["progress"]),
                row["latest_provisional"] == "true",
            ),
        ):
            when = fmt.date(datetime.date.fromisoformat(day))
            note = " Provisional: it may still be revised" if provisional else ""
            assert " ".join(latest.split()) == f"{fmt.value(value, kr)} ({when}){note}", kr_id
            assert progress.startswith(fmt.percent(share)), kr_id
        checked += 1
    assert checked > 100


def test_every_check_in_file_matches_the_table_on_its_page(
    sample: Project, sample_site: Path
) -> None:
    fmt = Formatter(Language(sample.settings.language), sample.settings)
    kr_id, series = max(sample.dataset.checkins_by_key_result.items(), key=lambda i: len(i[1]))
    kr = sample.dataset.key_results[kr_id]
    page = (sample_site / urls.key_result(kr_id) / "index.html").read_text(encoding="utf-8")
    table = rows(sample_site, urls.key_result_csv(kr_id))
    assert [r["date"] for r in table] == [c.date.isoformat() for c in series]
    newest = table[-1]
    day = fmt.date(datetime.date.fromisoformat(newest["date"]))
    value = fmt.value(float(newest["value"]), kr, newest["provisional"] == "true")
    assert re.search(
        rf'<time datetime="{newest["date"]}">{re.escape(day)}</time></th>\s*'
        rf'<td class="okr-num">{re.escape(html.escape(value))}</td>',
        page,
    )


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_a_cell_a_spreadsheet_would_run_is_kept_text(cell: str) -> None:
    assert as_text(cell) == "'" + cell
    assert as_text("a=1") == "a=1"


def all_csv_cells(site: Path) -> list[str]:
    return [
        cell
        for file in (site / "downloads").rglob("*.csv")
        for row in csv.reader(io.StringIO(file.read_text(encoding="utf-8")))
        for cell in row
    ]


def test_text_a_spreadsheet_would_run_is_inert_in_every_csv(hostile_site: Path) -> None:
    krs = {row["key_result"]: row for row in rows(hostile_site, urls.KEY_RESULTS_CSV)}
    assert krs["roads-repair-days"]["title"] == "'" + HOSTILE_TITLE
    assert krs["roads-resurfaced-km"]["measured_in"] == "'@km"
    objectives = {row["objective"]: row for row in rows(hostile_site, urls.OBJECTIVES_CSV)}
    assert objectives["roads-faster-repair"]["title"] == "'+Repair roads faster"
    for path in (urls.CHECKINS_CSV, urls.key_result_csv("roads-repair-days")):
        assert "'-crew started" in [r["progress"] for r in rows(hostile_site, path)]
    cells = all_csv_cells(hostile_site)
    assert len(cells) > 100
    for cell in cells:
        if cell.startswith(FORMULA_STARTS):
            float(cell)  # only a number may start so: it stays a number


def test_a_negative_figure_stays_a_number(hostile_site: Path) -> None:
    kr = {row["key_result"]: row for row in rows(hostile_site, urls.KEY_RESULTS_CSV)}
    assert kr["roads-resurfaced-km"]["latest_value"] == "-3"
    assert float(kr["roads-resurfaced-km"]["progress"]) < 0
    values = [r["value"] for r in rows(hostile_site, urls.key_result_csv("roads-resurfaced-km"))]
    assert "-3" in values
    record = next(
        r
        for r in portal_json(hostile_site)["key_results"]  # type: ignore[attr-defined]
        if r["id"] == "roads-resurfaced-km"
    )
    assert record["latest_value"] == -3 and record["progress"] < 0


def test_json_keeps_text_as_written(hostile_site: Path) -> None:
    titles = [r["title"] for r in portal_json(hostile_site)["key_results"]]  # type: ignore[attr-defined]
    assert HOSTILE_TITLE in titles


def test_authors_are_published_everywhere_when_the_settings_say_so(hostile_site: Path) -> None:
    for path in (urls.CHECKINS_CSV, urls.key_result_csv("roads-repair-days")):
        assert header(hostile_site, path)[-1] == "author"
        assert "J. Doe" in [r["author"] for r in rows(hostile_site, path)]
    checkins = portal_json(hostile_site)["checkins"]
    assert "J. Doe" in [c["author"] for c in checkins]  # type: ignore[attr-defined]
    data_page = (hostile_site / urls.DATA / "index.html").read_text(encoding="utf-8")
    assert data_page.count("<code>author</code>") == 2  # check-ins: all, and of one key result
