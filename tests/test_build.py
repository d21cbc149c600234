"""The pipeline: its hold on the garbage collector, taken while a build's values last and handed
back when it ends (``okr-portal serve`` builds again and again in one process), and the work
it shares out among the languages of a portal."""

from __future__ import annotations

import gc
import os
import shutil
import time
from collections.abc import Hashable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from generator import build
from generator.build import PageMaker, prepare, release
from generator.engine import commands as engine
from generator.load.project import Project
from generator.load.project import load_project as real_load_project
from generator.output import SiteFolder
from generator.pages.reference import Named, other_inputs, page_digest, reference_site
from generator.pages.rendered import PlannedPage, RenderedPages
from generator.pages.site import Site
from generator.pages.views.parts import Page
from tests.conftest import FIXTURES


def test_a_build_makes_full_collections_rare_until_it_is_released(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", project, ignore=shutil.ignore_patterns(".okr-cache"))
    before = gc.get_threshold()
    loading: list[tuple[int, int, int]] = []

    def load_project(root: Path) -> Project:
        loading.append(gc.get_threshold())
        return real_load_project(root)

    monkeypatch.setattr(build, "load_project", load_project)
    try:
        prepare(project, tmp_path / "cache", workers=1)
        during, frozen = gc.get_threshold(), gc.get_freeze_count()
    finally:
        release()
    assert during[:2] == before[:2]  # young collections as often as ever
    assert during[2] >= 100 * before[2]
    assert [threshold[2] for threshold in loading] == [during[2]]  # from the data's loading on
    assert frozen > 0  # the model and the pages' values, out of the full passes
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_every_languages_link_preview_images_are_drawn_in_one_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "portal"
    shutil.copytree(
        FIXTURES / "two-languages", project, ignore=shutil.ignore_patterns(".okr-cache")
    )
    passes: list[set[Hashable]] = []
    chart_pngs = build.chart_pngs

    def counted(svgs: Mapping[Hashable, Any], cache_dir: Path, workers: int) -> Any:
        passes.append(set(svgs))
        return chart_pngs(svgs, cache_dir, workers)

    monkeypatch.setattr(build, "chart_pngs", counted)
    try:
        portal = prepare(project, tmp_path / "cache", workers=1)
    finally:
        release()
    finnish, swedish = (edition.site for edition in portal.editions)
    assert len(passes) == 1
    assert len(passes[0]) == len(finnish.charts) + len(swedish.charts) > 0
    assert finnish.images.keys() == swedish.images.keys() == finnish.charts.keys()
    for name in finnish.images:  # each language's own words over the chart
        assert finnish.images[name].file != swedish.images[name].file


def test_the_pages_reference_values_are_made_in_turn_with_a_copy_and_name_every_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pages' reference values (``pages.reference``) are made in turns by this process
    and a copy of it (here the copy is slowed, so this process takes most), each hashed and let
    go. Each page of each language is named by the hash of its reference values as one process
    makes them alone, with the translations, the settings and the language's tag; it is
    planned at the address and with the languages it is made with."""
    project = tmp_path / "portal"
    shutil.copytree(
        FIXTURES / "two-languages", project, ignore=shutil.ignore_patterns(".okr-cache")
    )
    build_process, makers = os.getpid(), build._reference_makers
    made_here: list[int] = []

    def slowed(reference: Site) -> tuple[list[PageMaker], list[PageMaker]]:
        def made_slowly(make: PageMaker) -> Page:
            if os.getpid() == build_process:
                made_here.append(1)
            time.sleep(0.002 if os.getpid() == build_process else 0.02)
            return make()

        pages, embeds = makers(reference)
        return [partial(made_slowly, m) for m in pages], [partial(made_slowly, m) for m in embeds]

    monkeypatch.setattr(build, "_reference_makers", slowed)
    monkeypatch.setattr(build, "_PAGES_A_TURN", 1)
    try:
        portal = prepare(project, tmp_path / "cache", workers=1)
    finally:
        release()
    sites = [edition.site for edition in portal.editions]
    pages, embeds = makers(reference_site(sites))
    alone = [Named.hashed(make()) for make in (*pages, *embeds)]
    assert len(alone) // 2 < len(made_here) < len(alone)  # most here, some in the copy
    others = other_inputs(sites)
    for edition in portal.editions:
        planned = (*edition.pages, *edition.embeds)
        named = alone[1:] if edition.site.root == "" else alone  # the engine's home page
        assert [p.digest() for p in planned] == [
            page_digest(reference, others, edition.tag) for reference in named
        ]
        for page in planned:
            made = page.made()
            assert (made.path, made.languages) == (page.path, page.languages)
    finnish, swedish = portal.editions
    assert not {p.digest() for p in finnish.pages} & {p.digest() for p in swedish.pages}


def test_where_no_page_is_cached_this_process_renders_pages_in_turn_with_the_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A build whose cache holds no page renders every page: once its exports are made, this
    process takes pages to render in turn with the copy that writes them (here the copy is
    slowed, and this process makes no export first, so it takes most); each page once, and
    the cache left holding every page of the site, its own and the copy's."""
    project = tmp_path / "portal"
    shutil.copytree(
        FIXTURES / "two-languages", project, ignore=shutil.ignore_patterns(".okr-cache")
    )
    log = tmp_path / "rendered.log"  # appended to by both processes
    build_process, write = os.getpid(), RenderedPages.write

    def logged(
        self: RenderedPages, out: SiteFolder, page: PlannedPage, context: bytes, make: Any
    ) -> None:
        def rendered() -> str:
            if os.getpid() != build_process:
                time.sleep(0.02)
            with log.open("a", encoding="utf-8") as file:
                file.write(f"{os.getpid()} {page.path}\n")
            return str(make())

        write(self, out, page, context, rendered)

    monkeypatch.setattr(RenderedPages, "write", logged)
    monkeypatch.setattr(build, "_PAGES_A_TURN", 1)
    monkeypatch.setattr(build, "EXPORTS", ())  # this process free to render from the start
    cache = tmp_path / "cache"
    try:
        engine.build(project, tmp_path / "site", None, cache)
    finally:
        release()
    lines = [line.split(" ", 1) for line in log.read_text(encoding="utf-8").splitlines()]
    paths = [path for _, path in lines]
    here = [path for pid, path in lines if pid == str(build_process)]
    assert len(paths) == len(set(paths))  # each page once
    assert len(paths) // 2 < len(here) < len(paths)  # most here, some in the copy
    assert {p.split("/")[0] for p in paths} >= {"embed", "sv", "key-results"}
    assert len(list((cache / "pages").glob("*/*.html"))) == len(paths)
