"""ARCHITECTURE.md stays true: every path it names exists, and its invariants hold."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT / "generator"
MINIMAL = ROOT / "tests" / "fixtures" / "minimal"


def module_name(file: Path) -> str:
    parts = file.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(file: Path) -> set[str]:
    """Every module ``file`` imports, at the top or inside a function, resolved to full names."""
    tree = ast.parse(file.read_text(encoding="utf-8"))
    package = (
        module_name(file) if file.name == "__init__.py" else module_name(file).rpartition(".")[0]
    )
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            names.add(base)
            # "from generator.charts import spec" imports the module generator.charts.spec
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def generator_modules() -> dict[str, set[str]]:
    """Module of generator/ -> the modules of generator/ it imports."""
    files = {module_name(f): f for f in GENERATOR.rglob("*.py")}
    return {
        name: {m for m in imports_of(file) if m in files and m != name}
        for name, file in files.items()
    }


def cycles(graph: dict[str, set[str]]) -> Iterator[list[str]]:
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> Iterator[list[str]]:
        state[node] = 1
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                yield [*path[path.index(target) :], target]
            elif target not in state:
                yield from visit(target, [*path, target])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            yield from visit(node, [node])


def named_paths(text: str) -> Iterator[tuple[str, Path]]:
    """(name, folder it is relative to) of every path in backquotes: a name in a section
    headed by a folder (### `generator/pages/`) may be relative to it, and a bare file name
    may live anywhere in it."""
    folder = ROOT
    for line in text.splitlines():
        heading = re.match(r"### `([\w./-]+/)`", line)
        if heading:
            folder = ROOT / heading.group(1)
        elif line.startswith("#"):
            folder = ROOT
        for name in re.findall(r"`([\w./-]+/[\w./-]*|[\w/-]+\.(?:py|md|yml|html|css))`", line):
            yield name, folder


def test_every_path_in_architecture_md_exists() -> None:
    text = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
    named = list(named_paths(text))
    missing = [
        name
        for name, folder in named
        if not (ROOT / name).exists()
        and not (folder / name).exists()
        and not ("/" not in name and any(folder.rglob(name)))
    ]
    assert len(named) > 40 and missing == []


def test_no_import_cycle_among_generator_modules() -> None:
    graph = generator_modules()
    assert len(graph) > 30  # the scan sees the package
    assert list(cycles(graph)) == []


def test_cycle_detection_finds_a_cycle() -> None:
    assert list(cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}})) == [["a", "b", "c", "a"]]


#: Which parts of generator/ each part may import (ARCHITECTURE.md, "Data flows one way").
#: A part is a module or a package; a module not listed belongs to its package's part.
MAY_IMPORT: dict[str, set[str]] = {
    "generator.model": set(),
    "generator.contract": {"generator.model"},
    "generator.settings": {"generator.contract", "generator.model"},
    "generator.load": {
        "generator.model",
        "generator.contract",
        "generator.settings",
        "generator.i18n",  # is_currency: one rule for what a currency code is
    },
    "generator.scoring": {"generator.model", "generator.settings"},
    "generator.i18n": set(),
    "generator.cache_files": set(),
    "generator.staging": {"generator.cache_files"},  # the mode a published file is made with
    "generator.charts": {"generator.progress", "generator.cache_files"},
    "generator.output": {"generator.cache_files"},  # the site's files kept between builds
    "generator.progress": set(),
    # Work done in a forked copy of the build: it knows nothing of what the work is.
    "generator.alongside": {"generator.progress"},
    "generator.history": {"generator.cache_files", "generator.load"},
    "generator.pages": {
        "generator.cache_files",
        "generator.history",
        "generator.progress",
        "generator.model",
        "generator.settings",
        "generator.scoring",
        "generator.i18n",
        "generator.charts.inputs",
        "generator.output",
        "generator.translation",
    },
    "generator.translation": {"generator.model", "generator.contract"},
    "generator.portal": {"generator.load", "generator.pages"},
    "generator.exports": {
        "generator.cache_files",
        "generator.contract",
        "generator.model",
        "generator.settings",
        "generator.scoring",
        "generator.pages",
        "generator.output",
        "generator.portal",
    },
    "generator.build": {
        "generator.alongside",
        "generator.cache_files",
        "generator.history",
        "generator.progress",
        "generator.model",
        "generator.settings",
        "generator.load",
        "generator.scoring",
        "generator.i18n",
        "generator.charts",
        "generator.pages",
        "generator.output",
        "generator.portal",
        "generator.exports",
        "generator.translation",
    },
    "generator.updates": {
        "generator.build",
        "generator.load",
        "generator.pages",
        "generator.portal",
    },
    "generator.engine": {
        "generator.updates",
        "generator.build",
        "generator.load",
        "generator.output",
        "generator.pages",
        "generator.portal",
    },
    "generator.starter": {"generator.exports"},
    "generator.diff": {
        "generator.model",
        "generator.load",
        "generator.scoring",
        "generator.settings",
    },
    "generator.quality": {
        "generator.model",
        "generator.load",
        "generator.scoring",
    },
    "generator.cli": {
        "generator.alongside",
        "generator.cache_files",
        "generator.progress",
        "generator.quality",
        "generator.contract",
        "generator.diff",
        "generator.engine",
        "generator.exports",
        "generator.load",
        "generator.scoring",
        "generator.starter",
        "generator.staging",
    },
}


def part_of(module: str) -> str:
    candidates = [p for p in MAY_IMPORT if module == p or module.startswith(p + ".")]
    return max(candidates, key=len) if candidates else module


def test_each_part_imports_only_what_it_may() -> None:
    offences = []
    for module, imported in generator_modules().items():
        if module == "generator":
            continue
        own = part_of(module)
        for target in imported:
            other = part_of(target)
            allowed = MAY_IMPORT[own]
            inside = any(target == a or target.startswith(a + ".") for a in allowed)
            if not (other == own or other in allowed or inside or target == "generator"):
                offences.append(f"{module} imports {target}")
    assert offences == []


@pytest.mark.parametrize(
    ("library", "allowed"),
    [
        ("mkdocs", {"generator.engine"}),
        ("material", {"generator.engine"}),
        ("altair", {"generator.charts.spec"}),
        (
            "vl_convert",
            {
                "generator.charts.render",
                "generator.charts.shapes",
                "generator.charts.cache",
                "generator.charts.social",
                "generator.charts.fonts",
            },
        ),
        ("pandas", {"generator.scoring"}),
        ("numpy", {"generator.scoring"}),
        ("jinja2", {"generator.pages", "generator.portal"}),
        ("yaml", {"generator.load", "generator.engine"}),
        ("weasyprint", {"generator.exports.reports"}),
    ],
)
def test_libraries_stay_behind_their_module(library: str, allowed: set[str]) -> None:
    importers = {
        module_name(file)
        for file in GENERATOR.rglob("*.py")
        if any(m == library or m.startswith(library + ".") for m in imports_of(file))
    }
    outside = {m for m in importers if not any(m == a or m.startswith(a + ".") for a in allowed)}
    assert importers and outside == set()


def test_only_search_runs_pagefind() -> None:
    runners = {
        module_name(file)
        for file in GENERATOR.rglob("*.py")
        if re.search(r"""["']-m["'],\s*["']pagefind["']""", file.read_text(encoding="utf-8"))
    }
    assert runners == {"generator.exports.search"}


def test_model_does_no_io_and_knows_no_pandas() -> None:
    modules = imports_of(GENERATOR / "model.py")
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


BUILD_AND_LIST_MODULES = """
import sys
from click.testing import CliRunner
from generator.cli import main
result = CliRunner().invoke(main, ["build", "--project", sys.argv[1], "--out", sys.argv[2]])
assert result.exit_code == 0, result.output
print(" ".join(sorted(sys.modules)))
"""


def build_in_a_fresh_process(project: Path, out: Path) -> set[str]:
    """The modules a whole ``okr-portal build`` imported, in a process of its own."""
    run = subprocess.run(
        [sys.executable, "-c", BUILD_AND_LIST_MODULES, str(project), str(out)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return set(run.stdout.split())


def test_a_warm_build_imports_neither_altair_nor_weasyprint(tmp_path: Path) -> None:
    project = tmp_path / "portal"
    shutil.copytree(MINIMAL, project, ignore=shutil.ignore_patterns(".okr-cache", "site"))
    cold = build_in_a_fresh_process(project, tmp_path / "cold")
    # The charts were drawn and the reports rendered: the checks below can tell.
    assert {"altair", "weasyprint"} <= cold
    warm = build_in_a_fresh_process(project, tmp_path / "warm")
    assert {"generator.charts.cache", "generator.exports.reports"} <= warm
    for library in ("altair", "weasyprint"):
        assert not {m for m in warm if m == library or m.startswith(library + ".")}
