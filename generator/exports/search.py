"""Material's search index (``search/search_index.json``), told about the data pages.

MkDocs' search plugin indexes only the pages MkDocs rendered; the data pages are added here
with their title, description and more words, so objectives and key results can be found.
Entries of anything that is not a published page (the engine's page shells) are dropped.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from generator.output import SiteFolder
from generator.pages.views.parts import Page
from generator.portal import Published

SEARCH_INDEX = "search/search_index.json"


def write(published: Published, out: SiteFolder) -> None:
    text = out.read_text(SEARCH_INDEX)
    if text is None:  # the engine's search is switched off
        return
    pages = set(published.page_paths)
    data = json.loads(text)
    data["docs"] = [d for d in data["docs"] if d["location"].split("#")[0] in pages]
    data["docs"].extend(search_entries(published.portal.pages()))
    out.write_text(SEARCH_INDEX, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def search_entries(pages: Iterable[Page]) -> list[dict[str, str]]:
    return [
        {"location": p.path, "title": p.title, "text": f"{p.description} {p.search_text}".strip()}
        for p in pages
    ]
