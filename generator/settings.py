"""The portal's settings: plain records, filled from ``site_config.yml`` by ``generator.load``.

Every key, with its default and help text, is described once in ``generator.contract``.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.contract import STATUS_FACTORS
from generator.model import Foreign


def _default_factor(name: str) -> float:
    default = STATUS_FACTORS[name].default
    assert isinstance(default, float)
    return default


@dataclass(frozen=True)
class StatusFactors:
    """Derived status: on track when progress >= on_track x expected, at risk >= at_risk x."""

    on_track: float = _default_factor("on_track")
    at_risk: float = _default_factor("at_risk")


@dataclass(frozen=True)
class Feedback:
    """Where a reader answers back: a form's address (with ``{id}`` and ``{title}`` to fill
    in) or an email address; one of the two."""

    url: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class Settings:
    title: str
    organisation: str
    levels: tuple[str, ...]
    base_url: str | None
    language: str
    languages: tuple[str, ...]  # every language published, the default (``language``) first
    licence: str | None
    as_of: datetime.date | None
    level_labels: Mapping[str, Mapping[str, str]]  # level -> language tag -> its heading
    status_factors: StatusFactors
    publish_authors: bool
    accessibility_contact: str | None
    feedback: Feedback | None  # how a reader answers back on an item; None: no way offered
    report_levels: tuple[str, ...]  # levels whose units get a PDF report per period
    mkdocs: Mapping[str, Any]  # MkDocs' own settings, typed as YAML reads them

    def level_label(self, level: str, tag: str | None = None) -> str:
        """The heading of ``level`` in the language ``tag`` (default: the default language);
        the default language's, marked as such, where that language has none."""
        labels = self.level_labels.get(level, {})
        own = labels.get(tag or self.language)
        if own:
            return own
        default = labels.get(self.language)
        if default:
            return Foreign(default, self.language)
        return level.replace("-", " ").replace("_", " ").capitalize()
