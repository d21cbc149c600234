"""The reference language (``generator.i18n.reference``): whatever two values a language could
write differently, it writes differently, so a page's values in it stand for the page in every
language."""

from __future__ import annotations

import datetime
from collections import defaultdict

import pytest
from babel.messages.pofile import read_po

from generator.i18n import LOCALES, Language
from generator.i18n.reference import ReferenceLanguage
from generator.load.project import load_project
from generator.pages.formatting import Formatter
from tests.conftest import FIXTURES

REFERENCE = ReferenceLanguage("nb")


def alike_in(tag: str) -> list[tuple[str, str]]:
    """Pairs of messages the language ``tag``'s catalogue translates with the same words."""
    with (LOCALES / tag / "LC_MESSAGES" / "messages.po").open("rb") as source:
        catalogue = read_po(source, locale=tag)
    by_words: defaultdict[str, list[str]] = defaultdict(list)
    for message in catalogue:
        if isinstance(message.id, str) and message.id and message.string:
            by_words[str(message.string)].append(message.id)
    return [(ids[0], ids[1]) for ids in by_words.values() if len(ids) > 1]


@pytest.mark.parametrize("tag", ["fi", "nb", "nl", "sv"])
def test_messages_a_language_translates_alike_are_written_apart(tag: str) -> None:
    pairs = alike_in(tag)
    assert pairs  # "Kind" and "Type" are both "Type" in Norwegian, and so on
    language, reference = Language(tag), ReferenceLanguage(tag)
    for one, other in pairs:
        assert language.gettext(one) == language.gettext(other)
        assert reference.gettext(one) != reference.gettext(other)


def test_a_plural_is_written_with_its_count() -> None:
    """English writes "key results" for 2 and for 5; a language with a form for a few does not."""
    english = Language("en")
    assert english.ngettext("key result", "key results", 2) == english.ngettext(
        "key result", "key results", 5
    )
    assert REFERENCE.ngettext("key result", "key results", 2) != REFERENCE.ngettext(
        "key result", "key results", 5
    )


def test_values_a_language_rounds_alike_are_written_apart() -> None:
    english = Language("en")
    assert english.number(12.501, 1) == english.number(12.5, 1)
    assert REFERENCE.number(12.501, 1) != REFERENCE.number(12.5, 1)
    assert REFERENCE.number(12.5, 1) != REFERENCE.number(12.5, 2)
    assert REFERENCE.percent(0.125) != REFERENCE.percent(0.125, 1)
    assert REFERENCE.quantity(3, "days") != REFERENCE.quantity(3, "dagar")
    assert REFERENCE.quantity(3, "EUR") != REFERENCE.number(3)


def test_dates_are_written_whole() -> None:
    first, second = datetime.date(2026, 3, 1), datetime.date(2026, 3, 31)
    english = Language("en")
    assert english.month_year(first) == english.month_year(second)
    assert REFERENCE.month_year(first) != REFERENCE.month_year(second)
    assert REFERENCE.year(first) != REFERENCE.year(second)
    assert REFERENCE.date(first) != REFERENCE.date(second)
    assert len({REFERENCE.date(first), REFERENCE.month_year(first), REFERENCE.year(first)}) == 3


def test_a_choice_among_languages_is_every_text() -> None:
    texts = {"fi": "Kaupunki", "sv": "Stad"}
    assert Language("fi").pick(texts, "fi") == Language("fi").pick({**texts, "sv": "By"}, "fi")
    assert REFERENCE.pick(texts, "fi") != REFERENCE.pick({**texts, "sv": "By"}, "fi")
    assert Language("sv").pick(texts, "fi") == "Stad"
    assert Language("nb").pick(texts, "fi") == "Kaupunki"


def test_values_side_by_side_stay_apart() -> None:
    """A formatter's sentences made of the reference language's words and values: a value
    moved from one place to another is another sentence."""
    formatter = Formatter(REFERENCE, load_project(FIXTURES / "minimal").settings)
    one = formatter._("%(a)s of %(b)s", a=REFERENCE.number(1), b=REFERENCE.number(23))
    other = formatter._("%(a)s of %(b)s", a=REFERENCE.number(12), b=REFERENCE.number(3))
    assert one != other
    assert formatter.ngettext("%(count)s day", "%(count)s days", 2) != formatter.ngettext(
        "%(count)s day", "%(count)s days", 3
    )
