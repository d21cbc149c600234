"""Each key result's chart as a PNG, beside its page: the image a link to the page shows when
it is shared (``og:image``), which the page also links for a reader to save. Drawn and cached
with the charts (``generator.charts.social``); linked here from the cache, in every language (a
chart's words are in its edition's)."""

from __future__ import annotations

from generator.output import SiteFolder
from generator.pages import urls
from generator.portal import Published


def write(published: Published, out: SiteFolder) -> None:
    for edition in published.portal.editions:
        for key_result_id, image in edition.site.images.items():
            path = edition.root + urls.key_result_image(key_result_id)
            out.place(path, image.file)  # linked from the charts' cache, never written into
