"""What search reads of a page: its language and the content the page marks for the index.

Pagefind files a page under its ``<html lang>`` and indexes the element marked
``data-pagefind-body``, less every element in it marked ``data-pagefind-ignore``. A page's
search form is that and nothing else, as a small HTML document. Pagefind reads it as it would
read the page (the index made from the forms is the index made from the pages, tested) without
parsing the menu, the footer and the drawings: a fifth of the bytes.

The form also tells whether a page changed for search. The templates mark as ignored what moves
with every check-in (figures, dates, statuses, charts, the tables of check-ins and changes):
search finds a key result by what it is, not by how it stands. A data commit that changes
figures alone leaves every form, and so the search index, as it was (``exports.search``).

Forms are kept between builds under the hash of their text (:class:`SearchForms`), written when
their page is rendered (``pages.rendered``), so a build that renders no page reads none.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from generator.cache_files import CacheFolder

__all__ = ["FORMS", "SearchForms", "form_key", "form_language", "search_form"]

#: The cache's folder of search forms.
FORMS = "search-forms"

_LANG_RE = re.compile(r'<html\b[^>]*?\slang="([^"]*)"')
_BODY = "<div data-pagefind-body>"
_IGNORED_RE = re.compile(r"<([a-z][a-z0-9]*)\b[^>]*?\sdata-pagefind-ignore\b[^>]*>")
#: What Pagefind may read even inside an ignored element (metadata, filters, an image).
_READ_WHEN_IGNORED_RE = re.compile(r"\sdata-pagefind-(?:meta|filter|sort|index-attrs)\b|<img\b")


def search_form(html: str) -> str | None:
    """What Pagefind reads of the page ``html``, as a document of its own; None for a page
    without an indexed part (an embed, a redirect), which Pagefind would skip. A page the form
    cannot be cut from safely (an element never closed, metadata in an ignored part: a
    publisher's own HTML) is its own form."""
    lang = _LANG_RE.search(html)
    start = html.find(_BODY)
    if lang is None or start < 0:
        return None
    end = _element_end(html, "div", start)
    body = None if end is None else _without_ignored(html[start:end])
    if body is None:
        return html
    return (
        f'<!DOCTYPE html><html lang="{lang.group(1)}"><head><meta charset="utf-8"></head>'
        f"<body>{body}</body></html>"
    )


def _without_ignored(body: str) -> str | None:
    kept: list[str] = []
    at = 0
    while (ignored := _IGNORED_RE.search(body, at)) is not None:
        end = _element_end(body, ignored.group(1), ignored.start())
        if end is None or _READ_WHEN_IGNORED_RE.search(body, ignored.end(), end):
            return None
        kept.append(body[at : ignored.start()])
        at = end
    kept.append(body[at:])
    return "".join(kept)


def _element_end(html: str, tag: str, start: int) -> int | None:
    """Where the element ``tag`` that opens at ``start`` ends, after its closing tag (elements of
    the same name inside it counted); None where it is never closed."""
    depth = 0
    for found in _tags(tag).finditer(html, start):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            return found.end()
    return None


@cache
def _tags(tag: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){tag}\b[^>]*>")


def form_language(form: str) -> str:
    """The primary subtag of a form's ``<html lang>``, in lower case ("" for none): forms of
    the same one may be filed by Pagefind under one index, and are indexed together."""
    lang = _LANG_RE.search(form)
    return "" if lang is None else lang.group(1).split("-")[0].lower()


def form_key(form: str) -> str:
    """The name a form is kept under: the hash of its text."""
    return hashlib.sha256(form.encode("utf-8")).hexdigest()[:32]


class SearchForms:
    """The search forms of a site's pages, kept under the hash of their text: the same form
    (a page unchanged for search) is one file, whichever page and build made it."""

    def __init__(self, cache_dir: Path) -> None:
        self.cache = CacheFolder(cache_dir / FORMS, ".html", spread=True)

    def keep(self, form: str) -> str:
        """The key of ``form``, written if no intact file holds it."""
        key = form_key(form)
        if self.text(key) != form:
            self.cache.write(key, form.encode("utf-8"))
        return key

    def text(self, key: str) -> str | None:
        """The form kept under ``key``, or None where none is kept intact."""
        data = self.cache.read(key)
        if data is None:
            return None
        form = data.decode("utf-8", errors="replace")
        return form if form_key(form) == key else None

    def path(self, key: str) -> Path:
        return self.cache.path(key)

    def forget_except(self, keys: Iterable[str]) -> None:
        """Remove the forms not in ``keys``: the folder holds one site's."""
        self.cache.forget_except(self.cache.name(key) for key in keys)
