"""The command line as a publisher uses it: check, build into another folder, fail cleanly."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.engine.commands import mkdocs_settings
from tests.conftest import FIXTURES, ROOT

MINIMAL = FIXTURES / "minimal"


def okr_portal(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).with_name("okr-portal")
    return subprocess.run(
        [str(command), *args], cwd=cwd, capture_output=True, text=True, check=False, timeout=600
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


def test_the_same_input_gives_byte_identical_output(minimal: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    assert okr_portal("build", "--project", str(minimal), "--out", str(first)).returncode == 0
    shutil.rmtree(minimal / ".okr-cache")  # the second build renders its charts afresh
    assert okr_portal("build", "--project", str(minimal), "--out", str(second)).returncode == 0
    one, two = all_files(first), all_files(second)
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []


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
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).with_name("mkdocs")
    done = subprocess.run(
        [str(mkdocs), "build", "-q", "-d", str(by_mkdocs)],
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
