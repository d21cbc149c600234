"""The pipeline: load -> score -> charts -> site model -> pages -> exports. It knows nothing
of the engine that renders the page chrome and the hand-written pages (``generator.engine``).

``prepare`` does all the work that can fail on the data (loading, validation, scoring, charts)
before a single file is written; ``write_site`` then pours the data pages into the shells of
page chrome the engine rendered, and runs every export into the same staging folder.
"""

from __future__ import annotations

import dataclasses
import datetime
import gc
import os
from collections.abc import Callable, Collection, Mapping, Sequence
from functools import partial
from pathlib import Path

from generator import progress
from generator.alongside import Turns, alongside
from generator.cache_files import CACHE_DIR
from generator.charts.cache import chart_svgs
from generator.charts.social import chart_pngs
from generator.exports import AFTER_PAGES, EXPORTS, WITH_PAGES
from generator.history import History, read_history
from generator.i18n import Language
from generator.load.project import Project, load_project
from generator.model import Dataset
from generator.output import SiteFolder
from generator.pages import render, urls
from generator.pages.chart_inputs import chart_inputs
from generator.pages.formatting import Formatter
from generator.pages.reference import Named, other_inputs, page_digest, reference_site
from generator.pages.rendered import (
    PagesWritten,
    PlannedPage,
    RenderedPages,
    holds_pages,
)
from generator.pages.site import ChartImage, Site
from generator.pages.views import embed, home, page_makers
from generator.pages.views.parts import LanguageLink, Page, language_links
from generator.portal import Edition, Portal, Published, PublishedPost
from generator.scoring import Figures, StatusChange, score, status_changes
from generator.settings import Settings
from generator.translation import in_language


def prepare(root: Path, cache_dir: Path | None = None, workers: int | None = None) -> Portal:
    """Load, validate, score and chart the portal in ``root``; raises ``DataError`` on bad data."""
    # Loading makes the model, which lasts: full passes of the collector over it as it grows
    # (seven of them, 0.7 s at 10,000 pages) would find nothing to free.
    _lasting()
    project = load_project(root)
    _lasting()
    checkins = len(project.dataset.checkins)
    progress.report("data loaded (check-ins)", checkins, checkins)
    figures = score(project.dataset, project.as_of, project.settings.status_factors)
    charts_cache = root / CACHE_DIR if cache_dir is None else cache_dir
    history = read_history(root, charts_cache / "history").without(project.withheld_ids)
    statuses = status_changes(project.dataset, project.as_of, project.settings.status_factors)
    # Every language's charts first: their drawings are shared, and drawn once, by workers on
    # every CPU; then every language's link-preview images, by one set of workers.
    sites = _with_images(
        [
            _language(project, figures, history, statuses, tag, charts_cache, workers)
            for tag in project.settings.languages
        ],
        charts_cache,
        workers,
    )
    _lasting()
    editions = _editions(project, sites, charts_cache)
    _lasting()
    return Portal(project, editions, charts_cache)


#: The collector's thresholds outside a build (``release`` puts them back).
_THRESHOLDS = gc.get_threshold()
#: Young collections between two full ones during a build: a hundred times Python's ten.
_FULL_COLLECTION_EVERY = 1000


def _lasting() -> None:
    """Everything made so far (the model, its figures, the pages' values) lasts until the site
    is written: frozen, it is left out of the garbage collector's full passes, which walked it
    again and again for a fifth of a warm build. What is made after it lasts too (the pages'
    values, a million objects at 10,000 pages): full passes are made a hundred times rarer
    (they took 2.2 of 15 s of a warm build at 10,000 pages), while the young passes, which
    free the short-lived cycles a build makes, stay as they are. ``release`` hands it all
    back once the build ends (``okr-portal serve`` builds again in the same process)."""
    gc.freeze()
    young, middle, _ = _THRESHOLDS
    gc.set_threshold(young, middle, _FULL_COLLECTION_EVERY)


def release() -> None:
    gc.unfreeze()
    gc.set_threshold(*_THRESHOLDS)


def _language(
    project: Project,
    figures: Figures,
    history: History,
    statuses: Mapping[str, tuple[StatusChange, ...]],
    tag: str,
    cache_dir: Path,
    workers: int | None,
) -> Site:
    """The portal's site model in the language ``tag``, with its words and its charts."""
    settings = project.settings
    dataset = in_language(project.dataset, tag, settings.language)
    fmt = Formatter(Language(tag), settings)
    root = urls.language_root(tag, settings.language)
    return dataclasses.replace(
        _site(settings, dataset, figures, fmt, cache_dir, workers, root=root),
        history=history,
        status_changes=statuses,
    )


def _editions(project: Project, sites: Sequence[Site], cache_dir: Path) -> tuple[Edition, ...]:
    """Every language's edition, each page named in the cache by the hash of its reference
    values (``pages.reference``), made once for all the languages. A page's values in its
    language are made where it is rendered."""
    reference = reference_site(sites)
    pages, embeds = _reference_makers(reference)
    named = _reference_pages([*pages, *embeds])
    others = other_inputs(sites)
    return tuple(
        _edition(
            project,
            site,
            cache_dir,
            _planned(project, site, (named[: len(pages)], named[len(pages) :]), others),
        )
        for site in sites
    )


def _reference_makers(reference: Site) -> tuple[list[PageMaker], list[PageMaker]]:
    """What makes each data page and embed in the reference language, a home page first (a
    language other than the default has one of its own)."""
    return [partial(home.page, reference), *page_makers(reference)], list(
        embed.page_makers(reference)
    )


def _reference_pages(every: Sequence[PageMaker]) -> list[Named]:
    """The page each of ``every`` makes, made in turns by this process and a copy of it on the
    other CPU, idle until then (``alongside``, ``Turns``): how long each takes differs with the
    machine and the kinds of page; taken in turns, both end together. The copy sends back the
    hash of each it made (sending the values would cost as much as making them); this process
    keeps the values it made, hashed where the pages are written (the copy of the build that
    writes them has time to spare)."""
    turns = Turns(len(every), _PAGES_A_TURN)
    with alongside(lambda: _hashed_in(turns, every)) as made:
        named = {n: Named.made(every[n]()) for places in turns for n in places}
    for places, sent in made():
        named.update(zip(places, sent, strict=True))
    return [named[n] for n in range(len(every))]


def _hashed_in(turns: Turns, every: Sequence[PageMaker]) -> list[tuple[range, list[Named]]]:
    """The pages of ``every`` this process takes in ``turns``, each made, hashed and let go."""
    return [
        (places, [Named.hashed(m()) for m in every[places.start : places.stop]]) for places in turns
    ]


def _planned(
    project: Project, site: Site, named: tuple[Sequence[Named], Sequence[Named]], others: bytes
) -> Pages:
    """``site``'s language's pages and embeds, at its addresses, named in the cache."""
    pages, embeds = _makers(project, site)
    reference_pages, reference_embeds = named
    if site.root == urls.HOME:  # the default language's home page is the engine's
        reference_pages = reference_pages[1:]
    tag, settings = site.fmt.language.tag, project.settings

    def planned(make: PageMaker, named: Named, links: tuple[LanguageLink, ...]) -> PlannedPage:
        digest = partial(page_digest, named, others, tag)
        return PlannedPage(site.root + named.path, links, make, digest)

    return (
        tuple(
            planned(make, n, language_links(settings, tag, n.path))
            for make, n in zip(pages, reference_pages, strict=True)
        ),
        tuple(planned(make, n, ()) for make, n in zip(embeds, reference_embeds, strict=True)),
    )


def _edition(project: Project, site: Site, cache_dir: Path, pages: Pages) -> Edition:
    """``site``'s language with its ``pages`` and templates: the publisher's ``theme/``
    before the portal's."""
    theme_dirs = [project.root / "theme"] if (project.root / "theme").is_dir() else []
    env = render.environment(site.fmt.language, theme_dirs, cache_dir / "templates")
    return Edition(site, env, *pages)


Pages = tuple[tuple[PlannedPage, ...], tuple[PlannedPage, ...]]


PageMaker = Callable[[], Page]


def _makers(project: Project, site: Site) -> tuple[list[PageMaker], list[PageMaker]]:
    """What makes each data page and each embed of ``site``'s language, at its address in
    that language and linked to the same page in the others."""
    root = site.root
    # The default language's home page is the publisher's content/index.md, made by the engine.
    own_home: list[PageMaker] = [] if root == urls.HOME else [partial(home.page, site)]
    pages: list[PageMaker] = [
        partial(_placed, make, project.settings, site.fmt.language.tag, root)
        for make in (*own_home, *page_makers(site))
    ]
    embeds: list[PageMaker] = [partial(_embedded, make, root) for make in embed.page_makers(site)]
    return pages, embeds


def _placed(make: PageMaker, settings: Settings, tag: str, root: str) -> Page:
    page = make()
    links = language_links(settings, tag, page.path)
    return dataclasses.replace(page, path=root + page.path, languages=links)


def _embedded(make: PageMaker, root: str) -> Page:
    page = make()
    return dataclasses.replace(page, path=root + page.path)


def _site(
    settings: Settings,
    dataset: Dataset,
    figures: Figures,
    fmt: Formatter,
    cache_dir: Path,
    workers: int | None,
    charted: Collection[str] | None = None,
    root: str = "",
) -> Site:
    """The site model, with the charts of the key results in ``charted`` (default: all) and
    without their link-preview images (``_with_images``)."""
    inputs = chart_inputs(dataset, fmt)
    wanted = inputs if charted is None else {k: v for k, v in inputs.items() if k in charted}
    charts = chart_svgs(wanted, cache_dir, _processes(workers))
    return Site(settings, dataset, figures, fmt, charts, root)


def _processes(workers: int | None) -> int:
    return workers or os.cpu_count() or 1


def _with_images(sites: Sequence[Site], cache_dir: Path, workers: int | None) -> tuple[Site, ...]:
    """The ``sites`` with the link-preview image of each key result's chart, in each one's
    language: every language's drawn by one set of workers (a set for each paid again for
    starting, about a second, and for its last images, drawn while the other CPU waited)."""
    wide = {
        (n, name): svgs.wide for n, site in enumerate(sites) for name, svgs in site.charts.items()
    }
    pngs = chart_pngs(wide, cache_dir, _processes(workers))
    images: list[dict[str, ChartImage]] = [{} for _ in sites]
    for (n, name), png in pngs.items():
        images[n][name] = ChartImage(png.file, png.width, png.height)
    return tuple(
        dataclasses.replace(site, images=own) for site, own in zip(sites, images, strict=True)
    )


def site_as_of(portal: Portal, day: datetime.date, charted: Collection[str]) -> Site:
    """The default edition's site model as it stood on ``day``: only the check-ins made by
    then, scored as of then, with the charts of ``charted`` drawn as of then (a post quotes
    its figures from it)."""
    current = portal.site
    dataset = dataclasses.replace(
        current.dataset, checkins=tuple(c for c in current.dataset.checkins if c.date <= day)
    )
    figures = score(dataset, day, current.settings.status_factors)
    fmt, cache = current.fmt, portal.charts_cache
    return _site(current.settings, dataset, figures, fmt, cache, None, charted)


def home_html(portal: Portal, updates_feed: bool = False) -> str:
    """The data part of the home page (status totals, top objectives, ways in);
    ``updates_feed``: posts were published in this build, so it links their feed."""
    edition = portal.default
    body = home.body(edition.site, updates_feed)
    return edition.env.get_template("okr/home.html").render(body=body)


def write_site(
    portal: Portal,
    out: SiteFolder,
    shells: Mapping[str, Mapping[int, render.Shell]],
    hand_written: Sequence[str],
    posts: Sequence[PublishedPost] = (),
) -> None:
    """Write every data page into ``out``, poured into the ``shells`` of its language (by
    language tag, then folder depth), then every export; ``posts`` are the updates the engine
    published in this build. A data page whose address a ``hand_written`` page takes is left
    out: the publisher's page replaces it."""
    portal = portal.without(hand_written)
    written = tuple(page.path for page in portal.pages())
    published = Published(portal, (*hand_written, *written), tuple(posts))
    # Where the cache holds no page (a cold build, ``--no-cache``), every page is rendered:
    # this process takes pages to render in turn with the copy once its exports are made,
    # rather than wait. Else the copy writes them all: most are linked from the cache.
    every = sum(len(edition.pages) + len(edition.embeds) for edition in portal.editions)
    turns = None if holds_pages(portal.charts_cache) else Turns(every, _PAGES_A_TURN)
    # The pages, then what is made from them, are written on the other CPU while the other
    # exports are made here.
    with alongside(lambda: _pages_and_with_them(published, out, shells, turns)) as pages:
        for export in EXPORTS:
            export(published, out)
        ours = None if turns is None else _write_pages(portal, out, shells, turns)
    theirs, kept, search_forms = pages()
    out.adopt(kept, search_forms)
    rendered = len(theirs.rendered)
    if ours is not None:
        ours.adopt(theirs)
        ours.forget_the_rest()
        rendered = len(ours.rendered)
    progress.report("pages written", len(written), len(written))
    progress.report("pages rendered", rendered, rendered)
    for export in AFTER_PAGES:
        export(published, out)
    out.forget_the_rest()


#: Pages taken at a time by a process making or rendering them in turn with another
#: (``Turns``): small enough that both end together, large enough that taking them costs
#: nothing.
_PAGES_A_TURN = 32

#: A page to write and how: every language's data pages, then its embeds, in turn.
PageJob = tuple[render.PageWriter, PlannedPage]


def _page_jobs(portal: Portal, shells: Mapping[str, Mapping[int, render.Shell]]) -> list[PageJob]:
    """Every data page and embed of ``portal`` with its writer, in the order ``Turns``
    counts them in every process."""
    jobs: list[PageJob] = []
    for edition in portal.editions:
        settings, env = edition.site.settings, edition.env
        pages = render.page_writer(
            env, shells[edition.tag], settings.title, settings.base_url, edition.tag
        )
        jobs += [(pages, page) for page in edition.pages]
        standalone = render.standalone_writer(env)
        jobs += [(standalone, page) for page in edition.embeds]
    return jobs


def _pages_and_with_them(
    published: Published,
    out: SiteFolder,
    shells: Mapping[str, Mapping[int, render.Shell]],
    turns: Turns | None,
) -> tuple[PagesWritten, frozenset[str], dict[str, str]]:
    """Every data page and embed written into ``out`` (or, with ``turns``, those this copy
    takes: ``write_site``), then the exports made with them; which pages were rendered and
    kept, the kept files they link (``SiteFolder.kept_names``) and the keys of their search
    forms (``SiteFolder.search_forms``)."""
    cache = _write_pages(published.portal, out, shells, turns)
    if turns is None:  # else forgotten by the build, once its own are written too
        cache.forget_the_rest()
    for export in WITH_PAGES:
        export(published, out)
    # The names of the cached pages kept are sent back only where the build forgets the rest.
    kept = frozenset(() if turns is None else cache.kept)
    return PagesWritten(tuple(cache.rendered), kept), out.kept_names(), out.search_forms


def _write_pages(
    portal: Portal,
    out: SiteFolder,
    shells: Mapping[str, Mapping[int, render.Shell]],
    turns: Turns | None,
) -> RenderedPages:
    """The data pages and embeds of ``portal`` (every one, or those this process takes in
    ``turns``) written into ``out``, rendered or from the cache; what was rendered and kept,
    the cache's pages not yet forgotten."""
    jobs = _page_jobs(portal, shells)
    cache = RenderedPages(portal.charts_cache)
    for places in [range(len(jobs))] if turns is None else turns:
        for writer, page in jobs[places.start : places.stop]:
            writer.write(out, page, cache)
    return cache
