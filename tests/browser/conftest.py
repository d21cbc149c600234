"""What the browser tests share: Debian's Chromium driven by Playwright (never a downloaded
browser) and the sample portal, built once, served on the loopback address."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(site: Path) -> Iterator[str]:
    """``site`` served on the loopback address; yields its base URL."""
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="module")
def base_url(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as url:
        yield url


@dataclass(frozen=True)
class Served:
    """A fresh build being served: the sample, or the two-language fixture."""

    site: Path
    url: str
    least_pages: int  # fewer pages than this means the build lost some


@pytest.fixture(scope="module", params=["sample", "two-languages"])
def served(request: pytest.FixtureRequest) -> Iterator[Served]:
    sample = request.param == "sample"
    site: Path = request.getfixturevalue("sample_site" if sample else "two_languages_site")
    with serve(site) as url:
        yield Served(site, url, 200 if sample else 35)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    opened = context.new_page()
    yield opened
    context.close()


def as_without_javascript(page: Page) -> None:
    """The page as Chromium shows it without JavaScript: Material's own script has not run, so
    its first (light) scheme stays and <html> keeps "no-js". Set back after load, so that axe,
    itself a script, can still check the result."""
    page.evaluate(
        """() => {
            document.documentElement.classList.replace('js', 'no-js');
            document.body.setAttribute('data-md-color-scheme', 'default');
        }"""
    )
