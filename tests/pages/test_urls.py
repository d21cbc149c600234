"""Addresses are permanent and relative: the site works at a domain root or under a sub-path."""

from __future__ import annotations

import pytest

from generator.pages import urls


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        (urls.unit("housing"), "units/housing/"),
        (urls.objective("city-homes"), "objectives/city-homes/"),
        (urls.key_result("wait-days"), "key-results/wait-days/"),
        (urls.period("2026-Q3"), "periods/2026-q3/"),
        (urls.theme("climate"), "themes/climate/"),
        (urls.level("department"), "levels/department/"),
        (urls.key_result_on_objective("o", "kr"), "objectives/o/#kr"),
        (urls.report("housing", "2026-Q3"), "reports/housing-2026-q3.pdf"),
        (urls.unit_feed("housing"), "feeds/units/housing.atom"),
    ],
)
def test_addresses_are_made_from_ids(address: str, expected: str) -> None:
    assert address == expected


@pytest.mark.parametrize(
    ("from_path", "to_path", "expected"),
    [
        ("", "units/a/", "units/a/"),
        ("units/a/", "units/b/", "../../units/b/"),
        ("themes/", "themes/x/", "../themes/x/"),
        ("units/a/", "", "../../"),
        ("", "", "./"),
    ],
)
def test_relative_links(from_path: str, to_path: str, expected: str) -> None:
    assert urls.relative(from_path, to_path) == expected


def test_root_links_to_data_pages_in_hand_written_pages_become_relative() -> None:
    html = '<a href="/objectives/o/">o</a> <a href="/about/">about</a> <a href="https://x.example/">x</a>'
    result = urls.relative_data_links(html, "updates/q3/")
    assert 'href="../../objectives/o/"' in result
    assert 'href="/about/"' in result and 'href="https://x.example/"' in result


def test_the_default_language_lives_at_the_root_and_others_under_their_tag() -> None:
    assert urls.language_root("fi", "fi") == ""
    assert urls.language_root("sv", "fi") == "sv/"
    assert urls.language_root("nb-NO", "en") == "nb-no/"


def test_links_within_an_edition_survive_moving_it_under_a_language_root() -> None:
    """A link made between unprefixed addresses leads to the same page once both move."""
    from posixpath import normpath

    root = urls.language_root("sv", "fi")
    here, there = urls.unit("a"), urls.objective("b")
    link = urls.relative(here, there)
    assert normpath(f"/{root}{here}{link}") + "/" == f"/{root}{there}"
