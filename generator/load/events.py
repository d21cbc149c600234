"""``data/events.yml`` (contract 1.1): things that happened which a reader needs to read a trend.

The file is optional: absent or empty, there are no events. Each event names the key results,
units or themes whose charts it marks, or none of them (every chart); an id that is none of
those is a problem with the one "did you mean", like every other reference.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

from generator.contract import EVENT
from generator.load.fields import Fields, did_you_mean
from generator.load.problems import Problems
from generator.load.yamlfile import LineDict, LineList, read_yaml
from generator.model import Event

#: What each list of ids names, for its problems.
_NAMED = {"key_results": "a key result", "units": "a unit", "themes": "a theme"}


def load_events(
    file: Path,
    shown_as: str,
    known: Mapping[str, Collection[str]],
    problems: Problems,
    rejected: Collection[str] = (),
) -> tuple[Event, ...]:
    """The events of ``file`` in file order, each problem recorded; ``known`` holds the ids of
    the key results, units and themes (by the field that lists them), and ``rejected`` those
    of key results that did not load (their own problem says why: not one more here)."""
    if not file.is_file():
        return ()
    document = read_yaml(file, shown_as, problems, None)
    if document is None:
        return ()
    if not isinstance(document, LineList):
        line = getattr(document, "line", 1)
        problems.add(shown_as, line, "must be a list of events (- date: ...)")
        return ()
    events = []
    for item, line in zip(document, document.item_lines, strict=True):
        if not isinstance(item, LineDict):
            problems.add(shown_as, line, "each event must be a mapping with a date and a title")
            continue
        event = _event(Fields(item, shown_as, problems, EVENT), known, rejected)
        if event is not None:
            events.append(event)
    return tuple(events)


def _event(
    fields: Fields, known: Mapping[str, Collection[str]], rejected: Collection[str]
) -> Event | None:
    date = fields.date("date")
    title = fields.text("title")
    url = fields.url("url")
    named = {key: fields.slugs(key) for key in _NAMED}
    for key, ids in named.items():
        for found in ids or ():
            if found not in known[key] and found not in rejected:
                hint = did_you_mean(found, known[key])
                fields.problem(
                    key,
                    f"'{key}' lists '{found}', which is not {_NAMED[key]} id"
                    + (f": {hint}" if hint else ""),
                )
    if date is None or title is None or any(ids is None for ids in named.values()):
        return None
    return Event(
        date=date,
        title=title,
        key_results=named["key_results"] or (),
        units=named["units"] or (),
        themes=named["themes"] or (),
        url=url,
    )
