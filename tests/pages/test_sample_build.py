"""A build of the shipped sample portal: every page exists, and its figures equal the data's."""

from __future__ import annotations

import datetime
import html
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from generator.i18n import Language
from generator.load.project import Project
from generator.model import Direction, KeyResult, Kind, Status
from generator.pages import urls
from tests.conftest import ROOT


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def reference_progress(kr: KeyResult, latest: float) -> float:
    """The contract's formula written out again, independently of generator.scoring."""
    if kr.kind is Kind.MILESTONE:
        return latest / 100
    if kr.direction is Direction.WITHIN:
        assert kr.target_range
        return 1.0 if kr.target_range[0] <= latest <= kr.target_range[1] else 0.0
    assert kr.baseline is not None and kr.target is not None
    linear = (latest - kr.baseline) / (kr.target - kr.baseline)
    if kr.direction is Direction.AT_LEAST:
        return 1.0 if latest >= kr.target else (linear if kr.baseline < kr.target else 0.0)
    if kr.direction is Direction.AT_MOST:
        return 1.0 if latest <= kr.target else (linear if kr.baseline > kr.target else 0.0)
    return linear


def latest_checkins(project: Project) -> dict[str, tuple[datetime.date, float, Status | None]]:
    latest: dict[str, tuple[datetime.date, float, Status | None]] = {}
    for c in project.dataset.checkins:
        if c.date <= project.as_of and (
            c.key_result not in latest or c.date > latest[c.key_result][0]
        ):
            latest[c.key_result] = (c.date, c.value, c.status)
    return latest


def test_sample_is_as_large_as_the_issue_asks(sample: Project) -> None:
    data = sample.dataset
    levels = [u.level for u in data.units.values()]
    assert levels.count("department") >= 8 and levels.count("team") >= 12
    assert len(data.periods) >= 2 and len(data.objectives) >= 30 and len(data.key_results) >= 90
    assert {k.kind for k in data.key_results.values()} == set(Kind)
    assert {k.direction for k in data.key_results.values()} - {None} == set(Direction)
    assert any(o.shared_with for o in data.objectives.values())
    assert any(not o.key_results for o in data.objectives.values())
    assert set(data.key_results) - set(data.checkins_by_key_result), "some key results lack data"


def test_every_entity_has_its_page(sample: Project, sample_site: Path) -> None:
    data = sample.dataset
    expected = [
        *(urls.unit(u) for u in data.units),
        *(urls.objective(o) for o in data.objectives),
        *(urls.key_result(k) for k in data.key_results),
        *(urls.period(p) for p in data.periods),
        *(urls.level(level) for level in data.levels),
        *(urls.theme(t) for t in data.themes),
        urls.PERIODS,
        urls.THEMES,
        urls.OVERDUE,
        urls.COVERAGE,
        urls.HOW_TO_READ,
        urls.DATA,
    ]
    missing = [p for p in expected if not (sample_site / p / "index.html").is_file()]
    assert missing == []
    assert (sample_site / "periods" / "2026-q3" / "index.html").is_file()  # lowercase period ids


def test_key_result_pages_show_the_figures_computed_from_the_data(
    sample: Project, sample_site: Path
) -> None:
    language = Language(sample.settings.language)
    latest = latest_checkins(sample)
    checked = 0
    for kr in sample.dataset.key_results.values():
        body = page(sample_site, urls.key_result(kr.id))
        facts = dict(re.findall(r"<dt[^>]*>(.*?)</dt><dd[^>]*>(.*?)</dd>", body, re.S))
        if kr.id not in latest:
            assert "No data yet" in facts["Latest"]
            assert "No check-in has been published for this key result yet." in body
            assert 'class="okr-chart"' not in body  # no empty chart
            continue
        _, value, _ = latest[kr.id]
        progress = reference_progress(kr, value)
        assert language.quantity(value, kr.unit) in html.unescape(facts["Latest"])
        shown = re.search(r'okr-progress__text">(.*?)<', facts["Progress"])
        assert shown, kr.id
        # Past its target, the share is followed by how far: "104%: target met, by 4 homes".
        share = html.unescape(shown.group(1)).split(":", 1)[0]
        assert share == language.percent(progress), kr.id
        checked += 1
    assert checked >= 90


def test_home_page_counts_key_results_of_the_current_period_by_status(
    sample: Project, sample_site: Path
) -> None:
    current = max(sample.dataset.periods.values(), key=lambda p: p.start)  # the sample's Q4
    latest = latest_checkins(sample)
    tally = dict.fromkeys(Status, 0)
    for kr in sample.dataset.key_results.values():
        if sample.dataset.objectives[kr.objective].period != current.id:
            continue
        if kr.id not in latest:
            tally[Status.NO_DATA] += 1
            continue
        owner = latest[kr.id][2]
        if owner is not None:
            tally[owner] += 1
            continue
        elapsed = ((sample.as_of - current.start).days + 1) / (
            (current.end - current.start).days + 1
        )
        p = min(1.0, max(0.0, reference_progress(kr, latest[kr.id][1])))
        status = (
            Status.ON_TRACK
            if p >= 0.9 * elapsed
            else Status.AT_RISK
            if p >= 0.6 * elapsed
            else Status.OFF_TRACK
        )
        tally[status] += 1
    home = page(sample_site, "")
    section = home.split('id="okr-now"', 1)[1].split("</ul>", 1)[0]
    shown = re.findall(r"okr-status--(\w+)\".*?<strong>(\d+)</strong>", section, re.S)
    assert {Status(code): int(n) for code, n in shown} == tally


def test_objective_page_links_up_and_down_and_anchors_key_results(
    sample: Project, sample_site: Path
) -> None:
    data = sample.dataset
    child = next(o for o in data.objectives.values() if o.aligns_to)
    body = page(sample_site, urls.objective(child.id))
    for kr_id in child.key_results:
        assert f'id="{kr_id}"' in body
    parent = child.aligns_to[0]
    assert f'href="../../{urls.objective(parent)}"' in body
    parent_body = page(sample_site, urls.objective(parent))
    assert f'href="../../{urls.objective(child.id)}"' in parent_body  # contributors, computed


def test_data_text_is_escaped_and_authors_are_not_published(
    sample: Project, sample_site: Path
) -> None:
    risky = next(c for c in sample.dataset.checkins if "<" in c.progress + c.problems + c.plans)
    body = page(sample_site, urls.key_result(risky.key_result))
    raw = next(t for t in (risky.progress, risky.problems, risky.plans) if "<" in t)
    assert html.escape(raw, quote=False) in body
    assert raw not in body
    authors = {c.author for c in sample.dataset.checkins if c.author}
    assert authors
    everything = "\n".join(p.read_text(encoding="utf-8") for p in sample_site.rglob("*.html"))
    assert [a for a in authors if a in everything or html.escape(a) in everything] == []


def test_chart_is_inline_svg_with_a_text_alternative_and_data_table(
    sample: Project, sample_site: Path
) -> None:
    kr_id = next(iter(sample.dataset.checkins_by_key_result))
    body = page(sample_site, urls.key_result(kr_id))
    figure = body.split('<figure class="okr-chart"', 1)[1].split("</figure>", 1)[0]
    assert "<svg" in figure and 'aria-hidden="true"' in figure
    assert 'role="img" aria-label="Chart of ' in figure  # one image, named by its sentence
    caption = figure.split('<figcaption id="chart-caption">', 1)[1]
    count = len(sample.dataset.checkins_by_key_result[kr_id])
    assert f"Measured {count} times" in caption or count == 1
    rows = body.split('class="okr-table okr-checkins"', 1)[1].split("</tbody>", 1)[0].count("<tr>")
    assert rows == count + 1  # header row + one per check-in


# Elements that make a browser fetch what an attribute names, and those attributes.
RESOURCE_TAG = re.compile(
    r"""<(script|link|img|iframe|frame|source|video|audio|track|object|embed|input|image|use)\b"""
    r"""((?:[^>"']|"[^"]*"|'[^']*')*)>""",
    re.I,
)
ATTRIBUTE = re.compile(r"""([^\s"'<>/=]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
FETCHED = {"src", "href", "xlink:href", "data", "poster", "srcset", "imagesrcset"}
CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^\s"')]*))\s*\)""", re.I)
CSS_IMPORT = re.compile(r"""@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)


def fetched_urls(text: str) -> list[str]:
    """Every address ``text`` (HTML, CSS or JavaScript) makes a browser load: the resources of
    script, link, img, iframe, source, video, audio, object and like elements, and CSS
    url(...) and @import."""
    text = text.replace('\\"', '"').replace("\\/", "/")  # markup inside JavaScript strings
    found: list[str] = []
    for tag in RESOURCE_TAG.finditer(text):
        for attribute in ATTRIBUTE.finditer(tag.group(2)):
            name = attribute.group(1).lower()
            value = html.unescape(next(v for v in attribute.groups()[1:] if v is not None))
            if name in {"srcset", "imagesrcset"}:
                found += [c.split()[0] for c in value.split(",") if c.strip()]
            elif name in FETCHED:
                found.append(value.strip())
    for pattern in (CSS_URL, CSS_IMPORT):
        found += [next(v for v in m.groups() if v is not None) for m in pattern.finditer(text)]
    return found


def third_party_urls(text: str, own_host: str) -> list[str]:
    """The addresses ``text`` makes a browser load from any other host than ``own_host``."""
    foreign = []
    for url in fetched_urls(text):
        parts = urlsplit(url.strip())
        if (parts.netloc or url.strip().startswith("//")) and parts.hostname != own_host:
            foreign.append(url)
    return foreign


BROOKHAVEN = "okr.brookhaven.example"


@pytest.mark.parametrize(
    "snippet",
    [
        '<link rel="stylesheet" href="https://fonts.googleapis.com/css">',
        "<LINK REL=preload HREF=//cdn.example.net/font.woff2 as=font>",
        '<script defer src="https://cdn.example.net/app.js"></script>',
        "<img alt='' src='http://tracker.example.com/pixel.gif'>",
        '<img src="a.png" srcset="a2.png 2x, https://img.example.com/a3.png 3x">',
        '<iframe title="map" src="https://maps.example.com/embed"></iframe>',
        '<picture><source srcset="https://img.example.com/a.webp"></picture>',
        '<video poster="https://img.example.com/p.jpg"><source src="v.mp4"></video>',
        '<audio src="https://media.example.com/a.mp3"></audio>',
        '<object data="https://media.example.com/a.pdf"></object>',
        "<div style=\"background: url('https://img.example.com/bg.png')\"></div>",
        'body { background: url("//img.example.com/bg.png") }',
        '@import "https://fonts.example.com/font.css";',
        "@import url(https://fonts.example.com/font.css);",
        'el.innerHTML = "<script src=\\"https:\\/\\/cdn.example.net\\/x.js\\"></script>";',
        '<link rel="icon" href="https://okr.brookhaven.example.evil.net/favicon.png">',
    ],
)
def test_third_party_requests_are_found(snippet: str) -> None:
    assert len(third_party_urls(snippet, BROOKHAVEN)) == 1


@pytest.mark.parametrize(
    "snippet",
    [
        '<link rel="stylesheet" href="../../assets/okr/okr.css">',
        '<link rel="canonical" href="https://okr.brookhaven.example/units/city/">',
        '<script src="/assets/javascripts/bundle.min.js"></script>',
        '<img src="data:image/png;base64,AAAA" alt="">',
        '<a href="https://www.example.com/">a link is followed only when clicked</a>',
        '<svg><rect clip-path="url(#c1-clip)"/></svg>',
        "p { background: url(../images/bg.png) }",
    ],
)
def test_own_and_relative_addresses_are_not_third_party(snippet: str) -> None:
    assert fetched_urls(snippet) or "<a " in snippet
    assert third_party_urls(snippet, BROOKHAVEN) == []


def site_config() -> dict[str, Any]:
    config = yaml.safe_load((ROOT / "site_config.yml").read_text(encoding="utf-8"))
    assert isinstance(config, dict)
    return config


def test_no_page_asks_a_third_party_for_anything(sample_site: Path) -> None:
    own_host = urlsplit(site_config()["base_url"]).hostname
    assert own_host
    files = [p for p in sample_site.rglob("*") if p.suffix in {".html", ".css", ".js"}]
    offenders: dict[str, list[str]] = {}
    seen: set[str] = set()
    for file in files:
        text = file.read_text(encoding="utf-8")
        seen.update(fetched_urls(text))
        if found := third_party_urls(text, own_host):
            offenders[file.relative_to(sample_site).as_posix()] = found
    assert offenders == {}
    # The scan saw the site's own stylesheets, scripts, icon and absolute canonical links.
    assert {p.suffix for p in files} == {".html", ".css", ".js"}
    assert {"../../assets/okr/okr.css", "../../assets/images/favicon.png"} <= seen
    assert any(url.startswith(site_config()["base_url"]) for url in seen)


def test_menu_stays_small_and_shells_are_gone(sample: Project, sample_site: Path) -> None:
    body = page(sample_site, urls.unit("city"))
    nav = body.split('data-md-type="navigation"', 1)[1].split('data-md-type="toc"', 1)[0]
    assert nav.count("md-nav__link") < 40
    for level in sample.dataset.levels:
        assert f'href="../../{urls.level(level)}"' in nav
    assert not (sample_site / "_okr-shell").exists()
    assert "@@OKR" not in body
    assert "_okr-shell" not in (sample_site / "sitemap.xml").read_text(encoding="utf-8")


def test_former_ids_redirect_to_the_current_page(sample: Project, sample_site: Path) -> None:
    renamed = [o for o in sample.dataset.objectives.values() if o.formerly]
    assert renamed
    for objective in renamed:
        body = page(sample_site, urls.objective(objective.formerly[0]))
        assert f'url=../../{urls.objective(objective.id)}"' in body


def former_addresses(project: Project) -> set[str]:
    """The addresses of former ids, where a redirect page stands."""
    data = project.dataset
    kinds = (
        (data.units.values(), urls.unit),
        (data.objectives.values(), urls.objective),
        (data.key_results.values(), urls.key_result),
        (data.themes.values(), urls.theme),
    )
    return {address(old) for items, address in kinds for item in items for old in item.formerly}


def html_lang(page: Path) -> str | None:
    root = re.search(r"<html\b[^>]*>", page.read_text(encoding="utf-8"), re.I)
    assert root, page
    lang = re.search(r"""\slang\s*=\s*["']?([^"'\s>]+)""", root.group(0))
    return lang.group(1) if lang else None


def test_pages_are_html_in_the_portal_language(sample: Project, sample_site: Path) -> None:
    language = site_config()["language"]
    redirects = {f"{path}index.html" for path in former_addresses(sample)}
    pages = {p.relative_to(sample_site).as_posix(): p for p in sample_site.rglob("*.html")}
    assert redirects and redirects <= set(pages)
    assert len(pages) > len(sample.dataset.key_results) + len(sample.dataset.objectives)
    langs = {name: html_lang(file) for name, file in pages.items() if name not in redirects}
    assert {name: lang for name, lang in langs.items() if lang != language} == {}


def test_redirect_pages_are_in_the_portal_language(sample: Project, sample_site: Path) -> None:
    """A redirect page shows a sentence in the portal's language ("This page has moved"): a
    reader whose browser does not follow the refresh hears it, so it needs the lang too."""
    language = site_config()["language"]
    redirects = sorted(f"{path}index.html" for path in former_addresses(sample))
    assert redirects
    assert {name: html_lang(sample_site / name) for name in redirects} == dict.fromkeys(
        redirects, language
    )


def test_the_sitemap_knows_every_data_page(sample: Project, sample_site: Path) -> None:
    data = sample.dataset
    sitemap = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    base = sample.settings.base_url
    assert base
    for kr_id in data.key_results:
        assert f"<loc>{base}{urls.key_result(kr_id)}</loc>" in sitemap
    assert f"<loc>{base}about/</loc>" in sitemap
    renamed = next(o for o in data.objectives.values() if o.formerly)
    assert urls.objective(renamed.formerly[0]) not in sitemap  # a redirect is not a page


def test_hand_written_links_to_data_pages_are_relative(sample_site: Path) -> None:
    update = page(sample_site, "updates/2026-q3-review/")
    assert 'href="../../objectives/' in update
    assert 'href="/objectives/' not in update


def test_every_page_has_one_description_a_named_search_and_valid_toggles(
    sample_site: Path,
) -> None:
    """What the Nu Html Checker and Lighthouse found in Material's chrome, fixed on every page."""
    pages = [p for p in sample_site.rglob("*.html") if 'http-equiv="refresh"' not in p.read_text()]
    assert len(pages) > 200
    for file in pages:
        text = file.read_text(encoding="utf-8")
        assert len(re.findall(r'<meta name="description" content="[^"]+">', text)) == 1, file
        assert not re.search(r'<input[^>]*type="checkbox"[^>]*autocomplete=', text), file
        if 'data-md-component="search"' in text:
            assert 'role="dialog" aria-label="Search"' in text, file
