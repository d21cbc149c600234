"""Variants of a synthetic portal made by ``scale.generate``: the same portal in a second
language, and the smallest data commit (one value of one check-in row changed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SECOND = "nb"
#: The text fields of the contract that may be a mapping from language to text.
TRANSLATED = ("name", "label", "title", "description", "owner", "source", "caveat")


def _load(path: Path) -> Any:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with path.open(encoding="utf-8") as stream:
        return yaml.load(stream, Loader=loader)


def _dump(path: Path, document: Any) -> None:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    text = yaml.dump(document, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(text, encoding="utf-8")


def _translated(entity: dict[str, Any], default: str) -> dict[str, Any]:
    """``entity`` with each text field a mapping: the default language's text and a
    Norwegian one (the same words, marked; a benchmark needs the length, not the meaning)."""
    for field in TRANSLATED:
        text = entity.get(field)
        if isinstance(text, str):
            entity[field] = {default: text, SECOND: f"{text} (nb)"}
    for key_result in entity.get("key_results", ()):
        _translated(key_result, default)
    return entity


def add_language(root: Path, default: str = "en") -> None:
    """Publish the portal in ``root`` in a second language: ``languages: [en, nb]`` in its
    settings, and every unit, period, theme, objective and key result translated."""
    config = root / "site_config.yml"
    with config.open("a", encoding="utf-8") as stream:
        stream.write(f"languages: [{default}, {SECOND}]\n")
    data = root / "data"
    for name in ("units.yml", "periods.yml", "themes.yml"):
        _dump(data / name, [_translated(e, default) for e in _load(data / name)])
    for path in sorted((data / "okrs").rglob("*.yml")):
        document = _load(path)
        document["objectives"] = [_translated(o, default) for o in document["objectives"]]
        _dump(path, document)


def change_one_row(root: Path) -> str:
    """Change the value of the last row of the first check-in file of the last period, as a
    corrected figure would; return what was changed. The file keeps its own format (a
    spreadsheet's ``;`` and decimal comma, its byte order mark)."""
    folders = sorted(p for p in (root / "data" / "checkins").iterdir() if p.is_dir())
    path = sorted(folders[-1].glob("*.csv"))[0]
    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    delimiter = ";" if ";" in lines[0] else ","
    column = lines[0].split(delimiter).index("value")
    cells = lines[-1].split(delimiter)
    comma = "," in cells[column]
    old = float(cells[column].replace(",", "."))
    new = f"{old + 1:.1f}"
    cells[column] = new.replace(".", ",") if comma else new
    lines[-1] = delimiter.join(cells)
    text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8-sig" if bom else "utf-8")
    return f"{path.relative_to(root)}: {cells[1]} {old} -> {new}"
