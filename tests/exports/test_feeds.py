"""The Atom feeds: valid for a feed parser nobody on this project wrote (feedparser), holding what
RFC 4287 requires and feedparser does not enforce, stable between builds, linked from the pages
that announce them, and never letting the data's text out as markup."""

from __future__ import annotations

import datetime
import re
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import cast
from xml.etree import ElementTree as ET

import feedparser
from click.testing import CliRunner

from generator.cli import main
from generator.exports import feeds
from generator.exports.feeds import Entry
from generator.pages import urls
from generator.pages.site import Site
from tests.conftest import FIXTURES

ATOM = "{http://www.w3.org/2005/Atom}"
SCRIPT = "<script>alert(1)</script>"
HOSTILE = f"Fix \"pot\" & 'holes' {SCRIPT}"


def feeds_in(site: Path) -> list[Path]:
    return sorted(site.rglob("*.atom"))


def parse(feed: Path) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(feed.read_bytes())
    assert parsed.bozo == 0, f"{feed}: {parsed.get('bozo_exception')}"
    assert parsed.version == "atom10", feed
    return parsed


def rfc4287_problems(feed: Path) -> Iterator[str]:
    """What RFC 4287 requires of a feed and its entries, read from the XML itself (feedparser
    fills in what is missing, so it cannot tell)."""
    root = ET.parse(feed).getroot()
    assert root.tag == f"{ATOM}feed"
    for tag in ("id", "title", "updated"):
        if root.find(ATOM + tag) is None:
            yield f"{feed}: the feed has no {tag}"
    if root.find(f"{ATOM}author/{ATOM}name") is None:
        yield f"{feed}: the feed has no author"
    rels = {link.get("rel") for link in root.findall(ATOM + "link")}
    if not {"self", "alternate"} <= rels:
        yield f"{feed}: links {rels}"
    if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", root.findtext(ATOM + "updated", "")):
        yield f"{feed}: updated is not an RFC 3339 date-time"
    ids = [root.findtext(ATOM + "id", "")]
    for entry in root.findall(ATOM + "entry"):
        for tag in ("id", "title", "updated"):
            if not (entry.findtext(ATOM + tag) or "").strip():
                yield f"{feed}: an entry has no {tag}"
        if entry.find(ATOM + "link[@rel='alternate']") is None:
            yield f"{feed}: an entry has no link"
        ids.append(entry.findtext(ATOM + "id", ""))
    if len(ids) != len(set(ids)):
        yield f"{feed}: ids repeat"
    # An id is an IRI: never relative (RFC 4287, 4.2.6).
    yield from (f"{feed}: id {i!r} is not absolute" for i in ids if not re.match(r"[a-z]+:", i))


def entry_ids(feed: Path) -> list[str]:
    return [e.id for e in parse(feed).entries]


def test_every_feed_of_the_sample_is_valid_atom(sample_site: Path) -> None:
    found = feeds_in(sample_site)
    units = list((sample_site / "feeds" / "units").glob("*.atom"))
    assert len(units) == 28 and len(found) == 30  # every unit, new figures and updates
    for feed in found:
        parsed = parse(feed)
        assert list(rfc4287_problems(feed)) == []
        assert parsed.feed.language == "en"
        assert all(link.startswith("https://okr.brookhaven.example/") for link in _links(feed))
    checkins = parse(sample_site / "feeds" / "checkins.atom")
    assert len(checkins.entries) == 50
    dates = [e.updated for e in checkins.entries]
    assert dates == sorted(dates, reverse=True)  # newest first
    assert checkins.feed.updated == dates[0]  # the newest entry's date, never the clock
    assert checkins.feed.author == "City of Brookhaven"


def test_an_entry_is_a_figure_in_words_linking_its_key_result(sample_site: Path) -> None:
    parsed = parse(sample_site / "feeds" / "checkins.atom")
    entry = next(e for e in parsed.entries if "urban-forest-trees-planted-q4" in e.link)
    assert entry.title == "Plant 1,200 street and park trees: 410 trees"
    assert entry.link == "https://okr.brookhaven.example/key-results/urban-forest-trees-planted-q4/"
    assert entry.id == entry.link + "#checkin-2026-11-16"
    assert entry.updated == "2026-11-16T00:00:00Z"
    assert entry.summary_detail.type == "text/plain"
    assert "Value: 410 trees" in entry.summary
    assert "Owner's status: At risk" in entry.summary
    assert "What moved: 410 trees planted" in entry.summary
    assert entry.author == "City of Brookhaven"


def test_a_post_dated_after_the_build_date_is_not_in_the_updates_feed(tmp_path: Path) -> None:
    project = minimal_copy(tmp_path)
    post(project, "may.md", "2026-05-05", "# May review\n")
    post(project, "june.md", "2026-06-20", "# June review\n")
    build(project, tmp_path / "early", today="2026-05-10")
    early = parse(tmp_path / "early" / "feeds" / "updates.atom")
    assert [e.title for e in early.entries] == ["May review"]
    assert early.entries[0].summary == "How it went."
    assert early.entries[0].link == "https://okr.example.org/updates/may/"
    build(project, tmp_path / "late", today="2026-06-30")
    late = parse(tmp_path / "late" / "feeds" / "updates.atom")
    assert [e.title for e in late.entries] == ["June review", "May review"]
    assert late.feed.updated == "2026-06-20T00:00:00Z"


def test_without_a_published_post_there_is_no_updates_feed_nor_link(tmp_path: Path) -> None:
    project = minimal_copy(tmp_path)
    post(project, "june.md", "2026-06-20", "# June review\n")
    build(project, tmp_path / "site", today="2026-06-01")
    assert not (tmp_path / "site" / "feeds" / "updates.atom").exists()
    assert "updates.atom" not in (tmp_path / "site" / "index.html").read_text("utf-8")
    assert (tmp_path / "site" / "feeds" / "checkins.atom").is_file()


def test_feeds_are_the_same_bytes_in_two_builds(tmp_path: Path) -> None:
    project = minimal_copy(tmp_path)
    build(project, tmp_path / "one")
    build(project, tmp_path / "two")
    one, two = feeds_in(tmp_path / "one"), feeds_in(tmp_path / "two")
    assert [f.relative_to(tmp_path / "one") for f in one] == [
        f.relative_to(tmp_path / "two") for f in two
    ]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(one, two, strict=True))


def test_a_new_check_in_adds_an_entry_and_keeps_every_id(tmp_path: Path) -> None:
    project = minimal_copy(tmp_path)
    build(project, tmp_path / "before")
    checkins = project / "data" / "checkins" / "q2.csv"
    checkins.write_text(
        checkins.read_text("utf-8") + "2026-06-20,roads-repair-days,12,,,,,,\n", "utf-8"
    )
    build(project, tmp_path / "after")
    before = entry_ids(tmp_path / "before" / "feeds" / "checkins.atom")
    after = entry_ids(tmp_path / "after" / "feeds" / "checkins.atom")
    assert after[1:] == before
    assert after[0] == "https://okr.example.org/key-results/roads-repair-days/#checkin-2026-06-20"


def test_a_unit_s_feed_holds_its_own_figures_and_those_of_the_units_within_it(
    tmp_path: Path,
) -> None:
    project = minimal_copy(tmp_path)
    build(project, tmp_path / "site")
    feeds = tmp_path / "site" / "feeds" / "units"

    def key_results(unit: str) -> set[str]:
        return {e.link.split("/")[-2] for e in parse(feeds / f"{unit}.atom").entries}

    roads = {"roads-repair-days", "roads-resurfaced-km", "roads-new-depot"}
    assert key_results("roads") == roads
    assert key_results("parks") == {"parks-satisfaction"}
    assert key_results("town") == roads | {"parks-satisfaction", "town-injuries"}
    # The latest check-in has the status the key result's page shows; others the owner's own.
    repairs = {
        e.updated[:10]: e.summary
        for e in parse(feeds / "roads.atom").entries
        if "roads-repair-days" in e.link
    }
    assert "\nStatus: " in repairs["2026-05-31"]
    assert "\nOwner's status: On track" in repairs["2026-04-30"]
    assert "Status" not in repairs["2026-03-15"] and "status" not in repairs["2026-03-15"]
    # A unit without a check-in still has a feed to follow, dated by the figures' as-of date.
    potholes = parse(feeds / "potholes.atom")
    assert potholes.entries == [] and potholes.feed.updated.startswith("2026-")
    assert list(rfc4287_problems(feeds / "potholes.atom")) == []


def test_without_a_base_url_ids_are_urns_and_links_relative_to_the_feed(tmp_path: Path) -> None:
    project = minimal_copy(tmp_path)
    config = project / "site_config.yml"
    config.write_text(
        config.read_text("utf-8").replace("base_url: https://okr.example.org/\n", ""), "utf-8"
    )
    build(project, tmp_path / "one")
    build(project, tmp_path / "two")
    for feed in feeds_in(tmp_path / "one"):
        assert list(rfc4287_problems(feed)) == []
        assert all(i.startswith("urn:uuid:") for i in [parse(feed).feed.id, *entry_ids(feed)])
        assert entry_ids(feed) == entry_ids(tmp_path / "two" / feed.relative_to(tmp_path / "one"))
    unit = tmp_path / "one" / "feeds" / "units" / "roads.atom"
    # Resolved against the feed's own address, each link is the page it names.
    assert set(_links(unit)) >= {"../../key-results/roads-repair-days/", "../../units/roads/"}
    for href in _links(unit):
        assert (unit.parent / href).resolve().is_relative_to((tmp_path / "one").resolve())
        assert (unit.parent / href.split("#")[0]).exists(), href
    page = (tmp_path / "one" / "units" / "roads" / "index.html").read_text("utf-8")
    assert 'href="../../feeds/units/roads.atom"' in page


def test_authors_are_the_organisation_unless_the_settings_publish_them(tmp_path: Path) -> None:
    project = minimal_copy(tmp_path)
    build(project, tmp_path / "private")
    assert not [f for f in feeds_in(tmp_path / "private") if "J. Doe" in f.read_text("utf-8")]
    config = project / "site_config.yml"
    config.write_text(config.read_text("utf-8") + "publish_authors: true\n", "utf-8")
    build(project, tmp_path / "public")
    entries = parse(tmp_path / "public" / "feeds" / "checkins.atom").entries
    assert {e.author for e in entries} == {"J. Doe", "Town of Example"}


def test_hostile_text_reaches_a_feed_only_as_text(tmp_path: Path) -> None:
    project = minimal_copy(tmp_path)
    roads = project / "data" / "okrs" / "2026-Q2" / "roads.yml"
    roads.write_text(
        roads.read_text("utf-8").replace(
            "title: Days to repair a reported pothole",
            f"title: '{HOSTILE.replace(chr(39), 2 * chr(39))}'",
        ),
        "utf-8",
    )
    units = project / "data" / "units.yml"
    units.write_text(
        units.read_text("utf-8").replace("name: Roads Department", f"name: 'Roads {SCRIPT} & co'"),
        "utf-8",
    )
    checkins = project / "data" / "checkins" / "q2.csv"
    checkins.write_text(
        checkins.read_text("utf-8").replace("New crew started", f'"{SCRIPT} & <b>\x0b"'), "utf-8"
    )
    build(project, tmp_path / "site")
    site = tmp_path / "site"
    for feed in feeds_in(site):
        text = feed.read_text("utf-8")
        assert "<script" not in text and "<b>" not in text, feed
        parse(feed)
    entries = parse(site / "feeds" / "units" / "roads.atom").entries
    hostile = [e for e in entries if "roads-repair-days" in e.link]
    assert hostile and all(e.title.startswith(HOSTILE + ": ") for e in hostile)
    assert any(f"What moved: {SCRIPT} & <b>" in e.summary for e in hostile)
    feed = parse(site / "feeds" / "units" / "roads.atom").feed
    assert feed.title == f"Roads {SCRIPT} & co: new figures, with the units within it"
    page = (site / "units" / "roads" / "index.html").read_text("utf-8")
    assert 'title="Roads &lt;script&gt;alert(1)&lt;/script&gt; &amp; co: new figures' in page


def test_every_feed_link_of_a_page_resolves_to_a_feed(sample_site: Path) -> None:
    linked: dict[str, set[str]] = {}
    for page in sample_site.rglob("*.html"):
        for href in alternate_feeds(page.read_text("utf-8")):
            # Relative, so Material's script asks only the page's own host for anything.
            assert not href.startswith(("/", "http")), (page, href)
            feed = (page.parent / href).resolve()
            assert feed.is_file(), (page, href)
            parse(feed)
            linked.setdefault(page.relative_to(sample_site).as_posix(), set()).add(feed.name)
    assert linked["index.html"] == {"checkins.atom", "updates.atom"}
    assert linked["updates/index.html"] == {"updates.atom"}
    assert linked["units/city/index.html"] == {"city.atom"}
    units = {p for p in linked if p.startswith("units/")}
    assert len(units) == 28
    # And the reader sees them: a link in the page's words on each of those pages.
    for path in ("index.html", "updates/index.html", "units/city/index.html"):
        text = (sample_site / path).read_text("utf-8")
        visible = re.findall(r'<a href="([^"]+)" type="application/atom\+xml">Follow: ', text)
        assert visible, path
        for href in visible:
            assert (sample_site / path).parent.joinpath(href).resolve().is_file(), (path, href)


def test_each_language_has_its_own_feeds(two_languages_site: Path) -> None:
    finnish = parse(two_languages_site / "feeds" / "checkins.atom")
    swedish = parse(two_languages_site / "sv" / "feeds" / "checkins.atom")
    assert finnish.feed.language == "fi" and swedish.feed.language == "sv"
    assert finnish.feed.title.endswith(": uudet luvut")
    assert swedish.feed.title.endswith(": nya siffror")
    assert swedish.entries and all("/sv/key-results/" in e.link for e in swedish.entries)
    assert {e.id for e in finnish.entries}.isdisjoint(e.id for e in swedish.entries)
    for feed in feeds_in(two_languages_site):
        assert list(rfc4287_problems(feed)) == []
    home = (two_languages_site / "sv" / "index.html").read_text("utf-8")
    assert alternate_feeds(home) == ["../sv/feeds/checkins.atom"]
    assert alternate_feeds((two_languages_site / "index.html").read_text("utf-8")) == [
        "feeds/checkins.atom"
    ]


def alternate_feeds(html: str) -> list[str]:
    return re.findall(
        r'<link rel="alternate" type="application/atom\+xml" title="[^"]*" href="([^"]+)">', html
    )


def _links(feed: Path) -> list[str]:
    root = ET.parse(feed).getroot()
    return [link.get("href", "") for link in root.iter(ATOM + "link")]


def minimal_copy(tmp_path: Path) -> Path:
    project = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", project, ignore=shutil.ignore_patterns(".okr-cache"))
    return project


def post(project: Path, name: str, date: str, body: str) -> None:
    file = project / "content" / "updates" / name
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(f"---\ndate: {date}\nsummary: How it went.\n---\n\n{body}", "utf-8")


def build(project: Path, out: Path, today: str = "2026-06-30") -> None:
    result = CliRunner().invoke(
        main, ["build", "--project", str(project), "--out", str(out), "--today", today]
    )
    assert result.exit_code == 0, result.output + repr(result.exception)


def test_an_entry_is_written_as_elementtree_writes_it() -> None:
    """Entries are written as text, the feed's head by ElementTree: both the same XML."""
    site = cast(Site, SimpleNamespace(settings=SimpleNamespace(base_url="", organisation="O")))
    for text in (HOSTILE, 'a\tb\r\nc "d" <e> & f\x01\ufffe', ""):
        item = Entry(
            key="key-results/x/#checkin-2026-01-01",
            title=text,
            page='key-results/a&b"c/',
            day=datetime.date(2026, 1, 1),
            summary=text,
            author=text,
            category=(text or "unit", text),
        )
        assert feeds._entry_xml(site, "feeds/units/u.atom", item) == elementtree_entry(item)


def elementtree_entry(item: Entry) -> str:
    """The entry built as a tree and written by ElementTree, indented as a feed's child."""

    def text(parent: ET.Element, tag: str, value: str, attributes: dict[str, str]) -> None:
        ET.SubElement(parent, tag, attributes).text = feeds._NOT_XML.sub("", value)

    entry = ET.Element("entry")
    uuid_id = uuid.uuid5(uuid.NAMESPACE_URL, f"okr-portal:O:{item.key}").urn
    text(entry, "id", uuid_id, {})
    text(entry, "title", item.title, {"type": "text"})
    text(entry, "updated", "2026-01-01T00:00:00Z", {})
    text(entry, "published", "2026-01-01T00:00:00Z", {})
    text(ET.SubElement(entry, "author"), "name", item.author, {})
    href = urls.relative("feeds/units/u.atom", item.page)
    ET.SubElement(entry, "link", {"rel": "alternate", "type": "text/html", "href": href})
    assert item.category is not None
    term, label = (feeds._NOT_XML.sub("", t) for t in item.category)
    ET.SubElement(entry, "category", {"term": term, "label": label})
    text(entry, "summary", item.summary, {"type": "text"})
    ET.indent(entry, "  ", level=1)
    return ET.tostring(entry, "unicode")
