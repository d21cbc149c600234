"""The full-text search index: Pagefind's static files under ``/pagefind/``.

Every published page, hand-written and data page alike, in every language, is handed to
Pagefind as the HTML the site holds; Pagefind indexes the content a template marks with
``data-pagefind-body`` (not the menu or other chrome) and keeps one index per ``<html lang>``.
Redirects, the 404 page and the search pages themselves are not handed in. The browser then
downloads only the index chunks of the words searched for (``/search/``, ``search.js``).
The index is kept with the site's other files (``SiteFolder``), listed in the cache under the
hash of the pages it was made from, so a build whose pages are the same links it instead of
indexing them again.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import shutil
import tempfile
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

from pagefind.index import IndexConfig
from pagefind.service import PagefindService

from generator.cache_files import CacheFolder
from generator.output import SiteFolder, link
from generator.pages import urls
from generator.portal import Published

FOLDER = "pagefind/"
#: Pages that lead to others and say nothing of their own: found, they would only be noise.
NOT_INDEXED = (urls.SEARCH, urls.A_Z)
#: Pagefind's ready-made interfaces: the search page has its own (theme/assets/okr/search.js).
UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")


def write(published: Published, out: SiteFolder) -> None:
    pages = indexed_paths(published)
    listing = published.portal.charts_cache / "search" / f"{_digest(pages, out)}.json"
    if _placed(listing, out):
        return
    # Pagefind writes into files already there: none may be a link to a kept file.
    shutil.rmtree(out.root / FOLDER, ignore_errors=True)
    # Pagefind's client is asynchronous; its own thread keeps it apart from any event loop
    # the caller runs (a test driving a browser, a server).
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, index_pages(pages, out)).result()
    _keep(out, listing)


def _digest(pages: Iterable[str], out: SiteFolder) -> str:
    """The hash of what the index is made from: Pagefind's version and every indexed page
    (by the hash of its bytes)."""
    digest = hashlib.sha256(f"pagefind={metadata.version('pagefind')}".encode())
    for path in pages:
        digest.update(f"\0{path}\0{out.digest(path + 'index.html')}".encode())
    return digest.hexdigest()


def _placed(listing: Path, out: SiteFolder) -> bool:
    """Whether the index ``listing`` lists was put in the site, every file of it kept intact."""
    try:
        files: dict[str, str] = json.loads(listing.read_bytes())
    except FileNotFoundError:
        return False
    return all(out.place_kept(FOLDER + path, key) for path, key in files.items())


def _keep(out: SiteFolder, listing: Path) -> None:
    """Keep the index Pagefind wrote for the next build with the same pages (a build whose
    data did not change, or changed only what no page shows), and list its files under the
    hash of those pages: the cache lists the latest index alone."""
    folder = out.root / FOLDER
    files = {
        path: out.keep(FOLDER + path)
        for path in sorted(
            p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()
        )
    }
    if listing.parent.is_dir():
        shutil.rmtree(listing.parent)
    CacheFolder(listing.parent, ".json").write(listing.stem, json.dumps(files).encode())


def indexed_paths(published: Published) -> list[str]:
    """The pages search finds, by their address from the site's root."""
    roots = {edition.root for edition in published.portal.editions}
    skipped = {root + path for root in roots for path in NOT_INDEXED}
    return [path for path in published.page_paths if path not in skipped]


async def index_pages(pages: Iterable[str], out: SiteFolder) -> None:
    """Index ``pages`` of the site and write Pagefind's files into its folder.

    Pagefind reads the pages from a folder of links to them and writes its files itself: its
    client answers each request a tenth of a second late and cannot read an answer over 2 MiB,
    so a page at a time, or the files sent back whole, would not scale past a few thousand
    pages (10,000 pages would wait 17 minutes, then hang).
    """
    with tempfile.TemporaryDirectory(prefix=".okr-search-", dir=out.root.parent) as folder:
        for path in pages:
            _link(out.root / path / "index.html", Path(folder) / path / "index.html")
        config: IndexConfig = {"keep_index_url": False, "write_playground": False}
        service = await PagefindService().launch()
        try:
            index = await service.create_index(config)
            await index.add_directory(folder)
            await index.write_files(output_path=str(out.root / FOLDER))
        finally:
            await service.close()
    for unused in (out.root / FOLDER).iterdir():
        if unused.name.startswith(UNUSED):
            unused.unlink()


def _link(page: Path, place: Path) -> None:
    """``place`` made a hard link to ``page`` (a copy where the file system has none)."""
    if not page.is_file():
        raise FileNotFoundError(f"{page}: a published page is missing")
    place.parent.mkdir(parents=True, exist_ok=True)
    link(page, place)
