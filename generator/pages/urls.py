"""Every public address of the portal, in one place.

Addresses are made from ids and are permanent: journalists link to them. They are paths
relative to the site root, each ending in ``/`` (the page is ``<path>index.html``).
"""

from __future__ import annotations

import re

HOME = ""
PERIODS = "periods/"
THEMES = "themes/"
ACCESSIBILITY = "accessibility/"
SEARCH = "search/"
A_Z = "a-z/"
# Open data (generator.exports.open_data writes them).
KEY_RESULTS_CSV = "downloads/key-results.csv"
OBJECTIVES_CSV = "downloads/objectives.csv"
CHECKINS_CSV = "downloads/checkins.csv"


def level(level_id: str) -> str:
    return f"levels/{level_id}/"


def unit(unit_id: str) -> str:
    return f"units/{unit_id}/"


def objective(objective_id: str) -> str:
    return f"objectives/{objective_id}/"


def key_result(key_result_id: str) -> str:
    return f"key-results/{key_result_id}/"


def key_result_on_objective(objective_id: str, key_result_id: str) -> str:
    return f"{objective(objective_id)}#{key_result_id}"


def key_result_csv(key_result_id: str) -> str:
    """Every check-in of one key result, as open data."""
    return f"downloads/key-results/{key_result_id}.csv"


def period(period_id: str) -> str:
    return f"periods/{period_id.lower()}/"


def report(unit_id: str, period_id: str) -> str:
    """The print-ready PDF of a unit's objectives in a period (``generator.exports.reports``)."""
    return f"reports/{unit_id}-{period_id.lower()}.pdf"


def theme(theme_id: str) -> str:
    return f"themes/{theme_id}/"


def language_root(tag: str, default: str) -> str:
    """Where the pages of a language live: the default language at the site's root, another
    under its own tag (``sv/``). Links between pages are relative, so a whole edition moves
    under its root unchanged."""
    return "" if tag == default else f"{tag.lower()}/"


def depth(path: str) -> int:
    """How many folders deep a page's address is: ``units/x/`` is 2, the home page 0."""
    return path.count("/")


def relative(from_path: str, to_path: str) -> str:
    """The link from the page at ``from_path`` to ``to_path``, relative so the site can live anywhere."""
    return "../" * depth(from_path) + to_path or "./"


_DATA_LINK = re.compile(r'href="/((?:levels|units|objectives|key-results|periods|themes)/[^"]*)"')


def relative_data_links(html: str, page_path: str) -> str:
    """Hand-written pages link data pages as ``/objectives/<id>/``; make those links relative,
    so they keep working when the portal is published under a sub-path."""
    return _DATA_LINK.sub(lambda m: f'href="{relative(page_path, m.group(1))}"', html)
