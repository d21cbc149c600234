"""Shared fixtures: the shipped sample portal, built once per test session through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.load.project import Project, load_project

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"


def build(project: Path, out: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--project", str(project), "--out", str(out)])
    assert result.exit_code == 0, result.output + repr(result.exception)


@pytest.fixture(scope="session")
def sample() -> Project:
    return load_project(ROOT)


@pytest.fixture(scope="session")
def two_languages_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``tests/fixtures/two-languages`` built: Finnish at the root, Swedish under ``sv/``."""
    out = tmp_path_factory.mktemp("two-languages") / "site"
    build(FIXTURES / "two-languages", out)
    return out


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "site"
    build(ROOT, out)
    return out
