"""``site_config.yml`` -> :class:`Settings`: the one place the file is read.

The contract's keys and okr-portal's own are described in ``generator.contract.SETTINGS``,
with the default of every optional key; this module checks the values and fills them in.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError

from generator.contract import FEEDBACK, SETTINGS, STATUS_FACTORS
from generator.load.fields import Fields, did_you_mean
from generator.load.problems import Problems
from generator.load.yamlfile import LineDict, parse_yaml, read_text
from generator.settings import Feedback, Settings, StatusFactors

CONFIG_FILE = "site_config.yml"


def load_settings(project: Path, problems: Problems) -> Settings | None:
    """The settings of the portal in ``project``, with any problems recorded; None when they
    are too broken (no levels) to check the data against."""
    file = project / CONFIG_FILE
    if not file.is_file():
        problems.add(CONFIG_FILE, None, f"there is no {CONFIG_FILE} in {project}: create it")
        return None
    text = read_text(file, CONFIG_FILE, problems)
    if text is None:
        return None
    document = parse_yaml(text, CONFIG_FILE, problems, "write title, organisation and levels")
    if document is None:
        return None
    if not isinstance(document, LineDict):
        problems.add(CONFIG_FILE, 1, "must be a mapping of setting names to values")
        return None
    fields = Fields(document, CONFIG_FILE, problems, SETTINGS)
    levels = fields.slugs("levels")
    if levels == ():
        fields.problem("levels", "'levels' is empty: list the levels, top first")
    language = _language(fields)
    languages = _languages(fields, language)
    settings = Settings(
        title=fields.text("title") or "",
        organisation=fields.text("organisation") or "",
        levels=levels or (),
        base_url=_base_url(fields),
        language=language,
        languages=languages,
        licence=fields.text("licence"),
        as_of=fields.date("as_of"),
        level_labels=_level_labels(fields, levels or (), languages),
        status_factors=_status_factors(fields),
        publish_authors=fields.boolean("publish_authors"),
        accessibility_contact=fields.text("accessibility_contact"),
        feedback=_feedback(fields),
        report_levels=_report_levels(fields, levels or ()),
        mkdocs=_mkdocs(fields, text),
    )
    # With its levels known, the data can still be checked, so every problem is reported at once.
    return settings if levels else None


def _language(fields: Fields) -> str:
    language = fields.text("language") or str(SETTINGS["language"].default)
    if not _is_language(language):
        fields.problem("language", f"'language' is '{language}': use a BCP 47 tag such as en or nb")
    return language


def _is_language(tag: str) -> bool:
    try:
        Locale.parse(tag, sep="-")
    except (ValueError, UnknownLocaleError):
        return False
    return True


def _languages(fields: Fields, default: str) -> tuple[str, ...]:
    """The languages the portal is published in, the default first; without the setting,
    the default alone."""
    if not fields.has("languages"):
        return (default,)
    listed = fields.strings("languages") or ()
    for tag in listed:
        if not _is_language(tag):
            fields.problem(
                "languages", f"'languages' lists '{tag}': use BCP 47 tags such as fi or sv"
            )
    if len(set(listed)) < len(listed):
        fields.problem("languages", "'languages' lists a language twice")
    if listed[:1] != (default,):
        fields.problem(
            "languages",
            f"'languages' must start with the default language '{default}' (the 'language' "
            f"setting), like [{', '.join([default, *(t for t in listed if t != default)])}]",
        )
    known = tuple(dict.fromkeys(t for t in listed if _is_language(t) and t != default))
    return (default, *known)


def _base_url(fields: Fields) -> str | None:
    url = fields.url("base_url")
    return None if url is None else url.rstrip("/") + "/"


def _level_labels(
    fields: Fields, levels: tuple[str, ...], languages: tuple[str, ...]
) -> dict[str, dict[str, str]]:
    """Level -> language -> its heading; a plain heading is in the default language."""
    labels = fields.mapping_value("level_labels") or LineDict()
    found: dict[str, dict[str, str]] = {}
    for level, label in labels.items():
        if level not in levels:
            fields.problem("level_labels", f"'level_labels' names '{level}', which is not a level")
        if not isinstance(label, LineDict):
            found[str(level)] = {languages[0]: str(label)}
            continue
        for tag in label:
            if tag not in languages:
                where = label.line_of(tag)
                fields.problems.add(
                    fields.path,
                    where,
                    f"'level_labels' has a heading in '{tag}', not one of the portal's "
                    f"languages ({', '.join(languages)})",
                )
        found[str(level)] = {str(tag): str(text) for tag, text in label.items()}
    return found


def _report_levels(fields: Fields, levels: tuple[str, ...]) -> tuple[str, ...]:
    """The levels whose units get a PDF report: the top two unless the setting names others
    (``[]`` names none)."""
    if not fields.has("report_levels"):
        return levels[:2]
    named = fields.slugs("report_levels") or ()
    for level in named:
        if level not in levels:
            hint = did_you_mean(level, levels) or "levels are " + ", ".join(levels)
            fields.problem(
                "report_levels", f"'report_levels' names '{level}', which is not a level: {hint}"
            )
    return tuple(level for level in named if level in levels)


def _status_factors(fields: Fields) -> StatusFactors:
    mapping = fields.mapping_value("status_factors")
    if mapping is None:
        return StatusFactors()
    inner = Fields(mapping, fields.path, fields.problems, STATUS_FACTORS)
    on_track = inner.number("on_track")
    at_risk = inner.number("at_risk")
    factors = StatusFactors(
        on_track=StatusFactors.on_track if on_track is None else on_track,
        at_risk=StatusFactors.at_risk if at_risk is None else at_risk,
    )
    if not 0 <= factors.at_risk <= factors.on_track:
        inner.problem(None, "status_factors: need 0 <= at_risk <= on_track (e.g. 0.6 and 0.9)")
    return factors


def _feedback(fields: Fields) -> Feedback | None:
    mapping = fields.mapping_value("feedback")
    if mapping is None:
        return None
    inner = Fields(mapping, fields.path, fields.problems, FEEDBACK)
    url, email = inner.url("url"), inner.text("email")
    if url is not None and email is not None:
        inner.problem(None, "feedback: give 'url' or 'email', not both")
        return None
    if email is not None and not re.fullmatch(r"[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"']+", email):
        inner.problem("email", f"feedback email '{email}' is not an email address")
        return None
    if url is None and email is None:
        if not (inner.has("url") or inner.has("email")):
            inner.problem(None, "feedback: give a form's 'url' or an 'email' address")
        return None
    return Feedback(url=url, email=email)


def _mkdocs(fields: Fields, text: str) -> dict[str, Any]:
    """MkDocs' own settings, typed the way MkDocs reads YAML (``false`` is False, ``8`` is 8):
    the contract's keys are read as text, so this one key is parsed again with YAML's types."""
    if fields.mapping_value("mkdocs") is None:
        return {}
    try:
        typed = yaml.safe_load(text)
    except (yaml.YAMLError, ValueError) as error:  # e.g. a date YAML's types cannot hold
        fields.problem("mkdocs", f"the settings cannot be read with YAML's types ({error})")
        return {}
    return dict(typed["mkdocs"])
