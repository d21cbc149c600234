"""data/events.yml (contract 1.1): optional; each event's date, title, the ids it names and link.

Fixture lines: events.yml has one event (1-4: date, title, key_results, url), for
roads-repair-days; appended entries start at line 5.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import pytest

from generator.model import Event

if TYPE_CHECKING:
    from tests.load.conftest import Portal

EVENTS = "data/events.yml"


def test_the_fixture_s_event_is_loaded(project: Portal) -> None:
    (event,) = project.load().dataset.events
    assert event == Event(
        date=datetime.date(2026, 5, 4),
        title="A new app to report potholes",
        key_results=("roads-repair-days",),
        url="https://www.example.org/news/pothole-app/",
    )
    assert not event.everywhere


@pytest.mark.parametrize("text", [None, "", "# nothing happened yet\n", "[]\n"])
def test_an_absent_or_empty_file_means_no_events(project: Portal, text: str | None) -> None:
    if text is None:
        project.remove(EVENTS)
    else:
        project.write(EVENTS, text)
    assert project.load().dataset.events == ()


def test_every_field_is_read_and_a_single_id_is_a_list_of_one(project: Portal) -> None:
    project.append(
        EVENTS,
        "- date: 2026-04-15\n  title: 'Budget: the council agrees'\n  units: roads\n"
        "  themes: [mobility]\n- date: 2026-06-01\n  title: Storm\n",
    )
    _, budget, storm = project.load().dataset.events
    assert (budget.date, budget.title, budget.units, budget.themes, budget.url) == (
        datetime.date(2026, 4, 15),
        "Budget: the council agrees",
        ("roads",),
        ("mobility",),
        None,
    )
    assert storm.everywhere


def test_a_bad_date_and_a_missing_title_are_problems_on_their_lines(project: Portal) -> None:
    project.append(EVENTS, "- date: 4 May 2026\n  title: Strike\n- date: 2026-05-05\n")
    project.check(
        (f"{EVENTS}:5", "'date' is '4 May 2026', not a date: write it as YYYY-MM-DD"),
        (f"{EVENTS}:7", "an event has no 'title': add it"),
    )


def test_an_unknown_id_says_which_was_meant(project: Portal) -> None:
    project.append(
        EVENTS,
        "- date: 2026-05-05\n  title: Strike\n  key_results: [roads-repiar-days]\n"
        "  units: [road]\n  themes: [nowhere]\n",
    )
    project.check(
        (
            f"{EVENTS}:7",
            "'key_results' lists 'roads-repiar-days', which is not a key result id: "
            "did you mean 'roads-repair-days'?",
        ),
        (f"{EVENTS}:8", "'units' lists 'road', which is not a unit id: did you mean 'roads'?"),
        (f"{EVENTS}:9", "'themes' lists 'nowhere', which is not a theme id"),
    )


def test_unknown_keys_bad_links_and_a_file_that_is_not_a_list(project: Portal) -> None:
    project.append(
        EVENTS,
        "- date: 2026-05-05\n  title: Strike\n  unit: [roads]\n"
        "- date: 2026-05-06\n  title: Storm\n  url: example.org/storm\n- just words\n",
    )
    project.check(
        (f"{EVENTS}:7", "unknown key 'unit' in an event: did you mean 'units'?"),
        (f"{EVENTS}:10", "'url' is 'example.org/storm': write a full web address"),
        (f"{EVENTS}:11", "each event must be a mapping with a date and a title"),
    )
    project.write(EVENTS, "date: 2026-05-05\ntitle: Strike\n")
    project.check((f"{EVENTS}:1", "must be a list of events (- date: ...)"))


def test_a_key_result_that_did_not_load_is_not_named_again(project: Portal) -> None:
    project.replace("data/okrs/2026-Q2/roads.yml", "        baseline: 20\n        target: 10\n", "")
    problems = project.problems()
    assert problems and not [p for p in problems if p.startswith(EVENTS)]


def test_events_concern_the_key_results_they_name_by_id_unit_or_theme(project: Portal) -> None:
    project.write(
        EVENTS,
        "- date: 2026-06-01\n  title: Everywhere\n"
        "- date: 2026-04-01\n  title: Roads\n  units: [roads]\n"
        "- date: 2026-05-01\n  title: Mobility\n  themes: [mobility]\n"
        "- date: 2026-05-02\n  title: Parks\n  key_results: [parks-satisfaction]\n",
    )
    dataset = project.load().dataset
    themed = {o.id for o in dataset.objectives.values() if "mobility" in o.themes}
    assert themed  # the fixture has an objective of the theme
    for kr in dataset.key_results.values():
        objective = dataset.objectives[kr.objective]
        titles = [event.title for event in dataset.events_of_key_result(kr.id)]
        expected = {"Everywhere"}
        if objective.unit == "roads":
            expected.add("Roads")
        if objective.id in themed:
            expected.add("Mobility")
        if kr.id == "parks-satisfaction":
            expected.add("Parks")
        assert set(titles) == expected, kr.id
        days = [event.date for event in dataset.events_of_key_result(kr.id)]
        assert days == sorted(days)  # oldest first
