"""A portal in two languages (``tests/fixtures/two-languages``: Finnish, the default, and
Swedish): every page in both, linked to each other, marked with its language, and text the
data has only in Finnish marked as Finnish on the Swedish pages."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit


def pages_of(site: Path) -> dict[str, str]:
    """Address -> HTML of every page (``sv/units/sote/``; the home page is ``""``), but the
    redirects of former addresses."""
    found = {}
    for file in sorted(site.rglob("index.html")):
        folder = file.parent.relative_to(site).as_posix()
        html = file.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' not in html:
            found["" if folder == "." else folder + "/"] = html
    return found


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of ``<title>``."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def parsed(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def html_lang(html: str) -> str:
    match = re.search(r'<html lang="([^"]+)"', html)
    assert match
    return match.group(1)


def test_every_data_page_is_published_in_both_languages(two_languages_site: Path) -> None:
    pages = pages_of(two_languages_site)
    swedish = {path.removeprefix("sv/") for path in pages if path.startswith("sv/")}
    finnish = {path for path in pages if not path.startswith("sv/")}
    assert len(swedish) > 15
    # The publisher's own pages beyond the home page are in the default language alone.
    assert finnish - swedish == {"tietoa/"}
    assert swedish <= finnish
    for path, html in pages.items():
        assert html_lang(html) == ("sv" if path.startswith("sv/") else "fi"), path


def test_every_page_names_every_language_for_search_engines(two_languages_site: Path) -> None:
    for path, html in pages_of(two_languages_site).items():
        alternates = {
            attrs["hreflang"]: attrs["href"]
            for tag, attrs in parsed(html).tags
            if tag == "link" and attrs.get("rel") == "alternate" and "hreflang" in attrs
        }
        twin = path.removeprefix("sv/")
        if twin.startswith("embed/"):
            assert "noindex" in html  # kept out of search engines: no alternates to name
            continue
        if twin == "tietoa/":
            assert alternates == {}  # the publisher's page has no translation
            continue
        assert alternates == {
            "fi": "https://okr.example.fi/" + twin,
            "sv": "https://okr.example.fi/sv/" + twin,
        }, path


def test_every_page_links_its_other_language_and_every_link_resolves(
    two_languages_site: Path,
) -> None:
    site = two_languages_site
    for path, html in pages_of(site).items():
        tags = parsed(html).tags
        switch = [a for t, a in tags if t == "a" and "hreflang" in a]
        other = "fi" if path.startswith("sv/") else "sv"
        # An embed is a key result alone, inside another site's page: no chrome, no switcher.
        embedded = path.removeprefix("sv/").startswith("embed/")
        assert [a["hreflang"] for a in switch] == ([] if embedded else [other]), path
        assert embedded or switch[0]["lang"] == other
        if path == "tietoa/":  # in Finnish only: it links the Swedish home page
            assert switch[0]["href"] == "../sv/"
        for tag, attrs in tags:
            href = attrs.get("href") if tag in ("a", "link") else None
            if not href or href.startswith(("#", "mailto:")) or urlsplit(href).scheme:
                continue
            target = urlsplit(urljoin("http://x/" + path, href)).path.lstrip("/")
            file = site / target / "index.html" if target.endswith("/") or not target else None
            assert (file or site / target).is_file(), f"{path}: {href} goes nowhere"


def test_text_the_data_lacks_in_swedish_is_shown_in_finnish_and_marked(
    two_languages_site: Path,
) -> None:
    pages = pages_of(two_languages_site)
    translated = pages["sv/objectives/lyhyemmat-jonot/"]
    assert '<h1 id="okr-main" tabindex="-1">Kortare köer till hälsostationen</h1>' in translated
    untranslated = pages["sv/objectives/puhtaammat-kadut/"]
    assert '<h1 id="okr-main" tabindex="-1"><span lang="fi">Puhtaammat kadut</span></h1>' in (
        untranslated
    )
    # Markdown in Finnish only: a block marked as Finnish.
    assert (
        '<div lang="fi"><p>Kadut, puistot ja vesihuolto.</p></div>' in pages["sv/units/tekninen/"]
    )
    # The Finnish pages mark nothing: all of it is in their language.
    assert 'lang="fi"><' not in pages["objectives/puhtaammat-kadut/"].split("<h1")[1]
    # A level's heading from the settings, in Swedish where it has one.
    assert '<h1 id="okr-main" tabindex="-1">Sektorer</h1>' in pages["sv/levels/toimiala/"]
    assert '<span lang="fi">Kaupunki</span></h1>' in pages["sv/levels/kaupunki/"]
    # Units of measure and numbers follow the page's language.
    assert "dagar" in pages["sv/key-results/hoitoon-paasy/"]
    assert "päivää" in pages["key-results/hoitoon-paasy/"]


def test_a_mark_of_language_never_lands_inside_an_attribute_or_a_title(
    two_languages_site: Path,
) -> None:
    for path, html in pages_of(two_languages_site).items():
        tags = parsed(html)
        assert "<" not in tags.title, path
        for tag, attrs in tags.tags:
            assert not any("<span" in value for value in attrs.values()), (path, tag, attrs)


def test_material_speaks_the_page_language_and_the_menu_stays_in_it(
    two_languages_site: Path,
) -> None:
    pages = pages_of(two_languages_site)
    # The menu's way to search (Material's own search is off: generator.exports.search).
    assert re.search(
        r'href="[./]*(sv/)?search/"[^>]*>\s*(<span[^>]*>\s*)?Sök\b', pages["sv/units/sote/"]
    )
    assert re.search(r'href="[./]*search/"[^>]*>\s*(<span[^>]*>\s*)?Haku\b', pages["units/sote/"])
    menu = re.findall(r'href="([^"]+)" class="md-nav__link', pages["sv/units/sote/"])
    data_links = [href for href in menu if "levels/" in href or "periods/" in href]
    assert data_links and all("/sv/" in href for href in data_links)


def test_a_former_address_sends_on_in_its_language(two_languages_site: Path) -> None:
    for root, tag in (("", "fi"), ("sv/", "sv")):
        file = two_languages_site / f"{root}units/kaupunkitekniikka/index.html"
        redirect = file.read_text(encoding="utf-8")
        assert f'<html lang="{tag}">' in redirect
        target = re.search(r'url=([^"]+)"', redirect)
        assert target is not None
        moved_to = urljoin(f"http://x/{root}units/kaupunkitekniikka/", target.group(1))
        assert moved_to == f"http://x/{root}units/tekninen/"


def test_open_data_is_published_once(two_languages_site: Path) -> None:
    assert (two_languages_site / "downloads" / "key-results.csv").is_file()
    assert not (two_languages_site / "sv" / "downloads").exists()
    assert 'href="../downloads/key-results.csv"' in pages_of(two_languages_site)["sv/"]


def test_the_sitemap_names_each_page_in_both_languages(two_languages_site: Path) -> None:
    sitemap = (two_languages_site / "sitemap.xml").read_text(encoding="utf-8")
    entry = re.search(
        r"<url>\s*<loc>https://okr.example.fi/units/sote/</loc>(.*?)</url>", sitemap, re.S
    )
    assert entry is not None
    assert 'hreflang="sv" href="https://okr.example.fi/sv/units/sote/"' in entry.group(1)
    assert "<loc>https://okr.example.fi/sv/units/sote/</loc>" in sitemap
