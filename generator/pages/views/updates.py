"""``/updates/``: the posts (quarterly updates), newest first, each with its date and summary."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from generator.pages.links import Link
from generator.pages.site import Site

INDEX = "updates/"


@dataclass(frozen=True)
class PostEntry:
    link: Link
    date: str
    iso_date: str
    summary: str


def entry(site: Site, address: str, title: str, day: datetime.date, summary: str) -> PostEntry:
    link = site.links.to(INDEX, address, title)
    return PostEntry(link, site.fmt.date(day), day.isoformat(), summary)


def heading(site: Site) -> str:
    return site.fmt._("Updates")
