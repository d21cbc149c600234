"""Atom feeds (RFC 4287): new figures (check-ins) of the whole portal and of each unit, and the
updates published in this build.

- ``feeds/checkins.atom``: the newest :data:`ENTRIES` check-ins of the portal;
  ``feeds/units/<unit-id>.atom``: those of a unit's own key results and of every unit within
  it (a department's feed holds its teams' figures). Each edition writes its own under its
  root (``sv/feeds/...``), in its language (``xml:lang``): titles and values are the edition's.
- ``feeds/updates.atom``: the posts the engine published (none dated after the build date);
  posts are written in the default language, so there is one.

Every date is a date of the data (a check-in's, a post's, else the figures' as-of date), never
the clock: the same data gives the same bytes. With ``base_url`` an id is the address of what it
names (a check-in: its key result's page, ``#checkin-<date>``) and links are absolute. Without
it, an id is a ``urn:uuid`` made from the organisation and that address (RFC 4122, name-based:
the same in every build, and an IRI as RFC 4287 requires), and links are relative to the feed's
own address, which a feed reader resolves against where it fetched the feed (RFC 3986, 5.1.3).
Setting ``base_url`` later changes the ids once.

Authors are the organisation; a check-in's author only when the settings publish authors.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

from generator.model import CheckIn
from generator.output import SiteFolder
from generator.pages import feeds, urls
from generator.pages.feeds import ATOM_TYPE, Feed
from generator.pages.site import Site
from generator.portal import Published, PublishedPost

#: How many entries a feed holds, newest first: enough for a reader who looks in weekly.
ENTRIES = 50

ATOM_NS = "http://www.w3.org/2005/Atom"
HTML_TYPE = "text/html"

#: What an attribute's value escapes besides ``&``, ``<`` and ``>`` (ElementTree's choice).
_ATTRIBUTE_ENTITIES = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}
#: Characters XML 1.0 does not allow in a document, whatever their escaping.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Entry:
    """One entry, ready to write: text in the feed's language, addresses from the site's root."""

    key: str  # from the site's root: what the id names (a page, and a check-in's fragment)
    title: str
    page: str  # from the site's root: the page the entry links to
    day: datetime.date
    summary: str
    author: str
    category: tuple[str, str] | None = None  # (term, label): the unit of a check-in


def write(published: Published, out: SiteFolder) -> None:
    for edition in published.portal.editions:
        site = edition.site
        newest = sorted(site.dataset.checkins, key=lambda c: (c.date, c.key_result), reverse=True)
        by_unit = _checkins_by_unit(site, newest)
        chosen = [(feeds.checkins_feed(site), newest[:ENTRIES])]
        chosen += [
            (feeds.unit_feed(site, u), by_unit.get(u.id, [])) for u in site.dataset.units.values()
        ]
        # Only the check-ins some feed holds are written out in words.
        entries = _checkin_entries(site, {c for _, listed in chosen for c in listed})
        for feed, listed in chosen:
            out.write_text(feed.path, atom(site, feed, [entries[c] for c in listed]))
    if published.posts:
        site = published.portal.site
        feed = feeds.updates_feed(site)
        out.write_text(feed.path, atom(site, feed, _post_entries(site, published.posts)))


def _checkins_by_unit(site: Site, newest: Sequence[CheckIn]) -> dict[str, list[CheckIn]]:
    """Unit id -> the check-ins of its key results and of the units within it, newest first."""
    dataset = site.dataset
    above = {u: (u, *(a.id for a in dataset.ancestors(u))) for u in dataset.units}
    found: defaultdict[str, list[CheckIn]] = defaultdict(list)
    for checkin in newest:
        kr = dataset.key_results[checkin.key_result]
        for unit_id in above[dataset.objectives[kr.objective].unit]:
            if len(found[unit_id]) < ENTRIES:
                found[unit_id].append(checkin)
    return found


def _checkin_entries(site: Site, checkins: Collection[CheckIn]) -> dict[CheckIn, Entry]:
    """The ``checkins`` as entries in the edition's language."""
    words = _EntryWords.of(site)
    return {checkin: _checkin_entry(site, words, checkin) for checkin in checkins}


@dataclass(frozen=True)
class _EntryWords:
    """The words every check-in entry of an edition shares, each looked up in its catalogue
    once: 25,000 entries at 10,000 pages asked it for the same ten labels 300,000 times."""

    unit: str
    date: str
    value: str
    owner_status: str
    status: str
    confidence: str
    moved: str
    in_the_way: str
    next: str
    reported_by: str
    provisional: str  # "%(value)s (provisional: ...)"
    title: str  # "%(title)s: %(value)s"
    line: str  # "%(label)s: %(value)s"

    @classmethod
    def of(cls, site: Site) -> _EntryWords:
        _ = site.fmt._
        return cls(
            unit=_("Unit"),
            date=_("Date"),
            value=_("Value"),
            owner_status=_("Owner's status"),
            status=_("Status"),
            confidence=_("Confidence"),
            moved=_("What moved"),
            in_the_way=_("What is in the way"),
            next=_("What happens next"),
            reported_by=_("Reported by"),
            provisional=_("%(value)s (provisional: it may still be revised)"),
            title=_("%(title)s: %(value)s"),
            line=_("%(label)s: %(value)s"),
        )


def _checkin_entry(site: Site, words: _EntryWords, checkin: CheckIn) -> Entry:
    dataset, fmt = site.dataset, site.fmt
    kr = dataset.key_results[checkin.key_result]
    figures = site.figures.key_results[kr.id]
    unit = dataset.units[dataset.objectives[kr.objective].unit]
    value = fmt.quantity(checkin.value, kr.unit)
    if checkin.provisional:
        value = words.provisional % {"value": value}
    # The owner's own call; without one, the latest check-in has the status its page shows.
    status, status_label = checkin.status, words.owner_status
    if status is None and checkin.date == figures.latest_date:
        status, status_label = figures.status, words.status
    shown = "" if status is None else fmt.badge(status).label
    if kr.aspirational and checkin.date == figures.latest_date:
        shown, status_label = fmt.key_result_badge(kr, figures).label, words.status
    elif kr.aspirational:
        shown = ""  # a stretch goal is never told in the words of failure
    author = checkin.author if site.settings.publish_authors and checkin.author else ""
    confidence = "" if checkin.confidence is None else fmt.percent(checkin.confidence)
    lines = [
        (words.unit, unit.name),
        (words.date, fmt.date(checkin.date)),
        (words.value, value),
        (status_label, shown),
        (words.confidence, confidence),
        (words.moved, checkin.progress),
        (words.in_the_way, checkin.problems),
        (words.next, checkin.plans),
        (words.reported_by, author),
    ]
    page = site.root + urls.key_result(kr.id)
    return Entry(
        key=f"{page}#checkin-{checkin.date.isoformat()}",
        title=words.title % {"title": kr.title, "value": value},
        page=page,
        day=checkin.date,
        summary="\n".join(
            words.line % {"label": label, "value": text} for label, text in lines if text
        ),
        author=author or site.settings.organisation,
        category=(unit.id, unit.name),
    )


def _post_entries(site: Site, posts: Iterable[PublishedPost]) -> list[Entry]:
    newest = sorted(posts, key=lambda p: (p.date, p.address), reverse=True)[:ENTRIES]
    organisation = site.settings.organisation
    return [
        Entry(post.address, post.title, post.address, post.date, post.summary, organisation)
        for post in newest
    ]


def atom(site: Site, feed: Feed, entries: Sequence[Entry]) -> str:
    """The feed as an Atom document; ``entries`` newest first."""
    settings = site.settings
    newest = entries[0].day if entries else site.figures.as_of
    root = ET.Element("feed", {"xmlns": ATOM_NS, "xml:lang": site.fmt.language.tag})
    _text(root, "id", _id(site, feed.path))
    _text(root, "title", feed.title, {"type": "text"})
    _text(root, "updated", _timestamp(newest))
    _link(root, "self", ATOM_TYPE, _address(site, feed.path, feed.path))
    _link(root, "alternate", HTML_TYPE, _address(site, feed.path, feed.page))
    _author(root, settings.organisation, settings.base_url)
    if settings.licence:
        licence = site.fmt._(
            "The data on this portal is published under %(licence)s.", licence=settings.licence
        )
        _text(root, "rights", licence, {"type": "text"})
    _text(root, "generator", "okr-portal")
    ET.indent(root, "  ")
    head = ET.tostring(root, "unicode")
    if entries:
        # Each entry indented as the feed's child, after the feed's own elements.
        closing = "\n</feed>"
        xml = "".join(f"\n  {_entry_xml(site, feed.path, item)}" for item in entries)
        head = head.removesuffix(closing) + xml + closing
    return '<?xml version="1.0" encoding="utf-8"?>\n' + head + "\n"


def _entry_xml(site: Site, feed_path: str, item: Entry) -> str:
    """One ``<entry>`` of the feed at ``feed_path``, indented as its child, written as
    ElementTree writes the feed's head (escaped with the same rules, by ``saxutils``): a feed
    holds 25,000 entries at 10,000 pages, and building each as a tree cost three times as
    much."""
    stamp = _timestamp(item.day)
    href = _attribute(_address(site, feed_path, item.page))
    lines = [
        _element("id", _id(site, item.key)),
        _element("title", item.title, ' type="text"'),
        _element("updated", stamp),
        _element("published", stamp),
        f"<author>\n      {_element('name', item.author)}\n    </author>",
        f'<link rel="alternate" type="{HTML_TYPE}" href="{href}" />',
    ]
    if item.category:
        term, label = (_attribute(_xml_text(text)) for text in item.category)
        lines.append(f'<category term="{term}" label="{label}" />')
    lines.append(_element("summary", item.summary, ' type="text"'))
    return "<entry>" + "".join(f"\n    {line}" for line in lines) + "\n  </entry>"


def _element(tag: str, text: str, attributes: str = "") -> str:
    """``<tag>text</tag>``, or ``<tag />`` for no text (as ElementTree writes them)."""
    content = escape(_xml_text(text))
    return f"<{tag}{attributes}>{content}</{tag}>" if content else f"<{tag}{attributes} />"


def _attribute(value: str) -> str:
    """``value`` escaped for a double-quoted attribute, as ElementTree escapes it."""
    return escape(value, _ATTRIBUTE_ENTITIES)


def _text(
    parent: ET.Element, tag: str, text: str, attributes: dict[str, str] | None = None
) -> None:
    element = ET.SubElement(parent, tag, attributes or {})
    element.text = _xml_text(text)


def _xml_text(text: object) -> str:
    """``text`` without the characters XML 1.0 does not allow, whatever their escaping."""
    return _NOT_XML.sub("", str(text))


def _link(parent: ET.Element, rel: str, media_type: str, href: str) -> None:
    ET.SubElement(parent, "link", {"rel": rel, "type": media_type, "href": href})


def _author(parent: ET.Element, name: str, uri: str | None) -> None:
    author = ET.SubElement(parent, "author")
    _text(author, "name", name)
    if uri:
        _text(author, "uri", uri)


def _timestamp(day: datetime.date) -> str:
    """An Atom date (RFC 3339 date-time): the day the data gives, at its start."""
    return f"{day.isoformat()}T00:00:00Z"


def _id(site: Site, path: str) -> str:
    """A permanent IRI for what ``path`` (from the site's root) names."""
    settings = site.settings
    if settings.base_url:
        return settings.base_url + path
    name = f"okr-portal:{settings.organisation}:{path}"
    return uuid.uuid5(uuid.NAMESPACE_URL, name).urn


def _address(site: Site, feed_path: str, path: str) -> str:
    """Where a link of the feed at ``feed_path`` points: absolute with the base URL, else
    relative to the feed's own address."""
    base_url = site.settings.base_url
    return base_url + path if base_url else urls.relative(feed_path, path)
