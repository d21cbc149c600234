"""``/how-to-read/``: what the portal's figures and words mean, in plain words: baseline,
target, progress, the expected pace, each status (with the factors the settings give), committed
and aspirational goals, provisional figures, interim targets, what is not published, events on
charts and where the data is. A publisher's own ``content/how-to-read.md`` replaces it (see
:meth:`generator.portal.Portal.without`)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Status
from generator.pages import urls
from generator.pages.formatting import Badge
from generator.pages.links import Link
from generator.pages.site import Site
from generator.pages.views.parts import Page
from generator.scoring import STATUS_ORDER

#: The share of a period the status example takes as passed: halfway.
EXAMPLE_EXPECTED = 0.5
#: How far the example of a stretch goal's status got.
EXAMPLE_STRETCH = 0.7


@dataclass(frozen=True)
class StatusWord:
    """A status as the badges show it, and what it means."""

    badge: Badge
    meaning: str


@dataclass(frozen=True)
class Section:
    anchor: str
    heading: str
    paragraphs: tuple[str, ...]
    statuses: tuple[StatusWord, ...] = ()  # the status section's list of words
    after: tuple[str, ...] = ()  # paragraphs after the list of statuses
    links: tuple[Link, ...] = ()  # where to read more


@dataclass(frozen=True)
class HowToReadBody:
    intro: str
    as_of: str
    contents: tuple[Link, ...]  # a link to each section
    sections: tuple[Section, ...]


def page(site: Site) -> Page:
    _ = site.fmt._
    path = urls.HOW_TO_READ
    sections = (
        _goals(site),
        _baseline_and_target(site),
        _progress(site),
        _pace(site),
        _status(site),
        _commitment(site),
        _provisional(site),
        _interim_targets(site),
        _withheld(site, path),
        _events(site),
        _data(site, path),
    )
    body = HowToReadBody(
        intro=_(
            "This page explains the figures and words on this portal. You do not need to "
            "know how %(organisation)s plans its work to read them.",
            organisation=site.settings.organisation,
        ),
        as_of=_(
            "The figures on this portal are as of %(date)s.", date=site.fmt.date(site.figures.as_of)
        ),
        contents=tuple(Link(f"#{s.anchor}", s.heading) for s in sections),
        sections=sections,
    )
    return Page(
        path=path,
        template="okr/how_to_read.html",
        title=_("How to read this portal"),
        description=_(
            "What baseline, target, progress, expected pace and each status mean on this portal"
        ),
        breadcrumbs=(site.links.home(path),),
        body=body,
    )


def _goals(site: Site) -> Section:
    _ = site.fmt._
    return Section(
        "objectives",
        _("Objectives and key results"),
        (
            _(
                "An objective is what %(organisation)s wants to achieve.",
                organisation=site.settings.organisation,
            ),
            _(
                "A key result is how it measures whether it gets there. Each key result has a "
                "figure that is updated as time goes on."
            ),
            _(
                "Objectives and key results are set for a period, such as a quarter or a year. "
                "Some periods last several years."
            ),
        ),
    )


def _baseline_and_target(site: Site) -> Section:
    _ = site.fmt._
    return Section(
        "baseline-and-target",
        _("Baseline and target"),
        (
            _("The baseline is where a key result started: its figure before the work began."),
            _("The target is the figure it should reach by the end of its period."),
            _(
                "Some targets are a range: the figure should stay between two values. Others "
                "are a level to reach or keep: at least, or at most, a value."
            ),
        ),
    )


def _progress(site: Site) -> Section:
    _ = site.fmt._
    percent = site.fmt.percent
    return Section(
        "progress",
        _("Progress"),
        (
            _(
                "Progress is how far a key result has come from its baseline to its target. "
                "%(none)s means it is still at the baseline. %(all)s means it has reached the "
                "target.",
                none=percent(0),
                all=percent(1),
            ),
            _(
                "Progress can be more than %(all)s: the figure has gone past the target. It "
                "can also be below %(none)s: the figure has moved away from the target.",
                none=percent(0),
                all=percent(1),
            ),
            _(
                "The progress of an objective is the average of its key results. There, each "
                "key result counts from %(none)s to %(all)s, so one result far past its target "
                "does not hide another that is behind.",
                none=percent(0),
                all=percent(1),
            ),
        ),
    )


def _pace(site: Site) -> Section:
    _ = site.fmt._
    percent = site.fmt.percent
    return Section(
        "expected-pace",
        _("Expected pace"),
        (
            _(
                "Beside progress, you see what is expected by now. It is how far a key result "
                "would have come if it moved at a steady pace from the start of its period to "
                "the end."
            ),
            _(
                "Halfway through a period, %(half)s is expected. When the period has ended, "
                "%(all)s is expected.",
                half=percent(EXAMPLE_EXPECTED),
                all=percent(1),
            ),
            _(
                "A key result with interim targets does not move at one steady pace. Its "
                "expected progress follows the interim targets instead: a straight line from "
                "the baseline to the first, then to the next, and on to the target."
            ),
        ),
    )


def _status(site: Site) -> Section:
    fmt = site.fmt
    _ = fmt._
    factors = site.settings.status_factors
    on_track, at_risk = fmt.percent(factors.on_track), fmt.percent(factors.at_risk)
    meanings = {
        Status.ON_TRACK: _(
            "Progress is at least %(on_track)s of what is expected by now, or nothing is "
            "expected yet.",
            on_track=on_track,
        ),
        Status.AT_RISK: _(
            "Progress is at least %(at_risk)s of what is expected by now, but less than "
            "%(on_track)s.",
            at_risk=at_risk,
            on_track=on_track,
        ),
        Status.OFF_TRACK: _(
            "Progress is less than %(at_risk)s of what is expected by now.", at_risk=at_risk
        ),
        Status.NO_DATA: _(
            "No figure has been published yet. This is never counted as zero, and it is left "
            "out of averages."
        ),
    }
    return Section(
        "status",
        _("Status"),
        (
            _(
                "Each key result has a status. It compares its progress with what is expected "
                "by now. A status is always shown with a symbol and a word, never by colour "
                "alone."
            ),
        ),
        statuses=tuple(StatusWord(fmt.badge(s), meanings[s]) for s in STATUS_ORDER),
        after=(
            _(
                "For example, halfway through a period %(expected)s is expected. A key result "
                "with progress of %(on_track)s or more is then on track. From %(at_risk)s, it is "
                "at risk. Below that, it is off track.",
                expected=fmt.percent(EXAMPLE_EXPECTED),
                on_track=fmt.percent(factors.on_track * EXAMPLE_EXPECTED),
                at_risk=fmt.percent(factors.at_risk * EXAMPLE_EXPECTED),
            ),
            _(
                "The person responsible for a key result may give their own status. Then the "
                "portal shows their status, and the computed one beside it where the two "
                "differ. Totals count their status."
            ),
        ),
    )


def _commitment(site: Site) -> Section:
    fmt = site.fmt
    _ = fmt._
    return Section(
        "committed-and-aspirational",
        _("Committed and aspirational goals"),
        (
            _(
                "Most goals are committed: %(organisation)s means to meet them in full.",
                organisation=site.settings.organisation,
            ),
            _(
                "Some goals are aspirational. They are set high on purpose, to stretch what "
                "can be done. Falling short of an aspirational goal is normal and expected. It "
                "is not a failure: getting most of the way there is a good result."
            ),
        ),
        statuses=(
            StatusWord(
                fmt.stretch_goals_badge(),
                _(
                    "An aspirational key result has this symbol. Its status says how far it "
                    "got, such as “%(example)s”, and never that it is off track. Totals "
                    "count stretch goals apart from committed ones.",
                    example=_(
                        "Stretch goal: %(share)s of the way", share=fmt.percent(EXAMPLE_STRETCH)
                    ),
                ),
            ),
        ),
    )


def _provisional(site: Site) -> Section:
    _ = site.fmt._
    return Section(
        "provisional-figures",
        _("Provisional figures"),
        (
            _(
                "A figure marked provisional is the best figure there is for now. It may still "
                "be revised, for example when late data comes in."
            ),
        ),
    )


def _interim_targets(site: Site) -> Section:
    _ = site.fmt._
    return Section(
        "interim-targets",
        _("Interim targets"),
        (
            _(
                "Some targets are years away. Interim targets are waypoints on the way: the "
                "figure to reach by a given date."
            ),
            _(
                "They set the pace that is expected, as explained under expected pace: a key "
                "result is judged against its waypoints, not only against its final target."
            ),
        ),
    )


def _withheld(site: Site, path: str) -> Section:
    _ = site.fmt._
    return Section(
        "not-published",
        _("What is not published"),
        (
            _(
                "Some objectives and key results are not published. They are not shown "
                "anywhere on this portal, nor in its data, and their figures are in no total."
            ),
            _("They are still counted, so you can see how many there are of each unit."),
        ),
        links=(site.links.to(path, urls.COVERAGE, _("Reporting coverage, by unit")),),
    )


def _events(site: Site) -> Section:
    _ = site.fmt._
    return Section(
        "events",
        _("Events on charts"),
        (
            _(
                "Some charts mark events with a number: things that happened which help to "
                "read a trend, such as a new law or a new way of working."
            ),
            _("Below the chart, each number is listed with its date and what happened."),
        ),
    )


def _data(site: Site, path: str) -> Section:
    _ = site.fmt._
    links = site.links
    return Section(
        "data",
        _("Where to get the data"),
        (
            _(
                "Every figure on this portal can be downloaded as open data, to check it, "
                "chart it or use it again."
            ),
            _("Each key result's page has a file of all its figures."),
        ),
        links=(
            links.to(path, urls.DATA, _("Open data: every file and what it holds")),
            links.to(path, urls.OVERDUE, _("Overdue figures, by unit")),
        ),
    )
