"""A portal ready to write, and what the exports read once its pages are written."""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from jinja2 import Environment

from generator.load.project import Project
from generator.pages import urls
from generator.pages.rendered import PlannedPage
from generator.pages.site import Site


@dataclass(frozen=True)
class Edition:
    """The portal in one language: its site model and every data page."""

    site: Site
    env: Environment
    pages: tuple[PlannedPage, ...]
    embeds: tuple[PlannedPage, ...] = ()  # whole documents without chrome, for an <iframe>

    @property
    def tag(self) -> str:
        """The edition's BCP 47 language tag."""
        return self.site.fmt.language.tag

    @property
    def root(self) -> str:
        """Where its pages live: the site's root for the default language, else ``<tag>/``."""
        return self.site.root

    def depths(self) -> set[int]:
        """Folder depths of its pages: one shell of page chrome is needed for each."""
        return {urls.depth(p.path) for p in self.pages}


@dataclass(frozen=True)
class Portal:
    """Loaded, scored and charted: everything that can fail on the data has been done.

    ``editions`` holds one edition per language the portal is published in, the default
    language first.
    """

    project: Project
    editions: tuple[Edition, ...]
    charts_cache: Path  # where chart SVGs are kept between builds

    @property
    def default(self) -> Edition:
        return self.editions[0]

    @property
    def site(self) -> Site:
        return self.default.site

    def pages(self) -> Iterator[PlannedPage]:
        for edition in self.editions:
            yield from edition.pages

    def edition(self, tag: str) -> Edition:
        return next(e for e in self.editions if e.tag == tag)

    def without(self, hand_written: Collection[str]) -> Portal:
        """The portal without the data pages whose address a hand-written page takes: the
        publisher's page replaces the generated one (``content/how-to-read.md`` is
        ``how-to-read/``). An edition in another language keeps its own page, unless a
        hand-written page takes its address too."""
        taken = set(hand_written)
        editions = tuple(
            replace(e, pages=tuple(p for p in e.pages if p.path not in taken))
            for e in self.editions
        )
        return replace(self, editions=editions)


@dataclass(frozen=True)
class Published:
    """What the exports read: the portal, and the address of every page now in the site
    folder, the engine's hand-written pages and the data pages alike."""

    portal: Portal
    page_paths: tuple[str, ...]
    posts: tuple[PublishedPost, ...] = ()  # the updates published in this build


@dataclass(frozen=True)
class PublishedPost:
    """A post of ``content/updates/`` the engine published in this build (none dated after
    the build date), as its feed lists it."""

    address: str  # its page: updates/2026-q3-review/
    title: str
    date: datetime.date
    summary: str
