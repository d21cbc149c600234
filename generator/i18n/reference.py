"""The reference language: what a page's values are made in to name the page in the cache of
rendered pages, once for all the portal's languages (``generator.pages.reference``).

It writes every value so that nothing is lost: a word as its message's id (a plural with its
count, which any language's plural forms are chosen by), a number, a share or a date as the
value itself with what was asked of it, a choice among a record's languages as all of them.
Two pages whose reference values are equal are then equal in every language, given the same
translations and settings. No reader sees it; each value is marked off by control characters
no text of the portal's writes, so that values written side by side stay apart.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping

from generator.i18n import Language


class ReferenceLanguage(Language):
    """Writes what a page says, in no language (``tag`` is the portal's default language's,
    which orders texts and names the page's language where a view asks). Each value is
    ``\\x02``, a letter for its kind, its parts apart by ``\\x1f``, ``\\x03``: short, as a
    national portal's pages ask for half a million of them, and hashed."""

    def gettext(self, message: str) -> str:
        return f"\x02m{message}\x03"

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        # The message's forms are filled in as a language's would be (``%(count)s``).
        return f"\x02m{singular}\x1f{plural}\x1f{count}\x03"

    def pick(self, texts: Mapping[str, str], default: str) -> str:
        return f"\x02t{sorted(texts.items())!r}\x1f{default}\x03"

    def number(self, value: float, decimals: int = 2) -> str:
        return f"\x02n{value!r}\x1f{decimals}\x03"

    def percent(self, share: float, decimals: int = 0) -> str:
        return f"\x02p{share!r}\x1f{decimals}\x03"

    def date(self, day: datetime.date) -> str:
        return f"\x02d{day}\x03"

    def quantity(self, value: float, unit: str) -> str:
        return f"\x02q{value!r}\x1f{unit}\x03"

    def month_year(self, day: datetime.date) -> str:
        return f"\x02M{day}\x03"

    def year(self, day: datetime.date) -> str:
        return f"\x02y{day}\x03"

    def d3_number_locale(self) -> dict[str, object]:
        return {}  # a language's own: the same on every page

    def d3_date_format(self, skeleton: str) -> str:
        return f"\x02s{skeleton}\x03"

    def d3_time_locale(self) -> dict[str, object]:
        return {}  # a language's own: the same on every page
