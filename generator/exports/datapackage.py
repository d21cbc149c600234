"""``/downloads/datapackage.json``: a Frictionless Data Package describing every open-data file.

Made from the same description of each file and column as the CSV headers and the data page
(:mod:`generator.pages.downloads`): every column's name, type, description and constraints,
the titles and descriptions in the portal's default language, the licence from the settings.
The check-in files of single key results share one table schema, ``checkins.schema.json``,
so the package grows by one short entry per key result.
"""

from __future__ import annotations

import json
import posixpath
from typing import Any

from generator.output import SiteFolder
from generator.pages import urls
from generator.pages.downloads import (
    CHECKINS,
    KEY_RESULT_CHECKINS,
    KEY_RESULTS,
    OBJECTIVES,
    PORTAL_JSON,
    Column,
    File,
    Table,
)
from generator.pages.formatting import Formatter
from generator.portal import Published

Json = dict[str, Any]

#: Licences often chosen for public data, by SPDX id: (title, address of the licence text).
#: A licence not listed here is written as the settings give it, as its title.
LICENCES: dict[str, tuple[str, str]] = {
    "CC0-1.0": (
        "Creative Commons Zero v1.0 Universal",
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
    "CC-BY-4.0": (
        "Creative Commons Attribution 4.0 International",
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "CC-BY-SA-4.0": (
        "Creative Commons Attribution Share Alike 4.0 International",
        "https://creativecommons.org/licenses/by-sa/4.0/",
    ),
    "CC-BY-3.0": (
        "Creative Commons Attribution 3.0 Unported",
        "https://creativecommons.org/licenses/by/3.0/",
    ),
    "ODbL-1.0": (
        "Open Data Commons Open Database License v1.0",
        "https://opendatacommons.org/licenses/odbl/1-0/",
    ),
    "ODC-By-1.0": (
        "Open Data Commons Attribution License v1.0",
        "https://opendatacommons.org/licenses/by/1-0/",
    ),
    "PDDL-1.0": (
        "Open Data Commons Public Domain Dedication & License 1.0",
        "https://opendatacommons.org/licenses/pddl/1-0/",
    ),
    "OGL-UK-3.0": (
        "Open Government Licence v3.0",
        "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
    ),
    "NLOD-2.0": (
        "Norwegian Licence for Open Government Data (NLOD) 2.0",
        "https://data.norge.no/nlod/en/2.0",
    ),
    "DL-DE-BY-2.0": (
        "Data licence Germany - attribution - version 2.0",
        "https://www.govdata.de/dl-de/by-2-0",
    ),
    "etalab-2.0": ("Etalab Open License 2.0", "https://spdx.org/licenses/etalab-2.0.html"),
}

_FOLDER = posixpath.dirname(urls.DATAPACKAGE)


def write(published: Published, out: SiteFolder) -> None:
    site = published.portal.site
    series = tuple(site.dataset.checkins_by_key_result)
    authors = site.settings.publish_authors
    out.write_text(urls.CHECKINS_SCHEMA, _dumps(schema(KEY_RESULT_CHECKINS, site.fmt, authors)))
    package = datapackage(site.fmt, site.settings.licence, site.settings.base_url, series, authors)
    out.write_text(urls.DATAPACKAGE, _dumps(package))


def _dumps(data: Json) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def _local(path: str) -> str:
    """A path from the site's root as the package gives it: from the package's folder."""
    return posixpath.relpath(path, _FOLDER)


def datapackage(
    fmt: Formatter,
    licence: str | None,
    base_url: str | None,
    series: tuple[str, ...],
    publish_authors: bool,
) -> Json:
    """The package: its words in ``fmt``'s language, a resource per file, one per key result
    in ``series`` (those with check-ins)."""
    settings = fmt.settings
    package: Json = {
        "name": "okr-portal-open-data",
        "title": settings.title,
        "description": fmt._(
            "The objectives and key results of %(organisation)s, their check-ins and every "
            "figure computed from them.",
            organisation=settings.organisation,
        ),
    }
    if base_url:
        package["homepage"] = base_url
    if licence:
        package["licenses"] = [licence_entry(licence, base_url)]
    tables = (KEY_RESULTS, OBJECTIVES, CHECKINS)
    resources = [_table(t, fmt, schema(t, fmt, publish_authors)) for t in tables]
    resources += [
        {
            **_table(KEY_RESULT_CHECKINS, fmt, _local(urls.CHECKINS_SCHEMA)),
            "name": f"checkins-{kr_id}",
            "path": _local(urls.key_result_csv(kr_id)),
        }
        for kr_id in series
    ]
    resources.append(_file(PORTAL_JSON, fmt))
    package["resources"] = resources
    return package


def licence_entry(licence: str, base_url: str | None) -> Json:
    """The package's ``licenses`` entry for the settings' ``licence``: an SPDX id we know gets
    its name, title and address; free text is the title, with the data page that states it."""
    known = LICENCES.get(licence)
    if known:
        return {"name": licence, "title": known[0], "path": known[1]}
    # Free text ("public-domain"): the data page states it; a licence needs a name or a path.
    return {"title": licence, "path": (base_url or "../") + urls.DATA}


def _table(table: Table, fmt: Formatter, table_schema: Json | str) -> Json:
    return {
        "name": table.name,
        "path": _local(table.path),
        "title": fmt._(table.title),
        "description": fmt._(table.description),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": table_schema,
    }


def _file(file: File, fmt: Formatter) -> Json:
    return {
        "name": file.name,
        "path": _local(file.path),
        "title": fmt._(file.title),
        "description": fmt._(file.description),
        "format": "json",
        "mediatype": "application/json",
        "encoding": "utf-8",
    }


def schema(table: Table, fmt: Formatter, publish_authors: bool) -> Json:
    """The Table Schema of ``table``: each column's name, type, description and constraints."""
    columns = table.published(publish_authors)
    result: Json = {"fields": [_field(c, fmt) for c in columns], "missingValues": [""]}
    keys = [c.name for c in columns if c.unique]
    if keys:
        result["primaryKey"] = keys
    return result


def _field(column: Column, fmt: Formatter) -> Json:
    field: Json = {
        "name": column.name,
        "type": column.type.value,
        "description": fmt._(column.description),
    }
    constraints: Json = {}
    if column.required:
        constraints["required"] = True
    if column.unique:
        constraints["unique"] = True
    if column.values:
        constraints["enum"] = list(column.values)
    if column.minimum is not None:
        constraints["minimum"] = column.minimum
    if column.maximum is not None:
        constraints["maximum"] = column.maximum
    if constraints:
        field["constraints"] = constraints
    return field
