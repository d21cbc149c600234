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

import filecmp
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from generator.cache_files import CacheFolder
from generator.output import SiteFolder, link
from generator.pages import urls
from generator.pages.search_form import SearchForms, form_key, form_language, search_form
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
    # The index is made in an empty folder: a file left there (a link to a kept one, which
    # _placed found damaged) would be taken for what a run wrote.
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

    Pagefind keeps an index of its own for each language, made from that language's pages
    alone: each language's forms are indexed by a Pagefind of their own, side by side (two
    languages of 10,000 pages: 12 to 15 s in one run, 7 to 10 s in two), and the indexes put
    together are the files one run over every form makes (tested), their entry files merged.

    Pagefind's command reads the forms from a folder laid out as the site and writes its files
    itself, and is done when it exits. Its service (the Python API), stopped once it had
    answered, left an empty entry file in a cold build of 10,000 pages under load. Run from the
    folder of forms, the command reads no configuration file of the publisher's.
    """
    languages: dict[str, dict[str, str | Path]] = {}
    for path, form in forms.items():
        language, source = _source(path, form, kept, out)
        languages.setdefault(language, {})[path] = source
    with (
        tempfile.TemporaryDirectory(prefix=".okr-search-", dir=out.root.parent) as folder,
        ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool,
    ):
        runs = []
        for number, sources in enumerate(languages.values()):
            site, index = Path(folder) / f"site-{number}", Path(folder) / f"index-{number}"
            for path, source in sources.items():
                _lay_out(source, site / path / "index.html")
            # Indexed while the next language's forms are laid out.
            runs.append(pool.submit(_pagefind, site, index))
        _put_together([run.result() for run in runs], out.root / FOLDER)


def _pagefind(site: Path, index: Path) -> Path:
    command = [sys.executable, "-m", "pagefind", "--site", str(site)]
    command += ["--output-path", str(index), "--quiet"]
    done = subprocess.run(command, cwd=site, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"Pagefind failed ({done.returncode}): {done.stdout}{done.stderr}")
    return index


def _put_together(indexes: list[Path], folder: Path) -> None:
    """Pagefind's files of each language's index moved into ``folder``, but its ready-made
    interfaces. The files every run writes (its script, its worker) are the same bytes; the
    entry file lists every language, sorted (Pagefind's own order changes from run to run)."""
    entries = [json.loads((index / ENTRY).read_bytes()) for index in indexes]
    languages: dict[str, object] = {}
    for entry in entries:
        if entry.keys() != entries[0].keys() or entry["version"] != entries[0]["version"]:
            raise RuntimeError(f"Pagefind's runs wrote different entry files: {entries}")
        for tag, about in entry["languages"].items():
            if tag in languages:
                raise RuntimeError(f"Pagefind filed the language {tag!r} in two indexes")
            languages[tag] = about
    for index in indexes:
        for file in sorted(index.rglob("*")):
            name = file.relative_to(index).as_posix()
            if file.is_file() and name != ENTRY and not file.name.startswith(UNUSED):
                _move(file, folder / name)
    merged = entries[0] | {"languages": dict(sorted(languages.items()))}
    text = json.dumps(merged, ensure_ascii=False, separators=(",", ":"))
    (folder / ENTRY).write_text(text, encoding="utf-8")


def _move(file: Path, place: Path) -> None:
    """``file`` moved to ``place``, where another run may have put the same bytes."""
    if place.exists():
        if not filecmp.cmp(file, place, shallow=False):
            raise RuntimeError(f"Pagefind's runs wrote different files {place.name}")
        return
    place.parent.mkdir(parents=True, exist_ok=True)
    file.replace(place)


def _source(path: str, form: Form, kept: SearchForms, out: SiteFolder) -> tuple[str, str | Path]:
    """The language of the form of the page at ``path``, and where its text comes from: the
    file that keeps it intact, or the text itself (made now, or, a kept form damaged since,
    made again from its page, which the page cache checked)."""
    if form.text is not None:
        return form_language(form.text), form.text
    text = kept.text(form.key)
    if text is not None:
        return form_language(text), kept.path(form.key)
    made = search_form((out.root / path / "index.html").read_text(encoding="utf-8")) or ""
    return form_language(made), made


def _lay_out(source: str | Path, place: Path) -> None:
    """A form put at ``place``: a link to the file that keeps it, or its text."""
    place.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(source, Path):
        link(source, place)
    else:
        place.write_text(source, encoding="utf-8")
