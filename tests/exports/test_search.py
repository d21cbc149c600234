"""The Pagefind index (generator.exports.search), read back from the files it wrote: which
pages it holds, with what text, in which language; and the A-Z index, the way in without
JavaScript."""

from __future__ import annotations

import gzip
import html
import json
import re
from pathlib import Path
from typing import Any

from generator.exports.search import FOLDER
from generator.i18n.collation import sort_key
from generator.load.project import Project, load_project
from generator.pages import urls
from tests.conftest import FIXTURES


def fragments(site: Path) -> dict[str, dict[str, Any]]:
    """Every page Pagefind indexed, by its address: its text, title and language."""
    found = {}
    for file in sorted((site / FOLDER / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(file.read_bytes()).removeprefix(b"pagefind_dcd")
        fragment = json.loads(data)
        fragment["language"] = file.name.split("_")[0]
        assert fragment["url"] not in found, f"{fragment['url']} indexed twice"
        found[fragment["url"]] = fragment
    return found


def a_word_of(text: str) -> str:
    return next(w for w in re.findall(r"[^\W\d_]{6,}", text))


def test_every_page_is_found_by_its_own_words_and_not_by_the_menu(
    sample: Project, sample_site: Path
) -> None:
    indexed = fragments(sample_site)
    data = sample.dataset
    wanted = {
        urls.HOME,
        "about/",
        "updates/",
        urls.PERIODS,
        urls.THEMES,
        *(urls.unit(u) for u in data.units),
        *(urls.objective(o) for o in data.objectives),
        *(urls.key_result(k) for k in data.key_results),
        *(urls.theme(t) for t in data.themes),
        *(urls.level(level) for level in data.levels),
    }
    assert {"/" + path for path in wanted} <= set(indexed)
    # Not the pages that only lead elsewhere, not a redirect, not the 404 page.
    assert not {"/" + urls.SEARCH, "/" + urls.A_Z} & set(indexed)
    renamed = next(o for o in data.objectives.values() if o.formerly)
    assert "/" + urls.objective(renamed.formerly[0]) not in indexed
    assert not [url for url in indexed if "404" in url or "_okr-shell" in url]
    assert any(url.startswith("/updates/2026-") for url in indexed)  # a post
    objective = next(o for o in data.objectives.values() if o.description and o.key_results)
    fragment = indexed["/" + urls.objective(objective.id)]
    assert fragment["meta"]["title"] == objective.title
    assert a_word_of(objective.description) in fragment["content"]
    assert data.key_results[objective.key_results[0]].title in fragment["content"]
    # The page's own content only: neither the skip link, nor the menu, nor the breadcrumbs.
    for chrome in ("Skip to content", "Accessibility statement", "Breadcrumb"):
        assert chrome not in fragment["content"]
    assert not (sample_site / "search" / "search_index.json").exists()  # Material's is gone


def test_each_language_has_an_index_of_its_own_pages(two_languages_site: Path) -> None:
    project = load_project(FIXTURES / "two-languages")
    entry = json.loads((two_languages_site / FOLDER / "pagefind-entry.json").read_text())
    assert set(entry["languages"]) == {"fi", "sv"}
    indexed = fragments(two_languages_site)
    assert all((f["language"] == "sv") == url.startswith("/sv/") for url, f in indexed.items())
    objective = next(
        o for o in project.dataset.objectives.values() if o.translations.get("title", "sv")
    )
    swedish = indexed["/sv/" + urls.objective(objective.id)]
    assert swedish["meta"]["title"] == objective.translations.get("title", "sv")


def links_of(page: str) -> list[str]:
    return re.findall(r'<li><a href="\.\./([^"#]+)">', page)


def test_the_a_z_index_lists_every_unit_objective_and_key_result(
    sample: Project, sample_site: Path
) -> None:
    page = (sample_site / urls.A_Z / "index.html").read_text(encoding="utf-8")
    data = sample.dataset
    listed = links_of(page)
    wanted = [
        *(urls.unit(u) for u in data.units),
        *(urls.objective(o) for o in data.objectives),
        *(urls.key_result(k) for k in data.key_results),
    ]
    assert sorted(listed) == sorted(wanted)
    search = (sample_site / urls.SEARCH / "index.html").read_text(encoding="utf-8")
    assert f'href="../{urls.A_Z}"' in search  # the way in when search cannot run
    assert re.search(r"<noscript><p>[^<]*A–Z index", search)  # noqa: RUF001 (a dash, meant)


def test_the_a_z_index_is_in_each_language_s_alphabetical_order(two_languages_site: Path) -> None:
    for root, tag in (("", "fi"), ("sv/", "sv")):
        page = (two_languages_site / root / urls.A_Z / "index.html").read_text(encoding="utf-8")
        titles = re.findall(r'<li><a href="[^"#]+">([^<]+)</a> <span', page)
        plain = [html.unescape(t) for t in titles]
        assert plain == sorted(plain, key=lambda t: sort_key(t, tag)), tag
        letters = re.findall(r'<h2 id="letter-\d+">([^<]+)</h2>', page)
        assert letters == sorted(set(letters), key=lambda t: sort_key(t, tag))
