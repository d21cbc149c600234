"""How the OKRs are written: each rule of ``generator.quality`` on a copy of the minimal portal
with one edit that breaks it (or mends it), its warnings compared as ``(path:line, fragment)``.

The line numbers are those of the files in ``tests/fixtures/minimal``. That portal already
breaks three rules; the first test lists every warning it gets, so a rule that starts warning
where it should not fails there.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.quality import Rule, quality_warnings
from tests.load.conftest import MINIMAL, Portal

Q2 = "data/okrs/2026-Q2"


@pytest.fixture
def portal(tmp_path: Path) -> Portal:
    root = tmp_path / "portal"
    shutil.copytree(MINIMAL, root, ignore=shutil.ignore_patterns(".okr-cache"))
    return Portal(root)


def warned(portal: Portal, rule: Rule) -> list[str]:
    """The warnings of one rule, as printed."""
    return [
        warning.problem.shown("warning")
        for warning in quality_warnings(portal.load())
        if warning.rule is rule
    ]


def expect(found: list[str], *expected: tuple[str, str]) -> None:
    """Exactly ``expected``, in order: ``(path:line, message fragment)``."""
    listing = "\n".join(found) or "(no warnings)"
    assert len(found) == len(expected), f"expected {len(expected)}, got:\n{listing}"
    for line, (where, fragment) in zip(found, expected, strict=True):
        assert line.startswith(f"{where}: warning: "), f"expected at {where}, got:\n{listing}"
        assert fragment in line, f"expected {fragment!r}, got:\n{listing}"


def test_the_minimal_portal_gets_exactly_the_warnings_of_the_rules_it_breaks(
    portal: Portal,
) -> None:
    found = [
        (warning.rule, f"{warning.problem.path}:{warning.problem.line}")
        for warning in quality_warnings(portal.load())
    ]
    assert found == [
        (Rule.ALIGNED_TO_NOTHING, f"{Q2}/parks.yml:4"),
        (Rule.NO_FIGURE, f"{Q2}/parks.yml:13"),
        (Rule.OFF_TRACK_UNEXPLAINED, f"{Q2}/roads.yml:23"),
        (Rule.NO_FIGURE, f"{Q2}/roads.yml:26"),
        (Rule.OFF_TRACK_UNEXPLAINED, f"{Q2}/town.yml:9"),
    ]


def test_more_than_five_objectives_for_a_unit_in_a_period_are_warned_of_at_the_sixth(
    portal: Portal,
) -> None:
    assert warned(portal, Rule.TOO_MANY_OBJECTIVES) == []
    # town has two objectives; the sixth, town-more-4, starts on line 22, the seventh on 24.
    for number in range(1, 6):
        portal.append(f"{Q2}/town.yml", f"  - id: town-more-{number}\n    title: More {number}\n")
    expect(
        warned(portal, Rule.TOO_MANY_OBJECTIVES),
        (f"{Q2}/town.yml:22", "unit 'town' has 7 objectives in period 2026-Q2, more than 5"),
    )


def test_five_objectives_are_not_too_many(portal: Portal) -> None:
    for number in range(1, 4):
        portal.append(f"{Q2}/town.yml", f"  - id: town-more-{number}\n    title: More {number}\n")
    assert warned(portal, Rule.TOO_MANY_OBJECTIVES) == []


def test_more_than_five_key_results_for_an_objective_are_warned_of_at_the_objective(
    portal: Portal,
) -> None:
    assert warned(portal, Rule.TOO_MANY_KEY_RESULTS) == []
    portal.append(f"{Q2}/town.yml", "    key_results:\n")
    for number in range(1, 7):
        portal.append(
            f"{Q2}/town.yml",
            f"      - id: town-data-{number}\n        title: Data set {number}\n"
            "        unit: data sets\n        baseline: 0\n        target: 10\n",
        )
    expect(
        warned(portal, Rule.TOO_MANY_KEY_RESULTS),
        (f"{Q2}/town.yml:14", "objective 'town-open-data' has 6 key results, more than 5"),
    )


def test_an_objective_whose_key_results_are_all_outputs_or_milestones_is_warned_of(
    portal: Portal,
) -> None:
    # roads-faster-repair has outputs and a milestone, but outcomes too; town-open-data none.
    assert warned(portal, Rule.ONLY_TASKS) == []
    portal.replace(
        f"{Q2}/town.yml",
        "        title: Fewer people injured on the roads\n",
        "        title: Fewer people injured on the roads\n        kind: output\n",
    )
    # roads-faster-repair's outcomes become outputs: left with outputs and a milestone.
    portal.replace(f"{Q2}/roads.yml", "        kind: outcome\n", "        kind: output\n")
    portal.replace(
        f"{Q2}/roads.yml",
        "        title: Share of the repair budget spent\n",
        "        title: Share of the repair budget spent\n        kind: output\n",
    )
    expect(
        warned(portal, Rule.ONLY_TASKS),
        (f"{Q2}/roads.yml:4", "every key result of objective 'roads-faster-repair' is an output"),
        (f"{Q2}/town.yml:4", "every key result of objective 'town-safer-streets' is an output"),
    )


def test_an_objective_below_the_top_level_aligned_to_nothing_is_warned_of(
    portal: Portal,
) -> None:
    # town's objectives align to nothing too, but town is at the top level.
    portal.replace(f"{Q2}/roads.yml", "    aligns_to: [town-safer-streets]\n", "")
    expect(
        warned(portal, Rule.ALIGNED_TO_NOTHING),
        (f"{Q2}/parks.yml:4", "objective 'parks-clean' of department 'parks' aligns to nothing"),
        (f"{Q2}/roads.yml:4", "objective 'roads-faster-repair' of department 'roads'"),
    )


def test_aligning_an_objective_mends_the_warning(portal: Portal) -> None:
    portal.replace(
        f"{Q2}/parks.yml",
        "    title: Keep parks clean and green\n",
        "    title: Keep parks clean and green\n    aligns_to: [town-safer-streets]\n",
    )
    assert warned(portal, Rule.ALIGNED_TO_NOTHING) == []


def test_withheld_objectives_are_checked_too(portal: Portal) -> None:
    portal.replace(
        f"{Q2}/parks.yml",
        "    title: Keep parks clean and green\n",
        "    title: Keep parks clean and green\n    publish: false\n",
    )
    assert "parks-clean" not in portal.load().dataset.objectives
    expect(warned(portal, Rule.ALIGNED_TO_NOTHING), (f"{Q2}/parks.yml:4", "'parks-clean'"))


def test_an_off_track_committed_key_result_whose_latest_check_in_says_no_problem_is_warned_of(
    portal: Portal,
) -> None:
    portal.append("data/checkins/q2.csv", "2026-06-15,parks-satisfaction,79,off_track,,,,,\n")
    expect(
        warned(portal, Rule.OFF_TRACK_UNEXPLAINED),
        (
            f"{Q2}/parks.yml:7",
            "'parks-satisfaction' is off track and its latest check-in (2026-06-15)",
        ),
        (f"{Q2}/roads.yml:23", "committed key result 'roads-new-depot' is off track"),
        (f"{Q2}/town.yml:9", "committed key result 'town-injuries' is off track"),
    )


def test_a_problem_written_in_the_latest_check_in_mends_the_warning(portal: Portal) -> None:
    portal.replace(
        "data/checkins/q2.csv",
        "2026-06-15,town-injuries,35,,,,,,\n",
        "2026-06-15,town-injuries,35,,,,Two crossings still wait for lights,,\n",
    )
    expect(warned(portal, Rule.OFF_TRACK_UNEXPLAINED), (f"{Q2}/roads.yml:23", "roads-new-depot"))


def test_an_aspirational_key_result_off_track_needs_no_reason(portal: Portal) -> None:
    portal.replace(
        f"{Q2}/town.yml",
        "    owner: Mayor's office\n",
        "    owner: Mayor's office\n    commitment: aspirational\n",
    )
    expect(warned(portal, Rule.OFF_TRACK_UNEXPLAINED), (f"{Q2}/roads.yml:23", "roads-new-depot"))


def test_a_key_result_with_no_figure_is_warned_of_from_the_day_its_first_is_due(
    portal: Portal,
) -> None:
    # Only the history of roads-repair-days is left: every other key result has no figure.
    portal.write("data/checkins/q2.csv", "date,key_result,value\n2026-03-15,roads-repair-days,21\n")
    portal.append("site_config.yml", "as_of: 2026-04-28\n")
    assert warned(portal, Rule.NO_FIGURE) == []
    portal.replace("site_config.yml", "as_of: 2026-04-28\n", "as_of: 2026-04-29\n")
    fragment = "has no figure though its first was due on 2026-04-29 in period 2026-Q2"
    expect(
        warned(portal, Rule.NO_FIGURE),
        (f"{Q2}/parks.yml:7", fragment),
        (f"{Q2}/parks.yml:13", fragment),
        (f"{Q2}/roads.yml:16", fragment),
        (f"{Q2}/roads.yml:23", fragment),
        (f"{Q2}/roads.yml:26", fragment),
        (f"{Q2}/town.yml:9", fragment),
    )


def test_a_key_result_updated_less_often_has_its_first_figure_due_later(portal: Portal) -> None:
    portal.replace(
        f"{Q2}/parks.yml",
        "        direction: at_most\n",
        "        direction: at_most\n        update_every: quarterly\n",
    )
    # Due a quarter into the period, which is its last day: not yet at the as-of date.
    expect(warned(portal, Rule.NO_FIGURE), (f"{Q2}/roads.yml:26", "'roads-budget-use'"))
