"""Material's search index (``search/search_index.json``), told about the data pages.

MkDocs' search plugin indexes only the pages MkDocs rendered; the data pages are added here
with their title and description, so objectives and key results can be found by words.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from generator.pages.views.common import Page


def search_entries(pages: Iterable[Page]) -> list[dict[str, str]]:
    return [
        {"location": p.path, "title": p.title, "text": f"{p.description} {p.search_text}".strip()}
        for p in pages
    ]


def add_to_search_index(index_file: Path, pages: Iterable[Page], drop_prefix: str) -> None:
    """Add ``pages`` to the index, and drop the entries whose location starts with ``drop_prefix``."""
    data = json.loads(index_file.read_text(encoding="utf-8"))
    data["docs"] = [d for d in data["docs"] if not d["location"].startswith(drop_prefix)]
    data["docs"].extend(search_entries(pages))
    index_file.write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8", newline="\n"
    )
