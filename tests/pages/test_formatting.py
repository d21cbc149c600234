"""Period labels derived from ids, in the page's language, when a period has no label."""

from __future__ import annotations

import datetime

import pytest

from generator.i18n import Language
from generator.load.project import load_project
from generator.model import Period
from generator.pages.formatting import Formatter
from tests.conftest import FIXTURES


@pytest.mark.parametrize(
    ("period_id", "start", "end", "tag", "label"),
    [
        ("2023-2026", (2023, 1, 1), (2026, 12, 31), "en", "2023–2026"),  # noqa: RUF001
        ("2016-2030", (2016, 1, 1), (2030, 12, 31), "nb", "2016–2030"),  # noqa: RUF001
        ("2026-Q3", (2026, 7, 1), (2026, 9, 30), "en", "Q3 2026"),
        ("2026-H1", (2026, 1, 1), (2026, 6, 30), "en", "H1 2026"),
        ("2026", (2026, 1, 1), (2026, 12, 31), "en", "2026"),
    ],
)
def test_a_period_without_a_label_is_named_from_its_id(
    period_id: str,
    start: tuple[int, int, int],
    end: tuple[int, int, int],
    tag: str,
    label: str,
) -> None:
    settings = load_project(FIXTURES / "minimal").settings
    period = Period(period_id, None, datetime.date(*start), datetime.date(*end))
    assert Formatter(Language(tag), settings).period_label(period) == label
