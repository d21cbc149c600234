"""The print-ready PDF reports: one per unit of the report levels and period, tagged, in the
portal's words and figures, linked from the unit page, cached and byte-identical on rebuild."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from pypdf import PdfReader

from generator.build import CACHE_DIR
from generator.exports import reports
from generator.i18n import Language
from generator.load.problems import DataError
from generator.load.project import Project, load_project
from generator.pages import urls
from generator.pages.formatting import Formatter
from generator.scoring import score
from tests.conftest import FIXTURES, build

MINIMAL = FIXTURES / "minimal"


def pdf_text(file: Path) -> str:
    """The text of every page, its whitespace (line breaks in table cells) made single spaces."""
    reader = PdfReader(file)
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def pdfs_in(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*.pdf")}


def copy_minimal(tmp_path: Path) -> Path:
    project = tmp_path / "portal"
    shutil.copytree(MINIMAL, project, ignore=shutil.ignore_patterns(CACHE_DIR, "site"))
    return project


def test_a_report_per_unit_and_period_of_the_top_two_levels_and_none_for_teams(
    sample_site: Path, sample: Project
) -> None:
    dataset = sample.dataset
    top_two = dataset.levels[:2]
    expected = {
        urls.report(unit.id, period_id)
        for unit in dataset.units.values()
        if unit.level in top_two
        for period_id in dataset.periods
        if dataset.objectives_of(unit.id, period_id)
    }
    assert (
        len(expected) == 23
    )  # 11 units on the top two levels in 2 quarters; the city's plan to 2030
    assert set(pdfs_in(sample_site)) == expected
    teams = [u.id for u in dataset.units_at_level("team") if dataset.objectives_of(u.id)]
    team_reports = {urls.report(team, period_id) for team in teams for period_id in dataset.periods}
    assert teams  # teams have objectives, and still no report
    assert not team_reports & set(pdfs_in(sample_site))


def test_every_report_is_a_tagged_pdf_with_its_language_and_title(sample_site: Path) -> None:
    for file in (sample_site / "reports").glob("*.pdf"):
        reader = PdfReader(file)
        catalog = reader.trailer["/Root"]
        assert "/StructTreeRoot" in catalog, file.name
        assert bool(catalog["/MarkInfo"]["/Marked"]), file.name
        assert catalog["/Lang"] == "en", file.name
        assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"]), file.name
        assert reader.metadata is not None and reader.metadata.title, file.name
    housing = PdfReader(sample_site / urls.report("housing", "2026-Q4"))
    assert housing.metadata is not None
    assert (
        housing.metadata.title == "Housing: objectives and key results for October to December 2026"
    )


def test_a_report_reads_as_the_site_writes_its_figures(sample_site: Path, sample: Project) -> None:
    settings, dataset = sample.settings, sample.dataset
    figures = score(dataset, sample.as_of, settings.status_factors)
    fmt = Formatter(Language(settings.language), settings)
    objective = dataset.objectives_of("housing", "2026-Q4")[0]
    kr = dataset.key_results[objective.key_results[0]]
    latest = fmt.value(figures.key_results[kr.id].latest_value, kr)
    page = (sample_site / urls.key_result(kr.id) / "index.html").read_text(encoding="utf-8")
    assert latest in page  # the site writes the value this way

    text = pdf_text(sample_site / urls.report("housing", "2026-Q4"))
    assert "Housing" in text
    assert "October to December 2026" in text
    assert kr.title in text
    assert f"{kr.title} {fmt.kind_label(kr.kind)} {latest}" in text  # its row in the table
    assert fmt._("As of %(date)s", date=fmt.date(sample.as_of)) in text


def test_the_unit_page_links_its_reports_and_a_team_page_none(sample_site: Path) -> None:
    page = (sample_site / urls.unit("housing") / "index.html").read_text(encoding="utf-8")
    for period_id, label in (
        ("2026-Q3", "July to September 2026"),
        ("2026-Q4", "October to December 2026"),
    ):
        href = urls.relative(urls.unit("housing"), urls.report("housing", period_id))
        assert (
            f'<a href="{href}" type="application/pdf">Print-ready report for {label} (PDF)</a>'
            in page
        )
        assert (sample_site / urls.report("housing", period_id)).is_file()
    team = (sample_site / urls.unit("housing-allocations") / "index.html").read_text(
        encoding="utf-8"
    )
    assert "reports/" not in team


def render_counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the identifier (cache key) of every PDF a build renders, and still render it."""
    rendered: list[str] = []
    render = reports.render_pdf

    def counting(html: str, identifier: str) -> bytes:
        rendered.append(identifier)
        return render(html, identifier)

    monkeypatch.setattr(reports, "render_pdf", counting)
    return rendered


def test_an_unchanged_report_comes_from_the_cache_and_a_changed_one_is_rendered_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy_minimal(tmp_path)
    rendered = render_counting(monkeypatch)
    build(project, tmp_path / "cold")
    cold = pdfs_in(tmp_path / "cold")
    assert len(cold) == len(rendered) == 3  # town, roads and parks in 2026-Q2
    assert len(list((project / CACHE_DIR / reports.CACHE_FOLDER).glob("*.pdf"))) == 3

    def no_rendering(html: str, identifier: str) -> bytes:
        raise AssertionError("a warm build rendered a report")

    with monkeypatch.context() as warm:
        warm.setattr(reports, "render_pdf", no_rendering)
        build(project, tmp_path / "warm")
    assert pdfs_in(tmp_path / "warm") == cold

    checkins = project / "data" / "checkins" / "q2.csv"
    text = checkins.read_text(encoding="utf-8")
    checkins.write_text(text.replace("Asphalt is late", "Asphalt is very late"), encoding="utf-8")
    rendered.clear()
    build(project, tmp_path / "changed")
    changed = pdfs_in(tmp_path / "changed")
    assert len(rendered) == 1  # the roads report, the only one with that note
    assert [path for path in cold if changed[path] != cold[path]] == [
        urls.report("roads", "2026-Q2")
    ]
    assert "Asphalt is very late" in pdf_text(
        tmp_path / "changed" / urls.report("roads", "2026-Q2")
    )


def test_two_cold_builds_give_byte_identical_reports_dated_as_of(tmp_path: Path) -> None:
    project = copy_minimal(tmp_path)
    build(project, tmp_path / "first")
    shutil.rmtree(project / CACHE_DIR / reports.CACHE_FOLDER)
    build(project, tmp_path / "second")
    first, second = pdfs_in(tmp_path / "first"), pdfs_in(tmp_path / "second")
    assert first and first == second
    reader = PdfReader(tmp_path / "first" / urls.report("town", "2026-Q2"))
    assert reader.metadata is not None
    # No as_of in the settings: the newest check-in's date, never the time of the build.
    assert reader.metadata["/CreationDate"] == "D:20260615"
    assert reader.metadata["/ModDate"] == "D:20260615"


def test_weasyprint_reads_data_urls_and_refuses_every_other(tmp_path: Path) -> None:
    css = "body::before { content: 'FETCHED' }"
    (tmp_path / "style.css").write_text(css, encoding="utf-8")
    page = '<html lang="en"><head><title>t</title><link rel="stylesheet" href="{}"></head><body><p>Text</p></body></html>'
    from_file = reports.render_pdf(page.format((tmp_path / "style.css").as_uri()), "a")
    from_data = reports.render_pdf(page.format("data:text/css," + quote(css)), "b")
    (tmp_path / "file.pdf").write_bytes(from_file)
    (tmp_path / "data.pdf").write_bytes(from_data)
    assert "FETCHED" in pdf_text(tmp_path / "data.pdf")  # the test can see a stylesheet read
    assert "FETCHED" not in pdf_text(tmp_path / "file.pdf")


def test_report_levels_default_to_the_top_two_and_may_name_others_or_none(tmp_path: Path) -> None:
    project = copy_minimal(tmp_path)
    config = project / "site_config.yml"
    original = config.read_text(encoding="utf-8")
    assert load_project(project).settings.report_levels == ("organisation", "department")
    config.write_text(original + "report_levels: [team]\n", encoding="utf-8")
    assert load_project(project).settings.report_levels == ("team",)
    config.write_text(original + "report_levels: []\n", encoding="utf-8")
    assert load_project(project).settings.report_levels == ()


def test_report_levels_naming_an_unknown_level_is_a_problem_at_its_line(tmp_path: Path) -> None:
    project = copy_minimal(tmp_path)
    with (project / "site_config.yml").open("a", encoding="utf-8") as config:
        config.write("report_levels: [organisation, departments]\n")  # line 7
    with pytest.raises(DataError) as error:
        load_project(project)
    assert [str(p) for p in error.value.problems] == [
        "site_config.yml:7: 'report_levels' names 'departments', which is not a level: "
        "did you mean 'department'?"
    ]


def test_many_reports_are_rendered_by_workers_as_one_process_renders_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    documents = {
        f"{n:064x}": f"<!doctype html><html lang=en><title>Report {n}</title><p>Figure {n}</p>"
        for n in range(3)
    }
    alone = reports.render_pdfs(documents)
    monkeypatch.setattr(reports, "POOL_FROM", 3)
    monkeypatch.setattr(reports.os, "cpu_count", lambda: 2)
    spawned: list[object] = []
    real_pool = reports.ProcessPoolExecutor

    def pool(**options: object) -> object:
        spawned.append(options)
        return real_pool(**options)  # type: ignore[arg-type]

    monkeypatch.setattr(reports, "ProcessPoolExecutor", pool)
    assert reports.render_pdfs(documents) == alone
    assert len(spawned) == 1


def test_every_language_has_its_reports_rendered_by_one_set_of_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "portal"
    shutil.copytree(
        FIXTURES / "two-languages", project, ignore=shutil.ignore_patterns(CACHE_DIR, "site")
    )
    batches: list[set[str]] = []
    render_pdfs = reports.render_pdfs

    def counted(documents: dict[str, str]) -> dict[str, bytes]:
        batches.append(set(documents))
        return render_pdfs(documents)

    monkeypatch.setattr(reports, "render_pdfs", counted)
    build(project, tmp_path / "site")

    found = pdfs_in(tmp_path / "site")
    finnish = {path for path in found if not path.startswith("sv/")}
    assert finnish and {"sv/" + path for path in finnish} == set(found) - finnish
    for path in found:
        catalog = PdfReader(tmp_path / "site" / path).trailer["/Root"]
        assert catalog["/Lang"] == ("sv" if path.startswith("sv/") else "fi"), path
    assert len(batches) == 1 and len(batches[0]) == len(found)


def test_a_report_whose_fonts_fonttools_subsets_is_the_same_bytes_a_minute_later(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without HarfBuzz's subsetter WeasyPrint subsets fonts with fontTools, which stamps the
    time of day into each subset unless told a fixed one."""
    from weasyprint.pdf import fonts

    monkeypatch.setattr(fonts, "harfbuzz_subset", None)  # fontTools subsets, as without it
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    page = "<!doctype html><html lang=en><title>Report</title><p>Figure 12.5</p>"
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now)
    first = reports.render_pdf(page, "a")
    monkeypatch.setattr(time, "time", lambda: now + 60)
    assert reports.render_pdf(page, "a") == first
    assert "SOURCE_DATE_EPOCH" not in os.environ  # handed back as it was
