"""A way to answer back (contract 1.1 ``feedback``) on every objective and key result page:
the settings' form with the item's id and title filled in and URL-encoded, or a mail whose
subject names the item; nothing when the settings give neither."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.pages import urls
from tests.conftest import FIXTURES, build

FORM = "https://forms.example.org/okr?item={id}&title={title}"
TITLE = 'Roads & "potholes": repaired faster?'


def built(folder: Path, feedback: str | None) -> Path:
    root = folder / "portal"
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    roads = root / "data" / "okrs" / "2026-Q2" / "roads.yml"
    roads.write_text(
        roads.read_text("utf-8").replace(
            "    title: Repair roads faster\n", f"    title: '{TITLE}'\n"
        ),
        "utf-8",
    )
    if feedback is not None:
        config = root / "site_config.yml"
        config.write_text(config.read_text("utf-8") + feedback, "utf-8")
    build(root, folder / "site")
    return folder / "site"


def feedback_href(site: Path, path: str) -> str | None:
    page = (site / path / "index.html").read_text("utf-8")
    found = re.search(r'<h3 id="feedback">.*?<a href="([^"]+)"', page, re.S)
    return html.unescape(found.group(1)) if found else None


@pytest.fixture(scope="module")
def with_form(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built(tmp_path_factory.mktemp("form"), f"feedback:\n  url: {FORM}\n")


def test_the_form_is_given_the_item_s_id_and_title(with_form: Path) -> None:
    href = feedback_href(with_form, urls.objective("roads-faster-repair"))
    assert href is not None and href.startswith("https://forms.example.org/okr?")
    query = parse_qs(urlsplit(href).query)
    assert query == {"item": ["roads-faster-repair"], "title": [TITLE]}  # & and " survive
    kr = feedback_href(with_form, urls.key_result("roads-repair-days"))
    assert kr is not None
    assert parse_qs(urlsplit(kr).query)["item"] == ["roads-repair-days"]


def test_every_objective_and_key_result_page_has_the_link(with_form: Path) -> None:
    pages = [*(with_form / "objectives").glob("*/index.html")]
    pages += [*(with_form / "key-results").glob("*/index.html")]
    assert len(pages) == 11  # the fixture's 4 objectives and 7 key results
    assert all('<h3 id="feedback">' in p.read_text("utf-8") for p in pages)


def test_a_mail_names_the_item_in_its_subject(tmp_path: Path) -> None:
    site = built(tmp_path, "feedback:\n  email: okr@example.org\n")
    href = feedback_href(site, urls.objective("roads-faster-repair"))
    assert href is not None and href.startswith("mailto:okr@example.org?subject=")
    subject = parse_qs(urlsplit(href).query)["subject"]
    assert subject == [f"About: {TITLE} (roads-faster-repair)"]


def test_without_the_setting_no_link_is_offered(tmp_path: Path) -> None:
    site = built(tmp_path, None)
    assert feedback_href(site, urls.objective("roads-faster-repair")) is None
