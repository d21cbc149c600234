"""Pages and charts kept between builds: what a second build renders again, counted."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from generator.pages.search_form import FORMS
from tests.conftest import FIXTURES
from tests.exports.test_search import fragments
from tests.test_cli import all_files, minimal, okr_portal

__all__ = ["minimal"]  # the fixture, shared with the CLI's tests

SUMMARY = re.compile(
    r"Built .*: (\d+) data pages, (\d+) pages rendered \(embeds included\), (\d+) charts "
    r"rendered and (\d+) reused"
)


def build(project: Path, out: Path, *options: str) -> tuple[int, int, int, int]:
    """Build ``project`` into ``out``: data pages written, pages rendered, charts rendered
    and charts taken from the cache, as the build's summary line says."""
    done = okr_portal("build", "--project", str(project), "--out", str(out), *options)
    assert done.returncode == 0, done.stderr
    found = SUMMARY.search(done.stdout)
    assert found is not None, done.stdout
    pages, rendered, charts, reused = (int(n) for n in found.groups())
    return pages, rendered, charts, reused


def cache_files(project: Path) -> dict[str, tuple[int, int]]:
    cache = project / ".okr-cache"
    return {
        p.relative_to(cache).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in cache.rglob("*")
        if p.is_file()
    }


def data_pages(site: Path, project: Path) -> dict[str, bytes]:
    """The site's pages that the build wrote from its page cache (not the engine's own)."""
    cached = {p.read_bytes() for p in (project / ".okr-cache" / "pages").glob("*/*.html")}
    return {
        name: body
        for name, body in all_files(site).items()
        if name.endswith(".html") and body in cached
    }


def change_row(checkins: Path, row: str, value: str) -> None:
    """The check-in beginning with ``row`` (date, key result, value) given another ``value``."""
    text = checkins.read_text(encoding="utf-8")
    changed = text.replace(row, row[: row.rindex(",", 0, -1) + 1] + value)
    assert changed != text
    checkins.write_text(changed, encoding="utf-8")


def test_a_second_build_renders_no_chart_and_no_page(minimal: Path, tmp_path: Path) -> None:
    pages, rendered, charts, reused = build(minimal, tmp_path / "one")
    assert charts > 0 and reused == 0
    assert rendered > pages  # the data pages and the embeds of key results
    again = build(minimal, tmp_path / "two")
    assert again == (pages, 0, 0, charts)
    assert all_files(tmp_path / "one") == all_files(tmp_path / "two")


def test_a_changed_checkin_renders_its_chart_and_only_the_pages_that_show_it(
    minimal: Path, tmp_path: Path
) -> None:
    build(minimal, tmp_path / "before")
    before = data_pages(tmp_path / "before", minimal)
    index_before = sorted((minimal / ".okr-cache" / "search").iterdir())
    change_row(minimal / "data" / "checkins" / "q2.csv", "2026-05-31,roads-resurfaced-km,4,", "5,")

    _, rendered, charts, reused = build(minimal, tmp_path / "after")

    assert charts == 2  # the key result's chart, drawn wide and narrow; no other
    assert reused > 0
    after = data_pages(tmp_path / "after", minimal)
    assert sorted(after) == sorted(before)
    differ = sorted(name for name in after if after[name] != before[name])
    # Every page rendered again shows something that changed, and every page that changed was
    # rendered again: the counts are the same.
    assert rendered == len(differ)
    assert "key-results/roads-resurfaced-km/index.html" in differ
    assert "embed/key-results/roads-resurfaced-km/index.html" in differ
    assert "key-results/roads-repair-days/index.html" not in differ
    assert len(differ) < len(after) / 2
    # Only figures changed, and search reads none of them (pages.search_form): the search
    # index was linked as it was, not made again.
    index_after = sorted((minimal / ".okr-cache" / "search").iterdir())
    assert len(index_after) == 1 and index_after == index_before
    assert all_files(tmp_path / "after" / "pagefind") == all_files(tmp_path / "before" / "pagefind")


def test_in_two_languages_a_changed_checkin_renders_the_pages_that_show_it_in_each(
    tmp_path: Path,
) -> None:
    """The second language's pages are made in a forked copy of the build, which sends back
    only the hash of each page's values (``generator.build``): a page it names as cached is
    linked, a changed one is made again and rendered as a build without a cache renders it."""
    project = tmp_path / "portal"
    shutil.copytree(
        FIXTURES / "two-languages", project, ignore=shutil.ignore_patterns(".okr-cache")
    )
    build(project, tmp_path / "before")
    assert build(project, tmp_path / "again")[1] == 0
    before = data_pages(tmp_path / "before", project)
    change_row(project / "data" / "checkins" / "2026.csv", "2026-06-30,hoitoon-paasy,11,", "12,")

    _, rendered, _, _ = build(project, tmp_path / "after")

    after = data_pages(tmp_path / "after", project)
    differ = sorted(name for name in after if after[name] != before[name])
    assert rendered == len(differ) < len(after) / 2
    assert "key-results/hoitoon-paasy/index.html" in differ
    assert "sv/key-results/hoitoon-paasy/index.html" in differ
    assert "sv/embed/key-results/hoitoon-paasy/index.html" in differ
    build(project, tmp_path / "cold", "--no-cache")
    assert all_files(tmp_path / "after") == all_files(tmp_path / "cold")


def test_a_changed_title_makes_the_search_index_again(minimal: Path, tmp_path: Path) -> None:
    build(minimal, tmp_path / "before")
    index_before = sorted((minimal / ".okr-cache" / "search").iterdir())
    okrs = minimal / "data" / "okrs" / "2026-Q2" / "roads.yml"
    text = okrs.read_text(encoding="utf-8")
    okrs.write_text(text.replace("to repair a reported pothole", "to mend a pothole"), "utf-8")
    # Every kept search form damaged: made again, not trusted.
    for kept in (minimal / ".okr-cache" / FORMS).glob("*/*.html"):
        kept.write_text("<p>damaged</p>", encoding="utf-8")

    build(minimal, tmp_path / "after")

    index_after = sorted((minimal / ".okr-cache" / "search").iterdir())
    assert len(index_after) == 1 and index_after != index_before  # made again, kept alone
    found = fragments(tmp_path / "after")["/key-results/roads-repair-days/"]
    assert found["meta"]["title"] == "Days to mend a pothole"
    assert "reported" not in found["content"]
    build(minimal, tmp_path / "fresh", "--no-cache")
    assert all_files(tmp_path / "after" / "pagefind") == all_files(tmp_path / "fresh" / "pagefind")


def test_no_cache_renders_every_chart_and_page_and_leaves_the_cache_alone(
    minimal: Path, tmp_path: Path
) -> None:
    pages, rendered, charts, _ = build(minimal, tmp_path / "one")
    kept = cache_files(minimal)
    again = build(minimal, tmp_path / "two", "--no-cache")
    assert again == (pages, rendered, charts, 0)
    assert cache_files(minimal) == kept
    assert all_files(tmp_path / "one") == all_files(tmp_path / "two")


def test_a_changed_template_renders_the_pages_again(minimal: Path, tmp_path: Path) -> None:
    """The page cache's key holds the templates (the publisher's own in ``theme/``) as well as
    each page's values: a changed template is never hidden by a cached page."""
    _, rendered, _, _ = build(minimal, tmp_path / "one")
    override = minimal / "theme" / "okr" / "partials"
    override.mkdir(parents=True)
    source = Path(__file__).resolve().parents[2] / "theme" / "okr" / "partials" / "feedback.html"
    (override / "feedback.html").write_text(
        source.read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    assert build(minimal, tmp_path / "two")[1] == rendered


def test_a_page_changed_in_the_published_folder_is_not_published_again(
    minimal: Path, tmp_path: Path
) -> None:
    """The site's pages are hard links into the cache: one changed where it was published
    (a minifier, a hand edit) no longer matches its check and is rendered anew."""
    build(minimal, tmp_path / "one")
    published = all_files(tmp_path / "one")
    page = tmp_path / "one" / "key-results" / "roads-repair-days" / "index.html"
    with page.open("r+b") as handle:  # in place, as most tools write
        handle.write(b"<!-- changed -->")
    _, rendered, _, _ = build(minimal, tmp_path / "two")
    assert rendered == 1
    assert all_files(tmp_path / "two") == published
