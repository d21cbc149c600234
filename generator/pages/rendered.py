"""Pages as the last build rendered them, kept under the hash of everything that made them.

A page's HTML is a function of its ready values (the view's ``Page``), the templates, the
catalogue of its language, the chrome it is poured into and the code in ``render``; its values
in every language are a function of its reference values (``pages.reference``). The hash of
all of them names the page in the cache: a page whose hash is there is copied, not rendered,
so a data commit that changes one check-in renders only the pages that show it. A page that
changed gets a new hash and is rendered; nothing is trusted by date or by name.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from generator.cache_files import CacheFolder, StatRecord
from generator.output import SiteFolder
from generator.pages.search_form import SearchForms, search_form
from generator.pages.views.parts import LanguageLink, Page

#: Bump to render every cached page again once. 2: cached pages are readable by all (the
#: site's pages are links to them; they were the owner's alone). 3: a page's name holds the
#: key of its search form.
REVISION = 3


def context_digest(folders: Iterable[Path], code: Iterable[Path], parts: object) -> bytes:
    """What every page of one language's build shares: the files of ``folders`` (templates,
    catalogues), the source of ``code`` (what turns a page's values into HTML), Jinja2's
    version and ``parts`` (the page chrome)."""
    digest = hashlib.sha256(f"jinja2={metadata.version('jinja2')}\0{REVISION}".encode())
    for folder in folders:
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(f"\0{file.relative_to(folder).as_posix()}\0".encode())
            digest.update(file.read_bytes())
    for file in (*code, Path(__file__)):
        digest.update(file.read_bytes())
    digest.update(pickle.dumps(parts, protocol=5))
    return digest.digest()


def values_digest(page: Page) -> bytes:
    """The hash of a page's ready values (its reference values: ``pages.reference``)."""
    return hashlib.sha256(pickle.dumps(page, protocol=5)).digest()


@dataclass(frozen=True)
class PlannedPage:
    """A data page as an edition lists it: its address, the same page in the portal's
    languages, what makes its values (only where it is rendered), and the hash that names it
    in the cache with the context (``pages.reference``)."""

    path: str
    languages: tuple[LanguageLink, ...]
    values: Callable[[], Page]
    digest: Callable[[], bytes]

    def made(self) -> Page:
        """Its values, made in its language."""
        page = self.values()
        if page.path != self.path:  # a view that placed it by its language: a bug to report
            raise RuntimeError(f"page planned at {self.path!r} was made at {page.path!r}")
        return page


@dataclass(frozen=True)
class PagesWritten:
    """What a writer of pages (:class:`RenderedPages`) did: the addresses of the pages it
    rendered, and the names of the cached pages it placed."""

    rendered: tuple[str, ...]
    kept: frozenset[str]


class RenderedPages:
    """Writes pages into a site, from the cache where the same page was rendered before.

    A cached page is named ``<key>-<check>[-<form>].html``: the hash of what made it, the hash
    of its bytes, and the key its search form is kept under where it has one
    (``pages.search_form``), in the folder named for its key's first two characters
    (``CacheFolder``'s ``spread``: where no page is cached, two processes write them). The site
    gets a hard link to it, so a build writes (and the next one deletes) only the pages it
    rendered; a cached page changed through its link (an edit in the published folder) no
    longer matches its check and is rendered again, never published.
    """

    def __init__(self, cache_dir: Path) -> None:
        self.cache = CacheFolder(pages_folder(cache_dir), ".html", spread=True)
        self.forms = SearchForms(cache_dir)
        # The cache's folder, and its pages' names by key, as text: ``pathlib`` took a
        # third of a second of a warm build joining and splitting 17,000 of them.
        self.folder = os.fspath(self.cache.folder)
        self.found = {_parts(name)[0]: name for name in self.cache.names()}
        self.record = StatRecord(cache_dir / "pages.json")
        self.kept: set[str] = set()  # the names of the cached pages this build wrote
        self.rendered: list[str] = []  # the pages rendered in this build, by path

    def write(
        self, out: SiteFolder, page: PlannedPage, context: bytes, make: Callable[[], str]
    ) -> None:
        """Write ``page`` to its ``index.html`` in ``out``; ``make`` renders it when the cache
        does not hold it already under the hash of its values with ``context``."""
        target = page.path + "index.html"
        key = hashlib.sha256(context + page.digest()).hexdigest()
        cached = self.found.get(key)
        if cached is None or not self._intact(cached):
            cached = self._keep(key, make())
            self.rendered.append(page.path)
        self.kept.add(cached)
        out.place(target, f"{self.folder}/{cached}", search_form=_parts(cached)[2])

    def _keep(self, key: str, html: str) -> str:
        """``html`` kept in the cache under ``key``; the name of its file."""
        data = html.encode("utf-8")
        form = search_form(html)
        name = f"{key}-{_check(data)}" + ("" if form is None else f"-{self.forms.keep(form)}")
        self.cache.write(name, data)
        self.found[key] = self.cache.name(name)
        return self.found[key]

    def _intact(self, cached: str) -> bool:
        """Whether the cached page named ``cached`` holds the page it was written with (its
        name's check)."""
        if self.record.unchanged(self.folder, cached):
            return True
        with open(f"{self.folder}/{cached}", "rb") as handle:
            return _parts(cached)[1] == _check(handle.read())

    def adopt(self, theirs: PagesWritten) -> None:
        """Take the pages another process (a copy of this one, ``generator.alongside``)
        rendered and kept in the same cache as this writer's own."""
        self.rendered.extend(theirs.rendered)
        self.kept |= theirs.kept

    def forget_the_rest(self) -> None:
        """Remove the cached pages this build did not write: the cache holds one site."""
        self.cache.forget_except(self.kept)
        self.record.save(self.folder, sorted(self.kept))
        self.forms.forget_except(
            form for name in self.kept if (form := _parts(name)[2]) is not None
        )


def pages_folder(cache_dir: Path) -> Path:
    return cache_dir / "pages"


def holds_pages(cache_dir: Path) -> bool:
    """Whether the cache holds rendered pages (a build without any renders every page)."""
    folder = pages_folder(cache_dir)
    # Looked at, not made (a CacheFolder makes its folder).
    return folder.is_dir() and CacheFolder(folder, ".html", spread=True).holds_any()


def _check(html: bytes) -> str:
    return hashlib.sha256(html).hexdigest()[:16]


def _parts(cached: str) -> tuple[str, str, str | None]:
    """The key, check and search form's key (None for a page without one) of the cached page
    named ``cached`` (``<folder>/<key>-<check>[-<form>].html``)."""
    key, check, *form = cached.rpartition("/")[2].removesuffix(".html").split("-")
    return key, check, form[0] if form else None
