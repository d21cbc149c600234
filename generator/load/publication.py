"""What is published: the data set without the items written with ``publish: false``.

Withheld items are read and checked like any other, then taken out here, once, before any
figure is computed: every page, feed, search index and download is made from what this
returns, so none of them can show a withheld id or title. Only counts remain
(:class:`~generator.model.Withheld`), so a unit's page can say how much of it is not shown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Set
from dataclasses import replace

from generator.model import Dataset, Event, Objective, Withheld


def published(dataset: Dataset, unpublished: Set[str]) -> Dataset:
    """``dataset`` without the objectives and key results whose ids are in ``unpublished``,
    nor the key results of a withheld objective, nor their check-ins."""
    if not unpublished:
        return dataset
    objectives = {o for o in dataset.objectives if o in unpublished}
    key_results = {
        kr.id
        for kr in dataset.key_results.values()
        if kr.id in unpublished or kr.objective in objectives
    }
    return replace(
        dataset,
        objectives={
            o.id: _without(o, objectives, key_results)
            for o in dataset.objectives.values()
            if o.id not in objectives
        },
        key_results={k: kr for k, kr in dataset.key_results.items() if k not in key_results},
        checkins=tuple(c for c in dataset.checkins if c.key_result not in key_results),
        events=tuple(_events(dataset.events, key_results)),
        withheld=_counts(dataset, objectives, key_results),
    )


def _without(objective: Objective, objectives: Set[str], key_results: Set[str]) -> Objective:
    return replace(
        objective,
        key_results=tuple(k for k in objective.key_results if k not in key_results),
        aligns_to=tuple(o for o in objective.aligns_to if o not in objectives),
    )


def _events(events: tuple[Event, ...], key_results: Set[str]) -> list[Event]:
    """Each event without the withheld key results it names; one that named only withheld key
    results is left out (it would otherwise concern every chart)."""
    kept: list[Event] = []
    for event in events:
        named = tuple(k for k in event.key_results if k not in key_results)
        if event.key_results and not (named or event.units or event.themes):
            continue
        kept.append(replace(event, key_results=named))
    return kept


def _counts(
    dataset: Dataset, objectives: Set[str], key_results: Set[str]
) -> dict[tuple[str, str], Withheld]:
    def place(objective_id: str) -> tuple[str, str]:
        objective = dataset.objectives[objective_id]
        return objective.unit, objective.period

    held_objectives = Counter(place(o) for o in objectives)
    held_key_results = Counter(place(dataset.key_results[k].objective) for k in key_results)
    return {
        where: Withheld(held_objectives[where], held_key_results[where])
        for where in sorted(held_objectives.keys() | held_key_results.keys())
    }
