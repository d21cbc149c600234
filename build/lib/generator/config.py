"""``site_config.yml`` -> validated :class:`Settings`, with a default for every optional key."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from generator.load.fields import Fields
from generator.load.problems import Problems
from generator.load.yamlfile import LineDict, read_yaml

CONFIG_FILE = "site_config.yml"

#: Every key ``site_config.yml`` may hold, with what it does (the contract's keys first).
SETTINGS_HELP: Mapping[str, str] = {
    "title": "The portal's name, shown in the header and every page title. Required.",
    "organisation": "The public body that publishes these OKRs. Required.",
    "base_url": "Public address of the portal, for canonical links and the sitemap.",
    "language": "BCP 47 language tag (en, en-GB, nb, ...); words, numbers and dates follow it.",
    "levels": "Organisational levels, top to bottom, e.g. [organisation, department, team].",
    "licence": "Licence of the published data: an SPDX id such as CC-BY-4.0, or free text.",
    "as_of": "The date figures are computed at (YYYY-MM-DD); default: the newest check-in.",
    "level_labels": "Plural heading per level, e.g. {department: Departments}.",
    "status_factors": "Derived status thresholds: {on_track: 0.9, at_risk: 0.6}.",
    "publish_authors": "true to publish the author of each check-in (default false).",
    "mkdocs": "Extra MkDocs settings (theme palette, extra nav, markdown_extensions...).",
}


@dataclass(frozen=True)
class StatusFactors:
    """Derived status: on track when progress >= on_track x expected, at risk >= at_risk x."""

    on_track: float = 0.9
    at_risk: float = 0.6


@dataclass(frozen=True)
class Settings:
    title: str
    organisation: str
    levels: tuple[str, ...]
    base_url: str | None = None
    language: str = "en"
    licence: str | None = None
    as_of: datetime.date | None = None
    level_labels: Mapping[str, str] = field(default_factory=dict)
    status_factors: StatusFactors = StatusFactors()
    publish_authors: bool = False
    mkdocs: Mapping[str, Any] = field(default_factory=dict)

    def level_label(self, level: str) -> str:
        return (
            self.level_labels.get(level) or level.replace("-", " ").replace("_", " ").capitalize()
        )


def load_settings(project: Path, problems: Problems) -> Settings | None:
    """The settings of the portal in ``project``, with any problems recorded; None when they
    are too broken (no levels) to check the data against."""
    file = project / CONFIG_FILE
    if not file.is_file():
        problems.add(CONFIG_FILE, None, f"there is no {CONFIG_FILE} in {project}: create it")
        return None
    before = len(problems)
    document = read_yaml(file, CONFIG_FILE, problems)
    if document is None:
        if len(problems) == before:
            problems.add(
                CONFIG_FILE, None, "the file is empty: write title, organisation and levels"
            )
        return None
    if not isinstance(document, LineDict):
        problems.add(CONFIG_FILE, 1, "must be a mapping of setting names to values")
        return None
    fields = Fields(document, CONFIG_FILE, problems, CONFIG_FILE, SETTINGS_HELP)
    title = fields.text("title", required=True)
    organisation = fields.text("organisation", required=True)
    levels = fields.slugs("levels", required=True)
    if levels == ():
        fields.problem("levels", "'levels' is empty: list the levels, top first")
    language = fields.text("language") or "en"
    try:
        Locale.parse(language, sep="-")
    except (ValueError, UnknownLocaleError):
        fields.problem("language", f"'language' is '{language}': use a BCP 47 tag such as en or nb")
    settings = Settings(
        title=title or "",
        organisation=organisation or "",
        levels=levels or (),
        base_url=_base_url(fields),
        language=language,
        licence=fields.text("licence"),
        as_of=fields.date("as_of"),
        level_labels=_level_labels(fields, levels or ()),
        status_factors=_status_factors(fields),
        publish_authors=fields.boolean("publish_authors", default=False),
        mkdocs=fields.mapping_value("mkdocs") or {},
    )
    # With its levels known, the data can still be checked, so every problem is reported at once.
    return settings if levels else None


def _base_url(fields: Fields) -> str | None:
    url = fields.url("base_url")
    return None if url is None else url.rstrip("/") + "/"


def _level_labels(fields: Fields, levels: tuple[str, ...]) -> dict[str, str]:
    labels = fields.mapping_value("level_labels") or LineDict()
    for level in labels:
        if level not in levels:
            fields.problem("level_labels", f"'level_labels' names '{level}', which is not a level")
    return {str(key): str(value) for key, value in labels.items()}


def _status_factors(fields: Fields) -> StatusFactors:
    mapping = fields.mapping_value("status_factors")
    if mapping is None:
        return StatusFactors()
    inner = Fields(mapping, fields.path, fields.problems, "status_factors", ("on_track", "at_risk"))
    on_track = inner.number("on_track")
    at_risk = inner.number("at_risk")
    factors = StatusFactors(
        on_track=0.9 if on_track is None else on_track,
        at_risk=0.6 if at_risk is None else at_risk,
    )
    if not 0 <= factors.at_risk <= factors.on_track:
        inner.problem(None, "status_factors: need 0 <= at_risk <= on_track (e.g. 0.6 and 0.9)")
    return factors
