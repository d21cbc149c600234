"""``okr-portal check``: OK on good data; on bad data every problem as path:line, no traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

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
