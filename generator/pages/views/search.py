"""``/search/``, full-text search of every page (Pagefind, in the browser, from static files),
and ``/a-z/``, every unit, objective and key result in alphabetical order: the way in without
JavaScript.

The index itself is written by ``generator.exports.search``; the search page only loads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from generator.i18n.collation import initial, sort_key
from generator.pages import urls
from generator.pages.links import Link
from generator.pages.site import Site
from generator.pages.views.parts import Page

#: Where Pagefind's files are, from the site's root (one index, a part per language).
PAGEFIND = "pagefind/pagefind.js"
SCRIPT = "assets/okr/search.js"


@dataclass(frozen=True)
class SearchBody:
    label: str  # of the search field
    button: str
    pagefind: str  # the relative address of pagefind.js
    script: str  # the relative address of our search script
    root: str  # the relative address of the site's root (results are addresses from it)
    one_result: str  # "%(count)s result for “%(query)s”"
    many_results: str
    no_results: str  # "No results for “%(query)s”"
    unavailable: str  # the index could not be loaded
    more: str  # shows the next results
    without_javascript: str
    a_z: Link


@dataclass(frozen=True)
class Entry:
    link: Link
    note: str  # what it is: "Objective, 2026 Q3"


@dataclass(frozen=True)
class Letter:
    letter: str
    anchor: str  # the id of its heading
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class AZBody:
    intro: str
    letters_label: str  # names the list of letters
    letters: tuple[Letter, ...]
    search: Link


def page(site: Site) -> Page:
    _ = site.fmt._
    path = urls.SEARCH
    body = SearchBody(
        label=_("Search for"),
        button=_("Search"),
        pagefind=urls.relative(site.root + path, PAGEFIND),
        script=urls.relative(site.root + path, SCRIPT),
        root=urls.relative(site.root + path, urls.HOME),
        # Left with their placeholders: search.js fills them in. One and many are all the
        # plural forms of the languages with a catalogue.
        one_result=site.fmt.language.ngettext(
            "%(count)s result for “%(query)s”", "%(count)s results for “%(query)s”", 1
        ),
        many_results=site.fmt.language.ngettext(
            "%(count)s result for “%(query)s”", "%(count)s results for “%(query)s”", 2
        ),
        no_results=_("No results for “%(query)s”"),
        unavailable=_("Search could not be loaded. The A–Z index lists every page."),  # noqa: RUF001 (a dash, meant)
        more=_("More results"),
        without_javascript=_(
            "Search needs JavaScript, which is off. The A–Z index lists every unit, "  # noqa: RUF001 (a dash, meant)
            "objective and key result."
        ),
        a_z=site.links.to(path, urls.A_Z, _("A–Z index")),  # noqa: RUF001 (a dash, meant)
    )
    return Page(
        path=path,
        template="okr/search.html",
        title=_("Search"),
        description=_("Search every unit, objective, key result and update by its words"),
        breadcrumbs=(site.links.home(path),),
        body=body,
    )


def a_z(site: Site) -> Page:
    _ = site.fmt._
    path = urls.A_Z
    data = site.dataset
    tag = site.fmt.language.tag
    entries: list[tuple[str, Entry]] = []
    for unit in data.units.values():
        entries.append((unit.name, Entry(site.links.unit(unit, path), _("Unit"))))
    for objective in data.objectives.values():
        period = site.fmt.period_label(data.periods[objective.period])
        note = _("Objective, %(period)s", period=period)
        entries.append((objective.title, Entry(site.links.objective(objective, path), note)))
    for kr in data.key_results.values():
        objective = data.objectives[kr.objective]
        period = site.fmt.period_label(data.periods[objective.period])
        link = site.links.to(path, urls.key_result(kr.id), kr.title)
        entries.append((kr.title, Entry(link, _("Key result, %(period)s", period=period))))
    entries.sort(key=lambda pair: (sort_key(pair[0], tag), pair[1].link.href))
    grouped = groupby(entries, key=lambda pair: initial(pair[0], tag))
    letters = tuple(
        Letter(letter, f"letter-{n}", tuple(entry for _title, entry in group))
        for n, (letter, group) in enumerate(grouped, start=1)
    )
    body = AZBody(
        intro=_("Every unit, objective and key result, in alphabetical order."),
        letters_label=_("Letters"),
        letters=letters,
        search=site.links.to(path, urls.SEARCH, _("Search by any word instead")),
    )
    return Page(
        path=path,
        template="okr/a_z.html",
        title=_("A–Z index"),  # noqa: RUF001 (a dash, meant)
        description=_("Every unit, objective and key result in alphabetical order"),
        breadcrumbs=(site.links.home(path),),
        body=body,
    )
