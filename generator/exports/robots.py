"""``robots.txt``: every page may be crawled; with a base URL, where the sitemap is.

Crawlers read it only at the root of a host: a portal published under a sub-path
(``https://example.gov/okr/``) has its own copy, which the host's owner may link or copy.
"""

from __future__ import annotations

from generator.exports.sitemap import SITEMAP
from generator.output import SiteFolder
from generator.pages import urls
from generator.portal import Published


def write(published: Published, out: SiteFolder) -> None:
    out.write_text(urls.ROBOTS, robots(published.portal.site.settings.base_url))


def robots(base_url: str | None) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if base_url:
        lines += ["", f"Sitemap: {base_url}{SITEMAP}"]
    return "\n".join(lines) + "\n"
