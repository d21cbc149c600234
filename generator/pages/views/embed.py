"""``/embed/key-results/<key-result-id>/``: a key result on its own, for an ``<iframe>`` on
another site. A small whole document without the portal's chrome: the chart, the latest
figure, the status, the figures' date and a link back to the key result's page."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from generator.pages import urls
from generator.pages.formatting import Badge
from generator.pages.links import Link
from generator.pages.site import Site
from generator.pages.views.key_result import ChartImage, chart_image, chart_name, summary
from generator.pages.views.parts import Page, provisional_note


@dataclass(frozen=True)
class EmbedBody:
    lang: str  # the document's language (BCP 47)
    document_title: str  # its <title>
    unit: str
    period: str
    chart: ChartImage | None
    chart_name: str  # what a screen reader says of the chart: its sentence
    summary: str  # the chart in words, for a key result without a chart too
    latest: str
    latest_date: str
    provisional: str  # that the latest value may still be revised; empty when it is final
    iso_date: str
    status: Badge
    as_of: str  # "Figures as of <date>"
    back: Link  # the key result's own page, opened in the whole window


def page_makers(site: Site) -> Iterator[Callable[[], Page]]:
    """What makes the embed of each key result."""
    for key_result_id in site.dataset.key_results:
        yield partial(page, site, key_result_id)


def page(site: Site, key_result_id: str) -> Page:
    kr = site.dataset.key_results[key_result_id]
    path = urls.embed_key_result(key_result_id)
    objective = site.dataset.objectives[kr.objective]
    unit = site.dataset.units[objective.unit]
    period = site.dataset.periods[objective.period]
    figures = site.figures.key_results[kr.id]
    fmt = site.fmt
    title = str(kr.title)
    body = EmbedBody(
        lang=fmt.language.tag,
        document_title=f"{title} - {site.settings.title}",
        unit=unit.name,
        period=fmt.period_label(period),
        chart=chart_image(site, kr),
        chart_name=chart_name(site, kr),
        summary=summary(site, kr),
        latest=fmt.value(figures.latest_value, kr),
        provisional=provisional_note(site, figures.latest_provisional),
        latest_date=fmt.date(figures.latest_date),
        iso_date=figures.latest_date.isoformat() if figures.latest_date else "",
        status=fmt.key_result_badge(kr, figures),
        as_of=fmt._("Figures as of %(date)s", date=fmt.date(site.figures.as_of)),
        back=site.links.to(
            path,
            urls.key_result(kr.id),
            fmt._("%(title)s on %(site)s", title=title, site=site.settings.title),
        ),
    )
    return Page(
        path=path,
        template="okr/embed.html",
        title=kr.title,
        description=body.summary,
        breadcrumbs=(),
        body=body,
    )
