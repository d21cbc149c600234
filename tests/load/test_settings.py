"""site_config.yml: the contract's keys, the generator's own keys and their defaults.

Fixture lines: 1 title, 2 organisation, 3 base_url, 4 language, 5 levels, 6 licence (no as_of).
An appended key is line 7.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from generator.settings import StatusFactors

if TYPE_CHECKING:
    from tests.load.conftest import Portal

CONFIG = "site_config.yml"


def test_minimal_config_gets_the_defaults(project: Portal) -> None:
    loaded = project.load()
    settings = loaded.settings
    assert settings.title == "Public OKRs of the Town of Example"
    assert settings.organisation == "Town of Example"
    assert settings.base_url == "https://okr.example.org/"
    assert settings.levels == ("organisation", "department", "team")
    assert settings.licence == "CC-BY-4.0"
    assert settings.language == "en"
    assert settings.as_of is None
    assert settings.status_factors == StatusFactors(on_track=0.9, at_risk=0.6)
    assert settings.publish_authors is False
    assert dict(settings.level_labels) == {}
    assert dict(settings.mkdocs) == {}
    assert settings.level_label("department") == "Department"


def test_language_defaults_to_english(project: Portal) -> None:
    project.replace(CONFIG, "language: en\n", "")
    assert project.load().settings.language == "en"


def test_missing_title(project: Portal) -> None:
    project.replace(CONFIG, "title: Public OKRs of the Town of Example\n", "")
    project.check((f"{CONFIG}:1", "site_config.yml has no 'title': add it"))


def test_empty_title(project: Portal) -> None:
    project.replace(CONFIG, "title: Public OKRs of the Town of Example\n", "title:\n")
    project.check((f"{CONFIG}:1", "site_config.yml has no 'title': add it"))


def test_missing_organisation(project: Portal) -> None:
    project.replace(CONFIG, "organisation: Town of Example\n", "")
    project.check((f"{CONFIG}:1", "site_config.yml has no 'organisation': add it"))


@pytest.mark.parametrize("tag", ["xx", "english", "en_GB", "de-XX"])
def test_unknown_language_tag(project: Portal, tag: str) -> None:
    project.replace(CONFIG, "language: en\n", f"language: {tag}\n")
    project.check((f"{CONFIG}:4", f"'language' is '{tag}': use a BCP 47 tag such as en or nb"))


@pytest.mark.parametrize("tag", ["en-GB", "nb", "de-AT", "sr-Latn-RS"])
def test_language_tags_that_are_fine(project: Portal, tag: str) -> None:
    project.replace(CONFIG, "language: en\n", f"language: {tag}\n")
    assert project.load().settings.language == tag


def test_levels_missing(project: Portal) -> None:
    project.replace(CONFIG, "levels: [organisation, department, team]\n", "")
    project.check((f"{CONFIG}:1", "site_config.yml has no 'levels': add it"))


def test_levels_empty(project: Portal) -> None:
    project.replace(CONFIG, "levels: [organisation, department, team]\n", "levels: []\n")
    project.check((f"{CONFIG}:5", "'levels' is empty: list the levels, top first"))


def test_level_that_is_not_a_slug(project: Portal) -> None:
    project.replace(CONFIG, "[organisation, department, team]", "[Organisation, department, team]")
    project.check((f"{CONFIG}:5", "'levels' lists 'Organisation': an id is lowercase"))


def test_level_listed_twice(project: Portal) -> None:
    project.replace(CONFIG, "[organisation, department, team]", "[organisation, team, team]")
    project.check((f"{CONFIG}:5", "'levels' lists 'team' twice"))


def test_levels_free_names_and_depth(project: Portal) -> None:
    project.replace(
        CONFIG, "[organisation, department, team]", "[country, region, municipality, office]"
    )
    project.replace("data/units.yml", "level: organisation", "level: country")
    project.replace(
        "data/units.yml",
        "level: department\n  parent: town\n- id: parks",
        "level: region\n  parent: town\n- id: parks",
    )
    project.replace("data/units.yml", "level: department", "level: region")
    project.replace("data/units.yml", "level: team", "level: office")
    assert project.load().dataset.units["potholes"].level == "office"


@pytest.mark.parametrize(("key", "suggestion"), [("licens", "licence"), ("license", "licence")])
def test_unknown_key_with_hint(project: Portal, key: str, suggestion: str) -> None:
    project.replace(CONFIG, "licence: CC-BY-4.0\n", f"{key}: CC-BY-4.0\n")
    project.check(
        (f"{CONFIG}:6", f"unknown key '{key}' in site_config.yml: did you mean '{suggestion}'?")
    )


@pytest.mark.parametrize("value", ["30.09.2026", "2026-09-31", "September 2026"])
def test_as_of_bad_date(project: Portal, value: str) -> None:
    project.append(CONFIG, f"as_of: {value}\n")
    project.check((f"{CONFIG}:7", f"'as_of' is '{value}', not a date: write it as YYYY-MM-DD"))


def test_bad_base_url(project: Portal) -> None:
    project.replace(CONFIG, "base_url: https://okr.example.org/\n", "base_url: okr.example.org\n")
    project.check((f"{CONFIG}:3", "'base_url' is 'okr.example.org': write a full web address"))


def test_base_url_gets_a_trailing_slash(project: Portal) -> None:
    project.replace(CONFIG, "https://okr.example.org/", "https://example.org/okr")
    assert project.load().settings.base_url == "https://example.org/okr/"


def test_licence_as_free_text(project: Portal) -> None:
    project.replace(CONFIG, "licence: CC-BY-4.0\n", "licence: public domain\n")
    assert project.load().settings.licence == "public domain"


def test_status_factors(project: Portal) -> None:
    project.append(CONFIG, "status_factors: {on_track: 0.8, at_risk: 0.5}\n")
    assert project.load().settings.status_factors == StatusFactors(on_track=0.8, at_risk=0.5)


def test_status_factors_in_the_wrong_order(project: Portal) -> None:
    project.append(CONFIG, "status_factors: {on_track: 0.5, at_risk: 0.8}\n")
    project.check((f"{CONFIG}:7", "need 0 <= at_risk <= on_track"))


def test_status_factors_unknown_key(project: Portal) -> None:
    project.append(CONFIG, "status_factors:\n  on_track: 0.8\n  at_rsk: 0.5\n")
    project.check(
        (f"{CONFIG}:9", "unknown key 'at_rsk' in status_factors: did you mean 'at_risk'?")
    )


def test_publish_authors(project: Portal) -> None:
    project.append(CONFIG, "publish_authors: true\n")
    assert project.load().settings.publish_authors is True


def test_publish_authors_not_a_boolean(project: Portal) -> None:
    project.append(CONFIG, "publish_authors: maybe\n")
    project.check((f"{CONFIG}:7", "'publish_authors' is 'maybe': write true or false"))


def test_level_labels(project: Portal) -> None:
    project.append(CONFIG, "level_labels: {department: Departments}\n")
    settings = project.load().settings
    assert (settings.level_label("department"), settings.level_label("team")) == (
        "Departments",
        "Team",
    )


def test_level_labels_per_language(project: Portal) -> None:
    project.replace(CONFIG, "language: en\n", "language: en\nlanguages: [en, fr]\n")
    project.append(CONFIG, "level_labels:\n  department: {en: Departments, fr: Services}\n")
    settings = project.load().settings
    assert settings.level_label("department", "fr") == "Services"
    assert settings.level_label("department") == "Departments"


def test_level_labels_in_a_language_the_portal_does_not_publish(project: Portal) -> None:
    project.append(CONFIG, "level_labels:\n  department:\n    en: Departments\n    fr: Services\n")
    project.check((f"{CONFIG}:10", "'level_labels' has a heading in 'fr', not one of the portal's"))


def test_level_labels_naming_an_unknown_level(project: Portal) -> None:
    project.append(CONFIG, "level_labels: {division: Divisions}\n")
    project.check((f"{CONFIG}:7", "'level_labels' names 'division', which is not a level"))


def test_mkdocs_settings_are_allowed(project: Portal) -> None:
    project.append(CONFIG, "mkdocs:\n  theme:\n    palette: {primary: teal}\n")
    assert "theme" in project.load().settings.mkdocs


def test_mkdocs_settings_keep_yaml_types_for_mkdocs(project: Portal) -> None:
    """The contract's keys are read as text; MkDocs' own need YAML's booleans and numbers."""
    project.append(CONFIG, "mkdocs:\n  use_directory_urls: false\n  extra: {columns: 8}\n")
    mkdocs = project.load().settings.mkdocs
    assert mkdocs == {"use_directory_urls": False, "extra": {"columns": 8}}


def test_check_help_lists_every_setting_from_the_contract() -> None:
    from click.testing import CliRunner

    from generator.cli import main
    from generator.contract import SETTINGS

    help_text = CliRunner().invoke(main, ["check", "--help"]).output
    for item in SETTINGS:
        assert f"  {item.name}" in help_text
        assert item.help.split(" (")[0][:40] in " ".join(help_text.split())


def test_mkdocs_must_be_a_mapping(project: Portal) -> None:
    project.append(CONFIG, "mkdocs: material\n")
    project.check((f"{CONFIG}:7", "'mkdocs' must be a mapping"))


def test_config_file_is_required(project: Portal) -> None:
    project.remove(CONFIG)
    project.check((CONFIG, "there is no site_config.yml in"))


def test_config_must_be_a_mapping(project: Portal) -> None:
    project.write(CONFIG, "- title: Public OKRs\n")
    project.check((f"{CONFIG}:1", "must be a mapping of setting names to values"))


@pytest.mark.parametrize("text", ["", "# settings come later\n"], ids=["empty", "only-comments"])
def test_empty_config_is_a_problem_not_a_crash(project: Portal, text: str) -> None:
    project.write(CONFIG, text)
    problems = project.problems()
    assert len(problems) >= 1, problems
    assert problems[0].startswith(CONFIG), problems
