"""The built sample portal in a real browser (Debian's Chromium): one page of each kind, for
what every page need not repeat (charts heard, print, no JavaScript, dark colours); search
is in test_search.py.

axe-core (shipped inside the axe-playwright-python package) checks WCAG 2.2 A and AA rules; it
runs over every page in test_every_page.py. Nothing here downloads a browser.
"""

from __future__ import annotations

import datetime
import re
import shutil
from collections.abc import Iterator
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from generator import updates
from generator.charts.spec import COLOURS
from generator.load.project import Project
from generator.pages import urls
from tests.browser.conftest import WCAG_AA, as_without_javascript, serve
from tests.browser.focus import focus_problems, focus_walk
from tests.conftest import FIXTURES, ROOT, build


def one_of_each_page(sample: Project) -> list[str]:
    data = sample.dataset
    objective = next(o for o in data.objectives.values() if o.key_results and o.aligns_to)
    key_result = next(iter(data.checkins_by_key_result))
    no_data = next(k for k in data.key_results if k not in data.checkins_by_key_result)
    return [
        urls.HOME,
        urls.level(data.levels[1]),
        urls.unit(objective.unit),
        urls.objective(objective.id),
        urls.key_result(key_result),
        urls.key_result(no_data),
        urls.period(next(iter(data.periods))),
        urls.PERIODS,
        urls.theme(next(iter(data.themes))),
        urls.THEMES,
        urls.ACCESSIBILITY,
        urls.COVERAGE,
        urls.HOW_TO_READ,
        urls.SEARCH,
        urls.A_Z,
        "about/",
    ]


def test_axe_sees_a_planted_violation(page: Page, base_url: str, sample: Project) -> None:
    """A status shown by a badge whose word is as faint as its background fails 1.4.3."""
    page.goto(base_url + urls.unit(next(iter(sample.dataset.units))))
    page.add_style_tag(content=".okr-status { color: #f0f0f0 !important; }")
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
    assert "color-contrast" in {v["id"] for v in result.response["violations"]}


def the_menu_and_the_posts(sample: Project) -> list[str]:
    """One page of each kind, and the pages whose menu opens a section (the updates) or holds
    the page's own contents (the hand-written ones), and the page of a wrong address."""
    post = sorted((ROOT / "content" / updates.FOLDER).glob("*.md"))[0].stem
    return [*one_of_each_page(sample), updates.FOLDER, f"{updates.FOLDER}{post}/", "404.html"]


@pytest.mark.parametrize(("width", "script"), [(320, True), (320, False), (1280, False)], ids=str)
def test_the_focus_is_seen_on_a_narrow_screen_and_without_javascript(
    browser: Browser, base_url: str, sample: Project, width: int, script: bool
) -> None:
    """Every stop (tests/browser/focus.py); on a wide screen with JavaScript every page is
    walked in test_every_page.py. On a narrow screen the menu is a drawer beyond the edge of the
    screen: its links are stops, with or without JavaScript, and each comes into view."""
    context = browser.new_context(
        viewport={"width": width, "height": 640}, java_script_enabled=script
    )
    page = context.new_page()
    found, menu = {}, set()
    for path in the_menu_and_the_posts(sample):
        page.goto(base_url + path)
        walk = focus_walk(page, 200)
        menu |= {element for element, _ in walk if element.startswith("a.md-nav__link ")}
        if focus_problems(walk):
            found[path] = focus_problems(walk)
    context.close()
    assert any('"Periods"' in link for link in menu)
    assert found == {}


def test_the_focus_walk_sees_a_planted_focus_without_a_mark(page: Page, base_url: str) -> None:
    page.goto(base_url + urls.PERIODS)
    page.add_style_tag(
        content="*:focus, *:focus-visible { outline: none !important; box-shadow: none !important }"
    )
    walk = focus_walk(page, 200)
    assert len(walk) > 10
    marked = [element for element, problem in walk if not (problem or "").startswith("no focus")]
    # Only Material's colour toggle keeps its ring: the ring is on its label, not on the hidden
    # radio button that has the focus.
    assert marked == ['input#__palette_0.md-option "Switch to dark colours"']


def test_the_focus_walk_sees_a_planted_focus_off_the_screen(page: Page, base_url: str) -> None:
    page.goto(base_url + urls.PERIODS)
    page.add_style_tag(content=".okr-breadcrumbs { position: absolute; left: -10000px }")
    problems = focus_problems(focus_walk(page, 200))
    assert len(problems) == 1 and problems[0].startswith('a "Home": off the screen')


def test_pages_ask_nothing_of_any_other_host(page: Page, base_url: str, sample: Project) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in one_of_each_page(sample):
        page.goto(base_url + path, wait_until="networkidle")
    assert requested
    assert [url for url in requested if not url.startswith(base_url)] == []


def accessibility_tree(page: Page) -> list[dict[str, Any]]:
    """Chromium's own accessibility tree of the page, as a screen reader gets it."""
    session = page.context.new_cdp_session(page)
    nodes: list[dict[str, Any]] = session.send("Accessibility.getFullAXTree")["nodes"]
    for node in nodes:
        if "backendDOMNodeId" in node:
            described = session.send(
                "DOM.describeNode", {"backendNodeId": node["backendDOMNodeId"]}
            )
            node["dom"] = described["node"]
    session.detach()
    return nodes


def classes_of(node: dict[str, Any]) -> list[str]:
    attributes = node.get("dom", {}).get("attributes", [])
    return str(dict(zip(attributes[::2], attributes[1::2], strict=True)).get("class", "")).split()


@pytest.mark.parametrize("width", [320, 1280])
def test_a_chart_is_heard_as_one_image_named_by_its_sentence(
    browser: Browser, base_url: str, sample: Project, width: int
) -> None:
    """Drawn wide and narrow, a chart is one image on a phone and on a desktop alike."""
    key_result = next(iter(sample.dataset.checkins_by_key_result))
    title = sample.dataset.key_results[key_result].title
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    page.goto(base_url + urls.key_result(key_result))
    nodes = accessibility_tree(page)
    by_id = {node["nodeId"]: node for node in nodes}
    charts = [node for node in nodes if "okr-chart__svg" in classes_of(node)]
    assert len(charts) == 1
    chart = charts[0]
    assert chart["role"]["value"] == "image"
    name = chart["name"]["value"]
    assert name.startswith(f"Chart of {title}. Measured ") and "The latest value, " in name

    def exposed_below(node: dict[str, Any]) -> list[dict[str, Any]]:
        found = []
        for child_id in node.get("childIds", []):
            child = by_id.get(child_id)
            if child is None:
                continue
            if not child.get("ignored"):
                found.append(child)
            found += exposed_below(child)
        return found

    assert exposed_below(chart) == []  # nothing inside the SVG is heard on its own
    context.close()


def test_keyboard_reaches_skip_link_first_and_the_data_table(
    page: Page, base_url: str, sample: Project
) -> None:
    key_result = next(iter(sample.dataset.checkins_by_key_result))
    page.goto(base_url + urls.key_result(key_result))
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#okr-main"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "okr-main"  # focus moved to the heading
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('article') !== null")
    reached = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        label = page.evaluate("document.activeElement.getAttribute('aria-label') || ''")
        reached.add(label)
        if label == "Check-ins":
            break
    assert "Check-ins" in reached  # the scrollable table can be focused and scrolled by keyboard


def test_without_javascript_the_chart_and_its_table_are_there(
    browser: Browser, base_url: str, sample: Project
) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    key_result = next(iter(sample.dataset.checkins_by_key_result))
    page.goto(base_url + urls.key_result(key_result))
    assert page.locator("figure.okr-chart svg").filter(visible=True).count() == 1
    assert page.locator("figure.okr-chart figcaption").inner_text().startswith("Measured")
    assert page.locator("table.okr-checkins tbody tr").count() == len(
        sample.dataset.checkins_by_key_result[key_result]
    )
    context.close()


@pytest.mark.parametrize("path", ["", "units/city/"])
def test_pages_reflow_at_320_css_pixels(browser: Browser, base_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(base_url + path)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    context.close()


def test_printed_a_key_result_page_is_its_content_whole(
    page: Page, base_url: str, sample: Project
) -> None:
    key_result = next(iter(sample.dataset.checkins_by_key_result))
    page.goto(base_url + urls.key_result(key_result))
    assert page.locator(".md-header").is_visible()
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-sidebar--primary", ".md-footer", ".okr-breadcrumbs"):
        assert not page.locator(chrome).first.is_visible(), chrome
    assert page.locator("figure.okr-chart svg").filter(visible=True).count() == 1
    assert page.locator("table.okr-checkins").is_visible()
    unbroken = page.locator("figure.okr-chart").evaluate("f => getComputedStyle(f).breakInside")
    assert unbroken == "avoid"
    pdf = page.pdf()  # Chromium lays the page out for paper as a reader's print would
    assert pdf.startswith(b"%PDF")


def test_without_javascript_a_dark_device_gets_dark_pages_that_pass_axe(
    browser: Browser, base_url: str, sample: Project
) -> None:
    """With JavaScript, every page is checked in the dark scheme (test_every_page.py)."""
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    found = {}
    for path in one_of_each_page(sample):
        page.goto(base_url + path)
        as_without_javascript(page)
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        channels = [int(c) for c in re.findall(r"\d+", background)[:3]]
        assert max(channels) < 60, (path, background)  # dark, not Material's white
        result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_AA}})
        if result.response["violations"]:
            found[path] = [v["id"] for v in result.response["violations"]]
    assert found == {}
    context.close()


def test_charts_follow_the_colour_scheme(browser: Browser, base_url: str, sample: Project) -> None:
    key_result = next(iter(sample.dataset.checkins_by_key_result))
    measured = '.okr-chart svg [stroke="{}"]'.format(COLOURS["measured"])
    strokes = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(base_url + urls.key_result(key_result))
        strokes[scheme] = page.locator(measured).first.evaluate("e => getComputedStyle(e).stroke")
        context.close()
    assert strokes["light"] == "rgb(31, 78, 121)"  # as drawn: #1f4e79
    assert strokes["dark"] != strokes["light"]


def test_on_a_wide_screen_the_data_uses_the_width(
    browser: Browser, base_url: str, sample: Project
) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    objective = next(o for o in sample.dataset.objectives.values() if o.key_results)
    page.goto(base_url + urls.objective(objective.id))
    table = page.locator("table.okr-table").first.bounding_box()
    assert table is not None and table["width"] > 0.7 * 1280
    assert not page.locator(".md-sidebar--secondary").is_visible()  # no empty contents column
    context.close()


#: The size of every text of the charts shown, in CSS pixels as the reader sees them: its font
#: size times the scale its SVG is drawn at (the screen transform of the text itself).
CHART_TEXT_SIZES = """() => [...document.querySelectorAll('.okr-chart svg')]
    .filter(svg => svg.getBoundingClientRect().width > 0)
    .map(svg => ({
        drawn: svg.getAttribute('width'),
        sizes: [...svg.querySelectorAll('text')].map(text => {
            const m = text.getScreenCTM();
            return parseFloat(getComputedStyle(text).fontSize) * Math.hypot(m.a, m.b);
        }),
    }))"""


def one_key_result_of_each_kind(sample: Project) -> list[str]:
    """A key result with check-ins of each direction and kind the sample has."""
    found: dict[tuple[str, str], str] = {}
    for kr_id in sample.dataset.checkins_by_key_result:
        kr = sample.dataset.key_results[kr_id]
        found.setdefault((kr.kind.value, kr.direction.value), kr_id)
    return list(found.values())


@pytest.fixture(scope="module")
def long_history_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The minimal portal with ten years of daily figures before a key result's period: its
    chart shows the period, and a strip below it the whole series."""
    root = tmp_path_factory.mktemp("history") / "portal"
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    periods = root / "data" / "periods.yml"
    years = "".join(f"- id: {y}\n  start: {y}-01-01\n  end: {y}-12-31\n" for y in range(2016, 2026))
    periods.write_text(periods.read_text("utf-8") + years, "utf-8")
    first = datetime.date(2016, 1, 1)
    rows = "".join(
        f"{first + datetime.timedelta(days=n)},roads-repair-days,{20 + n % 9}\n"
        for n in range(3650)
    )
    (root / "data" / "checkins" / "history.csv").write_text("date,key_result,value\n" + rows)
    build(root, root.parent / "site")
    with serve(root.parent / "site") as url:
        yield url + urls.key_result("roads-repair-days")


@pytest.mark.parametrize("width", [320, 375, 600, 768, 1024, 1280])
def test_chart_text_is_at_least_12_css_pixels_from_320_to_1280_pixels_wide(
    browser: Browser, base_url: str, long_history_url: str, sample: Project, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    addresses = [base_url + urls.key_result(kr) for kr in one_key_result_of_each_kind(sample)]
    assert len(addresses) >= 4
    drawn = "720" if width >= 768 else "288"  # the wide drawing where it fits, else the narrow
    smallest: dict[str, float] = {}
    for address in [*addresses, long_history_url]:
        page.goto(address)
        charts = page.evaluate(CHART_TEXT_SIZES)
        # One drawing shown, and below the long history's chart its strip, as wide.
        assert len(charts) == (2 if address == long_history_url else 1), address
        for chart in charts:
            assert chart["drawn"] == drawn, (address, width)
            assert len(chart["sizes"]) >= 5
        smallest[address] = min(size for chart in charts for size in chart["sizes"])
    context.close()
    assert min(smallest.values()) >= 12, smallest
