"""The GitHub workflows: valid against GitHub's schema, least permissions, pinned actions, and
the same commands as the README."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.cli import main
from tests.conftest import ROOT

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


def workflow(file: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.load(file.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return loaded


def run_lines(file: Path) -> list[str]:
    return [
        step["run"]
        for job in workflow(file)["jobs"].values()
        for step in job.get("steps", [])
        if "run" in step
    ]


def test_the_workflows_are_valid_for_github() -> None:
    result = subprocess.run(
        [str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows"]
        + [str(f) for f in WORKFLOWS],
        capture_output=True,
        text=True,
        check=False,
    )
    assert len(WORKFLOWS) >= 3
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("file", WORKFLOWS, ids=lambda f: f.name)
def test_least_permissions_and_actions_pinned_to_a_version(file: Path) -> None:
    flow = workflow(file)
    assert flow["permissions"] == {"contents": "read"}
    uses = [
        step["uses"]
        for job in flow["jobs"].values()
        for step in job.get("steps", [])
        if "uses" in step
    ]
    assert all(re.fullmatch(r"[\w-]+/[\w/-]+@v\d+", use) for use in uses), uses


def test_publishing_deploys_one_run_at_a_time_with_github_pages() -> None:
    flow = workflow(ROOT / ".github" / "workflows" / "publish.yml")
    assert set(flow["on"]) == {"push", "schedule", "workflow_dispatch"}
    assert flow["concurrency"]["cancel-in-progress"] == "false"
    deploy = flow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    checkout = flow["jobs"]["build"]["steps"][0]
    assert checkout["with"]["fetch-depth"] == "0"  # the whole history


@pytest.mark.parametrize("file", WORKFLOWS, ids=lambda f: f.name)
def test_the_workflows_run_the_readme_s_commands(file: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [line for line in run_lines(file) if line.startswith(("okr-portal", "bash"))]
    assert commands
    for command in commands:
        words = command.split()
        if words[0] == "okr-portal":
            assert words[1] in main.commands, command  # type: ignore[attr-defined]
        assert re.search(as_pattern(command), readme), f"{file.name}: '{command}' not in README"


def as_pattern(command: str) -> str:
    """The command as the README may show it: a GitHub expression (the base branch of a pull
    request) stands for any one word there."""
    marked = re.sub(r"\$\{\{.*?\}\}", "\0", command)
    words = [r"\S+" if "\0" in word else re.escape(word) for word in marked.split()]
    return r"\s+".join(words)


def test_a_command_with_an_expression_matches_its_readme_form() -> None:
    pattern = as_pattern('okr-portal diff "origin/${{ github.base_ref }}" --project .')
    assert re.search(pattern, "run `okr-portal diff origin/main --project .` to see")
    assert not re.search(pattern, "okr-portal diff --project .")
