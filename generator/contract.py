"""The data contract's fields, described once: per record, each field's type, whether it is
required, its default and its help text.

The loaders read every file through these descriptions (which keys are allowed, which are
required, what a missing optional key defaults to), ``okr-portal check --help`` lists the
settings from them, and JSON Schemas, check-in templates and a data dictionary are made from
them. A field's rules that depend on other fields (a milestone has no target) live in the
loader that checks them; the help text says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from generator.model import Commitment, Direction, Kind, Status, UpdateEvery


class FieldType(StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"  # text a publisher may format with Markdown
    SLUG = "slug"  # an id: lowercase letters, digits and hyphens, at most 80 characters
    SLUGS = "slugs"  # a list of ids
    PERIOD_ID = "period_id"  # YYYY, YYYY-Q1..Q4, YYYY-H1/H2 or YYYY-MM
    PERIOD_IDS = "period_ids"  # a list of period ids
    DATE = "date"  # YYYY-MM-DD
    NUMBER = "number"
    NUMBER_PAIR = "number_pair"  # [low, high]
    URL = "url"
    BOOLEAN = "boolean"
    CHOICE = "choice"
    MAPPING = "mapping"  # names to values; with a record, the fields it describes
    LIST = "list"  # a list of the records ``record`` describes
    LANGUAGES = "languages"  # a list of BCP 47 language tags


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    help: str
    required: bool = False
    default: object = None
    choices: tuple[str, ...] = ()
    record: Record | None = None  # what a MAPPING or a LIST holds, where the contract says
    # Text readers see: in a portal of several languages, a mapping of language tag to text.
    translatable: bool = False


@dataclass(frozen=True)
class Record:
    """The fields of one kind of record: a unit, a key result, a check-in row."""

    what: str  # how a problem names one: "a unit", "a key result"
    place: str  # where such records are written
    fields: tuple[Field, ...]

    def __iter__(self) -> Iterator[Field]:
        return iter(self.fields)

    def __getitem__(self, name: str) -> Field:
        for item in self.fields:
            if item.name == name:
                return item
        raise KeyError(name)

    @cached_property
    def names(self) -> tuple[str, ...]:
        """Cached: the loaders ask it once a row (60,000 check-ins in a national portal)."""
        return tuple(item.name for item in self.fields)

    @cached_property
    def required(self) -> tuple[str, ...]:
        return tuple(item.name for item in self.fields if item.required)

    @property
    def optional(self) -> tuple[str, ...]:
        return tuple(item.name for item in self.fields if not item.required)


def _text(name: str, help: str, required: bool = False, markdown: bool = False) -> Field:
    """A text field readers see, which may be written in each of the portal's languages."""
    kind = FieldType.MARKDOWN if markdown else FieldType.TEXT
    default = "" if markdown else None
    return Field(name, kind, help, required=required, default=default, translatable=True)


def _former_ids(kind: str) -> Field:
    return Field(
        "formerly",
        FieldType.SLUGS,
        f"Ids this {kind} had before; their addresses redirect to its page.",
        default=(),
    )


STATUS_FACTORS = Record(
    "status_factors",
    "site_config.yml",
    (
        Field(
            "on_track",
            FieldType.NUMBER,
            "On track when progress >= on_track x expected progress.",
            default=0.9,
        ),
        Field(
            "at_risk",
            FieldType.NUMBER,
            "At risk when progress >= at_risk x expected progress; else off track.",
            default=0.6,
        ),
    ),
)

FEEDBACK = Record(
    "feedback",
    "site_config.yml",
    (
        Field(
            "url",
            FieldType.URL,
            "A form's address; {id} and {title} become the item's id and title, URL-encoded.",
        ),
        Field("email", FieldType.TEXT, "An email address; the mail's subject names the item."),
    ),
)

SETTINGS = Record(
    "site_config.yml",
    "site_config.yml",
    (
        Field(
            "title",
            FieldType.TEXT,
            "The portal's name, shown in the header and every page title.",
            required=True,
        ),
        Field(
            "organisation",
            FieldType.TEXT,
            "The public body that publishes these OKRs.",
            required=True,
        ),
        Field("base_url", FieldType.URL, "Public address of the portal, for canonical links."),
        Field(
            "language",
            FieldType.TEXT,
            "BCP 47 language tag (en, en-GB, nb, ...); words, numbers and dates follow it.",
            default="en",
        ),
        Field(
            "languages",
            FieldType.LANGUAGES,
            "Every language the portal is published in, the default language first, e.g. "
            "[fi, sv, en]; text fields may then map each language to its text.",
        ),
        Field(
            "levels",
            FieldType.SLUGS,
            "Organisational levels, top to bottom, e.g. [organisation, department, team].",
            required=True,
        ),
        Field(
            "licence",
            FieldType.TEXT,
            "Licence of the published data: an SPDX id such as CC-BY-4.0, or free text.",
        ),
        Field(
            "as_of",
            FieldType.DATE,
            "The date figures are computed at (YYYY-MM-DD); default: the newest check-in.",
        ),
        Field(
            "level_labels",
            FieldType.MAPPING,
            "Plural heading per level, e.g. {department: Departments}; with several "
            "languages, one per language: {department: {fi: Toimialat, sv: Sektorer}}.",
            default={},
        ),
        Field(
            "status_factors",
            FieldType.MAPPING,
            "Derived status thresholds: {on_track: 0.9, at_risk: 0.6}.",
            default={},
            record=STATUS_FACTORS,
        ),
        Field(
            "report_levels",
            FieldType.SLUGS,
            "Levels whose units get a print-ready PDF report per period, e.g. [organisation, "
            "department]; default: the top two levels; [] for none.",
        ),
        Field(
            "publish_authors",
            FieldType.BOOLEAN,
            "true to publish the author of each check-in (default false).",
            default=False,
        ),
        Field(
            "feedback",
            FieldType.MAPPING,
            "How a reader answers back on an objective or key result: {url: ...} with {id} "
            "and {title} filled in, or {email: ...} for a mail with the item in its subject.",
            default={},
            record=FEEDBACK,
        ),
        Field(
            "accessibility_contact",
            FieldType.TEXT,
            "Where readers report an accessibility problem: an email address or a web address.",
        ),
        Field(
            "mkdocs",
            FieldType.MAPPING,
            "Extra MkDocs settings (theme palette, extra nav, markdown_extensions...).",
            default={},
        ),
    ),
)

UNIT = Record(
    "a unit",
    "data/units.yml",
    (
        Field("id", FieldType.SLUG, "The unit's permanent id.", required=True),
        _text("name", "The unit's name.", required=True),
        Field("level", FieldType.CHOICE, "One of the levels in site_config.yml.", required=True),
        Field(
            "parent",
            FieldType.SLUG,
            "The id of the unit above; required below the top level.",
        ),
        _text("description", "What the unit does.", markdown=True),
        Field("website", FieldType.URL, "The unit's own website."),
        _former_ids("unit"),
    ),
)

PERIOD = Record(
    "a period",
    "data/periods.yml",
    (
        Field(
            "id",
            FieldType.PERIOD_ID,
            "YYYY, YYYY-Q1..YYYY-Q4, YYYY-H1/H2, YYYY-MM, or YYYY-YYYY for several years.",
            required=True,
        ),
        _text("label", "How the period is named; default: derived from its id."),
        Field("start", FieldType.DATE, "First day of the period.", required=True),
        Field("end", FieldType.DATE, "Last day of the period.", required=True),
        Field(
            "formerly",
            FieldType.PERIOD_IDS,
            "Period ids this period had before; their addresses redirect to its page.",
            default=(),
        ),
    ),
)

THEME = Record(
    "a theme",
    "data/themes.yml",
    (
        Field("id", FieldType.SLUG, "The theme's permanent id.", required=True),
        _text("name", "The theme's name.", required=True),
        _text("description", "What the theme covers.", markdown=True),
        _former_ids("theme"),
    ),
)


def _commitment(kind: str, default: str | None) -> Field:
    inherits = " (default: its objective's)" if default is None else " (default)"
    return Field(
        "commitment",
        FieldType.CHOICE,
        f"committed{inherits} or aspirational: a stretch {kind}, where falling short is "
        "expected and never described as failure.",
        default=default,
        choices=tuple(c.value for c in Commitment),
    )


def _publish(kind: str) -> Field:
    return Field(
        "publish",
        FieldType.BOOLEAN,
        f"false keeps this {kind} off the site and out of the open data; it is still checked "
        "and counted on its unit's page.",
        default=True,
    )


INTERIM_TARGET = Record(
    "an interim target",
    "data/okrs/<period-id>/<unit-id>.yml",
    (
        Field(
            "date", FieldType.DATE, "When the waypoint is due, inside the period.", required=True
        ),
        Field("value", FieldType.NUMBER, "The value to reach by then.", required=True),
    ),
)

BUDGET = Record(
    "a budget",
    "data/okrs/<period-id>/<unit-id>.yml",
    (
        Field(
            "amount", FieldType.NUMBER, "Money set aside this period (0 or more).", required=True
        ),
        Field("currency", FieldType.TEXT, "ISO 4217 code: EUR, NOK, USD...", required=True),
    ),
)

KEY_RESULT = Record(
    "a key result",
    "data/okrs/<period-id>/<unit-id>.yml",
    (
        Field("id", FieldType.SLUG, "The key result's permanent id.", required=True),
        _text("title", "What is measured, in plain words.", required=True),
        Field(
            "kind",
            FieldType.CHOICE,
            "outcome, output or milestone (percent complete, 0 to 100).",
            default=Kind.OUTCOME.value,
            choices=tuple(k.value for k in Kind),
        ),
        _text(
            "unit",
            "What a value counts: %, days, people, EUR... Required but for milestones ('%').",
        ),
        Field("baseline", FieldType.NUMBER, "The value at the start; not for milestones."),
        Field(
            "target",
            FieldType.NUMBER,
            "The value to reach; not for milestones, nor with direction within.",
        ),
        Field(
            "target_range",
            FieldType.NUMBER_PAIR,
            "[low, high]: the band to stay inside, with direction within only.",
        ),
        Field(
            "direction",
            FieldType.CHOICE,
            "Which way is better; default: increase when baseline < target, else decrease.",
            choices=tuple(d.value for d in Direction),
        ),
        _text("source", "Where the figures come from."),
        Field("source_url", FieldType.URL, "A link to the source."),
        _text("caveat", "How to read the figure, in plain words."),
        _text("method", "How the figure is measured or computed, in plain words."),
        _commitment("key result", None),
        _publish("key result"),
        Field(
            "interim_targets",
            FieldType.LIST,
            "Waypoints [{date, value}] on the way to the target; expected progress follows "
            "them. Not with direction within.",
            default=(),
            record=INTERIM_TARGET,
        ),
        Field(
            "update_every",
            FieldType.CHOICE,
            "How often a new figure is due: weekly, monthly, quarterly or yearly; default: its "
            "usual gap between check-ins. Late figures are listed on the page of overdue figures.",
            choices=tuple(u.value for u in UpdateEvery),
        ),
        _former_ids("key result"),
    ),
)

OBJECTIVE = Record(
    "an objective",
    "data/okrs/<period-id>/<unit-id>.yml",
    (
        Field("id", FieldType.SLUG, "The objective's permanent id.", required=True),
        _text("title", "What the unit sets out to achieve.", required=True),
        _text("description", "Why this matters to residents.", markdown=True),
        _text("owner", "Who answers for it: a role, not a person's name."),
        Field("aligns_to", FieldType.SLUGS, "Objective ids this one contributes to.", default=()),
        Field("shared_with", FieldType.SLUGS, "Other unit ids that co-own it.", default=()),
        Field("themes", FieldType.SLUGS, "Theme ids from data/themes.yml.", default=()),
        _commitment("objective", "committed"),
        _publish("objective"),
        Field(
            "budget",
            FieldType.MAPPING,
            "Money set aside for it this period: {amount: 2500000, currency: EUR}.",
            record=BUDGET,
        ),
        Field(
            "key_results",
            FieldType.LIST,
            "How progress is measured.",
            default=(),
            record=KEY_RESULT,
        ),
        _former_ids("objective"),
    ),
)

OKR_FILE = Record(
    "an OKR file",
    "data/okrs/<period-id>/<unit-id>.yml",
    (
        Field("unit", FieldType.SLUG, "The unit id; equal to the file name.", required=True),
        Field(
            "period", FieldType.PERIOD_ID, "The period id; equal to the folder name.", required=True
        ),
        Field(
            "objectives",
            FieldType.LIST,
            "The unit's objectives for the period.",
            record=OBJECTIVE,
        ),
    ),
)

CHECKIN = Record(
    "a check-in",
    "data/checkins/**/*.csv",
    (
        Field("date", FieldType.DATE, "Date of the measurement (YYYY-MM-DD).", required=True),
        Field("key_result", FieldType.SLUG, "The key result's id.", required=True),
        Field("value", FieldType.NUMBER, "The measured value, in its unit.", required=True),
        Field(
            "status",
            FieldType.CHOICE,
            "The owner's own call.",
            choices=(Status.ON_TRACK.value, Status.AT_RISK.value, Status.OFF_TRACK.value),
        ),
        Field(
            "confidence", FieldType.NUMBER, "0 to 1: how likely the owner thinks the target is met."
        ),
        Field("progress", FieldType.TEXT, "What moved since the last check-in.", default=""),
        Field("problems", FieldType.TEXT, "What is in the way.", default=""),
        Field("plans", FieldType.TEXT, "What happens next.", default=""),
        Field("author", FieldType.TEXT, "Never published unless publish_authors is true."),
        Field(
            "provisional",
            FieldType.BOOLEAN,
            "yes or true when the figure may still be revised; no, false or empty when final.",
            default=False,
        ),
    ),
)

EVENT = Record(
    "an event",
    "data/events.yml",
    (
        Field("date", FieldType.DATE, "The day it happened (YYYY-MM-DD).", required=True),
        Field("title", FieldType.TEXT, "What happened, in plain words.", required=True),
        Field(
            "key_results",
            FieldType.SLUGS,
            "Ids of the key results whose charts it marks. With none of key_results, units "
            "and themes, it marks every chart.",
            default=(),
        ),
        Field(
            "units",
            FieldType.SLUGS,
            "Unit ids: it marks the charts of the key results of their objectives.",
            default=(),
        ),
        Field(
            "themes",
            FieldType.SLUGS,
            "Theme ids: it marks the charts of the key results of objectives with the theme.",
            default=(),
        ),
        Field("url", FieldType.URL, "A link to more about it."),
    ),
)

#: Every record of the contract, in the order a reader of the data dictionary meets them.
RECORDS = (
    SETTINGS,
    STATUS_FACTORS,
    FEEDBACK,
    UNIT,
    PERIOD,
    THEME,
    OKR_FILE,
    OBJECTIVE,
    BUDGET,
    KEY_RESULT,
    INTERIM_TARGET,
    CHECKIN,
    EVENT,
)
