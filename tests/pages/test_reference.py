"""One name a page for all its languages (``generator.pages.reference``): a build that takes
pages from the cache by their reference values publishes what a build without a cache
publishes, whatever a data commit changed, in every language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.pages.test_rendered import build, data_pages
from tests.test_cli import all_files

#: Commits to the two-language portal (Finnish by default, Swedish beside it), each a file and
#: a text in it replaced: what each changes differs in the two languages, or in one alone.
COMMITS = (
    ("a figure", "data/checkins/2026.csv", "2026-06-30,hoitoon-paasy,11,", "2026-06-30,hoitoon-paasy,10,"),
    ("a target", "data/okrs/2026/sote.yml", "target: 7", "target: 6"),
    ("a Finnish title", "data/okrs/2026/sote.yml", "fi: Hoitoon pääsy, mediaani", "fi: Hoitoon pääsy (mediaani)"),
    ("a Swedish title alone", "data/okrs/2026/sote.yml", "sv: Tillgång till vård, median", "sv: Väntetid till vård, median"),
    ("a Swedish unit of measure", "data/okrs/2026/sote.yml", "sv: dagar", "sv: dygn"),
    ("a text given a Swedish translation", "data/units.yml", "name: Tekninen toimi", "name: {fi: Tekninen toimi, sv: Tekniska sektorn}"),
    ("a Swedish level label", "site_config.yml", "sv: Sektorer", "sv: Förvaltningar"),
    ("a period's Swedish label", "data/periods.yml", "sv: År 2026", "sv: Året 2026"),
)  # fmt: skip


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    project = tmp_path / "portal"
    shutil.copytree(
        FIXTURES / "two-languages", project, ignore=shutil.ignore_patterns(".okr-cache")
    )
    return project


def commit(project: Path, file: str, old: str, new: str) -> None:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (file, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_after_each_commit_the_cached_build_publishes_what_a_build_without_a_cache_does(
    portal: Path, tmp_path: Path
) -> None:
    build(portal, tmp_path / "first")
    for number, (what, file, old, new) in enumerate(COMMITS):
        before = data_pages(tmp_path / ("first" if number == 0 else f"cached-{number - 1}"), portal)
        commit(portal, file, old, new)
        _, rendered, _, _ = build(portal, tmp_path / f"cached-{number}")
        after = data_pages(tmp_path / f"cached-{number}", portal)
        assert rendered >= sum(after[name] != before.get(name) for name in after), what
        build(portal, tmp_path / f"cold-{number}", "--no-cache")
        cached, cold = (
            all_files(tmp_path / f"cached-{number}"),
            all_files(tmp_path / f"cold-{number}"),
        )
        assert sorted(cached) == sorted(cold), what
        assert [name for name in cached if cached[name] != cold[name]] == [], what


def test_a_translation_changed_alone_is_published_in_its_language(
    portal: Path, tmp_path: Path
) -> None:
    build(portal, tmp_path / "before")
    commit(portal, "data/okrs/2026/sote.yml", "sv: Tillgång till vård, median", "sv: Väntetid")
    _, rendered, _, _ = build(portal, tmp_path / "after")
    assert rendered > 0
    swedish = tmp_path / "after" / "sv" / "key-results" / "hoitoon-paasy" / "index.html"
    finnish = tmp_path / "after" / "key-results" / "hoitoon-paasy" / "index.html"
    assert "Väntetid" in swedish.read_text(encoding="utf-8")
    assert "Tillgång till vård" not in swedish.read_text(encoding="utf-8")
    assert (
        finnish.read_bytes()
        == (tmp_path / "before" / "key-results" / "hoitoon-paasy" / "index.html").read_bytes()
    )


def test_pages_whose_values_did_not_change_are_not_rendered_in_either_language(
    portal: Path, tmp_path: Path
) -> None:
    """A figure changed: the pages that show it are rendered again in both languages, and no
    other page (their reference values are as they were)."""
    build(portal, tmp_path / "before")
    before = data_pages(tmp_path / "before", portal)
    commit(portal, *COMMITS[0][1:])
    _, rendered, _, _ = build(portal, tmp_path / "after")
    after = data_pages(tmp_path / "after", portal)
    differ = sorted(name for name in after if after[name] != before[name])
    assert rendered == len(differ) < len(after) / 2
    assert {
        "key-results/hoitoon-paasy/index.html",
        "sv/key-results/hoitoon-paasy/index.html",
    } <= set(differ)
