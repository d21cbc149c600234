"""Words, numbers and dates in the portal's language.

Every word the portal writes itself comes from a gettext catalogue
(``locales/<lang>/LC_MESSAGES/messages.po``, English is the source language). The catalogue is
compiled in memory when a build starts, so there is no ``.mo`` file to keep in step. A language
without a catalogue falls back to English words, but still formats numbers and dates its own way.
"""

from __future__ import annotations

import datetime
import gettext
import io
import re
from collections.abc import Mapping
from functools import cache, cached_property
from pathlib import Path

from babel import Locale
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import (
    NumberPattern,
    format_currency,
    get_currency_name,
    parse_pattern,
)
from babel.support import Translations

LOCALES = Path(__file__).parent / "locales"


def _catalogue_for(locale: Locale) -> gettext.NullTranslations:
    """The compiled catalogue of the most specific language we have (nb_NO -> nb), or English."""
    for name in (str(locale), locale.language):
        po = LOCALES / name / "LC_MESSAGES" / "messages.po"
        if po.is_file():
            with po.open("rb") as source:
                catalog = read_po(source, locale=name)
            buffer = io.BytesIO()
            write_mo(buffer, catalog)
            buffer.seek(0)
            return Translations(buffer)
    return gettext.NullTranslations()


@cache  # asked for by every page of a multilingual portal, of a few tags
def autonym(tag: str) -> str:
    """The language's name in itself, as a language switcher shows it: "Suomi", "Svenska"."""
    locale = Locale.parse(tag, sep="-")
    name = locale.get_display_name(locale) or tag
    return name[:1].upper() + name[1:]


class Language:
    """One language: its catalogue and its way of writing numbers, percentages and dates."""

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.locale = Locale.parse(tag, sep="-")
        self.translations = _catalogue_for(self.locale)
        # Each value as this language writes it, by what was asked (``_written``): a national
        # portal asks for 150,000 values, far fewer distinct ones, and Babel's own lookups
        # (the locale's patterns, its hash) cost more than the writing once it is cached.
        self._written: dict[tuple[object, ...], str] = {}

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.translations.ngettext(singular, plural, count)

    def pick(self, texts: Mapping[str, str], default: str) -> str:
        """The text in this language among ``texts`` (by language tag), else in ``default``,
        else any."""
        return texts.get(self.tag) or texts.get(default) or next(iter(texts.values()), "")

    def number(self, value: float, decimals: int = 2) -> str:
        """``1234.5`` -> ``1,234.5`` (en) or ``1 234,5`` (nb); at most ``decimals`` decimals."""
        key = ("number", value or 0.0, decimals)
        written = self._written.get(key)
        if written is None:
            pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
            written = self._written[key] = _decimal(value or 0.0, pattern, self.locale)
        return written

    def percent(self, share: float, decimals: int = 0) -> str:
        """A share as a percentage: ``0.125`` -> ``12.5%`` (en) or ``12,5 %`` (nb)."""
        key = ("percent", share or 0.0, decimals)
        written = self._written.get(key)
        if written is None:
            pattern = self.locale.percent_formats[None].pattern
            fraction = "." + "#" * decimals if decimals else ""
            pattern = _with_fraction(pattern, fraction)
            written = self._written[key] = _percent(share or 0.0, pattern, self.locale)
        return written

    def date(self, day: datetime.date) -> str:
        """``2026-11-16`` -> ``Nov 16, 2026`` (en) or ``16. nov. 2026`` (nb)."""
        key = ("date", day)
        written = self._written.get(key)
        if written is None:
            written = self._written[key] = _date(day, "medium", self.locale)
        return written

    def quantity(self, value: float, unit: str) -> str:
        """A measured value with its unit: ``45.2%``, ``€1,200``, ``120 days``."""
        key = ("quantity", value or 0.0, unit)
        written = self._written.get(key)
        if written is None:
            written = self._written[key] = self._quantity(value, unit)
        return written

    def _quantity(self, value: float, unit: str) -> str:
        if unit == "%":
            return self.percent(value / 100, decimals=2)
        if is_currency(unit):
            pattern = self.locale.currency_formats["standard"].pattern.split(";")[0]
            fraction = "" if float(value).is_integer() else ".00"
            return _currency(value or 0.0, unit, _with_fraction(pattern, fraction), self.locale)
        return f"{self.number(value)} {unit}"

    def d3_number_locale(self) -> dict[str, object]:
        """The number locale d3-format (and so Vega-Lite) needs to write numbers this way."""
        symbols = self.locale.number_symbols.get("latn", self.locale.number_symbols)
        return {
            "decimal": symbols["decimal"],
            "thousands": symbols["group"],
            "grouping": [3],
            "currency": ["", ""],
        }

    def month_year(self, day: datetime.date) -> str:
        """``November 2026`` (en), ``november 2026`` (nb): the label of a monthly period. The
        language's own pattern, so a month standing alone is named as such: ``marraskuu 2026``
        (fi), not ``marraskuuta 2026`` (the form of a date: "16th of November")."""
        return format_date(
            day, format=self.locale.datetime_skeletons["yMMMM"].pattern, locale=self.locale
        )

    def year(self, day: datetime.date) -> str:
        """``2026``: the year of ``day``, as this language writes a year alone."""
        return format_date(day, format="y", locale=self.locale)

    def d3_date_format(self, skeleton: str) -> str:
        """This language's way of writing a CLDR date skeleton as a d3 time format: ``MMMd`` is
        ``Nov 16`` (en) or ``16. nov.`` (nb), ``yMMM`` is ``Nov 2026``, ``y`` is ``2026``."""
        pattern = self.locale.datetime_skeletons[skeleton].pattern
        fields = {
            "MMMM": "%B",
            "MMM": "%b",
            "LLLL": "%B",  # a month standing alone (fi): d3 writes it the same way
            "LLL": "%b",
            "MM": "%m",
            "M": "%-m",
            "dd": "%d",
            "d": "%-d",
            "yyyy": "%Y",
            "y": "%Y",
        }
        result, rest = [], pattern
        while rest:
            field = next((f for f in fields if rest.startswith(f)), None)
            if field:
                result.append(fields[field])
                rest = rest[len(field) :]
            else:
                result.append(rest[0].replace("%", "%%"))
                rest = rest[1:]
        return "".join(result).replace("'", "")

    @cached_property
    def _d3_time_locale(self) -> dict[str, object]:
        return self._time_locale()

    def d3_time_locale(self) -> dict[str, object]:
        """Month and day names for d3-time-format, so chart axes name months in this language
        (made once: every chart asks for them)."""
        return self._d3_time_locale

    def _time_locale(self) -> dict[str, object]:
        months = self.locale.months["format"]
        days = self.locale.days["format"]
        # Babel numbers weekdays from Monday (0); d3 lists them from Sunday.
        sunday_first = [6, 0, 1, 2, 3, 4, 5]
        return {
            "dateTime": "%x, %X",
            "date": "%Y-%m-%d",
            "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": [days["wide"][d] for d in sunday_first],
            "shortDays": [days["abbreviated"][d] for d in sunday_first],
            "months": [months["wide"][m] for m in range(1, 13)],
            "shortMonths": [months["abbreviated"][m] for m in range(1, 13)],
        }


# A portal writes the same few thousand values on many pages (a key result's figures appear on
# its page, its objective's, its unit's, in feeds and reports); Babel takes about 20 µs a value.
# Callers pass ``value or 0.0``: -0.0 (a decrease not yet begun: 0.0 / -10) equals 0.0 as a
# key, and Babel would write it "-0".
@cache
def _decimal(value: float, pattern: str, locale: Locale) -> str:
    """As format_decimal writes it. Each language of a portal writes the same values: written
    once with Latin symbols (``1,234.5``), each language's are its symbols put in their
    place, where that writes what Babel writes (:func:`_symbols_of`)."""
    symbols = None if locale == _LATIN else _symbols_of(pattern, locale)
    if symbols is None:
        return str(_number_pattern(pattern).apply(value, locale))
    return _decimal(value, pattern, _LATIN).translate(symbols)


#: The locale whose numbers other languages' are written from.
_LATIN = Locale("en")
#: Values a language's symbols are tried on before they stand in for Babel's own writing:
#: grouped, negative, with decimals, small.
_PROBES = (-1_234_567.891, 1_234_567.5, 12_345.0, 1_000.0, 0.25, -0.5, 7.0)


@cache
def _symbols_of(pattern: str, locale: Locale) -> dict[int, str] | None:
    """The table putting the locale's group and decimal symbols in the place of ``,`` and
    ``.``; None where it would not write the probes as Babel does (a locale that groups
    otherwise, or marks a number's direction)."""
    symbols = locale.number_symbols.get("latn", locale.number_symbols)
    table = str.maketrans({",": symbols["group"], ".": symbols["decimal"]})
    written = _number_pattern(pattern)
    for probe in _PROBES:
        if written.apply(probe, _LATIN).translate(table) != written.apply(probe, locale):
            return None
    return table


@cache
def _percent(share: float, pattern: str, locale: Locale) -> str:
    # As format_percent writes it, its pattern read once.
    return str(_number_pattern(pattern).apply(share, locale))


@cache
def _number_pattern(pattern: str) -> NumberPattern:
    return parse_pattern(pattern)


@cache
def _currency(value: float, code: str, pattern: str, locale: Locale) -> str:
    written = format_currency(value, code, format=pattern, locale=locale, currency_digits=False)
    return _currency_spaced(written)


@cache
def _date(day: datetime.date, pattern: str, locale: Locale) -> str:
    return format_date(day, format=pattern, locale=locale)


def is_currency(unit: str) -> bool:
    """True for an ISO 4217 code that Babel knows (EUR, NOK, USD...)."""
    return len(unit) == 3 and unit.isupper() and _known_currency(unit)


@cache
def _known_currency(code: str) -> bool:
    return get_currency_name(code, locale="en") != code


def _currency_spaced(written: str) -> str:
    """CLDR's currency spacing, which Babel leaves out: a currency written in letters (NOK,
    CHF) is kept apart from its digits by a no-break space: ``NOK 2,500``, not ``NOK2,500``."""
    return re.sub(r"(?<=[^\W\d_])(?=[\d\u2212-])|(?<=\d)(?=[^\W\d_])", "\u00a0", written)


@cache
def _with_fraction(pattern: str, fraction: str) -> str:
    """A CLDR number pattern with its fraction part replaced: ``#,##0.00 ¤`` -> ``#,##0 ¤``."""
    head, _, tail = pattern.partition("0")
    rest = tail.lstrip("0.#")
    zeros = tail[: len(tail) - len(rest)].split(".")[0]
    return f"{head}0{zeros}{fraction}{rest}"
