"""``/downloads/portal.json``: the whole portal in one file, with every figure scoring computed.

The public settings, units, periods, themes, objectives with their roll-ups, key results with
their figures (each interim target with its date, value and state: reached, not_reached,
no_figure or ahead), and check-ins, each list in the data files' order, keys sorted: the same data
gives the same bytes. Numbers are numbers (rounded as in the CSV files), dates ISO, shares
from 0 to 1, no value ``null``. Text is in the portal's default language. Check-in authors only
when the settings publish them.
"""

from __future__ import annotations

import json
from typing import Any

from generator.exports.open_data import machine_value
from generator.model import CheckIn, Dataset, KeyResult, Kind
from generator.output import SiteFolder
from generator.pages import urls
from generator.portal import Published
from generator.scoring import Figures, KeyResultFigures, StatusCounts
from generator.settings import Settings

Json = dict[str, Any]


def write(published: Published, out: SiteFolder) -> None:
    site = published.portal.site
    out.write_text(urls.PORTAL_JSON, portal_json(site.settings, site.dataset, site.figures))


def portal_json(settings: Settings, dataset: Dataset, figures: Figures) -> str:
    """The whole model on one line: written without indents, by the json module's C encoder
    (indented, it is written in Python: 0.57 s instead of 0.20 at 10,000 pages), and a fifth
    smaller to download; a browser or ``jq`` shows it indented."""
    return (
        json.dumps(
            model(settings, dataset, figures),
            ensure_ascii=False,
            sort_keys=True,
            separators=(",", ":"),
        )
        + "\n"
    )


def model(settings: Settings, dataset: Dataset, figures: Figures) -> Json:
    base = settings.base_url or ""
    series = dataset.checkins_by_key_result  # a key result with check-ins has a CSV of them
    return {
        "portal": {
            "title": settings.title,
            "organisation": settings.organisation,
            "base_url": settings.base_url,
            "language": settings.language,
            "languages": list(settings.languages),
            "licence": settings.licence,
            "levels": list(dataset.levels),
            "as_of": figures.as_of.isoformat(),
            "current_period": figures.current_period,
        },
        "units": [
            {
                "id": u.id,
                "name": u.name,
                "level": u.level,
                "parent": u.parent,
                "description": u.description,
                "website": u.website,
                "page": base + urls.unit(u.id),
            }
            for u in dataset.units.values()
        ],
        "periods": [
            {
                "id": p.id,
                "label": p.label,
                "start": p.start.isoformat(),
                "end": p.end.isoformat(),
                "expected_progress": machine_value(figures.expected.get(p.id)),
                "progress": machine_value(figures.periods[p.id].progress)
                if p.id in figures.periods
                else None,
                "page": base + urls.period(p.id),
            }
            for p in dataset.periods.values()
        ],
        "themes": [
            {
                "id": t.id,
                "name": t.name,
                "description": t.description,
                "page": base + urls.theme(t.id),
            }
            for t in dataset.themes.values()
        ],
        "objectives": [
            {
                "id": o.id,
                "title": o.title,
                "description": o.description,
                "unit": o.unit,
                "period": o.period,
                "owner": o.owner,
                "aligns_to": list(o.aligns_to),
                "shared_with": list(o.shared_with),
                "themes": list(o.themes),
                "commitment": o.commitment.value,
                "budget": None
                if o.budget is None
                else {"amount": machine_value(o.budget.amount), "currency": o.budget.currency},
                "key_results": list(o.key_results),
                "progress": machine_value(figures.objectives[o.id].progress),
                "counts": _counts(figures.objectives[o.id].counts),
                "page": base + urls.objective(o.id),
            }
            for o in dataset.objectives.values()
        ],
        "key_results": [
            _key_result(kr, figures.key_results[kr.id], base, kr.id in series)
            for kr in dataset.key_results.values()
        ],
        "checkins": [
            _checkin(c, settings.publish_authors)
            for c in sorted(dataset.checkins, key=lambda c: (c.date, c.key_result))
        ],
    }


def _counts(counts: StatusCounts) -> Json:
    return {
        "on_track": counts.on_track,
        "at_risk": counts.at_risk,
        "off_track": counts.off_track,
        "no_data": counts.no_data,
        "aspirational": counts.aspirational,
    }


def _key_result(kr: KeyResult, f: KeyResultFigures, base: str, has_series: bool) -> Json:
    milestone = kr.kind is Kind.MILESTONE  # percent complete: no baseline, target or direction
    return {
        "id": kr.id,
        "objective": kr.objective,
        "title": kr.title,
        "kind": kr.kind.value,
        "measured_in": kr.unit,
        "direction": None if milestone else kr.direction.value,
        "baseline": None if milestone else machine_value(kr.baseline),
        "target": None if milestone else machine_value(kr.target),
        "target_range": None
        if kr.target_range is None
        else [machine_value(v) for v in kr.target_range],
        "source": kr.source,
        "source_url": kr.source_url,
        "caveat": kr.caveat,
        "method": kr.method,
        "commitment": kr.commitment.value,
        "latest_value": machine_value(f.latest_value),
        "latest_date": f.latest_date.isoformat() if f.latest_date else None,
        "latest_provisional": f.latest_provisional,
        "interim_targets": [
            {"date": w.date.isoformat(), "value": machine_value(w.value), "state": w.state.value}
            for w in f.waypoints
        ],
        "progress": machine_value(f.progress),
        "clipped_progress": machine_value(f.clipped_progress),
        "expected_progress": machine_value(f.expected_progress),
        "met": f.met,
        "status": f.status.value,
        "owner_status": f.owner_status.value if f.owner_status else None,
        "derived_status": f.derived_status.value,
        "confidence": machine_value(f.confidence),
        "checkin_count": f.checkin_count,
        "page": base + urls.key_result(kr.id),
        "checkins_csv": base + urls.key_result_csv(kr.id) if has_series else None,
    }


def _checkin(c: CheckIn, publish_authors: bool) -> Json:
    record: Json = {
        "date": c.date.isoformat(),
        "key_result": c.key_result,
        "value": machine_value(c.value),
        "status": c.status.value if c.status else None,
        "confidence": machine_value(c.confidence),
        "provisional": c.provisional,
        "progress": c.progress,
        "problems": c.problems,
        "plans": c.plans,
    }
    if publish_authors:
        record["author"] = c.author
    return record
