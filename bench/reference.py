"""The naive reference: the same entities as a plain mkdocs-material site, one Markdown page per
unit, objective and key result (its text, and its figures in a table), search on,
``navigation.prune``; built with ``mkdocs build`` as a reader of Material's docs would."""

from __future__ import annotations

import csv
import io
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

MKDOCS_YML = """\
site_name: Public OKRs of the Republic of Example (naive reference)
theme:
  name: material
  features:
    - navigation.prune
plugins:
  - search
"""


def _load(path: Path) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=loader)


def _checkins(data: Path) -> dict[str, list[dict[str, str]]]:
    """Every check-in row by key result, whatever the file's delimiter and decimal mark."""
    rows: dict[str, list[dict[str, str]]] = defaultdict(list)
    for path in sorted((data / "checkins").rglob("*.csv")):
        text = path.read_text(encoding="utf-8-sig")
        delimiter = ";" if ";" in text.split("\n", 1)[0] else ","
        for row in csv.DictReader(io.StringIO(text), delimiter=delimiter):
            rows[row["key_result"]].append(row)
    return rows


def _table(head: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    header = list(head)
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _page(docs: Path, folder: str, entity_id: str, text: str) -> None:
    path = docs / folder / f"{entity_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _key_result_page(kr: dict[str, Any], objective: dict[str, Any], rows: list[Any]) -> str:
    facts = [(k, kr.get(k, "")) for k in ("kind", "unit", "baseline", "target", "direction")]
    text = f"# {kr['title']}\n\nObjective: [{objective['title']}](../objectives/{objective['id']}.md)\n\n"
    for key in ("source", "caveat"):
        if key in kr:
            text += f"{key.capitalize()}: {kr[key]}\n\n"
    text += _table(["fact", "value"], facts) + "\n## Check-ins\n\n"
    columns = ["date", "value", "status", "confidence", "progress", "plans"]
    return text + _table(columns, ([r[c] for c in columns] for r in rows))


def _objective_page(objective: dict[str, Any], unit: str, period: str) -> str:
    text = f"# {objective['title']}\n\n{objective.get('description', '')}\n\n"
    text += f"Unit: [{unit}](../units/{unit}.md), period {period}, owner {objective.get('owner', '')}\n\n"
    key_results = objective.get("key_results", [])
    rows = (
        [f"[{k['title']}](../key-results/{k['id']}.md)", k.get("baseline", ""), k.get("target", "")]
        for k in key_results
    )
    return text + _table(["key result", "baseline", "target"], rows)


def write(project: Path, site: Path) -> int:
    """Write the reference's ``mkdocs.yml`` and ``docs/`` into ``site`` from the synthetic
    portal in ``project``; return the number of Markdown pages."""
    data = project / "data"
    docs = site / "docs"
    (site / "mkdocs.yml").parent.mkdir(parents=True, exist_ok=True)
    (site / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    checkins = _checkins(data)
    objectives_of: dict[str, list[tuple[str, dict[str, Any]]]] = defaultdict(list)
    pages = 0
    for path in sorted((data / "okrs").rglob("*.yml")):
        document = _load(path)
        for objective in document["objectives"]:
            objectives_of[document["unit"]].append((document["period"], objective))
            _page(
                docs,
                "objectives",
                objective["id"],
                _objective_page(objective, document["unit"], document["period"]),
            )
            pages += 1
            for kr in objective.get("key_results", []):
                text = _key_result_page(kr, objective, checkins.get(kr["id"], []))
                _page(docs, "key-results", kr["id"], text)
                pages += 1
    for unit in _load(data / "units.yml"):
        rows = (
            [period, f"[{o['title']}](../objectives/{o['id']}.md)", len(o.get("key_results", []))]
            for period, o in objectives_of[unit["id"]]
        )
        text = f"# {unit['name']}\n\n{unit.get('description', '')}\n\nLevel: {unit['level']}\n\n"
        text += _table(["period", "objective", "key results"], rows)
        _page(docs, "units", unit["id"], text)
        pages += 1
    (docs / "index.md").write_text("# Public OKRs (naive reference)\n", encoding="utf-8")
    return pages


def command(site: Path) -> list[str]:
    """``mkdocs build`` of the reference in ``site``, with this environment's mkdocs."""
    mkdocs = Path(sys.executable).parent / "mkdocs"
    return [str(mkdocs), "build", "--quiet", "--config-file", str(site / "mkdocs.yml")]
