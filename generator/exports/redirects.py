"""A former id keeps its address working: a small page that sends the reader on."""

from __future__ import annotations

from collections.abc import Iterator

from markupsafe import escape

from generator.model import Dataset
from generator.output import SiteFolder
from generator.pages import urls
from generator.portal import Published


def write(published: Published, out: SiteFolder) -> None:
    """In every language: a former address of a page sends on to the page in that language."""
    for edition in published.portal.editions:
        site, root = edition.site, edition.root
        moved = site.fmt._("This page has moved")
        for old, new in redirects(site.dataset):
            page = redirect_page(root + old, root + new, site.settings.base_url, moved, edition.tag)
            out.write_text(root + old + "index.html", page)


def redirects(dataset: Dataset) -> Iterator[tuple[str, str]]:
    """(old path, new path) for every former id of a unit, period, objective, key result or
    theme."""
    kinds = (
        (dataset.units.values(), urls.unit),
        (dataset.periods.values(), urls.period),
        (dataset.objectives.values(), urls.objective),
        (dataset.key_results.values(), urls.key_result),
        (dataset.themes.values(), urls.theme),
    )
    for items, address in kinds:
        for item in items:
            for old in item.formerly:
                yield address(old), address(item.id)


def redirect_page(old: str, new: str, base_url: str | None, moved_to: str, language: str) -> str:
    """A page that works without JavaScript: a meta refresh, a canonical link and a plain link,
    its words in the portal's ``language``."""
    target = escape(urls.relative(old, new))
    canonical = f'\n<link rel="canonical" href="{escape(base_url + new)}">' if base_url else ""
    return (
        f'<!doctype html>\n<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(moved_to)}</title>{canonical}\n"
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        '<meta name="robots" content="noindex">\n</head>\n'
        f'<body>\n<p><a href="{target}">{escape(moved_to)}</a></p>\n</body>\n</html>\n'
    )
