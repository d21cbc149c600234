"""Open data: the figures behind every page as CSV, for journalists and anyone who reuses them.

Numbers are written for machines whatever the portal's language: a decimal point, ISO dates,
shares as decimals (0.25 is 25 %). Check-in authors are left out unless the settings publish them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from generator.model import CheckIn, Dataset, KeyResult, Kind
from generator.output import SiteFolder
from generator.pages import urls
from generator.portal import Published
from generator.scoring import Figures


def write(published: Published, out: SiteFolder) -> None:
    site = published.portal.site
    base = site.settings.base_url or ""
    out.write_text(urls.KEY_RESULTS_CSV, key_results_csv(site.dataset, site.figures, base))
    out.write_text(urls.OBJECTIVES_CSV, objectives_csv(site.dataset, site.figures, base))
    authors = site.settings.publish_authors
    out.write_text(urls.CHECKINS_CSV, checkins_csv(site.dataset.checkins, authors))
    # Each key result's whole series, one link from its page (which shows the recent part).
    for kr_id, checkins in site.dataset.checkins_by_key_result.items():
        out.write_text(urls.key_result_csv(kr_id), checkins_csv(checkins, authors))


def machine_number(value: float | None) -> str:
    """A number as a program reads it: a decimal point, no grouping; "" for no value."""
    return "" if value is None else repr(round(value, 6)).removesuffix(".0")


def _as_written(kr: KeyResult) -> tuple[str, str, str]:
    """Direction, baseline and target as the publisher wrote them: a milestone has none."""
    if kr.kind is Kind.MILESTONE:
        return "", "", ""
    return kr.direction.value, machine_number(kr.baseline), machine_number(kr.target)


def _table(header: list[str], rows: Iterator[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def key_results_csv(dataset: Dataset, figures: Figures, base_url: str) -> str:
    header = [
        "key_result", "title", "objective", "unit", "period", "kind", "measured_in", "direction",
        "baseline", "target", "target_low", "target_high", "latest_value", "latest_date",
        "progress", "expected_progress", "status", "owner_status", "derived_status",
        "confidence", "source", "source_url", "page",
    ]  # fmt: skip

    def rows() -> Iterator[list[str]]:
        for kr in dataset.key_results.values():
            f = figures.key_results[kr.id]
            objective = dataset.objectives[kr.objective]
            low, high = kr.target_range or (None, None)
            yield [
                kr.id, kr.title, objective.id, objective.unit, objective.period, kr.kind.value,
                kr.unit, *_as_written(kr), machine_number(low), machine_number(high),
                machine_number(f.latest_value), f.latest_date.isoformat() if f.latest_date else "",
                machine_number(f.progress),
                machine_number(f.expected_progress), f.status.value,
                f.owner_status.value if f.owner_status else "", f.derived_status.value,
                machine_number(f.confidence), kr.source or "", kr.source_url or "",
                base_url + urls.key_result(kr.id),
            ]  # fmt: skip

    return _table(header, rows())


def objectives_csv(dataset: Dataset, figures: Figures, base_url: str) -> str:
    header = [
        "objective", "title", "unit", "period", "owner", "aligns_to", "shared_with", "themes",
        "key_results", "progress", "on_track", "at_risk", "off_track", "no_data", "page",
    ]  # fmt: skip

    def rows() -> Iterator[list[str]]:
        for o in dataset.objectives.values():
            roll_up = figures.objectives[o.id]
            counts = roll_up.counts
            yield [
                o.id, o.title, o.unit, o.period, o.owner or "", " ".join(o.aligns_to),
                " ".join(o.shared_with), " ".join(o.themes), str(len(o.key_results)),
                machine_number(roll_up.progress), str(counts.on_track), str(counts.at_risk),
                str(counts.off_track), str(counts.no_data), base_url + urls.objective(o.id),
            ]  # fmt: skip

    return _table(header, rows())


def checkins_csv(checkins: Iterable[CheckIn], publish_authors: bool) -> str:
    header = [
        "date",
        "key_result",
        "value",
        "status",
        "confidence",
        "progress",
        "problems",
        "plans",
    ]
    if publish_authors:
        header.append("author")

    def rows() -> Iterator[list[str]]:
        for c in sorted(checkins, key=lambda c: (c.date, c.key_result)):
            row = [
                c.date.isoformat(), c.key_result, machine_number(c.value),
                c.status.value if c.status else "", machine_number(c.confidence),
                c.progress, c.problems, c.plans,
            ]  # fmt: skip
            yield [*row, c.author or ""] if publish_authors else row

    return _table(header, rows())
