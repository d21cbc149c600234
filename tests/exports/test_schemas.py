"""JSON Schemas made from the contract's one description: the sample validates, broken files
that a schema can catch are rejected, and the copies in schemas/ and the site are current."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main
from generator.contract import KEY_RESULT, SETTINGS
from generator.exports.schemas import SCHEMAS, schema_files
from tests.conftest import FIXTURES, ROOT

CHECK_JSONSCHEMA = Path(sys.executable).with_name("check-jsonschema")


def validate(schema: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(schema), *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def files_described_by(name: str, root: Path) -> list[Path]:
    place = SCHEMAS[name][0]
    if "<" in place:
        return sorted((root / "data" / "okrs").rglob("*.yml"))
    return [root / place] if (root / place).is_file() else []


@pytest.mark.parametrize("name", sorted(SCHEMAS))
@pytest.mark.parametrize("root", [ROOT, FIXTURES / "minimal"], ids=["sample", "minimal"])
def test_the_portals_validate_against_their_schemas(name: str, root: Path) -> None:
    files = files_described_by(name, root)
    assert files
    result = validate(ROOT / "schemas" / name, *files)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("name", "text", "complaint"),
    [
        ("units.schema.json", "- id: Town\n  name: Town\n  level: top\n", "does not match"),
        ("units.schema.json", "- id: town\n  level: top\n", "'name' is a required property"),
        ("units.schema.json", "- id: town\n  name: T\n  level: x\n  colour: red\n", "colour"),
        ("periods.schema.json", "- id: 2026-Q5\n  start: 2026-01-01\n  end: 2026-03-31\n", "Q5"),
        ("periods.schema.json", "- id: 2026\n  start: 1 May\n  end: 2026-12-31\n", "1 May"),
        (
            "okrs.schema.json",
            "unit: town\nperiod: 2026\nobjectives:\n  - id: o\n    title: O\n    key_results:\n"
            "      - id: k\n        title: K\n        kind: outcom\n",
            "outcom",
        ),
        ("site_config.schema.json", "title: T\norganisation: O\n", "'levels' is a required"),
        ("events.schema.json", "- date: 4 May 2026\n  title: Strike\n", "4 May 2026"),
        ("events.schema.json", "- date: 2026-05-04\n  units: [roads]\n", "'title' is a required"),
    ],
)
def test_a_schema_rejects_what_it_can_catch(
    tmp_path: Path, name: str, text: str, complaint: str
) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(text, encoding="utf-8")
    result = validate(ROOT / "schemas" / name, broken)
    assert result.returncode == 1
    assert complaint in result.stdout


def test_every_field_carries_its_help_text() -> None:
    settings = json.loads(schema_files()["site_config.schema.json"])
    for item in SETTINGS:
        assert settings["properties"][item.name]["description"] == item.help
    okrs = json.loads(schema_files()["okrs.schema.json"])
    objective = okrs["properties"]["objectives"]["anyOf"][0]["items"]
    key_result = objective["properties"]["key_results"]["anyOf"][0]["items"]
    assert set(key_result["properties"]) == set(KEY_RESULT.names)
    assert key_result["properties"]["kind"]["default"] == "outcome"


def test_the_schemas_in_the_repository_are_the_generated_ones(tmp_path: Path) -> None:
    """schemas/ is made by `okr-portal schemas`, never written by hand."""
    result = CliRunner().invoke(main, ["schemas", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for name in SCHEMAS:
        assert (tmp_path / name).read_text(encoding="utf-8") == (ROOT / "schemas" / name).read_text(
            encoding="utf-8"
        ), f"run: okr-portal schemas --out schemas ({name})"


def test_the_site_publishes_the_schemas(sample_site: Path) -> None:
    for name, text in schema_files().items():
        assert (sample_site / "schemas" / name).read_text(encoding="utf-8") == text


def test_the_sample_files_name_their_schema_for_editors() -> None:
    for name in SCHEMAS:
        for file in files_described_by(name, ROOT):
            first = file.read_text(encoding="utf-8").splitlines()[0]
            target = first.removeprefix("# yaml-language-server: $schema=")
            assert target != first, file
            assert (file.parent / target).resolve() == (ROOT / "schemas" / name).resolve()
