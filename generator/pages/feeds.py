"""The Atom feeds of one language: each feed's address and title, and the links pages make to it.

The pages that link a feed (``<link rel="alternate">`` in their head, and a visible link) and
the export that writes it (``generator.exports.feeds``) read the same :class:`Feed`, so a
reader's feed list shows the title the page announced.

Each edition has its own feeds of new figures under its root (titles and values in its
language); a unit's feed holds the check-ins of its own key results and of every unit within
it. Updates are hand-written in the default language: their one feed is at the site's root.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Unit
from generator.pages import urls
from generator.pages.site import Site

#: The media type of an Atom document (RFC 4287, section 7).
ATOM_TYPE = "application/atom+xml"


@dataclass(frozen=True)
class Feed:
    path: str  # from the site's root: feeds/checkins.atom, sv/feeds/units/<unit-id>.atom
    title: str  # the feed's own title, and the title of every link to it
    page: str  # from the site's root: the page the feed follows (its rel="alternate")


@dataclass(frozen=True)
class FeedLink:
    """A page's link to a feed: in its head, and as words the reader sees."""

    title: str  # the feed's title: the head link's title attribute
    text: str  # the visible link: "Follow: new figures (Atom feed)"
    href: str  # relative to the page, in the head too (see render.head_tags_of_feeds)


def checkins_feed(site: Site) -> Feed:
    """The newest check-ins of the whole portal, in the edition's language."""
    title = site.fmt._("%(title)s: new figures", title=site.settings.title)
    return Feed(site.root + urls.CHECKINS_FEED, title, site.root + urls.HOME)


def unit_feed(site: Site, unit: Unit) -> Feed:
    """The newest check-ins of a unit's key results and of the units within it."""
    title = site.fmt._("%(unit)s: new figures, with the units within it", unit=unit.name)
    return Feed(site.root + urls.unit_feed(unit.id), title, site.root + urls.unit(unit.id))


def updates_feed(site: Site) -> Feed:
    """The posts of ``content/updates/`` published in this build (default language only)."""
    title = site.fmt._("%(title)s: updates", title=site.settings.title)
    return Feed(urls.UPDATES_FEED, title, urls.UPDATES)


def link(site: Site, feed: Feed, from_path: str, text: str) -> FeedLink:
    """The link to ``feed`` from the page at ``from_path`` (from the edition's root)."""
    return FeedLink(feed.title, text, urls.relative(site.root + from_path, feed.path))


def checkins_link(site: Site, from_path: str) -> FeedLink:
    return link(site, checkins_feed(site), from_path, site.fmt._("Follow: new figures (Atom feed)"))


def site_links(site: Site, from_path: str, updates: bool) -> tuple[FeedLink, ...]:
    """The portal's own feeds: new figures, and updates when posts were published."""
    return (checkins_link(site, from_path), *((updates_link(site, from_path),) if updates else ()))


def updates_link(site: Site, from_path: str) -> FeedLink:
    return link(site, updates_feed(site), from_path, site.fmt._("Follow: updates (Atom feed)"))


def unit_link(site: Site, unit: Unit, from_path: str) -> FeedLink:
    text = site.fmt._("Follow: new figures of this unit (Atom feed)")
    return link(site, unit_feed(site, unit), from_path, text)
