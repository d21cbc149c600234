"""Every page of a fresh build of the sample, not one of each kind: axe in light and dark
colours, the skip link first by keyboard, reflow at 320 CSS pixels."""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser

from tests.browser.conftest import WCAG_AA


def every_page(site: Path) -> list[str]:
    """The address of every page but the redirects of former ids (they only send on)."""
    pages = []
    for file in sorted(site.rglob("index.html")):
        if 'http-equiv="refresh"' in file.read_text(encoding="utf-8"):
            continue
        folder = file.parent.relative_to(site).as_posix()
        pages.append("" if folder == "." else folder + "/")
    return pages


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_passes_axe(
    browser: Browser, base_url: str, sample_site: Path, scheme: str
) -> None:
    pages = every_page(sample_site)
    assert len(pages) > 200
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    axe = Axe()
    found = {}
    for path in pages:
        page.goto(base_url + path)
        result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
        if result.response["violations"]:
            found[path] = [v["id"] for v in result.response["violations"]]
    context.close()
    assert found == {}


def test_every_page_starts_with_its_skip_link_and_reflows_at_320_pixels(
    browser: Browser, base_url: str, sample_site: Path
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    first_stop, too_wide = {}, {}
    for path in every_page(sample_site):
        page.goto(base_url + path)
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.className")
        if "md-skip" not in focused:
            first_stop[path] = focused
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[path] = width
    context.close()
    assert first_stop == {}
    assert too_wide == {}
