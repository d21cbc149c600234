"""``sitemap.xml`` listing every page, hand-written and generated, when the base URL is known.

In a portal of several languages each page names its versions in the other languages
(``xhtml:link rel="alternate" hreflang``), as search engines read them from a sitemap.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from markupsafe import escape

from generator.output import SiteFolder
from generator.pages import urls
from generator.pages.views.parts import LanguageLink, language_links
from generator.portal import Published

SITEMAP = "sitemap.xml"


def write(published: Published, out: SiteFolder) -> None:
    """Search engines learn every page's address; without a base URL there is no address."""
    settings = published.portal.site.settings
    if settings.base_url:
        versions = {page.path: page.languages for page in published.portal.pages()}
        versions[urls.HOME] = language_links(settings, settings.language, urls.HOME)
        out.write_text(SITEMAP, sitemap(settings.base_url, published.page_paths, versions))


def sitemap(
    base_url: str,
    paths: Iterable[str],
    versions: Mapping[str, tuple[LanguageLink, ...]] | None = None,
) -> str:
    entries = "".join(
        _entry(base_url, path, (versions or {}).get(path, ())) for path in sorted(set(paths))
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
        f"{entries}</urlset>\n"
    )


def _entry(base_url: str, path: str, languages: tuple[LanguageLink, ...]) -> str:
    alternates = "".join(
        f'    <xhtml:link rel="alternate" hreflang="{escape(other.tag)}" '
        f'href="{escape(base_url + other.path)}"/>\n'
        for other in languages
    )
    if not alternates:
        return f"  <url><loc>{escape(base_url + path)}</loc></url>\n"
    return f"  <url>\n    <loc>{escape(base_url + path)}</loc>\n{alternates}  </url>\n"
