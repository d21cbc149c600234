"""Reading typed fields out of one YAML mapping, recording a problem for each bad field.

Every reader returns the value, or None after recording a problem that names the key, its
line and what to write instead; so one pass over a file reports all its problems.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterable
from typing import Any

from generator.contract import Record
from generator.load.problems import Problems
from generator.load.yamlfile import LineDict, LineList
from generator.model import Translations

SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
PERIOD_ID = re.compile(r"\d{4}(-Q[1-4]|-H[12]|-(0[1-9]|1[0-2])|-\d{4})?")
NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
MISSING = {"", "~", "null", "Null", "NULL"}


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """``did you mean 'x'?`` for the choice closest to a misspelt ``word``, if one is close."""
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"did you mean '{close[0]}'?" if close else None


def is_slug(value: str) -> bool:
    return SLUG.fullmatch(value) is not None


def parse_number(text: str) -> float | None:
    """A plain decimal number (``12.5``, ``-3``, ``1e3``), or None."""
    text = text.strip()
    return float(text) if NUMBER.fullmatch(text) else None


def parse_date(text: str) -> datetime.date | None:
    """An ISO date ``YYYY-MM-DD``, or None."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        return None
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        return None


class Fields:
    """The fields of one mapping in one file, as ``record`` of the contract describes them,
    read with the problems they have. A field is required when the contract says so, unless
    the reader is told otherwise (some fields are required only beside others).

    ``languages`` are the portal's languages, the default first: a text field the contract
    calls translatable may then be a mapping of language to text. Its text in the default
    language is what the reader returns; the others are kept in :meth:`translations`."""

    def __init__(
        self,
        mapping: LineDict,
        path: str,
        problems: Problems,
        record: Record,
        languages: tuple[str, ...] = (),
    ) -> None:
        self.mapping = mapping
        self.path = path
        self.problems = problems
        self.record = record
        self.what = record.what
        self.languages = languages
        self._translated: list[tuple[str, str, str]] = []
        for key in mapping:
            if key not in record.names:
                hint = did_you_mean(key, record.names) or "allowed keys: " + ", ".join(
                    sorted(record.names)
                )
                self.problem(key, f"unknown key '{key}' in {self.what}: {hint}")

    def line(self, key: str) -> int:
        return self.mapping.line_of(key)

    def problem(self, key: str | None, message: str) -> None:
        line = self.mapping.line if key is None else self.line(key)
        self.problems.add(self.path, line, message)

    def has(self, key: str) -> bool:
        value = self.mapping.get(key)
        return value is not None and not (isinstance(value, str) and value.strip() in MISSING)

    def _required(self, key: str, required: bool | None) -> bool:
        return self.record[key].required if required is None else required

    def _scalar(self, key: str, required: bool | None) -> str | None:
        required = self._required(key, required)
        if not self.has(key):
            if required:
                self.problem(None, f"{self.what} has no '{key}': add it")
            return None
        value = self.mapping[key]
        if not isinstance(value, str):
            self.problem(key, f"'{key}' must be a single value, not a list or mapping")
            return None
        return value.strip()

    def text(self, key: str, required: bool | None = None) -> str | None:
        if self.record[key].translatable and isinstance(self.mapping.get(key), LineDict):
            return self._translatable(key)
        return self._scalar(key, required)

    def _translatable(self, key: str) -> str | None:
        """The default language's text of a mapping of language tag to text; the other
        languages' texts are kept for :meth:`translations`."""
        texts: LineDict = self.mapping[key]
        if len(self.languages) < 2:
            self.problem(
                key,
                f"'{key}' maps languages to texts, but site_config.yml names no other "
                "languages: list them as 'languages: [...]' or write one text",
            )
            return None
        default, found = self.languages[0], None
        for tag, text in texts.items():
            if tag not in self.languages:
                hint = did_you_mean(str(tag), self.languages) or "the portal's languages are " + (
                    ", ".join(self.languages)
                )
                where = texts.line_of(tag)
                message = f"'{key}' has a text in '{tag}', not a portal language: {hint}"
                self.problems.add(self.path, where, message)
            elif not isinstance(text, str) or text.strip() in MISSING:
                self.problems.add(
                    self.path, texts.line_of(tag), f"'{key}' in '{tag}' must be one text"
                )
            elif tag == default:
                found = text.strip()
            else:
                self._translated.append((key, str(tag), text.strip()))
        if found is None and default not in texts:
            self.problem(key, f"'{key}' has no text in the default language: add '{default}: ...'")
        return found

    def translations(self) -> Translations:
        """The texts read in the portal's other languages, for the record's ``translations``."""
        return Translations(tuple(self._translated))

    def slug(self, key: str, required: bool | None = None) -> str | None:
        value = self._scalar(key, required)
        if value is not None and not is_slug(value):
            self.problem(key, f"'{key}' is '{value}': {SLUG_HELP}")
            return None
        return value

    def url(self, key: str) -> str | None:
        value = self._scalar(key, None)
        if value is not None and not re.match(r"https?://[^\s<>\"']+$", value):
            self.problem(
                key, f"'{key}' is '{value}': write a full web address starting with https://"
            )
            return None
        return value

    def number(self, key: str, required: bool | None = None) -> float | None:
        value = self._scalar(key, required)
        if value is None:
            return None
        number = parse_number(value)
        if number is None:
            hint = " (write the decimal point as '.')" if "," in value else ""
            self.problem(key, f"'{key}' is '{value}', not a number{hint}")
        return number

    def date(self, key: str, required: bool | None = None) -> datetime.date | None:
        value = self._scalar(key, required)
        if value is None:
            return None
        day = parse_date(value)
        if day is None:
            self.problem(key, f"'{key}' is '{value}', not a date: write it as YYYY-MM-DD")
        return day

    def choice(self, key: str, options: Iterable[str] | None = None) -> str | None:
        """One of ``options`` (default: the contract's choices), or the contract's default."""
        value = self._scalar(key, False)
        if value is None:
            default = self.record[key].default
            return None if default is None else str(default)
        options = list(self.record[key].choices if options is None else options)
        if value not in options:
            self.problem(key, f"'{key}' is '{value}': use one of {', '.join(options)}")
            return None
        return value

    def boolean(self, key: str) -> bool:
        value = self._scalar(key, False)
        default = bool(self.record[key].default)
        if value is None:
            return default
        if value.lower() in {"true", "yes"}:
            return True
        if value.lower() in {"false", "no"}:
            return False
        self.problem(key, f"'{key}' is '{value}': write true or false")
        return default

    def strings(self, key: str, required: bool | None = None) -> tuple[str, ...] | None:
        """A list of plain strings (``[a, b]`` or one item a line); a single string is a list of one."""
        required = self._required(key, required)
        if not self.has(key):
            if required:
                self.problem(None, f"{self.what} has no '{key}': add it")
            return None if required else ()
        value = self.mapping[key]
        if isinstance(value, str):
            return (value.strip(),)
        if not isinstance(value, LineList) or not all(isinstance(v, str) for v in value):
            self.problem(key, f"'{key}' must be a list of values, like [a, b]")
            return None
        return tuple(v.strip() for v in value)

    def slugs(self, key: str, required: bool | None = None) -> tuple[str, ...] | None:
        values = self.strings(key, required)
        if values is None:
            return None
        bad = [v for v in values if not is_slug(v)]
        for value in bad:
            self.problem(key, f"'{key}' lists '{value}': {SLUG_HELP}")
        seen: set[str] = set()
        for value in values:
            if value in seen:
                self.problem(key, f"'{key}' lists '{value}' twice")
            seen.add(value)
        return None if bad else values

    def mapping_value(self, key: str) -> LineDict | None:
        if not self.has(key):
            return None
        value = self.mapping[key]
        if not isinstance(value, LineDict):
            self.problem(key, f"'{key}' must be a mapping of names to values")
            return None
        return value

    def raw(self, key: str) -> Any:
        return self.mapping.get(key)


SLUG_HELP = (
    "an id is lowercase letters, digits and hyphens, starting with a letter or digit, "
    "at most 80 characters (like 'housing-wait-days')"
)
