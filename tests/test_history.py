"""The history of every target: a test repository with several commits, built into a site,
and the reading of its history from git and from the cache."""

from __future__ import annotations

import datetime
import html
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import history
from generator.history import NOT_IN_GIT, read_history
from generator.load.project import load_project
from generator.model import Status
from generator.scoring import StatusChange, status_changes
from tests.conftest import FIXTURES, build
from tests.pages.test_html_checker import html_errors

OKRS = Path("data") / "okrs" / "2026-Q2"

BUDGET_USE = """      - id: roads-budget-use
        title: Share of the repair budget spent
        unit: "%"
        baseline: 90
        direction: within
        target_range: [95, 100]
"""


#: Who commits: never published (a test below looks for the address in every page).
IDENTITY = ("-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false")


def git(repository: Path, *args: str, day: str = "2026-04-01") -> None:
    stamp = f"{day}T12:00:00+00:00"
    subprocess.run(
        ["git", *IDENTITY, *args],
        cwd=repository,
        check=True,
        capture_output=True,
        env={"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp, "PATH": _path()},
    )


def _path() -> str:
    found = shutil.which("git")
    assert found, "these tests need git"
    return str(Path(found).parent)


def commit(repository: Path, message: str, day: str) -> None:
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", message, day=day)


def replace(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    file.write_text(text.replace(old, new), encoding="utf-8")


def make_repository(repository: Path, sub: str = "") -> Path:
    """The minimal portal committed in ``repository`` (in its folder ``sub``), then changed in
    five commits, one of which breaks a file; returns the portal's folder."""
    root = repository / sub
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    git(repository, "init", "-q")
    commit(root, "The minimal portal", "2026-04-01")
    replace(root / OKRS / "town.yml", "target: 30", "target: 25")
    commit(root, "Lower the injuries target after the council's vote", "2026-04-20")
    replace(
        root / OKRS / "town.yml", "title: Publish more open data", "title: Open data people use"
    )
    commit(root, "Say what the open data objective is for", "2026-05-02")
    replace(root / OKRS / "roads.yml", BUDGET_USE, "")
    commit(root, "Drop the <budget> key result", "2026-05-09")
    parks = (root / OKRS / "parks.yml").read_text(encoding="utf-8")
    (root / OKRS / "parks.yml").write_text("objectives: [\n", encoding="utf-8")
    commit(root, "A broken file", "2026-05-15")
    (root / OKRS / "parks.yml").write_text(parks.replace("target: 15", "target: 10"))
    commit(root, "Repair the parks file, with a stricter litter target", "2026-05-16")
    return root


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repository(tmp_path_factory.mktemp("history") / "portal")


@pytest.fixture(scope="module")
def site(repository: Path) -> Path:
    out = repository.parent / "site"
    build(repository, out)
    return out


def text_of(site: Path, page: str) -> str:
    """A page's words, tags and runs of white space made single spaces."""
    markup = (site / page / "index.html").read_text(encoding="utf-8")
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", markup)))


def rows(site: Path, page: str) -> list[str]:
    """The rows of the page's history tables, as text."""
    markup = (site / page / "index.html").read_text(encoding="utf-8")
    tables = re.findall(r'<table class="okr-table okr-history">.*?</table>', markup, re.S)
    bodies = [table.split("<tbody>", 1)[1] for table in tables]
    found = re.findall(r"<tr>(.*?)</tr>", "".join(bodies), re.S)
    return [html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r))).strip() for r in found]


def test_a_key_result_page_shows_its_old_and_new_target_with_the_commit(site: Path) -> None:
    found = rows(site, "key-results/town-injuries")
    assert len(found) == 1
    assert re.fullmatch(
        r"Apr 20, 2026 Target 30 people 25 people "
        r"Lower the injuries target after the council's vote [0-9a-f]{7}",
        found[0],
    )


def test_an_objective_page_shows_its_title_change(site: Path) -> None:
    found = rows(site, "objectives/town-open-data")
    assert len(found) == 1
    assert found[0].startswith("May 2, 2026 Open data people use Title Publish more open data")
    assert "Say what the open data objective is for" in found[0]


def test_an_objective_page_lists_its_key_results_changes_and_removals(site: Path) -> None:
    found = rows(site, "objectives/roads-faster-repair")
    assert len(found) == 1
    assert found[0].startswith("May 9, 2026 Share of the repair budget spent Key result removed")


def test_the_period_page_lists_removals_and_moved_targets(site: Path) -> None:
    page = text_of(site, "periods/2026-q2/changes")
    assert "What changed in April to June 2026" in page
    removed = page.split(" Removed ", 1)[1].split(" Targets moved ", 1)[0]
    assert "Share of the repair budget spent Key result removed" in removed
    moved = page.split(" Targets moved ", 1)[1].split(" Other changes ", 1)[0]
    assert "Fewer people injured on the roads Target 30 people 25 people" in moved
    # The broken revision is skipped: the litter target moved at the commit that repaired it,
    # and nothing was removed and added back in between.
    assert "May 16, 2026 Litter complaints a month Target 15 complaints 10 complaints" in moved
    assert "Keep parks clean" not in removed
    assert "1 revision whose data did not read is left out." in page
    # What the first commit held is where the record starts, not an addition.
    added = page.split(" Added ", 1)[1].split(" Removed ", 1)[0]
    assert "No change recorded." in added
    period = (site / "periods/2026-q2/index.html").read_text(encoding="utf-8")
    assert 'href="../../periods/2026-q2/changes/"' in period


def test_the_home_page_lists_the_latest_target_changes(site: Path) -> None:
    found = rows(site, "")
    assert [r.split(" Target ")[0] for r in found] == [
        "May 16, 2026 Litter complaints a month",
        "Apr 20, 2026 Fewer people injured on the roads",
    ]


def test_a_commit_message_is_escaped_and_no_author_is_published(site: Path) -> None:
    markup = (site / "periods/2026-q2/changes/index.html").read_text(encoding="utf-8")
    assert "Drop the &lt;budget&gt; key result" in markup
    for page in site.rglob("*.html"):
        assert "t@example.org" not in page.read_text(encoding="utf-8")


def test_a_second_build_is_the_same_with_the_history_from_the_cache(
    repository: Path, site: Path, tmp_path: Path
) -> None:
    again = tmp_path / "again"
    build(repository, again)
    for page in ("key-results/town-injuries", "periods/2026-q2/changes", ""):
        first = (site / page / "index.html").read_bytes()
        assert (again / page / "index.html").read_bytes() == first


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """How many git commands the history ran and how many OKR files it parsed."""
    counts = {"git": 0, "parsed": 0}
    run, parse = history.Git.__call__, history._parse

    def counting_run(self: history.Git, *args: str, stdin: bytes | None = None) -> bytes:
        counts["git"] += 1
        return run(self, *args, stdin=stdin)

    def counting_parse(content: bytes) -> history.FileFields:
        counts["parsed"] += 1
        return parse(content)

    monkeypatch.setattr(history.Git, "__call__", counting_run)
    monkeypatch.setattr(history, "_parse", counting_parse)
    return counts


def test_the_history_is_read_once_per_commit(tmp_path: Path, counted: dict[str, int]) -> None:
    project = make_repository(tmp_path / "portal")
    cache = tmp_path / "cache"
    first = read_history(project, cache)
    # Three git calls (where HEAD is, the log, every file version at once); each version of an
    # OKR file parsed once: three files, then one new version in each of five commits.
    assert counted == {"git": 3, "parsed": 8}
    assert read_history(project, cache) == first
    assert counted == {"git": 4, "parsed": 8}  # a warm build: one git call, nothing parsed
    replace(project / OKRS / "town.yml", "target: 25", "target: 20")
    commit(project, "Lower it again", "2026-06-01")
    again = read_history(project, cache)
    assert counted == {"git": 7, "parsed": 9}  # a new commit: its one new file parsed
    assert again.changes[:-1] == first.changes
    last = again.changes[-1]
    assert (last.item, last.field, last.old, last.new) == ("town-injuries", "target", 25, 20)


def test_a_project_in_a_sub_folder_of_its_repository(tmp_path: Path) -> None:
    project = make_repository(tmp_path / "repository", "portals/town")
    (tmp_path / "repository" / "README.md").write_text("Not data", encoding="utf-8")
    commit(tmp_path / "repository", "A commit that changes no data", "2026-06-01")
    found = read_history(project, tmp_path / "cache")
    assert [(c.item, c.field) for c in found.changes] == [
        ("town-injuries", "target"),
        ("town-open-data", "title"),
        ("roads-budget-use", "removed"),
        ("parks-litter-complaints", "target"),
    ]
    assert found.since is not None and found.since.message == "The minimal portal"


def test_without_git_the_pages_say_so(tmp_path: Path) -> None:
    root = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    build(root, tmp_path / "site")
    words = "The history of this data is not available: it is not kept in git."
    for page in (
        "key-results/town-injuries",
        "objectives/town-open-data",
        "periods/2026-q2/changes",
        "",
    ):
        assert words in text_of(tmp_path / "site", page)


def test_without_the_git_program_there_is_no_history(
    repository: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert read_history(repository, tmp_path / "cache") == NOT_IN_GIT


def test_file_fields_and_what_does_not_read() -> None:
    parse: Callable[[bytes], history.FileFields] = history._parse
    assert parse(b"objectives: [") is None
    assert parse(b"- a list\n") is None
    assert (
        parse(
            b"objectives:\n  - id: x\n    title: X\n    key_results: [{id: k, title: K, baseline: one}]\n"
        )
        is None
    )
    fields = parse(
        b"objectives:\n  - id: x\n    title: {fi: X, sv: Y}\n"
        b"    key_results: [{id: k, title: K, unit: days, baseline: 2, target: 1}]\n"
    )
    assert fields == [
        ("objective", "x", {"title": {"fi": "X", "sv": "Y"}}),
        (
            "key_result",
            "k",
            {
                "title": "K",
                "unit": "days",
                "baseline": 2.0,
                "target": 1.0,
                "target_range": None,
                "direction": "decrease",  # as the loader derives it
                "objective": "x",
            },
        ),
    ]


def test_the_pages_with_changes_are_valid_html(site: Path) -> None:
    assert rows(site, "periods/2026-q2/changes")  # tables of changes, not only "no change"
    assert html_errors(site) == []


def test_the_period_page_lists_statuses_changed_with_or_without_git(
    site: Path, tmp_path: Path
) -> None:
    # roads-repair-days: the owner's "on track" on April 30, then a figure that is computed
    # at risk on May 31. The other key results' first figures are no change.
    statuses = text_of(site, "periods/2026-q2/changes").split(" Statuses changed ", 1)[1]
    assert statuses.split(" var target", 1)[0] == (
        "Each key result's status on the days check-ins came in, where it changed "
        "Date Key result Before After "
        "May 31, 2026 Days to repair a reported pothole ✓ On track ! At risk"
    )
    root = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    build(root, tmp_path / "site")
    without_git = text_of(tmp_path / "site", "periods/2026-q2/changes")
    assert "Days to repair a reported pothole ✓ On track ! At risk" in without_git


def test_status_changes_are_judged_after_each_check_in_of_the_period() -> None:
    project = load_project(FIXTURES / "minimal")
    found = status_changes(project.dataset, project.as_of, project.settings.status_factors)
    # The owner's "on track" of April 30, then May 31's figure, 6 of the 10 days to cut by
    # May 31, when two thirds of the period had passed: at risk. First figures are no change,
    # nor is March 15's, from before the period.
    assert found == {
        "2026-Q1": (),
        "2026-Q2": (
            StatusChange(
                "roads-repair-days", datetime.date(2026, 5, 31), Status.ON_TRACK, Status.AT_RISK
            ),
        ),
    }


def test_withheld_items_have_no_history(tmp_path: Path) -> None:
    """An item withheld today is left out of the history of every revision; one withheld in a
    revision has no changes from that revision (published later, it is then added)."""
    root = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    parks = root / OKRS / "parks.yml"
    replace(
        parks,
        "    title: Keep parks clean and green\n",
        "    title: Keep parks clean\n    publish: false\n",
    )
    git(root, "init", "-q")
    commit(root, "The minimal portal, parks withheld", "2026-04-01")
    replace(root / OKRS / "town.yml", "target: 30", "target: 25")
    replace(parks, "target: 15", "target: 10")
    commit(root, "Lower two targets", "2026-04-20")
    replace(
        root / OKRS / "town.yml",
        "    owner: Mayor's office\n",
        "    owner: Mayor's office\n    publish: false\n",
    )
    replace(parks, "    publish: false\n", "")
    commit(root, "Withhold the town's objective, publish the parks'", "2026-05-02")
    found = read_history(root, tmp_path / "cache").without(load_project(root).withheld_ids)
    items = {(c.item, c.field) for c in found.changes}
    assert not {item for item, _ in items} & {"town-safer-streets", "town-injuries"}
    assert items == {
        ("parks-clean", "added"),
        ("parks-satisfaction", "added"),
        ("parks-litter-complaints", "added"),
    }
