"""The open data, described once: each file the portal publishes for reuse, and each column of
its tables with its type and what it holds, in plain words.

``generator.exports.open_data`` writes the CSV headers from it, ``generator.exports.datapackage``
the Frictionless table schemas, and the data page (``views/data.py``) explains every file and
column to a reader. The words are English, marked with :func:`N_` so ``make messages`` puts
them in the catalogues, and translated where a page shows them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from generator.model import Commitment, Direction, Kind, Status
from generator.pages import urls


def N_(message: str) -> str:
    """Marks ``message`` for the catalogues; the page that shows it translates it."""
    return message


class ColumnType(StrEnum):
    """A column's type, named as Frictionless' Table Schema names it."""

    TEXT = "string"
    NUMBER = "number"
    INTEGER = "integer"
    DATE = "date"
    BOOLEAN = "boolean"  # written true or false


#: How the data page names each type for a reader.
TYPE_WORDS: dict[ColumnType, str] = {
    ColumnType.TEXT: N_("text"),
    ColumnType.NUMBER: N_("number"),
    ColumnType.INTEGER: N_("whole number"),
    ColumnType.DATE: N_("date"),
    ColumnType.BOOLEAN: N_("true or false"),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: ColumnType
    description: str  # plain words, English; translated where shown
    required: bool = False  # never empty
    unique: bool = False  # no two rows share a value
    values: tuple[str, ...] = ()  # the only values it may hold, when it holds codes
    minimum: float | None = None
    maximum: float | None = None
    authors_only: bool = False  # published only when the settings publish check-in authors


@dataclass(frozen=True)
class Table:
    """A CSV file of the open data (or, for a file per key result, each of them alike)."""

    name: str  # its resource name in datapackage.json
    path: str  # its address from the site's root
    title: str
    description: str
    columns: tuple[Column, ...]

    def published(self, publish_authors: bool) -> tuple[Column, ...]:
        """The columns the file holds under the portal's settings."""
        return tuple(c for c in self.columns if publish_authors or not c.authors_only)


@dataclass(frozen=True)
class File:
    """A file of the open data that is not a table."""

    name: str
    path: str
    title: str
    description: str


_STATUSES = tuple(s.value for s in Status)
_OWNER_STATUSES = tuple(s.value for s in Status if s is not Status.NO_DATA)
_PAGE = N_("The address of its page on this portal.")
_COMMITMENT = Column(
    "commitment",
    ColumnType.TEXT,
    N_("committed, or aspirational: a stretch goal, where falling short is expected."),
    True,
    values=tuple(c.value for c in Commitment),
)

KEY_RESULTS = Table(
    name="key-results",
    path=urls.KEY_RESULTS_CSV,
    title=N_("Key results"),
    description=N_(
        "Every key result, one row each, with its target and its latest figures as of the "
        "date the portal's figures were computed."
    ),
    columns=(
        Column("key_result", ColumnType.TEXT, N_("The key result's id: it never changes."), True, True),
        Column("title", ColumnType.TEXT, N_("What the key result measures."), True),
        Column("objective", ColumnType.TEXT, N_("The id of the objective it belongs to."), True),
        Column("unit", ColumnType.TEXT, N_("The id of the unit that owns its objective."), True),
        Column("period", ColumnType.TEXT, N_("The id of the period it runs in."), True),
        Column(
            "kind",
            ColumnType.TEXT,
            N_("outcome (a change for residents), output (work delivered) or milestone (a step, from 0 to 100 percent complete)."),
            True,
            values=tuple(k.value for k in Kind),
        ),
        Column("measured_in", ColumnType.TEXT, N_("What a value counts: days, percent, people, euros and so on.")),
        Column(
            "direction",
            ColumnType.TEXT,
            N_("Which way is better: increase, decrease, at_least, at_most or within (a range). Empty for a milestone."),
            values=tuple(d.value for d in Direction),
        ),
        Column("baseline", ColumnType.NUMBER, N_("The value it started from. Empty for a milestone.")),
        Column("target", ColumnType.NUMBER, N_("The value it aims for. Empty for a milestone or a range.")),
        Column("target_low", ColumnType.NUMBER, N_("The low end of the range to stay within, when it has one.")),
        Column("target_high", ColumnType.NUMBER, N_("The high end of the range to stay within, when it has one.")),
        Column("latest_value", ColumnType.NUMBER, N_("Its newest value. Empty when no figure has been reported yet.")),
        Column("latest_date", ColumnType.DATE, N_("The date of its newest value.")),
        Column(
            "latest_provisional",
            ColumnType.BOOLEAN,
            N_("true when its newest value is provisional: it may still be revised."),
            True,
        ),
        Column(
            "progress",
            ColumnType.NUMBER,
            N_("How far it has come from baseline to target, as a share: 0.25 is a quarter of the way. It may be below 0 or above 1."),
        ),
        Column(
            "expected_progress",
            ColumnType.NUMBER,
            N_("How far it should have come by now at a steady pace, as a share from 0 to 1."),
            True,
            minimum=0,
            maximum=1,
        ),
        Column(
            "status",
            ColumnType.TEXT,
            N_("The status shown: the owner's own call where there is one, else the computed one."),
            True,
            values=_STATUSES,
        ),
        Column("owner_status", ColumnType.TEXT, N_("The owner's own call, when they made one."), values=_OWNER_STATUSES),
        Column(
            "derived_status",
            ColumnType.TEXT,
            N_("The status computed from progress against expected progress."),
            True,
            values=_STATUSES,
        ),
        Column(
            "confidence",
            ColumnType.NUMBER,
            N_("How likely the owner thinks it is that the target is met, from 0 to 1."),
            minimum=0,
            maximum=1,
        ),
        Column("source", ColumnType.TEXT, N_("Where the figures come from.")),
        Column("source_url", ColumnType.TEXT, N_("The address of the source.")),
        Column("page", ColumnType.TEXT, _PAGE, True),
        _COMMITMENT,
        Column("method", ColumnType.TEXT, N_("How the figure is measured or computed.")),
    ),
)  # fmt: skip

OBJECTIVES = Table(
    name="objectives",
    path=urls.OBJECTIVES_CSV,
    title=N_("Objectives"),
    description=N_("Every objective, one row each, with its progress and its key results counted by status."),
    columns=(
        Column("objective", ColumnType.TEXT, N_("The objective's id: it never changes."), True, True),
        Column("title", ColumnType.TEXT, N_("What the objective is to achieve."), True),
        Column("unit", ColumnType.TEXT, N_("The id of the unit that owns it."), True),
        Column("period", ColumnType.TEXT, N_("The id of the period it runs in."), True),
        Column("owner", ColumnType.TEXT, N_("Who answers for it: a role.")),
        Column("aligns_to", ColumnType.TEXT, N_("The ids of the objectives it contributes to, separated by spaces.")),
        Column("shared_with", ColumnType.TEXT, N_("The ids of other units that share it, separated by spaces.")),
        Column("themes", ColumnType.TEXT, N_("The ids of its themes, separated by spaces.")),
        Column("key_results", ColumnType.INTEGER, N_("How many key results it has."), True, minimum=0),
        Column(
            "progress",
            ColumnType.NUMBER,
            N_("The mean progress of its key results, each counted from 0 to 1, as a share. Empty when none has a figure yet."),
            minimum=0,
            maximum=1,
        ),
        Column("on_track", ColumnType.INTEGER, N_("How many of its key results are on track."), True, minimum=0),
        Column("at_risk", ColumnType.INTEGER, N_("How many of its key results are at risk."), True, minimum=0),
        Column("off_track", ColumnType.INTEGER, N_("How many of its key results are off track."), True, minimum=0),
        Column("no_data", ColumnType.INTEGER, N_("How many of its key results have no figure yet."), True, minimum=0),
        Column("page", ColumnType.TEXT, _PAGE, True),
        _COMMITMENT,
        Column(
            "aspirational",
            ColumnType.INTEGER,
            N_("How many of its key results are stretch goals, counted apart from the statuses above."),
            True,
            minimum=0,
        ),
        Column("budget", ColumnType.NUMBER, N_("The money set aside for it in its period, when given."), minimum=0),
        Column("budget_currency", ColumnType.TEXT, N_("The currency of its budget: an ISO 4217 code such as EUR.")),
    ),
)  # fmt: skip

_CHECKIN_COLUMNS = (
    Column("date", ColumnType.DATE, N_("The date the value was measured."), True),
    Column("key_result", ColumnType.TEXT, N_("The id of the key result it measures."), True),
    Column("value", ColumnType.NUMBER, N_("The measured value, in the key result's unit."), True),
    Column("status", ColumnType.TEXT, N_("The owner's own call at the time, when they made one."), values=_OWNER_STATUSES),
    Column(
        "confidence",
        ColumnType.NUMBER,
        N_("How likely the owner thought it was that the target is met, from 0 to 1."),
        minimum=0,
        maximum=1,
    ),
    Column("progress", ColumnType.TEXT, N_("The owner's note: what moved since the last check-in.")),
    Column("problems", ColumnType.TEXT, N_("The owner's note: what is in the way.")),
    Column("plans", ColumnType.TEXT, N_("The owner's note: what happens next.")),
    Column(
        "provisional",
        ColumnType.BOOLEAN,
        N_("true when the value is provisional: it may still be revised; else false."),
        True,
    ),
    Column("author", ColumnType.TEXT, N_("Who reported the figure."), authors_only=True),
)  # fmt: skip

CHECKINS = Table(
    name="checkins",
    path=urls.CHECKINS_CSV,
    title=N_("Check-ins"),
    description=N_(
        "Every reported figure of every key result, oldest first, with the owner's notes."
    ),
    columns=_CHECKIN_COLUMNS,
)

KEY_RESULT_CHECKINS = Table(
    name="key-result-checkins",
    path=urls.key_result_csv("<key-result-id>"),
    title=N_("Check-ins of one key result"),
    description=N_(
        "One file per key result, linked from its page: its whole series, with the same "
        "columns as the file of every check-in."
    ),
    columns=_CHECKIN_COLUMNS,
)

TABLES = (KEY_RESULTS, OBJECTIVES, CHECKINS, KEY_RESULT_CHECKINS)

PORTAL_JSON = File(
    name="portal",
    path=urls.PORTAL_JSON,
    title=N_("The whole portal"),
    description=N_(
        "All the tables in one JSON file, with the portal's settings, units, periods and "
        "themes, and each key result's interim targets: numbers as numbers, dates as "
        "YYYY-MM-DD, shares from 0 to 1."
    ),
)

DATAPACKAGE = File(
    name="datapackage",
    path=urls.DATAPACKAGE,
    title=N_("Description of every file"),
    description=N_(
        "A Frictionless Data Package: every file, its columns, their types and the licence, "
        "for programs that read open data."
    ),
)
