"""``/data/``: the open data explained: each file, what it holds, each column with its type and
meaning in plain words, and a link to download it. Made from the same description of the files
as their headers and ``datapackage.json`` (:mod:`generator.pages.downloads`); open data is
published once, at the site's root, so every edition links the same files."""

from __future__ import annotations

from dataclasses import dataclass

from generator.pages import urls
from generator.pages.downloads import (
    DATAPACKAGE,
    KEY_RESULT_CHECKINS,
    PORTAL_JSON,
    TABLES,
    TYPE_WORDS,
    File,
    Table,
)
from generator.pages.links import Link
from generator.pages.site import Site
from generator.pages.views.parts import Page


@dataclass(frozen=True)
class ColumnRow:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class DataFile:
    anchor: str  # the id of its heading
    title: str
    description: str
    link: Link | None  # None for the files of single key results: each is on its own page
    address: str  # where it is, from the site's root
    columns: tuple[ColumnRow, ...]  # empty for a file that is not a table
    columns_caption: str


@dataclass(frozen=True)
class DataBody:
    intro: str
    machine: str  # how numbers and dates are written
    licence: str | None
    files: tuple[DataFile, ...]


def page(site: Site) -> Page:
    _ = site.fmt._
    path = urls.DATA
    authors = site.settings.publish_authors
    licence = site.settings.licence
    body = DataBody(
        intro=_(
            "Every figure on this portal can be downloaded, to check it, chart it or reuse it. "
            "Below is each file, what it holds and what each of its columns means."
        ),
        machine=_(
            "The files are written for programs whatever the language of the page: numbers "
            "with a decimal point, dates as YYYY-MM-DD, shares from 0 to 1, an empty cell where "
            "there is no value. Text that a spreadsheet could run as a formula starts with an "
            "apostrophe."
        ),
        licence=_("The data on this portal is published under %(licence)s.", licence=licence)
        if licence
        else None,
        files=(
            *(_table(site, path, t, authors) for t in TABLES),
            _file(site, path, PORTAL_JSON),
            _file(site, path, DATAPACKAGE),
        ),
    )
    return Page(
        path=path,
        template="okr/data.html",
        title=_("Open data"),
        description=_("Every file of figures on this portal, and what each of its columns means"),
        breadcrumbs=(site.links.home(path),),
        body=body,
    )


def _table(site: Site, path: str, table: Table, publish_authors: bool) -> DataFile:
    _ = site.fmt._
    title = _(table.title)
    return DataFile(
        anchor=table.name,
        title=title,
        description=_(table.description),
        link=None
        if table is KEY_RESULT_CHECKINS
        else site.links.shared(path, table.path, table.path.rpartition("/")[2]),
        address="/" + table.path,
        columns=tuple(
            ColumnRow(c.name, _(TYPE_WORDS[c.type]), _(c.description))
            for c in table.published(publish_authors)
        ),
        columns_caption=_("Columns of %(file)s", file=title),
    )


def _file(site: Site, path: str, file: File) -> DataFile:
    _ = site.fmt._
    return DataFile(
        anchor=file.name,
        title=_(file.title),
        description=_(file.description),
        link=site.links.shared(path, file.path, file.path.rpartition("/")[2]),
        address="/" + file.path,
        columns=(),
        columns_caption="",
    )
