"""Several languages (contract 1.1): ``languages`` in the settings, and text fields written as
a mapping of language tag to text. Line numbers are those of ``tests/fixtures/minimal``."""

from __future__ import annotations

from generator.model import Foreign
from generator.translation import in_language
from tests.load.conftest import Portal

CONFIG = "site_config.yml"
UNITS = "data/units.yml"
ROADS = "data/okrs/2026-Q2/roads.yml"
TWO_LANGUAGES = "language: en\nlanguages: [en, fr]\n"


def test_without_languages_the_portal_has_its_one_language(project: Portal) -> None:
    assert project.load().settings.languages == ("en",)


def test_languages_list_the_default_first(project: Portal) -> None:
    project.replace(CONFIG, "language: en\n", TWO_LANGUAGES)
    assert project.load().settings.languages == ("en", "fr")


def test_languages_must_start_with_the_default_language(project: Portal) -> None:
    project.replace(CONFIG, "language: en\n", "language: en\nlanguages: [fr, en]\n")
    project.check((f"{CONFIG}:5", "must start with the default language 'en'"))


def test_languages_must_be_language_tags(project: Portal) -> None:
    project.replace(CONFIG, "language: en\n", "language: en\nlanguages: [en, french]\n")
    project.check((f"{CONFIG}:5", "'languages' lists 'french': use BCP 47 tags"))


def test_a_text_per_language_is_read_and_kept(project: Portal) -> None:
    project.replace(CONFIG, "language: en\n", TWO_LANGUAGES)
    project.replace(
        UNITS,
        "  name: Roads Department\n",
        "  name:\n    en: Roads Department\n    fr: Service des routes\n",
    )
    units = project.load().dataset.units
    assert units["roads"].name == "Roads Department"
    assert units["roads"].translations.get("name", "fr") == "Service des routes"


def test_the_data_set_in_another_language_falls_back_to_the_default_marked(
    project: Portal,
) -> None:
    project.replace(CONFIG, "language: en\n", TWO_LANGUAGES)
    project.replace(
        ROADS,
        "    title: Repair roads faster\n",
        "    title:\n      en: Repair roads faster\n      fr: Réparer les routes plus vite\n",
    )
    dataset = project.load().dataset
    french = in_language(dataset, "fr", "en")
    assert french.objectives["roads-faster-repair"].title == "Réparer les routes plus vite"
    assert not isinstance(french.objectives["roads-faster-repair"].title, Foreign)
    parks = french.units["parks"].name
    assert isinstance(parks, Foreign) and parks == "Parks Department" and parks.lang == "en"
    assert in_language(dataset, "en", "en") is dataset


def test_a_language_the_portal_does_not_publish_is_named(project: Portal) -> None:
    project.replace(CONFIG, "language: en\n", TWO_LANGUAGES)
    project.replace(
        UNITS, "  name: Roads Department\n", "  name:\n    en: Roads Department\n    fi: Tiet\n"
    )
    project.check((f"{UNITS}:7", "'name' has a text in 'fi', not a portal language"))


ROADS_NAME = "  name: Roads Department\n"


def test_a_mapping_needs_the_default_language(project: Portal) -> None:
    project.replace(CONFIG, "language: en\n", TWO_LANGUAGES)
    project.replace(UNITS, ROADS_NAME, ROADS_NAME + "  description:\n    fr: Les routes\n")
    project.check((f"{UNITS}:6", "'description' has no text in the default language: add 'en:"))


def test_a_mapping_needs_languages_in_the_settings(project: Portal) -> None:
    project.replace(UNITS, ROADS_NAME, ROADS_NAME + "  description:\n    en: Roads\n")
    project.check((f"{UNITS}:6", "site_config.yml names no other languages"))


def test_only_text_fields_take_a_mapping(project: Portal) -> None:
    project.replace(CONFIG, "language: en\n", TWO_LANGUAGES)
    project.replace(UNITS, ROADS_NAME, ROADS_NAME + "  website:\n    en: https://example.org\n")
    project.check((f"{UNITS}:6", "'website' must be a single value"))
