"""ARCHITECTURE.md stays true: every path it names exists, and its invariants hold."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT / "generator"


def imported_modules(file: Path) -> set[str]:
    tree = ast.parse(file.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_every_path_in_architecture_md_exists() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([\w./-]+/[\w./-]*|[\w-]+\.(?:py|md|yml|html|css))`", text))
    missing = []
    for path in named:
        candidates = [ROOT / path, GENERATOR / path, GENERATOR / "pages" / "views" / path]
        candidates += [
            GENERATOR / "load" / path,
            GENERATOR / "charts" / path,
            ROOT / "theme" / path,
        ]
        candidates += [GENERATOR / "exports" / path, GENERATOR / "pages" / path]
        candidates += [ROOT / "theme" / "okr" / path]
        if "<" not in path and not any(c.exists() for c in candidates):
            missing.append(path)
    assert named and missing == []


def test_only_the_doors_import_mkdocs() -> None:
    importers = {
        file.relative_to(ROOT).as_posix()
        for file in GENERATOR.rglob("*.py")
        if any(m == "mkdocs" or m.startswith("mkdocs.") for m in imported_modules(file))
    }
    assert importers <= {"generator/mkdocs_plugin.py", "generator/cli.py"}
    assert "generator/mkdocs_plugin.py" in importers


def test_model_does_no_io_and_knows_no_pandas() -> None:
    modules = imported_modules(GENERATOR / "model.py")
    assert not modules & {"pandas", "numpy", "mkdocs", "pathlib", "os", "io"}


def test_templates_compute_nothing() -> None:
    """No arithmetic or formatting filters in templates: views hand them ready values."""
    forbidden = re.compile(r"\{\{[^}]*(\|\s*(round|format|int|float|sum)\b|[*/+]\s*\d)")
    offenders = [
        f.relative_to(ROOT).as_posix()
        for f in (ROOT / "theme" / "okr").rglob("*.html")
        if forbidden.search(f.read_text(encoding="utf-8"))
    ]
    assert offenders == []
