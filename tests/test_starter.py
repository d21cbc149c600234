"""``okr-portal init``: a new portal that checks, builds and publishes as it is."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.exports.schemas import SCHEMAS
from generator.load.project import load_project
from generator.starter import starter_values
from tests.conftest import ROOT, build

CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")
TITLE = 'Town: "Our # OKRs"'  # YAML would misread this unquoted


@pytest.fixture
def new_portal(tmp_path: Path) -> Path:
    folder = tmp_path / "new-portal"
    result = CliRunner().invoke(
        main, ["init", str(folder), "--title", TITLE, "--organisation", "Town of Test"]
    )
    assert result.exit_code == 0, result.output
    return folder


def test_init_then_check_then_build_pass(new_portal: Path, tmp_path: Path) -> None:
    checked = CliRunner().invoke(main, ["check", "--project", str(new_portal)])
    assert checked.exit_code == 0, checked.output
    assert checked.output.startswith("OK: 2 units, 1 periods, 2 objectives, 3 key results")
    build(new_portal, tmp_path / "site")
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "Answer residents faster" in home
    assert (tmp_path / "site" / "key-results" / "reply-days" / "index.html").is_file()


def test_the_new_portal_carries_what_a_publisher_needs(new_portal: Path) -> None:
    settings = load_project(new_portal).settings
    assert (settings.title, settings.organisation) == (TITLE, "Town of Test")
    ignored = (new_portal / ".gitignore").read_text(encoding="utf-8").split()
    assert {".okr-cache/", "/site/", "/.site-*/"} <= set(ignored)
    for workflow in ("publish.yml", "pull-request.yml"):
        assert (new_portal / ".github" / "workflows" / workflow).is_file()
    readme = (new_portal / "README.md").read_text(encoding="utf-8")
    assert "okr-portal check --project ." in readme and "GitHub Actions" in readme
    requirement = (new_portal / "requirements.txt").read_text(encoding="utf-8")
    assert f"okr-portal=={starter_values('', '', 'en', 2026)['version']}" in requirement


def test_every_placeholder_is_filled_in(new_portal: Path) -> None:
    for file in new_portal.rglob("*"):
        if file.is_file() and ".github" not in file.parts:
            text = file.read_text(encoding="utf-8")
            assert "${" not in text and "$$" not in text, file


def test_the_new_portal_validates_against_its_own_schemas(new_portal: Path) -> None:
    for name, (place, _, _) in SCHEMAS.items():
        files = (
            sorted((new_portal / "data" / "okrs").rglob("*.yml"))
            if "<" in place
            else [new_portal / place]
        )
        result = subprocess.run(
            [str(CHECK_JSONSCHEMA), "--schemafile", str(new_portal / "schemas" / name)]
            + [str(f) for f in files],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout


def test_init_never_writes_over_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(main, ["init", str(tmp_path)])
    assert result.exit_code == 1
    assert "is not empty" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_the_starter_s_workflows_are_this_repository_s() -> None:
    """One set of publishing workflows: this repository publishes its sample with the same."""
    starter = ROOT / "generator" / "starter" / "files" / "github" / "workflows"
    for workflow in starter.iterdir():
        assert workflow.read_text(encoding="utf-8") == (
            ROOT / ".github" / "workflows" / workflow.name
        ).read_text(encoding="utf-8")
