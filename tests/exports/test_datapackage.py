"""``datapackage.json``: a Frictionless Data Package of every open-data file, which the
``frictionless`` package validates, data rows against their table schemas included."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path
from typing import Any

import frictionless

from generator.exports.datapackage import licence_entry
from generator.load.project import Project
from generator.pages import urls
from generator.pages.downloads import KEY_RESULT_CHECKINS, KEY_RESULTS, TABLES


def validate(site: Path) -> frictionless.Report:
    return frictionless.validate(str(site / urls.DATAPACKAGE))


def errors(report: frictionless.Report) -> list[tuple[str, object, object, str]]:
    """(resource, row number, field name, error type) of every error of every file."""
    return [
        (task.name, getattr(e, "row_number", None), getattr(e, "field_name", None), e.type)
        for task in report.tasks
        for e in task.errors
    ]


def package(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / urls.DATAPACKAGE).read_text(encoding="utf-8"))
    return data


def test_the_sample_package_validates_with_every_row(sample: Project, sample_site: Path) -> None:
    report = validate(sample_site)
    assert report.valid, (report.errors, errors(report))
    rows = {task.name: task.stats["rows"] for task in report.tasks if task.type == "table"}
    assert rows["key-results"] == len(sample.dataset.key_results)
    assert rows["objectives"] == len(sample.dataset.objectives)
    assert rows["checkins"] == len(sample.dataset.checkins)
    # every file of one key result's check-ins, and the JSON, are resources too
    for kr_id, series in sample.dataset.checkins_by_key_result.items():
        assert rows[f"checkins-{kr_id}"] == len(series)
    assert "portal" in {task.name for task in report.tasks}


def test_the_package_describes_every_file_in_the_downloads(sample_site: Path) -> None:
    described = {r["path"] for r in package(sample_site)["resources"]}
    downloads = sample_site / "downloads"
    files = {
        p.relative_to(downloads).as_posix()
        for p in downloads.rglob("*")
        if p.is_file() and p.name not in {"datapackage.json", "checkins.schema.json"}
    }
    assert described == files


def test_every_column_has_a_type_and_a_description(sample_site: Path) -> None:
    data = package(sample_site)
    schemas = [r["schema"] for r in data["resources"] if isinstance(r.get("schema"), dict)]
    schemas.append(json.loads((sample_site / urls.CHECKINS_SCHEMA).read_text(encoding="utf-8")))
    assert len(schemas) == 4
    for schema in schemas:
        for field in schema["fields"]:
            assert field["type"] in {"string", "number", "integer", "date", "boolean"}
            assert len(field["description"]) > 10
    key_results = next(r for r in data["resources"] if r["name"] == "key-results")
    assert [f["name"] for f in key_results["schema"]["fields"]] == [
        c.name for c in KEY_RESULTS.columns
    ]
    assert key_results["schema"]["primaryKey"] == ["key_result"]
    names = {r["name"] for r in data["resources"]}
    assert {t.name for t in TABLES if t is not KEY_RESULT_CHECKINS} <= names


def test_title_description_and_licence_come_from_the_settings(
    sample: Project, sample_site: Path
) -> None:
    data = package(sample_site)
    assert data["title"] == sample.settings.title
    assert sample.settings.organisation in data["description"]
    assert data["licenses"] == [
        {
            "name": "CC-BY-4.0",
            "title": "Creative Commons Attribution 4.0 International",
            "path": "https://creativecommons.org/licenses/by/4.0/",
        }
    ]


def test_a_licence_in_free_text_is_its_title() -> None:
    entry = licence_entry("Public domain: use freely", "https://okr.example.org/")
    assert entry == {"title": "Public domain: use freely", "path": "https://okr.example.org/data/"}
    assert licence_entry("ODbL-1.0", None)["name"] == "ODbL-1.0"


def test_a_wrong_type_in_a_csv_is_caught(sample_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(sample_site / "downloads", site / "downloads")
    path = site / urls.KEY_RESULTS_CSV
    table = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    column = table[0].index("latest_value")
    table[1][column] = "twelve"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(table)
    path.write_text(out.getvalue(), encoding="utf-8")
    report = validate(site)
    assert not report.valid
    assert errors(report) == [("key-results", 2, "latest_value", "type-error")]


def test_a_status_outside_the_codes_is_caught(sample_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(sample_site / "downloads", site / "downloads")
    path = site / urls.CHECKINS_CSV
    path.write_text(path.read_text(encoding="utf-8").replace(",on_track,", ",fine,", 1), "utf-8")
    assert [(e[0], e[2], e[3]) for e in errors(validate(site))] == [
        ("checkins", "status", "constraint-error")
    ]


def test_the_hostile_portal_validates_too(hostile_site: Path) -> None:
    """Text made inert, negative values and published authors are valid data."""
    report = validate(hostile_site)
    assert report.valid, (report.errors, errors(report))
