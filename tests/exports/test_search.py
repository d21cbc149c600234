"""The Pagefind index (generator.exports.search), read back from the files it wrote: which
pages it holds, with what text, in which language; and the A-Z index, the way in without
JavaScript."""

from __future__ import annotations

import gzip
import html
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.exports.search import ENTRY, FOLDER, UNUSED, Form, _put_together, index_pages
from generator.i18n.collation import sort_key
from generator.load.project import Project, load_project
from generator.output import SiteFolder
from generator.pages import urls
from generator.pages.search_form import SearchForms, form_key, search_form
from tests.conftest import FIXTURES
from tests.test_cli import all_files


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


def indexed_texts(site: Path, read: str = "form") -> dict[str, str]:
    """The pages of ``site`` Pagefind indexed, by their address from the site's root: each
    whole (``read="page"``) or as its search form."""
    texts = {}
    for url in fragments(site):
        page = (site / url.lstrip("/") / "index.html").read_text(encoding="utf-8")
        text = page if read == "page" else search_form(page)
        assert text is not None, url
        texts[url.lstrip("/")] = text
    return texts


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


def test_the_languages_indexed_apart_make_the_files_of_one_run_over_them_all(
    two_languages_site: Path, tmp_path: Path
) -> None:
    """index_pages runs a Pagefind for each language's forms, side by side: put together, their
    files are those one Pagefind writes when it reads every form, and the entry lists both."""
    forms = indexed_texts(two_languages_site)
    out = SiteFolder(tmp_path / "apart")
    out.root.mkdir()
    made = {path: Form(form_key(form), form) for path, form in forms.items()}
    index_pages(made, SearchForms(tmp_path / "cache"), out)
    together = tmp_path / "together"
    for path, form in forms.items():
        (together / path).mkdir(parents=True, exist_ok=True)
        (together / path / "index.html").write_text(form, encoding="utf-8")
    one_run = tmp_path / "one-run"
    pagefind = [sys.executable, "-m", "pagefind", "--site", str(together)]
    subprocess.run([*pagefind, "--output-path", str(one_run), "--quiet"], check=True)
    apart = all_files(out.root / FOLDER)
    whole = {name: data for name, data in all_files(one_run).items() if not name.startswith(UNUSED)}
    entry, whole_entry = json.loads(apart.pop(ENTRY)), json.loads(whole.pop(ENTRY))
    assert entry == whole_entry and list(entry["languages"]) == ["fi", "sv"]
    assert apart == whole


def an_index(folder: Path, languages: list[str], script: str) -> Path:
    """The files of a Pagefind run, as far as putting indexes together reads them."""
    folder.mkdir(parents=True)
    entry = {"version": "1", "languages": {tag: {"hash": tag} for tag in languages}}
    (folder / ENTRY).write_text(json.dumps(entry), encoding="utf-8")
    (folder / "pagefind.js").write_text(script, encoding="utf-8")
    return folder


def test_indexes_are_put_together_only_where_they_agree(tmp_path: Path) -> None:
    first = an_index(tmp_path / "first", ["sv"], "the script")
    second = an_index(tmp_path / "second", ["fi"], "the script")
    _put_together([first, second], tmp_path / "site")
    assert json.loads((tmp_path / "site" / ENTRY).read_text())["languages"] == {
        "fi": {"hash": "fi"},
        "sv": {"hash": "sv"},
    }
    twice = [an_index(tmp_path / "twice" / name, ["sv"], "the script") for name in "ab"]
    with pytest.raises(RuntimeError, match="'sv' in two indexes"):
        _put_together(twice, tmp_path / "twice" / "site")
    unlike = [an_index(tmp_path / "unlike" / tag, [tag], tag) for tag in ("fi", "sv")]
    with pytest.raises(RuntimeError, match=r"different files pagefind\.js"):
        _put_together(unlike, tmp_path / "unlike" / "site")


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
