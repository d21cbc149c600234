"""``okr-portal check``: OK on good data; on bad data every problem as path:line, no traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from click.testing import CliRunner, Result

from generator.cli import main

if TYPE_CHECKING:
    from tests.load.conftest import Portal

OKR_PORTAL = Path(sys.executable).with_name("okr-portal")
PROBLEM_LINE = re.compile(r"^[\w./-]+(:\d+)?: \S")


def check(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``okr-portal check``, outside GitHub Actions unless ``env`` says otherwise."""
    outside = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")}
    return subprocess.run(
        [str(OKR_PORTAL), "check", "--project", str(root)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env=outside | env,
    )


def test_check_passes_on_the_minimal_portal(project: Portal) -> None:
    result = check(project.root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(
        "OK: 4 units, 2 periods, 4 objectives, 7 key results, 7 check-ins"
    )
    assert "(as of 2026-06-15)" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_check_fails_on_broken_data_with_every_problem(project: Portal) -> None:
    project.replace("data/units.yml", "  level: team\n", "  level: squad\n")
    project.append("data/checkins/q2.csv", "2026-06-01,roads-repair-days,many,,,,,,\n")
    result = check(project.root)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    lines = result.stderr.splitlines()
    assert lines[:2] == [
        "data/checkins/q2.csv:9: value 'many' is not a number",
        "data/units.yml:14: 'level' is 'squad': use one of organisation, department, team",
    ]
    assert all(PROBLEM_LINE.match(line) for line in lines[:-1]), lines
    assert lines[-1] == "2 problem(s) found; fix them and run again."
    assert "OK:" not in result.stdout


def test_under_github_actions_each_problem_is_also_an_annotation_on_its_line(
    project: Portal,
) -> None:
    project.replace("data/units.yml", "  level: team\n", "  level: squad\n")
    project.append("data/checkins/q2.csv", "2026-06-01,roads-repair-days,50%,,,,,,\n")
    outside = check(project.root)
    assert "::error" not in outside.stdout + outside.stderr
    # The portal sits in a folder "portal" of the checked-out repository.
    result = check(project.root, GITHUB_ACTIONS="true", GITHUB_WORKSPACE=str(project.root.parent))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=portal/data/checkins/q2.csv,line=9::value '50%25' is not a number "
        "(write it without the %25 sign)",
        "::error file=portal/data/units.yml,line=14::'level' is 'squad': use one of "
        "organisation, department, team",
    ]
    assert result.stderr.splitlines()[-1] == "2 problem(s) found; fix them and run again."


def test_annotations_escape_what_github_reads_as_syntax() -> None:
    from generator.load.problems import Problem

    problem = Problem("data/a,b:c.yml", None, "line one\nline two: 100%")
    assert problem.github_annotation() == (
        "::error file=data/a%2Cb%3Ac.yml::line one%0Aline two: 100%25"
    )


def test_check_on_an_empty_config_prints_a_problem_not_a_traceback(project: Portal) -> None:
    project.write("site_config.yml", "")
    result = check(project.root)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode == 1, output
    assert result.stderr.startswith("site_config.yml"), output


def check_in_process(root: Path, *options: str, in_github: bool = False) -> Result:
    """``okr-portal check`` through click's runner; under GitHub Actions with the portal in a
    folder "portal" of the checked-out repository."""
    env: dict[str, str | None] = (
        {"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(root.parent)}
        if in_github
        else {"GITHUB_ACTIONS": None, "GITHUB_WORKSPACE": None}
    )
    return CliRunner().invoke(main, ["check", "--project", str(root), *options], env=env)


#: The minimal portal's warnings about how its OKRs are written, as ``check`` prints them.
MINIMAL_WARNINGS = [
    "data/okrs/2026-Q2/parks.yml:4: warning: objective 'parks-clean' of department 'parks' "
    "aligns to nothing: readers cannot see what it serves; name the objective above it in "
    "'aligns_to'",
    "data/okrs/2026-Q2/parks.yml:13: warning: key result 'parks-litter-complaints' has no "
    "figure though its first was due on 2026-04-29 in period 2026-Q2: readers see 'no data "
    "yet'; add a check-in under data/checkins/",
    "data/okrs/2026-Q2/roads.yml:23: warning: committed key result 'roads-new-depot' is off "
    "track and its latest check-in (2026-05-31) says nothing in 'problems': readers are owed a "
    "reason; write what is in the way",
    "data/okrs/2026-Q2/roads.yml:26: warning: key result 'roads-budget-use' has no figure "
    "though its first was due on 2026-04-29 in period 2026-Q2: readers see 'no data yet'; add "
    "a check-in under data/checkins/",
    "data/okrs/2026-Q2/town.yml:9: warning: committed key result 'town-injuries' is off track "
    "and its latest check-in (2026-06-15) says nothing in 'problems': readers are owed a "
    "reason; write what is in the way",
]


def test_warnings_are_printed_with_their_place_and_leave_the_exit_status_0(
    project: Portal,
) -> None:
    result = check_in_process(project.root)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK: 4 units, 2 periods, 4 objectives")
    assert result.stderr.splitlines() == [
        *MINIMAL_WARNINGS,
        "5 warning(s) about how the OKRs are written (aligned to nothing: 1, off track "
        "unexplained: 2, no figure yet: 2); --strict makes them errors.",
    ]


def test_under_strict_the_warnings_are_errors(project: Portal) -> None:
    result = check_in_process(project.root, "--strict")
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        *(line.replace(": warning: ", ": ", 1) for line in MINIMAL_WARNINGS),
        "5 problem(s) found; fix them and run again.",
    ]


def test_contract_problems_come_before_any_warning(project: Portal) -> None:
    project.replace("data/units.yml", "  level: team\n", "  level: squad\n")
    result = check_in_process(project.root)
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        "data/units.yml:14: 'level' is 'squad': use one of organisation, department, team",
        "1 problem(s) found; fix them and run again.",
    ]


def test_under_github_actions_each_warning_is_also_an_annotation_on_its_line(
    project: Portal,
) -> None:
    outside = check_in_process(project.root)
    assert "::" not in outside.stdout
    result = check_in_process(project.root, in_github=True)
    assert result.exit_code == 0, result.output
    annotations = result.stdout.splitlines()[1:]
    assert len(annotations) == len(MINIMAL_WARNINGS) == 5
    assert annotations[0] == (
        "::warning file=portal/data/okrs/2026-Q2/parks.yml,line=4::objective 'parks-clean' of "
        "department 'parks' aligns to nothing: readers cannot see what it serves; name the "
        "objective above it in 'aligns_to'"
    )
    assert [a.split("::")[1] for a in annotations] == [
        "warning file=portal/data/okrs/2026-Q2/parks.yml,line=4",
        "warning file=portal/data/okrs/2026-Q2/parks.yml,line=13",
        "warning file=portal/data/okrs/2026-Q2/roads.yml,line=23",
        "warning file=portal/data/okrs/2026-Q2/roads.yml,line=26",
        "warning file=portal/data/okrs/2026-Q2/town.yml,line=9",
    ]


def test_under_github_actions_and_strict_each_warning_is_an_error_annotation(
    project: Portal,
) -> None:
    result = check_in_process(project.root, "--strict", in_github=True)
    assert result.exit_code == 1, result.output
    annotations = result.stdout.splitlines()
    assert len(annotations) == 5
    assert all(a.startswith("::error file=portal/data/okrs/2026-Q2/") for a in annotations)
    assert annotations[-1].startswith("::error file=portal/data/okrs/2026-Q2/town.yml,line=9::")
