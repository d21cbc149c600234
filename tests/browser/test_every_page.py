"""Every page of a fresh build of the sample and of the two-language fixture, not one of each
kind: axe in light and dark colours, the skip link first by keyboard, reflow at 320 CSS
pixels, the focus seen at every stop of the keyboard."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from tests.browser.conftest import WCAG_AA, Served, as_without_javascript
from tests.browser.focus import focus_problems, focus_walk

#: Tab stops looked at on each page: the page's chrome (skip link, header, menu: about 16 on a
#: wide screen) and the first two dozen of its own. The sample's pages have 30 (median), 241 at
#: most (the A-Z index): 40 takes in four stops in five, and every page's in 70 of 229. Every
#: stop of a page of each kind is looked at in test_in_chromium.py, on a narrow screen and
#: without JavaScript.
FOCUS_STOPS = 40


def every_page(site: Path) -> list[str]:
    """The address of every page but the redirects of former ids (they only send on), and the
    page of an address that is not there."""
    pages = []
    for file in sorted(site.rglob("index.html")):
        if 'http-equiv="refresh"' in file.read_text(encoding="utf-8"):
            continue
        folder = file.parent.relative_to(site).as_posix()
        pages.append("" if folder == "." else folder + "/")
    return [*pages, "404.html"]


def is_embed(path: str) -> bool:
    """A page made to be shown in an <iframe> on another site, in any language."""
    return path.startswith("embed/") or "/embed/" in path


def test_every_page_includes_the_embeds(served: Served) -> None:
    pages = every_page(served.site)
    embeds = {path.replace("embed/", "", 1) for path in pages if is_embed(path)}
    key_results = {
        path
        for path in pages
        if not is_embed(path) and re.fullmatch(r"([a-z-]+/)?key-results/[^/]+/", path)
    }
    assert key_results and embeds == key_results


@pytest.mark.parametrize("embeds", [False, True], ids=["pages", "embeds"])
@pytest.mark.parametrize(
    ("scheme", "javascript"),
    [("light", True), ("dark", True), ("dark", False)],
    ids=["light", "dark", "dark-without-javascript"],
)
def test_every_page_passes_axe(
    browser: Browser,
    served: Served,
    scheme: Literal["light", "dark"],
    javascript: bool,
    embeds: bool,
) -> None:
    """Without JavaScript the stylesheet alone follows the device's colours. The embeds are
    checked apart (``-k embeds``): each is a whole document of its own, with its own styles."""
    pages = [path for path in every_page(served.site) if is_embed(path) == embeds]
    assert len(pages) > (0 if embeds else served.least_pages)  # embeds: counted above
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    axe = Axe()
    found = {}
    for path in pages:
        page.goto(served.url + path)
        if not javascript:
            as_without_javascript(page)
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
        if result.response["violations"]:
            found[path] = [v["id"] for v in result.response["violations"]]
    context.close()
    assert found == {}


def test_every_page_starts_with_its_skip_link_and_reflows_at_320_pixels(
    browser: Browser, served: Served
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    first_stop, too_wide = {}, {}
    for path in every_page(served.site):
        page.goto(served.url + path)
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.className")
        # An embed (embed/key-results/<id>/) is a key result alone, shown inside another
        # site's page: it has no menu or header to skip, its one link comes straight after
        # the chart, and a skip link would be a second stop in the host page's tab order.
        if "md-skip" not in focused and not is_embed(path):
            first_stop[path] = focused
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[path] = width
    context.close()
    assert first_stop == {}
    assert too_wide == {}


def test_every_page_shows_where_the_focus_is(browser: Browser, served: Served) -> None:
    """At each Tab stop the focused element is on the screen, not covered, and marked by a ring
    of 2 CSS pixels or another change of look (tests/browser/focus.py); embeds included, which
    have their own styles."""
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    stops, found = {}, {}
    for path in every_page(served.site):
        page.goto(served.url + path)
        walk = focus_walk(page, FOCUS_STOPS)
        stops[path], problems = len(walk), focus_problems(walk)
        if problems:
            found[path] = problems
    context.close()
    # The walk went past the chrome on every page, and reached an embed's link.
    assert min(made for path, made in stops.items() if not is_embed(path)) >= 10
    assert min(made for path, made in stops.items() if is_embed(path)) >= 1
    assert found == {}
