"""``okr-portal diff BASE_REF``: what a change of data does to the portal, as Markdown."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from generator.diff import (
    CheckInChange,
    Item,
    KeyResultChange,
    PortalDiff,
    StatusChange,
    to_markdown,
)
from generator.model import Direction, Status
from tests.conftest import FIXTURES

MINIMAL = FIXTURES / "minimal"

KEY_RESULT_ADDED = """    key_results:
      - id: town-open-datasets
        title: Open data sets published
        unit: data sets
        baseline: 10
        target: 20
"""

ROADS_BUDGET_USE = """      - id: roads-budget-use
        title: Share of the repair budget spent
        unit: "%"
        baseline: 90
        direction: within
        target_range: [95, 100]
"""


@pytest.fixture(autouse=True)
def no_job_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in GitHub Actions, these tests must not write into the real job summary."""
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)


def git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
    )


def commit_all(repository: Path, message: str) -> None:
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", message)


def copy_minimal(folder: Path) -> None:
    ignore = shutil.ignore_patterns(".okr-cache", "site")
    shutil.copytree(MINIMAL, folder, ignore=ignore, dirs_exist_ok=True)


def repository_with_portal(repository: Path, project: str = "") -> Path:
    """A git repository holding a committed copy of the minimal portal at ``project``."""
    folder = repository / project
    copy_minimal(folder)
    git(repository, "init", "-q")
    commit_all(repository, "the minimal portal")
    return folder


def replace(file: Path, old: str, new: str) -> None:
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    file.write_text(text.replace(old, new), encoding="utf-8")


def diff(base_ref: str, project: Path, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, ["diff", base_ref, "--project", str(project)], env=env)


def section(markdown: str, heading: str) -> str:
    """The text under ``### heading``, up to the next heading."""
    match = re.search(rf"^### {re.escape(heading)}\n(.*?)(?=^#|\Z)", markdown, re.M | re.S)
    assert match, f"no section '{heading}' in:\n{markdown}"
    return match.group(1)


@pytest.fixture(scope="module")
def changed(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The diff of the committed minimal portal against its working tree with one change of
    each kind: a target, a key result added and one removed, a new check-in, an owner's
    status and an edited value."""
    project = repository_with_portal(tmp_path_factory.mktemp("changed"))
    okrs = project / "data" / "okrs" / "2026-Q2"
    replace(okrs / "town.yml", "target: 30", "target: 25")
    replace(
        okrs / "town.yml",
        "    title: Publish more open data\n",
        "    title: Publish more open data\n" + KEY_RESULT_ADDED,
    )
    replace(okrs / "roads.yml", ROADS_BUDGET_USE, "")
    checkins = project / "data" / "checkins" / "q2.csv"
    replace(checkins, "2026-05-31,parks-satisfaction,82,", "2026-05-31,parks-satisfaction,79,")
    replace(checkins, "roads-resurfaced-km,4,at_risk,", "roads-resurfaced-km,4,off_track,")
    with checkins.open("a", encoding="utf-8") as file:
        file.write("2026-06-15,town-open-datasets,12,,,Two new sets,,,A. Person\n")
        file.write("2026-06-15,roads-repair-days,12,,,,,,\n")
    result = diff("HEAD", project)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_a_changed_target_shows_old_and_new(changed: str) -> None:
    rows = section(changed, "Targets and baselines changed")
    assert "| `town-injuries` | Fewer people injured on the roads | target | 30 -> 25 |" in rows
    assert rows.count("\n| `") == 1  # the direction stayed decrease: only the target moved


def test_an_added_key_result_is_listed(changed: str) -> None:
    rows = section(changed, "Key results added")
    assert rows.splitlines()[1:] == [
        "| Key result | Title |",
        "| --- | --- |",
        "| `town-open-datasets` | Open data sets published |",
        "",
    ]


def test_a_removed_key_result_is_listed(changed: str) -> None:
    rows = section(changed, "Key results removed")
    assert "| `roads-budget-use` | Share of the repair budget spent |" in rows
    assert "town-open-datasets" not in rows


def test_new_check_ins_are_counted_by_unit(changed: str) -> None:
    rows = section(changed, "New check-ins")
    assert rows.splitlines()[1:] == [
        "| Unit | Name | Check-ins |",
        "| --- | --- | --- |",
        "| `town` | Town of Example | 1 |",
        "| `roads` | Roads Department | 1 |",
        "",
    ]  # in the order of units.yml; the rows already committed are not new


def test_an_owner_status_change_and_an_edited_value_change_the_shown_status(
    changed: str,
) -> None:
    rows = section(changed, "Status changed")
    assert (
        "| `roads-resurfaced-km` | Kilometres of road resurfaced | at risk -> off track |" in rows
    )
    # 79 misses the at-least target of 80 that the baseline met: a level lost, off track
    assert (
        "| `parks-satisfaction` | Residents satisfied with their parks | on track -> off track |"
        in rows
    )


def test_an_edited_check_in_value_shows_old_and_new(changed: str) -> None:
    rows = section(changed, "Check-in values changed")
    assert "| `parks-satisfaction` | 2026-05-31 | 82 -> 79 |" in rows
    assert "roads-resurfaced-km" not in rows  # only its owner's status changed, not its value


def test_check_in_authors_and_notes_stay_out(changed: str) -> None:
    assert "A. Person" not in changed and "Two new sets" not in changed


def test_nothing_changed_says_so_in_one_line(tmp_path: Path) -> None:
    project = repository_with_portal(tmp_path)
    result = diff("HEAD", project)
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "## OKR portal: changes since `HEAD`\n\n"
        "Nothing in the portal's data or figures changed since `HEAD`.\n"
    )


def test_an_unknown_ref_exits_1_with_a_message(tmp_path: Path) -> None:
    project = repository_with_portal(tmp_path)
    result = diff("no-such-branch", project)
    assert result.exit_code == 1
    assert "unknown revision 'no-such-branch'" in result.stderr
    assert result.stdout == "" and "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)


def test_a_folder_outside_git_exits_1_with_a_message(tmp_path: Path) -> None:
    project = tmp_path / "portal"
    copy_minimal(project)
    result = diff("HEAD", project)
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "is not inside a git repository" in result.stderr


def test_a_project_in_a_sub_folder_of_the_repository(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("Our portals\n", encoding="utf-8")
    project = repository_with_portal(tmp_path, "portals/town")
    replace(project / "data" / "okrs" / "2026-Q2" / "roads.yml", "target: 12", "target: 15")
    result = diff("HEAD", project)
    assert result.exit_code == 0, result.output
    rows = section(result.stdout, "Targets and baselines changed")
    assert "| `roads-resurfaced-km` | Kilometres of road resurfaced | target | 12 -> 15 |" in rows
    assert "added" not in result.stdout  # the base was found under the same prefix


def test_bad_data_in_the_working_tree_lists_every_problem(tmp_path: Path) -> None:
    project = repository_with_portal(tmp_path)
    replace(project / "data" / "okrs" / "2026-Q2" / "town.yml", "target: 30", "target: lots")
    with (project / "data" / "checkins" / "q2.csv").open("a", encoding="utf-8") as file:
        file.write("2026-06-15,no-such-kr,1,,,,,,\n")
    result = diff("HEAD", project)
    assert result.exit_code == 1 and "Traceback" not in result.output
    problems = [line for line in result.stderr.splitlines() if re.match(r"\S+:\d+: ", line)]
    assert [p.split(":")[0] for p in problems] == [
        "data/checkins/q2.csv",
        "data/okrs/2026-Q2/town.yml",
    ]
    assert "2 problem(s) found" in result.stderr


def test_a_base_whose_data_does_not_load_reports_everything_as_added(tmp_path: Path) -> None:
    project = repository_with_portal(tmp_path)
    town = project / "data" / "okrs" / "2026-Q2" / "town.yml"
    replace(town, "target: 30", "target: lots")
    commit_all(tmp_path, "a target that is not a number")
    replace(town, "target: lots", "target: 30")
    result = diff("HEAD", project)
    assert result.exit_code == 0, result.output
    assert (
        "\nThe data at `HEAD` does not load (1 problem(s), first: data/okrs/2026-Q2/town.yml:13: "
        "'target' is 'lots', not a number), so everything is reported as added.\n"
    ) in result.stdout
    added = section(result.stdout, "Objectives added")
    assert added.count("\n| `") == 4  # every objective of the minimal portal
    assert "| `roads` | Roads Department | 5 |" in section(result.stdout, "New check-ins")
    assert "### Status changed" not in result.stdout


def test_a_base_from_before_the_portal_reports_everything_as_added(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("Soon a portal\n", encoding="utf-8")
    git(tmp_path, "init", "-q")
    commit_all(tmp_path, "nothing yet")
    copy_minimal(tmp_path)
    commit_all(tmp_path, "the minimal portal")
    result = diff("HEAD~1", tmp_path)
    assert result.exit_code == 0, result.output
    assert "first: site_config.yml: there is none at this revision" in result.stdout
    assert "| `roads-budget-use` | Share of the repair budget spent |" in section(
        result.stdout, "Key results added"
    )


def test_the_job_summary_receives_the_same_text(tmp_path: Path) -> None:
    project = repository_with_portal(tmp_path / "repository")
    replace(project / "data" / "okrs" / "2026-Q2" / "town.yml", "target: 30", "target: 25")
    summary = tmp_path / "summary.md"
    summary.write_text("An earlier step's summary\n", encoding="utf-8")
    result = diff("HEAD", project, env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert result.exit_code == 0, result.output
    assert "30 -> 25" in result.stdout
    assert summary.read_text(encoding="utf-8") == "An earlier step's summary\n" + result.stdout


def test_text_from_data_cannot_break_a_table() -> None:
    title = "Roads | bridges\nand <b>tunnels</b> \\ more"
    report = PortalDiff(
        base_problems=(),
        objectives_added=(),
        objectives_removed=(),
        key_results_added=(Item("roads-bridges", title),),
        key_results_removed=(),
        key_result_changes=(
            KeyResultChange(Item("roads-bridges", title), "target_range", (95.0, 100.0), None),
            KeyResultChange(
                Item("roads-bridges", title), "direction", Direction.WITHIN, Direction.AT_MOST
            ),
        ),
        status_changes=(
            StatusChange(Item("roads-bridges", title), Status.NO_DATA, Status.AT_RISK),
        ),
        new_checkins=(),
        checkin_changes=(CheckInChange("roads-bridges", datetime.date(2026, 5, 1), 12.5, 3.0),),
    )
    lines = to_markdown(report, "origin/main").splitlines()
    cell = "Roads \\| bridges and \\<b>tunnels\\</b> \\\\ more"
    assert f"| `roads-bridges` | {cell} |" in lines
    assert f"| `roads-bridges` | {cell} | target range | 95 to 100 -> none |" in lines
    assert f"| `roads-bridges` | {cell} | direction | within -> at_most |" in lines
    assert f"| `roads-bridges` | {cell} | no data yet -> at risk |" in lines
    assert "| `roads-bridges` | 2026-05-01 | 12.5 -> 3 |" in lines
    for block in "\n".join(lines).split("\n\n"):
        if block.startswith("| "):  # every row of a table has as many cells as its header
            assert len({len(re.findall(r"(?<!\\)\|", row)) for row in block.splitlines()}) == 1
