"""Posts in ``content/updates/`` (quarterly updates): their dates, the embargo, their list, and
the figures they quote as of their date.

A post is a hand-written page whose front matter gives its ``date`` and ``summary``. One dated
after the build date stays out of the site until a build on or after it (the embargo); its
quotes (``generator.pages.quotes``) show the figures as they stood on its date, so a published
update never changes afterwards.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.build import site_as_of
from generator.load.fields import parse_date
from generator.load.problems import DataError, Problem
from generator.pages.quotes import QuoteMark, expand_quotes, find_quotes
from generator.pages.views import updates as views
from generator.pages.views.quote import QUOTE_KINDS, quote
from generator.portal import Portal

FOLDER = "updates/"


@dataclass(frozen=True)
class Post:
    source: str  # the file, as problems name it: content/updates/2026-q3-review.md
    address: str  # its page: updates/2026-q3-review/
    title: str
    date: datetime.date
    summary: str
    body: str  # the Markdown after the front matter
    first_line: int  # the file's line on which ``body`` starts


def is_post(content_path: str) -> bool:
    """A page in content/updates/, other than the list of them."""
    return content_path.startswith(FOLDER) and content_path != FOLDER + "index.md"


def read_post(
    source: str, address: str, meta: Mapping[str, object], body: str, first_line: int
) -> Post:
    """The post in ``source``; raises DataError when its front matter lacks a date or summary."""
    problems = []
    day = meta.get("date")
    if not isinstance(day, datetime.date):
        day = parse_date(str(day)) if day is not None else None
    if day is None:
        problems.append(Problem(source, 1, "a post needs 'date: YYYY-MM-DD' in its front matter"))
    summary = meta.get("summary")
    if not isinstance(summary, str) or not summary.strip():
        problems.append(
            Problem(source, 1, "a post needs a one-sentence 'summary:' in its front matter")
        )
    if problems or day is None or not isinstance(summary, str):
        raise DataError(problems)
    return Post(
        source, address, _title(meta, body, address), day, summary.strip(), body, first_line
    )


def _title(meta: Mapping[str, object], body: str, address: str) -> str:
    title = meta.get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    heading = next((line[2:].strip() for line in body.splitlines() if line.startswith("# ")), "")
    return heading or address


def published(posts: Sequence[Post], today: datetime.date) -> list[Post]:
    """The posts dated on or before ``today``, newest first (then by address)."""
    shown = [post for post in posts if post.date <= today]
    return sorted(shown, key=lambda post: (post.date, post.address), reverse=True)


def index_markdown(portal: Portal, posts: Sequence[Post]) -> str:
    """The page listing the posts: its heading and the list, as the engine renders a page."""
    site = portal.site
    entries = [views.entry(site, p.address, p.title, p.date, p.summary) for p in posts]
    listing = portal.default.env.get_template("okr/updates.html").render(posts=entries)
    return f"# {views.heading(site)}\n\n{listing}\n"


def expand_post(portal: Portal, post: Post) -> str:
    """The post's Markdown with its quotes as figures of its date; DataError names the line of
    every quote of an unknown id, and the front matter when the date is outside the data."""
    marks = find_quotes(post.body)
    if not marks:
        return post.body
    problems = [p for mark in marks if (p := _mark_problem(portal, post, mark))]
    problems += _date_problems(portal, post)
    if problems:
        raise DataError(problems)
    site = site_as_of(portal, post.date, {m.item_id for m in marks if m.kind == "chart"})
    template = portal.default.env.get_template("okr/quote.html")

    def render(mark: QuoteMark) -> str:
        return template.render(quote=quote(site, mark.kind, mark.item_id, post.address))

    return expand_quotes(post.body, render)


def _mark_problem(portal: Portal, post: Post, mark: QuoteMark) -> Problem | None:
    line = post.first_line + mark.line - 1
    if mark.kind not in QUOTE_KINDS:
        kinds = ", ".join(QUOTE_KINDS)
        return Problem(post.source, line, f"'{mark.kind}' cannot be quoted: use one of {kinds}")
    dataset = portal.site.dataset
    names_objective = QUOTE_KINDS[mark.kind]
    known = dataset.objectives if names_objective else dataset.key_results
    what = "objective" if names_objective else "key result"
    if mark.item_id not in known:
        return Problem(post.source, line, f'{mark.kind}("{mark.item_id}"): no {what} has that id')
    return None


def _date_problems(portal: Portal, post: Post) -> list[Problem]:
    periods = portal.site.dataset.periods.values()
    first = min((p.start for p in periods), default=post.date)
    last = portal.site.figures.as_of
    if first <= post.date <= last:
        return []
    return [
        Problem(
            post.source,
            1,
            f"the post is dated {post.date}, outside the data ({first} to {last}): "
            "its figures would be those of no day",
        )
    ]
