"""The command line as a publisher uses it: check, build into another folder, fail cleanly."""

from __future__ import annotations

import filecmp
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator import alongside
from generator.charts.cache import DRAWINGS
from generator.charts.render import IN_PROCESS_BELOW
from generator.cli import main
from generator.engine.commands import mkdocs_settings
from generator.load.project import load_project
from generator.pages.search_form import FORMS, form_key
from generator.staging import FOLDERS
from tests.conftest import FIXTURES, ROOT

MINIMAL = FIXTURES / "minimal"
# The venv's okr-portal and mkdocs scripts would import the generator the venv was installed
# from, which need not be this checkout: run this checkout's code, with its folder first on
# PYTHONPATH (spawned chart workers inherit both).
CLI = "import sys; from generator.cli import main; sys.exit(main())"


def this_checkout(env: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if env is None else env)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env.get("PYTHONPATH")) if p)
    return env


def okr_portal(
    *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CLI, *args],
        cwd=cwd,
        env=this_checkout(env),
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    project = tmp_path / "portal"
    shutil.copytree(MINIMAL, project, ignore=shutil.ignore_patterns(".okr-cache"))
    return project


def all_files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_contract_only_config_builds_a_complete_portal_elsewhere(
    minimal: Path, tmp_path: Path
) -> None:
    out = tmp_path / "elsewhere" / "public"
    result = okr_portal("build", "--project", str(minimal), "--out", str(out))
    assert result.returncode == 0, result.stderr
    for page in (
        "",
        "levels/department/",
        "units/parks/",
        "periods/2026-q2/",
        "themes/",
        "periods/",
    ):
        assert (out / page / "index.html").is_file(), page
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "Public OKRs of the Town of Example" in home  # the title, with no content/ folder at all
    assert (out / "assets" / "okr" / "okr.css").is_file()
    assert not (minimal / "site").exists()  # nothing written into the project but the chart cache


# Imported first by every Python process of a build, spawned chart workers included: logs each
# process's command line. `okr-portal build` has no --workers option and renders with one
# worker per CPU, so it also makes sure a build sees at least two CPUs and uses the pool.
PROCESS_LOGGER = """\
import os, sys
_cpus = os.cpu_count
os.cpu_count = lambda: max(2, _cpus() or 1)
with open(os.environ["OKR_TEST_PROCESS_LOG"], "a", encoding="utf-8") as log:
    log.write(repr(sys.orig_argv) + "\\n")
"""


def installed_locale(*wanted: str) -> str:
    """The first of ``wanted`` that ``locale -a`` lists, else the first one: a locale that is not
    installed still reaches what reads LANG itself (ICU in vl-convert, Babel), and Python falls
    back to C without complaint."""
    try:
        listed = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        return wanted[0]
    installed = {name.lower().replace("utf-8", "utf8") for name in listed.stdout.split()}
    return next((w for w in wanted if w.lower().replace("utf-8", "utf8") in installed), wanted[0])


def chart_workers(log: Path) -> list[str]:
    """The spawned worker processes among those a build logged."""
    return [line for line in log.read_text(encoding="utf-8").splitlines() if "spawn_main" in line]


def test_the_same_input_gives_byte_identical_output(tmp_path: Path) -> None:
    """A cold build (empty chart cache, charts rendered by the spawn pool) and a warm one (every
    chart from the cache), in other time zones, locales, hash seeds and folders, write the same
    files with the same bytes."""
    project = tmp_path / "portal"
    for part in ("data", "content"):
        shutil.copytree(ROOT / part, project / part)
    shutil.copy(ROOT / "site_config.yml", project)
    cache = project / ".okr-cache"
    assert not cache.exists()
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(PROCESS_LOGGER, encoding="utf-8")
    variants = {
        "cold": {"TZ": "Pacific/Kiritimati", "LANG": "C.UTF-8", "PYTHONHASHSEED": "0"},
        "warm": {
            "TZ": "America/Los_Angeles",
            "LANG": installed_locale("nb_NO.UTF-8", "de_DE.UTF-8", "fr_FR.UTF-8"),
            "LANGUAGE": "nb:de",
            "PYTHONHASHSEED": "12345",
        },
    }
    stamps: dict[str, dict[str, tuple[int, int]]] = {}
    for name, variant in variants.items():
        log = tmp_path / f"{name}.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "LANG"))}
        env |= variant | {"LC_ALL": variant["LANG"], "OKR_TEST_PROCESS_LOG": str(log)}
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(hooks), env.get("PYTHONPATH")) if p)
        done = okr_portal(
            "build",
            "--project",
            str(project),
            "--out",
            str(tmp_path / name),
            cwd=project if name == "warm" else tmp_path,
            env=env,
        )
        assert done.returncode == 0, done.stderr
        stamps[name] = {
            p.relative_to(cache).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in cache.rglob("*")
            if p.is_file()
        }
        if name == "cold":
            assert chart_workers(log), "the cold build rendered no chart in a spawned worker"
        else:
            assert chart_workers(log) == [], "the warm build rendered charts"
    # The cold build rendered every chart, enough of them for the pool, and every PDF report
    # into the cache (charts at its top, reports in their folder); the warm build rendered and
    # rewrote none.
    # Beside each chart's drawings, the PNG of its wide one: the image a shared link to its key
    # result shows.
    # What the cached pages and kept files were as the build left them (StatRecord), and the
    # folders of the site it published (generator.staging).
    records = ["files.json", "pages.json", FOLDERS]
    top = [n for n in stamps["cold"] if "/" not in n and n not in records]
    charts = [n for n in top if n.endswith(".svg")]
    images = [n for n in top if n.endswith("-social.png")]
    pages = [n for n in stamps["cold"] if n.startswith("pages/")]
    index = [n for n in stamps["cold"] if n.startswith("search/")]
    forms = [n for n in stamps["cold"] if n.startswith(f"{FORMS}/")]
    files = [n for n in stamps["cold"] if n.startswith("files/")]
    templates = [n for n in stamps["cold"] if n.startswith("templates/")]
    # What Vega drew, without a word, each language's texts written over it for the pages.
    drawings = [n for n in stamps["cold"] if n.startswith(f"{DRAWINGS}/")]
    reports = [
        n
        for n in stamps["cold"]
        if n not in top + pages + index + forms + files + templates + records + drawings
    ]
    # The templates, compiled (pages.render.CompiledTemplates).
    assert templates
    assert [n for n in templates if not re.fullmatch(r"templates/__jinja2_\w+\.cache", n)] == []
    # The search index is listed once, under the hash of its pages, as the site has it.
    assert len(index) == 1 and re.fullmatch("search/[0-9a-f]{64}.json", *index)
    listed = json.loads((cache / index[0]).read_bytes())
    assert set(listed) == {
        p.relative_to(tmp_path / "cold" / "pagefind").as_posix()
        for p in (tmp_path / "cold" / "pagefind").rglob("*")
        if p.is_file()
    }
    assert {f"files/{key}" for key in listed.values()} <= set(files)
    assert [n for n in top if n.startswith(".") or n not in charts + images] == []
    # A page is named for what made it, its bytes and its search form (an embed has none),
    # and each form is kept once, under the hash of its text; each in the folder named for
    # the first two characters of its name.
    named = re.compile(r"pages/([0-9a-f]{2})/\1[0-9a-f]{62}-[0-9a-f]{16}(?:-([0-9a-f]{32}))?\.html")
    assert [n for n in pages if not named.fullmatch(n)] == []
    assert sorted(forms) == sorted(
        {
            f"{FORMS}/{m.group(2)[:2]}/{m.group(2)}.html"
            for n in pages
            if (m := named.fullmatch(n)) and m.group(2)
        }
    )
    assert [
        n for n in forms if n != f"{FORMS}/{(k := form_key((cache / n).read_text()))[:2]}/{k}.html"
    ] == []
    assert images  # one per distinct wide drawing: compared with the site's below
    assert [n for n in reports if not re.fullmatch(r"reports/[0-9a-f]{64}\.pdf", n)] == []
    # The site's other files (downloads, feeds, images), each kept under the hash of its bytes.
    assert files
    assert [
        n for n in files if n != f"files/{hashlib.sha256((cache / n).read_bytes()).hexdigest()}"
    ] == []
    assert len(charts) >= IN_PROCESS_BELOW
    assert drawings and not [n for n in drawings if "<text" in (cache / n).read_text()]
    assert stamps["warm"] == stamps["cold"]
    one, two = all_files(tmp_path / "cold"), all_files(tmp_path / "warm")
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    # The charts compared are the cached ones: every key result with a check-in shows one,
    # drawn wide and narrow, and the distinct drawings shown are exactly the cache's.
    figures = [
        found.group(1)
        for name, body in one.items()
        if name.startswith("key-results/") and name.endswith("/index.html")
        if (found := re.search(rb'<figure class="okr-chart"[^>]*>(.*?)</figure>', body, re.S))
    ]
    checked_in = load_project(project).dataset.checkins_by_key_result
    assert len(figures) == len(checked_in)
    shown = [svg for figure in figures for svg in re.findall(rb"<svg\b.*?</svg>", figure, re.S)]
    assert len(shown) == 2 * len(figures)
    assert set(shown) == {(cache / name).read_bytes() for name in charts}
    # Likewise the charts' PNGs (a key result's image when shared): the site's are the cache's.
    pngs = {body for name, body in one.items() if name.endswith("/chart.png")}
    assert pngs == {(cache / name).read_bytes() for name in images}
    # And the reports: the site's PDFs are exactly the cache's.
    pdfs = {body for name, body in one.items() if name.endswith(".pdf")}
    loaded = load_project(project)
    reported = {
        (o.unit, o.period)
        for o in loaded.dataset.objectives.values()
        if loaded.dataset.units[o.unit].level in loaded.settings.report_levels
    }  # a report per unit of the report levels and period it has objectives in
    assert len(pdfs) == len(reports) == len(reported)
    assert pdfs == {(cache / name).read_bytes() for name in reports}


def test_a_failed_build_keeps_the_previous_site_and_says_why(minimal: Path, tmp_path: Path) -> None:
    out = tmp_path / "public"
    assert okr_portal("build", "--project", str(minimal), "--out", str(out)).returncode == 0
    before = all_files(out)
    units = minimal / "data" / "units.yml"
    units.write_text(
        units.read_text(encoding="utf-8").replace("parent: town", "parent: nowhere", 1)
    )
    result = okr_portal("build", "--project", str(minimal), "--out", str(out))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.splitlines()
    assert lines[0].startswith("data/units.yml:") and "'nowhere', which is not a unit" in lines[0]
    assert lines[-1] == f"{len(lines) - 1} problem(s) found; fix them and run again."
    assert "Aborted" not in result.stderr  # said once, by us, not by MkDocs too
    assert all_files(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["portal", "public"]  # no staging left


def test_check_reports_ok_or_every_problem(minimal: Path) -> None:
    ok = okr_portal("check", "--project", str(minimal))
    assert ok.returncode == 0 and ok.stdout.startswith("OK: 4 units")
    (minimal / "data" / "periods.yml").write_text("- id: 2026-Q9\n  start: 2026-01-01\n")
    broken = okr_portal("check", "--project", str(minimal))
    assert broken.returncode == 1 and "Traceback" not in broken.stderr
    assert "data/periods.yml:1: period id '2026-Q9'" in broken.stderr
    assert "data/periods.yml:1: a period has no 'end'" in broken.stderr


def test_mkdocs_build_gives_the_same_site_as_okr_portal_build(tmp_path: Path) -> None:
    by_mkdocs, by_cli = tmp_path / "mkdocs", tmp_path / "cli"
    env = this_checkout({**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(by_mkdocs)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert okr_portal("build", "--out", str(by_cli)).returncode == 0
    comparison = filecmp.dircmp(by_mkdocs, by_cli)
    assert comparison.left_only == comparison.right_only == []
    one, two = all_files(by_mkdocs), all_files(by_cli)
    assert [name for name in one if one[name] != two.get(name)] == []


def test_mkdocs_settings_from_site_config_add_to_ours_and_keep_the_plugin(minimal: Path) -> None:
    with (minimal / "site_config.yml").open("a", encoding="utf-8") as config:
        config.write("mkdocs:\n  theme:\n    palette:\n      primary: teal\n  plugins: [search]\n")
    settings = mkdocs_settings(minimal, minimal / "out")
    assert settings["theme"] == {"name": "material", "font": False, "palette": {"primary": "teal"}}
    assert settings["plugins"] == ["search", {"okr-portal": {"project": str(minimal)}}]


def test_a_build_says_how_far_it_has_come_and_ends_with_one_summary_line(
    minimal: Path, tmp_path: Path
) -> None:
    shutil.rmtree(minimal / ".okr-cache", ignore_errors=True)
    cold = okr_portal("build", "--project", str(minimal), "--out", str(tmp_path / "one"))
    assert cold.returncode == 0, cold.stderr
    # Not a terminal: one plain line per finished stage. Five charts, each drawn wide and narrow.
    assert "charts rendered: 10\n" in cold.stderr
    assert re.search(r"^pages written: \d+$", cold.stderr, re.M)
    summary = cold.stdout.strip().splitlines()[-1]
    assert re.fullmatch(
        rf"Built {re.escape(str(tmp_path / 'one'))}: \d+ data pages, \d+ pages rendered "
        r"\(embeds included\), 10 charts rendered and 0 reused, 0 warning\(s\), in \d+\.\d s",
        summary,
    ), summary
    warm = okr_portal("build", "--project", str(minimal), "--out", str(tmp_path / "two"))
    assert "0 charts rendered and 10 reused" in warm.stdout


def test_the_summary_counts_each_data_page_once_written_in_a_copy_or_not(
    minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On one CPU (or under ``serve``) the pages are written in the build's own process, which
    then reports their progress itself: the summary counted them twice."""
    forked = okr_portal("build", "--project", str(minimal), "--out", str(tmp_path / "one"))
    assert forked.returncode == 0, forked.stderr
    monkeypatch.setattr(alongside, "_forkable", lambda: False)
    in_turn = CliRunner().invoke(
        main, ["build", "--project", str(minimal), "--out", str(tmp_path / "two")]
    )
    assert in_turn.exit_code == 0, in_turn.output
    pages = sorted(
        str(page.relative_to(tmp_path / "two"))
        for page in (tmp_path / "two").rglob("index.html")
        if "embed" not in page.parts
    )
    counts = [int(_DATA_PAGES.findall(output)[-1]) for output in (forked.stdout, in_turn.output)]
    assert counts[0] == counts[1] and 0 < counts[0] < len(pages), counts


_DATA_PAGES = re.compile(r"Built .*: (\d+) data pages")


def test_on_a_terminal_the_progress_is_a_bar() -> None:
    import io
    import logging

    from generator import progress
    from generator.cli import ProgressPrinter

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    printer = ProgressPrinter()
    printer.out, printer.live = Terminal(), True
    for done in (0, 12, 24):
        record = logging.LogRecord("okr-portal.progress", logging.INFO, "", 0, "", (), None)
        record.okr_step = progress.Step("pages written", done, 24)
        printer.emit(record)
    text = printer.out.getvalue()
    assert text.count("\r") == 3 and text.endswith("[" + "#" * 24 + "] 24/24\n")
    assert "[" + "#" * 12 + "." * 12 + "] 12/24" in text
    assert printer.count("pages written") == 24


def test_the_summary_counts_a_stage_over_its_runs() -> None:
    """Charts are drawn for each language and each update's figures: every run counts."""
    import logging

    from generator import progress
    from generator.cli import ProgressPrinter

    printer = ProgressPrinter()
    printer.out, printer.live = io.StringIO(), False
    for done, total in ((5, 10), (10, 10), (0, 0), (3, 3), (1, 4)):
        record = logging.LogRecord("okr-portal.progress", logging.INFO, "", 0, "", (), None)
        record.okr_step = progress.Step("charts from the cache", done, total)
        printer.emit(record)
    assert printer.count("charts from the cache") == 10 + 0 + 3 + 1  # the last run is at 1
