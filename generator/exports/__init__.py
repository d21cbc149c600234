"""Every file of the portal that is not a page: one module per output format, each with one
function ``write(published, out)`` from the written portal to the files it adds.

``build`` runs those of :data:`EXPORTS`, in their order, while the data pages are written
(they read the portal, not the pages' files); those of :data:`WITH_PAGES` run where the pages
are written (a forked copy of the build, ``generator.alongside``), once they are, to even out
the work of the two CPUs of a runner; those of :data:`AFTER_PAGES` once that copy has ended:
search, which reads the pages. A new format is a new module here and one line below. A format
made on demand, by a command of its own and never into a site, is listed in
:data:`ON_DEMAND` instead and has no ``write``.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from generator.exports import (
    checkin_template,
    datapackage,
    feeds,
    open_data,
    portal_json,
    redirects,
    reports,
    robots,
    schemas,
    search,
    sitemap,
    social_images,
)
from generator.output import SiteFolder
from generator.portal import Published

Export = Callable[[Published, SiteFolder], None]

EXPORTS: tuple[Export, ...] = (
    open_data.write,
    portal_json.write,
    datapackage.write,
    schemas.write,
    redirects.write,
    sitemap.write,
    robots.write,
    feeds.write,
    reports.write,
)

# The link-preview images: 0.4 s of linking files at 10,000 pages, on the CPU that writes the
# pages, whose share of a warm build was a second shorter.
WITH_PAGES: tuple[Export, ...] = (social_images.write,)
# Pagefind is the largest process of a cold build (1 GB at 20,000 pages): it runs beside the
# build alone, not beside the build and its copy (which holds as much again, 0.7 GB).
AFTER_PAGES: tuple[Export, ...] = (search.write,)

ON_DEMAND: tuple[ModuleType, ...] = (checkin_template,)
