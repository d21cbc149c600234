"""``/how-to-read/``: what the figures and words mean, in the page's language, with the status
factors the settings give; a publisher's own ``content/how-to-read.md`` replaces it."""

from __future__ import annotations

import html
import posixpath
import re
import shutil
from pathlib import Path

import pytest

from generator.i18n import Language
from generator.pages import urls
from tests.conftest import FIXTURES, build


def minimal_copy(root: Path, config: str = "", language: str | None = None) -> Path:
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    settings = root / "site_config.yml"
    text = settings.read_text("utf-8")
    if language:
        text = text.replace("language: en", f"language: {language}")
    settings.write_text(text + config, "utf-8")
    return root


def built(root: Path, config: str = "", language: str | None = None) -> Path:
    build(minimal_copy(root / "portal", config, language), root / "site")
    return root / "site"


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def words(page: str) -> str:
    """The page's own content (not Material's chrome) as text."""
    content = page.split("data-pagefind-body", 1)[1]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", content)).split())


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(tmp_path_factory.mktemp("how-to-read"))


def test_it_explains_each_status_with_the_badges_and_the_default_factors(site: Path) -> None:
    page = read(site, urls.HOW_TO_READ)
    text = words(page)
    for symbol, word in (("✓", "On track"), ("!", "At risk"), ("✕", "Off track")):
        badge = f'<span class="okr-status__symbol" aria-hidden="true">{symbol}</span> {word}</span>'
        assert badge in page, word
    assert "No data yet" in text
    assert "Progress is at least 90% of what is expected by now, or nothing" in text
    assert "Progress is at least 60% of what is expected by now, but less than 90%." in text
    assert "Progress is less than 60% of what is expected by now." in text
    # Halfway through a period: 0.9 x 50% and 0.6 x 50%.
    assert "with progress of 45% or more is then on track. From 30%, it is at risk." in text


def test_it_explains_every_term_the_portal_uses(site: Path) -> None:
    text = words(read(site, urls.HOW_TO_READ))
    headings = re.findall(r'<h2 id="[^"]+">([^<]+)</h2>', read(site, urls.HOW_TO_READ))
    assert headings == [
        "Contents",
        "Objectives and key results",
        "Baseline and target",
        "Progress",
        "Expected pace",
        "Status",
        "Committed and aspirational goals",
        "Provisional figures",
        "Interim targets",
        "What is not published",
        "Events on charts",
        "Where to get the data",
    ]
    assert "Progress can be more than 100%" in text
    assert (
        "Falling short of an aspirational goal is normal and expected. It is not a failure" in text
    )
    assert "may still be revised" in text
    # A stretch goal with the badge its key results show, and the words of its status.
    page = read(site, urls.HOW_TO_READ)
    assert '<span class="okr-status__symbol" aria-hidden="true">☆</span> Stretch goals' in page
    assert "such as “Stretch goal: 70% of the way”, and never that it is off track" in text


def test_the_status_factors_come_from_the_settings(tmp_path: Path) -> None:
    site = built(tmp_path, "status_factors: {on_track: 0.8, at_risk: 0.5}\n")
    text = words(read(site, urls.HOW_TO_READ))
    assert "Progress is at least 80% of what is expected by now, or nothing" in text
    assert "Progress is at least 50% of what is expected by now, but less than 80%." in text
    assert "with progress of 40% or more is then on track. From 25%, it is at risk." in text
    assert "90%" not in text and "60%" not in text


def test_it_is_in_the_portal_s_language(tmp_path: Path) -> None:
    site = built(tmp_path, language="nb")
    page = read(site, urls.HOW_TO_READ)
    assert '<html lang="nb"' in page
    nb = Language("nb")
    text = words(page)
    assert f"<title>{nb.gettext('How to read this portal')}" in page
    assert "Slik leser du denne portalen" in text
    assert "I rute" in text and "Ikke i rute" in text
    expected = nb.gettext(
        "Progress is at least %(at_risk)s of what is expected by now, but less than %(on_track)s."
    ) % {"at_risk": nb.percent(0.6), "on_track": nb.percent(0.9)}
    assert " ".join(expected.split()) in text
    key_result = read(site, urls.key_result("roads-repair-days"))
    assert '<a href="../../how-to-read/">Slik leser du disse tallene</a>' in key_result


def test_each_key_result_page_links_it_beside_the_status(site: Path) -> None:
    for key_result in ("roads-repair-days", "roads-budget-use"):
        page = read(site, urls.key_result(key_result))
        status = re.search(r"<dt[^>]*>Status</dt><dd[^>]*>(.*?)</dd>", page, re.S)
        assert status, key_result
        link = re.search(r'<a href="([^"]+)">How to read these figures</a>', status.group(1))
        assert link, key_result
        target = posixpath.normpath(posixpath.join(urls.key_result(key_result), link.group(1)))
        assert target + "/" == urls.HOW_TO_READ


def menu(page: str) -> str:
    return page.split('data-md-type="navigation"', 1)[1].split("</nav>", 1)[0]


def menu_links(page: str) -> list[tuple[str, str]]:
    """(address, words) of each link of the menu."""
    return [
        (href, " ".join(re.sub(r"<[^>]+>", " ", words).split()))
        for href, words in re.findall(
            r'<a href="([^"]+)" class="md-nav__link[^"]*">(.*?)</a>', menu(page), re.S
        )
    ]


def test_the_home_page_and_the_menu_link_it(site: Path) -> None:
    home = read(site, urls.HOME)
    assert f'<a href="{urls.HOW_TO_READ}">How to read this portal</a>' in home
    unit = read(site, urls.unit("roads"))
    assert ("../../how-to-read/", "How to read this portal") in menu_links(unit)


def test_a_hand_written_page_replaces_it(tmp_path: Path) -> None:
    root = minimal_copy(tmp_path / "portal")
    (root / "content").mkdir()
    (root / "content" / "how-to-read.md").write_text(
        "# Reading our figures\n\nOur own words on [the coverage](/coverage/).\n", "utf-8"
    )
    build(root, tmp_path / "site")
    page = read(tmp_path / "site", urls.HOW_TO_READ)
    assert "Our own words on" in page
    assert 'href="../coverage/"' in page  # made relative, as other data links are
    assert "Expected pace" not in page  # nothing of the generated page is left
    # Key result pages link the publisher's page at the same address; it is in the menu.
    key_result = read(tmp_path / "site", urls.key_result("roads-repair-days"))
    assert '<a href="../../how-to-read/">How to read these figures</a>' in key_result
    to_it = [words for href, words in menu_links(key_result) if href == "../../how-to-read/"]
    assert to_it == ["Reading our figures"]  # once, with the publisher's own title
    sitemap = (tmp_path / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count(f"<loc>https://okr.example.org/{urls.HOW_TO_READ}</loc>") == 1


def test_every_language_edition_has_its_own(two_languages_site: Path) -> None:
    finnish = read(two_languages_site, urls.HOW_TO_READ)
    swedish = read(two_languages_site, "sv/" + urls.HOW_TO_READ)
    assert Language("fi").gettext("How to read this portal") in words(finnish)
    assert Language("sv").gettext("How to read this portal") in words(swedish)
    assert '<html lang="sv"' in swedish
    assert (two_languages_site / "sv" / urls.COVERAGE / "index.html").is_file()
