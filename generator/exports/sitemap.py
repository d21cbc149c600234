"""``sitemap.xml`` listing every page, hand-written and generated, when the base URL is known."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import escape

from generator.output import SiteFolder
from generator.portal import Published

SITEMAP = "sitemap.xml"


def write(published: Published, out: SiteFolder) -> None:
    """Search engines learn every page's address; without a base URL there is no address."""
    base_url = published.portal.site.settings.base_url
    if base_url:
        out.write_text(SITEMAP, sitemap(base_url, published.page_paths))


def sitemap(base_url: str, paths: Iterable[str]) -> str:
    entries = "".join(
        f"  <url><loc>{escape(base_url + path)}</loc></url>\n" for path in sorted(set(paths))
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</urlset>\n"
    )
