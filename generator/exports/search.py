"""The full-text search index: Pagefind's static files under ``/pagefind/``.

Every published page, hand-written and data page alike, in every language, is handed to
Pagefind as its search form (``pages.search_form``): the content a template marks with
``data-pagefind-body`` (not the menu or other chrome), less what moves with every check-in;
Pagefind keeps one index per ``<html lang>``. Redirects, the 404 page and the search pages
themselves are not handed in. The browser then downloads only the index chunks of the words
searched for (``/search/``, ``search.js``).
The index is kept with the site's other files (``SiteFolder``), listed in the cache under the
hash of the forms it was made from, so a build whose pages read the same for search (a commit
of figures alone) links it instead of indexing them again.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from generator.cache_files import CacheFolder
from generator.output import SiteFolder, link
from generator.pages import urls
from generator.pages.search_form import SearchForms, form_key, search_form
from generator.portal import Published

FOLDER = "pagefind/"
#: Pagefind's entry file: its version and the index of each language.
ENTRY = "pagefind-entry.json"
#: Pages that lead to others and say nothing of their own: found, they would only be noise.
NOT_INDEXED = (urls.SEARCH, urls.A_Z)
#: Pagefind's ready-made interfaces: the search page has its own (theme/assets/okr/search.js).
UNUSED = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")


@dataclass(frozen=True)
class Form:
    """What search reads of one page: kept in the cache by the page's writer, or made now."""

    key: str
    text: str | None = None  # made now from the page (a page the engine wrote)


def write(published: Published, out: SiteFolder) -> None:
    kept = SearchForms(published.portal.charts_cache)
    forms = search_forms(indexed_paths(published), out)
    listing = published.portal.charts_cache / "search" / f"{_digest(forms)}.json"
    if _placed(listing, out):
        return
    # Pagefind writes into files already there: none may be a link to a kept file.
    shutil.rmtree(out.root / FOLDER, ignore_errors=True)
    index_pages(forms, kept, out)
    _keep(out, listing)


def search_forms(pages: list[str], out: SiteFolder) -> dict[str, Form]:
    """Page -> its search form, for the ``pages`` with something to index."""
    forms = {}
    for path in pages:
        form = _form(path + "index.html", out)
        if form is not None:
            forms[path] = form
    return forms


def _form(page: str, out: SiteFolder) -> Form | None:
    key = out.search_forms.get(page)
    if key is not None:
        return Form(key)
    file = out.root / page
    if not file.is_file():
        raise FileNotFoundError(f"{file}: a published page is missing")
    text = search_form(file.read_text(encoding="utf-8"))
    return None if text is None else Form(form_key(text), text)


def _digest(forms: Mapping[str, Form]) -> str:
    """The hash of what the index is made from: Pagefind's version and every indexed page
    (by its address and the key of its search form)."""
    digest = hashlib.sha256(f"pagefind={metadata.version('pagefind')}".encode())
    for path, form in forms.items():
        digest.update(f"\0{path}\0{form.key}".encode())
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


def index_pages(forms: Mapping[str, Form], kept: SearchForms, out: SiteFolder) -> None:
    """Index the pages' search ``forms`` and write Pagefind's files into the site's folder.

    Pagefind's command reads the forms from a folder laid out as the site and writes its files
    itself, and is done when it exits. Its service (the Python API), stopped once it had
    answered, left an empty entry file in a cold build of 10,000 pages under load. Run from the
    folder of forms, the command reads no configuration file of the publisher's.
    """
    with tempfile.TemporaryDirectory(prefix=".okr-search-", dir=out.root.parent) as folder:
        site = Path(folder) / "site"
        for path, form in forms.items():
            _lay_out(path, form, kept, out, site / path / "index.html")
        command = [sys.executable, "-m", "pagefind", "--site", str(site)]
        command += ["--output-path", str(out.root / FOLDER), "--quiet"]
        done = subprocess.run(command, cwd=folder, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"Pagefind failed ({done.returncode}): {done.stdout}{done.stderr}")
    for unused in (out.root / FOLDER).iterdir():
        if unused.name.startswith(UNUSED):
            unused.unlink()
    _languages_in_order(out.root / FOLDER / ENTRY)


def _languages_in_order(entry: Path) -> None:
    """Pagefind lists the languages of its entry file in an order of its own, which changes
    from run to run: sorted, the same pages make the same bytes."""
    listed = json.loads(entry.read_bytes())
    listed["languages"] = dict(sorted(listed["languages"].items()))
    entry.write_text(json.dumps(listed, ensure_ascii=False, separators=(",", ":")), "utf-8")


def _lay_out(path: str, form: Form, kept: SearchForms, out: SiteFolder, place: Path) -> None:
    """The form of the page at ``path`` put at ``place``: a link to the kept form where it
    holds the text it is named for, else the text (made now, or again from the page)."""
    place.parent.mkdir(parents=True, exist_ok=True)
    text = form.text
    if text is None:
        if kept.text(form.key) is not None:
            link(kept.path(form.key), place)
            return
        # A kept form damaged since: made again from its page, which the page cache checked.
        text = search_form((out.root / path / "index.html").read_text(encoding="utf-8")) or ""
    place.write_text(text, encoding="utf-8")
