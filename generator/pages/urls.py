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
UPDATES = "updates/"  # the list of posts, made by the engine from content/updates/
OVERDUE = "overdue/"  # key results whose figures are late
COVERAGE = "coverage/"  # where reporting is missing, by level and unit
HOW_TO_READ = "how-to-read/"  # what the figures and words mean (content/how-to-read.md replaces it)
SEARCH = "search/"
A_Z = "a-z/"
# Open data (generator.exports.open_data writes them).
KEY_RESULTS_CSV = "downloads/key-results.csv"
OBJECTIVES_CSV = "downloads/objectives.csv"
CHECKINS_CSV = "downloads/checkins.csv"
# For search engines (generator.exports.robots).
ROBOTS = "robots.txt"
# Atom feeds (generator.exports.feeds writes them), under each language's root.
CHECKINS_FEED = "feeds/checkins.atom"
UPDATES_FEED = "feeds/updates.atom"
PORTAL_JSON = "downloads/portal.json"  # the whole model with its figures
DATAPACKAGE = "downloads/datapackage.json"  # the Frictionless description of every file
CHECKINS_SCHEMA = "downloads/checkins.schema.json"  # the table schema every check-in file shares
DATA = "data/"  # the page that explains every file and column


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


def embed_key_result(key_result_id: str) -> str:
    """A key result on its own, without the portal's chrome, to show in an ``<iframe>``."""
    return f"embed/key-results/{key_result_id}/"


def key_result_image(key_result_id: str) -> str:
    """The key result's chart as a PNG, the image a link to its page shows when shared."""
    return f"{key_result(key_result_id)}chart.png"


def key_result_csv(key_result_id: str) -> str:
    """Every check-in of one key result, as open data."""
    return f"downloads/key-results/{key_result_id}.csv"


def unit_feed(unit_id: str) -> str:
    """New figures of a unit and of the units within it, as an Atom feed."""
    return f"feeds/units/{unit_id}.atom"


def period(period_id: str) -> str:
    return f"periods/{period_id.lower()}/"


def period_changes(period_id: str) -> str:
    """What changed in a period's objectives and key results, from the data's git history."""
    return f"{period(period_id)}changes/"


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


_DATA_LINK = re.compile(
    r'href="/((?:levels|units|objectives|key-results|periods|themes|overdue|coverage|how-to-read)/[^"]*)"'
)


def relative_data_links(html: str, page_path: str) -> str:
    """Hand-written pages link data pages as ``/objectives/<id>/``; make those links relative,
    so they keep working when the portal is published under a sub-path."""
    return _DATA_LINK.sub(lambda m: f'href="{relative(page_path, m.group(1))}"', html)
