"""The portal speaks its language: every word from the catalogue, numbers and dates its way."""

from __future__ import annotations

import datetime
import gettext
import html
import re
import shutil
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from generator.i18n import LOCALES, Language
from generator.load.project import load_project
from generator.pages import urls
from tests.conftest import FIXTURES, ROOT, build

# Every language with a catalogue; English is the source language and needs none.
SHIPPED = sorted(p.name for p in LOCALES.iterdir() if p.is_dir())


@cache
def template() -> dict[str, str | tuple[str, str]]:
    """The portal's words as `make messages` extracts them: singular msgid -> msgid (or the
    singular and plural msgids of a message with plural forms)."""
    method_map = [("generator/**.py", "python"), ("theme/**.html", "jinja2")]
    options = {"theme/**.html": {"extensions": "jinja2.ext.i18n"}}
    found: dict[str, str | tuple[str, str]] = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options, keywords={"_": None, "N_": None, "ngettext": (1, 2)}
    ):
        found[message[0] if isinstance(message, tuple) else message] = message
    return found


def extracted_messages() -> set[str]:
    return set(template())


def catalogue(language: str) -> Catalog:
    with (LOCALES / language / "LC_MESSAGES" / "messages.po").open("rb") as source:
        return read_po(source)


# A format placeholder (%(name)s, {name}), an escaped percent sign or a lone one, which would
# make the page fail: templates format every message, Python code those with values.
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]|%%|%|\{\w*\}")


def placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


def source_of_each_form(catalogue: Catalog) -> list[int]:
    """For each plural form of the language, the msgid it translates: 0 (the singular) for a
    form used for the number 1 alone, else 1 (the plural, which names the count)."""
    form_of = gettext.c2py(catalogue.plural_expr)
    numbers: dict[int, set[int]] = {form: set() for form in range(catalogue.num_plurals)}
    for n in range(1000):
        numbers[form_of(n)].add(n)
    return [0 if numbers[form] == {1} else 1 for form in range(catalogue.num_plurals)]


def test_extraction_finds_the_words_of_code_and_templates() -> None:
    messages = extracted_messages()
    assert "On track" in messages  # from Python views
    assert "What is in the way" in messages  # from a template


def test_the_portal_ships_its_languages() -> None:
    assert {"fi", "nb", "nl", "sv"} <= set(SHIPPED)


@pytest.mark.parametrize("language", SHIPPED)
def test_every_catalogue_translates_every_message(language: str) -> None:
    """Every message of the template has a translation that is neither empty nor fuzzy (a fuzzy
    one is not used: the reader would see English), in every plural form of the language."""
    messages = {(m.id[0] if isinstance(m.id, tuple) else m.id): m for m in catalogue(language)}
    untranslated = {
        msgid
        for msgid, source in template().items()
        if msgid not in messages
        or messages[msgid].fuzzy
        or isinstance(source, tuple) != messages[msgid].pluralizable
        or not all(
            messages[msgid].string if messages[msgid].pluralizable else [messages[msgid].string]
        )
    }
    assert untranslated == set()


@pytest.mark.parametrize("language", SHIPPED)
def test_every_catalogue_is_of_its_own_language(language: str) -> None:
    """The header names the folder's language and its plural rule, as CLDR (Babel) has it."""
    found = catalogue(language)
    assert str(found.locale) == language
    assert found.plural_forms == Catalog(locale=language).plural_forms
    assert not found.fuzzy
    # Babel's own checks: as many plural forms as the language has, compatible placeholders.
    assert [(m.id, [str(e) for e in errors]) for m, errors in found.check()] == []


@pytest.mark.parametrize("language", SHIPPED)
def test_every_translation_keeps_the_placeholders_of_its_message(language: str) -> None:
    """A translation names every value its message names, no other, and no lone percent sign:
    one dropped would leave a figure out of a sentence, one added would stop the build."""
    found = catalogue(language)
    sources = source_of_each_form(found)
    wrong = []
    for message in found:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            pairs = [(message.id[sources[i]], s) for i, s in enumerate(message.string)]
        else:
            pairs = [(message.id, message.string)]
        wrong += [(s, t) for s, t in pairs if t and placeholders(s) != placeholders(t)]
    assert wrong == []


def test_placeholders_are_counted_whatever_their_kind() -> None:
    assert placeholders("%(count)s of %(total)d, {name}, 50%%") == Counter(
        ["%(count)s", "%(total)d", "{name}", "%%"]
    )
    assert placeholders("50 % of %(count)s") == Counter(["%", "%(count)s"])
    assert placeholders("No figures") == Counter()


def test_english_is_the_source_and_needs_no_catalogue() -> None:
    """English words are the msgids themselves, so English is complete by construction."""
    for tag in ("en", "en-GB"):
        language = Language(tag)
        for msgid, source in template().items():
            if isinstance(source, tuple):
                assert language.ngettext(*source, 1) == source[0]
                assert language.ngettext(*source, 2) == source[1]
            else:
                assert language.gettext(msgid) == msgid


@pytest.mark.parametrize(
    ("tag", "share", "expected"),
    [
        ("en", 0.125, "12.5%"),
        ("nb", 0.125, "12,5\u00a0%"),
        ("nl", 0.125, "12,5%"),
        ("fi", 0.125, "12,5\u00a0%"),
        ("sv", 0.125, "12,5\u00a0%"),
        ("sv-FI", 0.125, "12,5\u00a0%"),
        ("de", 0.5, "50\u00a0%"),
    ],
)
def test_percent_follows_the_language(tag: str, share: float, expected: str) -> None:
    assert Language(tag).percent(share, decimals=1) == expected


@pytest.mark.parametrize(("tag", "zero"), [("en", "0%"), ("nb", "0\u00a0%")])
def test_a_negative_zero_is_written_as_zero_whatever_was_written_before(
    tag: str, zero: str
) -> None:
    language = Language(tag)
    assert language.percent(-0.0) == zero
    assert language.number(-0.0) == "0"
    assert language.percent(0.0) == zero  # formatted after -0.0: the same value, the same text


def test_numbers_currency_and_dates_follow_the_language() -> None:
    en, nb = Language("en"), Language("nb")
    assert en.quantity(1234.5, "days") == "1,234.5 days"
    assert nb.quantity(1234.5, "days") == "1\u00a0234,5 days"
    assert en.quantity(1500, "EUR") == "€1,500"
    assert nb.quantity(1500, "EUR") == "1\u00a0500\u00a0€"
    assert en.quantity(45.5, "%") == "45.5%"
    assert en.date(datetime.date(2026, 11, 16)) == "Nov 16, 2026"
    assert nb.date(datetime.date(2026, 11, 16)) == "16. nov. 2026"


@pytest.mark.parametrize(
    "tag", ["en", "nb", "nl", "fi", "sv", "de", "fr", "pl", "de-CH", "ar", "en-IN", "hi"]
)
def test_a_number_is_written_as_babel_writes_it_in_every_language(tag: str) -> None:
    """Each language's numbers are the Latin ones with its symbols put in: the same text as
    Babel's own, and where a locale writes numbers otherwise (Swiss grouping, Arabic
    direction marks), Babel's own."""
    language = Language(tag)
    values = [0.0, 7.0, -0.5, 0.125, 999.995, 1_000.0, -12_345.678, 1_234_567.5, 98_765_432.1]
    values += [(-1) ** n * 1.37**n for n in range(40)]
    for value in values:
        for decimals in (0, 2, 4):
            pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
            expected = format_decimal(value, format=pattern, locale=language.locale)
            assert language.number(value, decimals) == expected, (value, decimals)


@pytest.mark.parametrize(
    ("tag", "number", "euros", "day", "month"),
    [
        ("nl", "1.234,5 days", "€\u00a01.500", "16 nov 2026", "november 2026"),
        ("fi", "1\u00a0234,5 days", "1\u00a0500\u00a0€", "16.11.2026", "marraskuu 2026"),
        ("sv", "1\u00a0234,5 days", "1\u00a0500\u00a0€", "16 nov. 2026", "november 2026"),
    ],
)
def test_numbers_currency_and_dates_follow_each_shipped_language(
    tag: str, number: str, euros: str, day: str, month: str
) -> None:
    language = Language(tag)
    assert language.quantity(1234.5, "days") == number
    assert language.quantity(1500, "EUR") == euros
    assert language.date(datetime.date(2026, 11, 16)) == day
    # A month standing alone (a monthly period), not the form of a date (fi "marraskuuta").
    assert language.month_year(datetime.date(2026, 11, 16)) == month


def test_words_fall_back_to_english_for_a_language_without_catalogue() -> None:
    assert Language("de").gettext("On track") == "On track"
    assert Language("nb-NO").gettext("On track") == "I rute"


@pytest.mark.parametrize(("tag", "base"), [("nl-BE", "nl"), ("fi-FI", "fi"), ("sv-FI", "sv")])
def test_a_regional_tag_speaks_its_languages_catalogue(tag: str, base: str) -> None:
    regional, language = Language(tag), Language(base)
    for msgid in ("On track", "Key results", "Check-ins"):
        assert regional.gettext(msgid) == language.gettext(msgid) != msgid
    assert regional.ngettext("%(count)s objective", "%(count)s objectives", 2) == (
        language.ngettext("%(count)s objective", "%(count)s objectives", 2)
    )


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


@pytest.mark.parametrize("language", SHIPPED)
def test_a_portal_in_each_shipped_language(language: str, tmp_path: Path) -> None:
    """Every page builds in the language (templates format every message they write) and
    speaks it: the statuses and the navigation in its words, none left in English."""
    project = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", project, ignore=shutil.ignore_patterns(".okr-cache"))
    config = project / "site_config.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("language: en", f"language: {language}")
    )
    build(project, tmp_path / "site")
    words = Language(language)
    pages = sorted((tmp_path / "site").rglob("*.html"))
    assert pages
    for page in pages:
        text = html.unescape(page.read_text(encoding="utf-8"))
        assert f'<html lang="{language}"' in text, page
        for english in ("On track", "At risk", "Off track", "No data yet", "Key results"):
            if english in text:  # the fixture's own data may not carry every status
                assert words.gettext(english) == english, (page, english)
    home = html.unescape((tmp_path / "site" / "index.html").read_text(encoding="utf-8"))
    for heading in ("Browse", "Periods", "Open data"):
        assert f">{words.gettext(heading)}</" in home, heading
