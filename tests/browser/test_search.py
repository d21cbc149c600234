"""Search in Debian's Chromium: the search page answers from Pagefind's static index as a
reader types, says how many results it found in a live region, asks nothing of another host,
passes axe in light and dark colours; without JavaScript it leads to the A-Z index."""

from __future__ import annotations

import re
from collections import Counter

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from generator.load.project import Project, load_project
from generator.model import Dataset
from generator.pages import urls
from tests.browser.conftest import WCAG_AA, Served, as_without_javascript
from tests.conftest import FIXTURES

WORD = re.compile(r"[^\W\d_]{7,}")


def words_of(dataset: Dataset, tag: str | None = None) -> dict[str, list[str]]:
    """Each objective's description's long words, in the language ``tag`` (default: as read)."""
    described = {}
    for objective in dataset.objectives.values():
        text = objective.description
        if tag is not None:
            text = objective.translations.get("description", tag) or ""
        described[objective.id] = sorted(set(WORD.findall(text.lower())))
    return described


def a_word_of_one_description(dataset: Dataset, tag: str | None = None) -> tuple[str, str]:
    """An objective and a word of its description that no other objective's description,
    nor any title of the data, has."""
    described = words_of(dataset, tag)
    counts = Counter(word for words in described.values() for word in words)
    titles = " ".join(
        [o.title for o in dataset.objectives.values()]
        + [k.title for k in dataset.key_results.values()]
        + [u.name for u in dataset.units.values()]
    ).lower()
    for objective_id, words in described.items():
        for word in words:
            if counts[word] == 1 and word not in titles:
                return objective_id, word
    raise AssertionError("no objective has a word of its own")


def search(page: Page, base: str, word: str) -> list[str]:
    """Types ``word`` key by key into the search page at ``base``; the results' full addresses."""
    page.goto(base + urls.SEARCH)
    page.click("#okr-search-field")
    page.keyboard.type(word, delay=20)
    status = page.locator("#okr-search-status")
    status.filter(has_text=word).wait_for(timeout=30_000)
    return [
        str(link.evaluate("a => a.href"))
        for link in page.locator("#okr-search-results li > a").all()
    ]


def test_a_word_of_one_objective_s_description_finds_it_and_is_announced(
    browser: Browser, base_url: str, sample: Project
) -> None:
    objective_id, word = a_word_of_one_description(sample.dataset)
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda request, asked=requested: asked.append(request.url))
        found = search(page, base_url, word)
        assert base_url + urls.objective(objective_id) in found, (word, found)
        status = page.locator("#okr-search-status")
        assert status.get_attribute("aria-live") == "polite"
        assert status.get_attribute("role") == "status"
        said = re.fullmatch(rf"(\d+) results? for “{word}”", status.inner_text())
        assert said and int(said.group(1)) == len(found), status.inner_text()  # at most 10 shown
        # The found word is marked in the result's excerpt: the word, or the stem searched by.
        marked = page.locator("#okr-search-results mark").first.inner_text().lower()
        assert len(marked) >= 4 and (marked.startswith(word) or word.startswith(marked)), marked
        assert [url for url in requested if not url.startswith(base_url)] == []
        assert any("/pagefind/" in url for url in requested)
        result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
        assert result.response["violations"] == [], (scheme, result.generate_report())
        context.close()


def test_a_search_in_the_address_is_answered_and_a_word_of_nothing_says_so(
    page: Page, base_url: str
) -> None:
    page.goto(base_url + urls.SEARCH + "?q=budget")
    status = page.locator("#okr-search-status")
    status.filter(has_text="budget").wait_for(timeout=30_000)
    assert page.locator("#okr-search-field").input_value() == "budget"
    page.fill("#okr-search-field", "")
    page.keyboard.type("zqxjkvw", delay=20)
    status.filter(has_text="No results for “zqxjkvw”").wait_for(timeout=30_000)
    assert page.locator("#okr-search-results li").count() == 0


def test_each_language_searches_its_own_pages(page: Page, served: Served) -> None:
    if not (served.site / "sv").is_dir():
        return  # the sample has one language; the two-language fixture has two
    project = load_project(FIXTURES / "two-languages")
    objective_id, word = a_word_of_one_description(project.dataset, "sv")
    found = search(page, served.url + "sv/", word)
    assert served.url + "sv/" + urls.objective(objective_id) in found, (word, found)
    assert all(url.startswith(served.url + "sv/") for url in found)
    assert page.locator("html").get_attribute("lang") == "sv"


def test_without_javascript_the_search_page_leads_to_the_a_z_index(
    browser: Browser, base_url: str
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + urls.SEARCH)
    assert "Search needs JavaScript, which is off." in page.locator("article").inner_text()
    page.get_by_role("link", name="A–Z index").last.click()  # noqa: RUF001 (a dash, meant)
    assert page.url == base_url + urls.A_Z
    assert page.locator("h1").inner_text() == "A–Z index"  # noqa: RUF001 (a dash, meant)
    context.close()


def test_the_a_z_index_passes_axe_without_javascript(page: Page, base_url: str) -> None:
    page.goto(base_url + urls.A_Z)
    as_without_javascript(page)
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert result.response["violations"] == [], result.generate_report()
