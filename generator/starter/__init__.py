"""``okr-portal init DIR``: a new portal repository, ready to push.

The starter's files (``files/``) are a small valid portal to replace, the publishing workflows,
a ``.gitignore`` and a README for the publisher; ``${...}`` in them is filled in here (``$$`` is a ``$``). The
JSON Schemas are written from the contract, as ``okr-portal schemas`` writes them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from string import Template

from generator.exports.schemas import schema_files

FILES = Path(__file__).with_name("files")
#: A package cannot hold names that begin with a dot: these are renamed as they are written.
DOT_NAMES = {"gitignore": ".gitignore", "github": ".github"}
#: Files copied as they are: GitHub's own ${{ ... }} expressions are not ours to fill in.
VERBATIM = "github"
SCHEMAS_FOLDER = "schemas"


class FolderNotEmpty(Exception):
    """init writes a new portal only into an empty or new folder, never over files."""


def starter_values(title: str, organisation: str, language: str, year: int) -> dict[str, str]:
    """What the starter's ``${...}`` stand for; ``*_yaml`` are quoted for YAML files."""
    return {
        "title": title,
        "title_yaml": json.dumps(title, ensure_ascii=False),
        "organisation": organisation,
        "organisation_yaml": json.dumps(organisation, ensure_ascii=False),
        "language": language,
        "year": str(year),
        "version": metadata.version("okr-portal"),
    }


def create_portal(folder: Path, values: Mapping[str, str]) -> list[str]:
    """Write a new portal into ``folder``; returns the paths written, relative to it."""
    if folder.exists() and any(folder.iterdir()):
        raise FolderNotEmpty(f"{folder} is not empty: give a new or empty folder")
    files = starter_files(values)
    for path, text in files.items():
        _write(folder / path, text)
    return list(files)


def starter_files(values: Mapping[str, str]) -> dict[str, str]:
    """Path in the new portal -> its text, every ``${...}`` filled in."""
    files = {}
    for source in sorted(p for p in FILES.rglob("*") if p.is_file()):
        parts = source.relative_to(FILES).parts
        path = Template("/".join(DOT_NAMES.get(part, part) for part in parts)).substitute(values)
        text = source.read_text(encoding="utf-8")
        files[path] = text if parts[0] == VERBATIM else Template(text).substitute(values)
    for name, text in schema_files().items():
        files[f"{SCHEMAS_FOLDER}/{name}"] = text
    return files


def _write(file: Path, text: str) -> None:
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8", newline="\n")
