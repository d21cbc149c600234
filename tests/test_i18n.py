"""The portal speaks its language: every word from the catalogue, numbers and dates its way."""

from __future__ import annotations

import datetime
import html
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from generator.i18n import LOCALES, Language
from generator.load.project import load_project
from generator.pages import urls
from tests.conftest import FIXTURES, ROOT, build


def extracted_messages() -> set[str]:
    method_map = [("generator/**.py", "python"), ("theme/**.html", "jinja2")]
    options = {"theme/**.html": {"extensions": "jinja2.ext.i18n"}}
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options, keywords={"_": None, "ngettext": (1, 2)}
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_extraction_finds_the_words_of_code_and_templates() -> None:
    messages = extracted_messages()
    assert "On track" in messages  # from Python views
    assert "What is in the way" in messages  # from a template


@pytest.mark.parametrize("language", sorted(p.name for p in LOCALES.iterdir() if p.is_dir()))
def test_every_catalogue_translates_every_message(language: str) -> None:
    with (LOCALES / language / "LC_MESSAGES" / "messages.po").open("rb") as source:
        catalogue = read_po(source)
    translated = {
        (m.id[0] if isinstance(m.id, tuple) else m.id)
        for m in catalogue
        if m.id and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    assert extracted_messages() - translated == set()


@pytest.mark.parametrize(
    ("tag", "share", "expected"),
    [("en", 0.125, "12.5%"), ("nb", 0.125, "12,5\u00a0%"), ("de", 0.5, "50\u00a0%")],
)
def test_percent_follows_the_language(tag: str, share: float, expected: str) -> None:
    assert Language(tag).percent(share, decimals=1) == expected


def test_numbers_currency_and_dates_follow_the_language() -> None:
    en, nb = Language("en"), Language("nb")
    assert en.quantity(1234.5, "days") == "1,234.5 days"
    assert nb.quantity(1234.5, "days") == "1\u00a0234,5 days"
    assert en.quantity(1500, "EUR") == "€1,500"
    assert nb.quantity(1500, "EUR") == "1\u00a0500\u00a0€"
    assert en.quantity(45.5, "%") == "45.5%"
    assert en.date(datetime.date(2026, 11, 16)) == "Nov 16, 2026"
    assert nb.date(datetime.date(2026, 11, 16)) == "16. nov. 2026"


def test_words_fall_back_to_english_for_a_language_without_catalogue() -> None:
    assert Language("de").gettext("On track") == "On track"
    assert Language("nb-NO").gettext("On track") == "I rute"


def test_a_norwegian_portal_speaks_norwegian(tmp_path: Path) -> None:
    project = tmp_path / "portal"
    for part in ("data", "content"):
        shutil.copytree(ROOT / part, project / part)
    if (ROOT / ".okr-cache").is_dir():  # charts differ by locale; a warm cache only saves time
        shutil.copytree(ROOT / ".okr-cache", project / ".okr-cache")
    config = (ROOT / "site_config.yml").read_text(encoding="utf-8")
    (project / "site_config.yml").write_text(
        config.replace("language: en", "language: nb"), encoding="utf-8"
    )
    build(project, tmp_path / "site")
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="nb"' in home
    assert "I rute" in home and "On track" not in home
    assert "Tall per 16. nov. 2026." in home
    # The first key result, in the data's file order, whose latest figure English writes
    # otherwise than Norwegian (a decimal point, a thousands separator).
    loaded = load_project(project)
    en, nb = Language("en"), Language("nb")
    latest = {
        kr_id: past[-1]
        for kr_id, checkins in loaded.dataset.checkins_by_key_result.items()
        if (past := [c for c in checkins if c.date <= loaded.as_of])
    }
    kr = next(
        kr
        for kr in loaded.dataset.key_results.values()
        if kr.id in latest
        and en.quantity(latest[kr.id].value, kr.unit) != nb.quantity(latest[kr.id].value, kr.unit)
    )
    checkin = latest[kr.id]
    text = html.unescape(
        (tmp_path / "site" / urls.key_result(kr.id) / "index.html").read_text(encoding="utf-8")
    )
    heading = re.search(r"<h1\b[^>]*>(.*?)</h1>", text, re.S)
    assert heading and heading.group(1) == kr.title
    assert '<h2 id="checkins">Statusoppdateringer</h2>' in text and "Check-ins" not in text
    assert nb.quantity(checkin.value, kr.unit) in text
    assert en.quantity(checkin.value, kr.unit) not in text
    assert nb.date(checkin.date) in text and en.date(checkin.date) not in text
    assert "\u00a0%" in text  # percentages written the Norwegian way


def test_html_lang_is_the_portals_own_tag(tmp_path: Path) -> None:
    project = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", project, ignore=shutil.ignore_patterns(".okr-cache"))
    config = project / "site_config.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: en", "language: en-GB"))
    build(project, tmp_path / "site")
    for page in ("index.html", "units/town/index.html", "periods/index.html"):
        html = (tmp_path / "site" / page).read_text(encoding="utf-8")
        assert '<html lang="en-GB"' in html, page
    home = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert "15 Jun 2026" in home  # British English dates (the as-of date, from the data)
