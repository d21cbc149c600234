"""The full-text search index: Pagefind's static files under ``/pagefind/``.

Every published page, hand-written and data page alike, in every language, is handed to
Pagefind as the HTML the site holds; Pagefind indexes the content a template marks with
``data-pagefind-body`` (not the menu or other chrome) and keeps one index per ``<html lang>``.
Redirects, the 404 page and the search pages themselves are not handed in. The browser then
downloads only the index chunks of the words searched for (``/search/``, ``search.js``).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from pagefind.index import IndexConfig, PagefindIndex
from pagefind.service import PagefindService

from generator.output import SiteFolder
from generator.pages import urls
from generator.portal import Published

FOLDER = "pagefind/"
#: Pages that lead to others and say nothing of their own: found, they would only be noise.
NOT_INDEXED = (urls.SEARCH, urls.A_Z)
#: Pagefind's ready-made interfaces: the search page has its own (theme/assets/okr/search.js).
UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")
#: Files handed to Pagefind at once: enough to keep it busy, few enough to hold in memory.
BATCH = 200


def write(published: Published, out: SiteFolder) -> None:
    # Pagefind's client is asynchronous; its own thread keeps it apart from any event loop
    # the caller runs (a test driving a browser, a server).
    with ThreadPoolExecutor(max_workers=1) as thread:
        files = thread.submit(asyncio.run, index_pages(indexed_paths(published), out)).result()
    for path, content in files:
        if not path.startswith(UNUSED):
            out.write_bytes(FOLDER + path, content)


def indexed_paths(published: Published) -> list[str]:
    """The pages search finds, by their address from the site's root."""
    roots = {edition.root for edition in published.portal.editions}
    skipped = {root + path for root in roots for path in NOT_INDEXED}
    return [path for path in published.page_paths if path not in skipped]


async def index_pages(pages: Iterable[str], out: SiteFolder) -> list[tuple[str, bytes]]:
    """Pagefind's files (path within its folder, bytes) for ``pages``, in a stable order."""
    config: IndexConfig = {"keep_index_url": False, "write_playground": False}
    service = await PagefindService().launch()
    try:
        index = await service.create_index(config)
        batch: list[str] = []
        for path in pages:
            batch.append(path)
            if len(batch) == BATCH:
                await _add(index, batch, out)
                batch = []
        await _add(index, batch, out)
        files = await index.get_files()
    finally:
        await service.close()
    return sorted((file["path"], file["content"]) for file in files)


async def _add(index: PagefindIndex, paths: list[str], out: SiteFolder) -> None:
    added = []
    for path in paths:
        html = out.read_text(path + "index.html")
        if html is None:
            raise FileNotFoundError(f"{path}index.html: a published page is missing")
        added.append(index.add_html_file(content=html, url="/" + path))
    await asyncio.gather(*added)
