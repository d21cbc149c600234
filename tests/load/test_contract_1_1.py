"""The optional additions of contract 1.1 that describe an objective or key result further:
commitment, publish, budget, method, interim targets; periods of several years; the feedback
setting. Line numbers are those of ``tests/fixtures/minimal``."""

from __future__ import annotations

import datetime

from generator.model import Budget, Commitment, InterimTarget, Withheld
from generator.settings import Feedback
from tests.load.conftest import Portal

CONFIG = "site_config.yml"
ROADS = "data/okrs/2026-Q2/roads.yml"
TOWN = "data/okrs/2026-Q2/town.yml"
PERIODS = "data/periods.yml"
EVENTS = "data/events.yml"
ROADS_OBJECTIVE = "    title: Repair roads faster\n"
REPAIR_DAYS = "        title: Days to repair a reported pothole\n"


def test_an_objective_is_committed_unless_it_says_otherwise(project: Portal) -> None:
    project.replace(ROADS, ROADS_OBJECTIVE, ROADS_OBJECTIVE + "    commitment: aspirational\n")
    dataset = project.load().dataset
    assert dataset.objectives["roads-faster-repair"].aspirational
    assert dataset.objectives["town-safer-streets"].commitment is Commitment.COMMITTED


def test_a_key_result_takes_its_objectives_commitment_or_sets_its_own(project: Portal) -> None:
    project.replace(ROADS, ROADS_OBJECTIVE, ROADS_OBJECTIVE + "    commitment: aspirational\n")
    project.replace(ROADS, REPAIR_DAYS, REPAIR_DAYS + "        commitment: committed\n")
    key_results = project.load().dataset.key_results
    assert key_results["roads-resurfaced-km"].aspirational
    assert not key_results["roads-repair-days"].aspirational


def test_commitment_is_one_of_two_words(project: Portal) -> None:
    project.replace(ROADS, ROADS_OBJECTIVE, ROADS_OBJECTIVE + "    commitment: stretch\n")
    project.check((f"{ROADS}:6", "'commitment' is 'stretch': use one of committed, aspirational"))


def test_a_budget_is_an_amount_in_a_currency(project: Portal) -> None:
    budget = "    budget: {amount: 2500000, currency: EUR}\n"
    project.replace(ROADS, ROADS_OBJECTIVE, ROADS_OBJECTIVE + budget)
    objective = project.load().dataset.objectives["roads-faster-repair"]
    assert objective.budget == Budget(2_500_000.0, "EUR")


def test_a_budget_needs_a_known_currency_and_no_negative_amount(project: Portal) -> None:
    budget = "    budget: {amount: -5, currency: EUR}\n"
    project.replace(ROADS, ROADS_OBJECTIVE, ROADS_OBJECTIVE + budget)
    project.check((f"{ROADS}:6", "budget amount -5 is below 0"))
    project.replace(ROADS, budget, "    budget: {amount: 5, currency: euros}\n")
    project.check((f"{ROADS}:6", "currency 'euros' is not an ISO 4217 code"))
    project.replace(ROADS, "{amount: 5, currency: euros}", "{amount: 5}")
    project.check((f"{ROADS}:6", "a budget has no 'currency': add it"))


def test_a_key_result_has_a_method(project: Portal) -> None:
    method = "        method: Median days from report to repair.\n"
    project.replace(ROADS, REPAIR_DAYS, REPAIR_DAYS + method)
    kr = project.load().dataset.key_results["roads-repair-days"]
    assert kr.method == "Median days from report to repair."


def test_interim_targets_are_read_by_date(project: Portal) -> None:
    waypoints = (
        "        interim_targets:\n"
        "          - {date: 2026-06-01, value: 12}\n"
        "          - {date: 2026-05-01, value: 16}\n"
    )
    project.replace(ROADS, REPAIR_DAYS, REPAIR_DAYS + waypoints)
    kr = project.load().dataset.key_results["roads-repair-days"]
    assert kr.interim_targets == (
        InterimTarget(datetime.date(2026, 5, 1), 16.0),
        InterimTarget(datetime.date(2026, 6, 1), 12.0),
    )


def test_an_interim_target_falls_inside_the_period(project: Portal) -> None:
    waypoints = "        interim_targets:\n          - {date: 2026-07-01, value: 12}\n"
    project.replace(ROADS, REPAIR_DAYS, REPAIR_DAYS + waypoints)
    project.check((f"{ROADS}:12", "interim target dated 2026-07-01 is outside period 2026-Q2"))


def test_interim_targets_have_one_date_each_and_need_a_target(project: Portal) -> None:
    waypoints = (
        "        interim_targets:\n"
        "          - {date: 2026-05-01, value: 16}\n"
        "          - {date: 2026-05-01, value: 15}\n"
    )
    project.replace(ROADS, REPAIR_DAYS, REPAIR_DAYS + waypoints)
    project.check((f"{ROADS}:13", "two interim targets on 2026-05-01"))
    band = "        target_range: [95, 100]\n"
    project.replace(ROADS, waypoints, "")
    project.replace(
        ROADS, band, band + "        interim_targets: [{date: 2026-05-01, value: 97}]\n"
    )
    project.check((f"{ROADS}:32", "'interim_targets' need a target: not with 'direction: within'"))


def test_a_period_may_span_several_years(project: Portal) -> None:
    project.append(PERIODS, "- id: 2023-2026\n  start: 2023-01-01\n  end: 2026-12-31\n")
    period = project.load().dataset.periods["2023-2026"]
    assert period.days == 1461


def test_a_period_of_several_years_runs_forwards(project: Portal) -> None:
    project.append(PERIODS, "- id: 2026-2023\n  start: 2023-01-01\n  end: 2026-12-31\n")
    project.check((f"{PERIODS}:8", "period id '2026-2023' runs backwards"))


def test_feedback_is_a_form_or_an_email_address(project: Portal) -> None:
    url = "https://example.org/form?item={id}&title={title}"
    project.append(CONFIG, f"feedback:\n  url: {url}\n")
    assert project.load().settings.feedback == Feedback(url=url)
    project.replace(CONFIG, f"  url: {url}\n", "  email: okr@example.org\n")
    assert project.load().settings.feedback == Feedback(email="okr@example.org")


def test_feedback_is_one_of_the_two_and_well_formed(project: Portal) -> None:
    project.append(CONFIG, "feedback:\n  url: https://example.org/\n  email: okr@example.org\n")
    project.check((f"{CONFIG}:8", "feedback: give 'url' or 'email', not both"))
    project.replace(
        CONFIG, "  url: https://example.org/\n  email: okr@example.org\n", "  email: okr\n"
    )
    project.check((f"{CONFIG}:8", "feedback email 'okr' is not an email address"))


def test_a_withheld_objective_is_checked_but_not_published(project: Portal) -> None:
    project.replace(ROADS, ROADS_OBJECTIVE, ROADS_OBJECTIVE + "    publish: false\n")
    loaded = project.load()
    dataset = loaded.dataset
    assert "roads-faster-repair" not in dataset.objectives
    assert "roads-repair-days" not in dataset.key_results
    assert not [c for c in dataset.checkins if c.key_result.startswith("roads-")]
    assert dataset.withheld[("roads", "2026-Q2")] == Withheld(objectives=1, key_results=4)
    assert loaded.written is not None and "roads-faster-repair" in loaded.written.objectives
    assert "roads-faster-repair" in loaded.withheld_ids
    project.replace(ROADS, "    publish: false\n", "    publish: false\n    owner: [a]\n")
    project.check((f"{ROADS}:7", "'owner' must be a single value"))


def test_a_withheld_key_result_leaves_its_objective_and_the_events_naming_only_it(
    project: Portal,
) -> None:
    project.replace(TOWN, "        unit: people\n", "        unit: people\n        publish: no\n")
    project.write(
        EVENTS,
        "- date: 2026-05-01\n  title: Speed limit lowered\n  key_results: [town-injuries]\n"
        "- date: 2026-05-02\n  title: New crossings\n  key_results: [town-injuries, roads-repair-days]\n",
    )
    dataset = project.load().dataset
    assert dataset.objectives["town-safer-streets"].key_results == ()
    assert [e.title for e in dataset.events] == ["New crossings"]
    assert dataset.events[0].key_results == ("roads-repair-days",)
    assert dataset.withheld == {("town", "2026-Q2"): Withheld(objectives=0, key_results=1)}


def test_an_objective_aligned_to_a_withheld_one_no_longer_names_it(project: Portal) -> None:
    project.replace(
        TOWN, "    owner: Mayor's office\n", "    owner: Mayor's office\n    publish: false\n"
    )
    dataset = project.load().dataset
    assert dataset.objectives["roads-faster-repair"].aligns_to == ()
    assert "town-safer-streets" not in dataset.contributors
