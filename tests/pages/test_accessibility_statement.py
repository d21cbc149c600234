"""The accessibility statement: made from the settings, in the page's language, linked from home."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.pages import urls
from tests.conftest import FIXTURES, build


def statement(site: Path) -> str:
    return (site / urls.ACCESSIBILITY / "index.html").read_text(encoding="utf-8")


def test_the_sample_states_its_standard_checks_limits_and_contact(sample_site: Path) -> None:
    page = statement(sample_site)
    assert "<h1" in page and "Accessibility statement" in page
    assert "WCAG) 2.2 at level AA" in page
    assert page.count("<li>") >= 7  # how it is checked, and what does not work well yet
    assert (
        '<a href="mailto:accessibility@brookhaven.example">accessibility@brookhaven.example</a>'
        in page
    )
    assert "prepared with the figures of Nov 16, 2026" in page
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert f'href="{urls.ACCESSIBILITY}">Accessibility statement</a>' in home


def test_without_a_contact_the_statement_names_the_organisation(tmp_path: Path) -> None:
    root = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    build(root, tmp_path / "site")
    page = statement(tmp_path / "site")
    assert "Tell Town of Example about it." in page and "mailto:" not in page


def test_a_web_address_as_contact_is_linked_as_it_is(tmp_path: Path) -> None:
    root = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    config = root / "site_config.yml"
    config.write_text(
        config.read_text("utf-8") + "accessibility_contact: https://example.org/feedback\n",
        "utf-8",
    )
    build(root, tmp_path / "site")
    page = statement(tmp_path / "site")
    assert '<a href="https://example.org/feedback">https://example.org/feedback</a>' in page
