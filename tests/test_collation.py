"""Alphabetical order without ICU or the machine's locale (generator.i18n.collation)."""

from __future__ import annotations

import pytest

from generator.i18n.collation import initial, sort_key

WORDS = ["Östen", "Zebra", "Ärlig", "apa", "Åsa", "Ängel", "Öl", "ærlig", "Éclair", "Ödla"]


@pytest.mark.parametrize(
    ("tag", "order"),
    [
        # Swedish and Finnish: å, ä, ö after z; Danish æ and ø are filed as ä and ö.
        ("sv", ["apa", "Éclair", "Zebra", "Åsa", "Ängel", "Ärlig", "ærlig", "Ödla", "Öl", "Östen"]),
        ("fi", ["apa", "Éclair", "Zebra", "Åsa", "Ängel", "Ärlig", "ærlig", "Ödla", "Öl", "Östen"]),
        # Norwegian: æ, ø, å after z; ä and ö are filed as æ and ø.
        ("nb", ["apa", "Éclair", "Zebra", "Ängel", "Ärlig", "ærlig", "Ödla", "Öl", "Östen", "Åsa"]),
        # Elsewhere an accent does not make a letter of its own, and æ is spelt "ae".
        (
            "en-GB",
            ["ærlig", "Ängel", "apa", "Ärlig", "Åsa", "Éclair", "Ödla", "Öl", "Östen", "Zebra"],
        ),
    ],
)
def test_each_language_sorts_its_own_letters_after_z(tag: str, order: list[str]) -> None:
    assert sorted(WORDS, key=lambda word: sort_key(word, tag)) == order


@pytest.mark.parametrize(
    ("text", "tag", "letter"),
    [
        ("Åtgärder", "sv", "Å"),
        ("Åtgärder", "en", "A"),
        ("ärlig", "fi", "Ä"),
        ("Ærlig", "nb", "Æ"),
        ("Ærlig", "sv", "Ä"),
        ("élan", "nl", "E"),
        ("“Quoted” title", "en", "Q"),
        ("311 calls answered", "en", "#"),
    ],
)
def test_an_entry_is_filed_under_its_language_s_first_letter(
    text: str, tag: str, letter: str
) -> None:
    assert initial(text, tag) == letter


def test_case_and_spaces_do_not_change_the_order_but_ties_keep_one() -> None:
    assert sort_key("Roads", "en") < sort_key("Roadside", "en") < sort_key("road works", "en")
    assert sorted(["b", "B"], key=lambda w: sort_key(w, "en")) == ["B", "b"]
