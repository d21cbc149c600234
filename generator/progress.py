"""What a long build says as it goes: each stage with how far it has come (data loaded, charts
of N, pages of N), through logging, so the CLI can draw a bar on a terminal or print plain
lines in CI, and the engine's own log sees the same.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

LOG = logging.getLogger("okr-portal.progress")


@dataclass(frozen=True)
class Step:
    stage: str  # what is being done, e.g. "charts rendered"
    done: int
    total: int


def report(stage: str, done: int, total: int) -> None:
    LOG.info("%s: %d of %d", stage, done, total, extra={"okr_step": Step(stage, done, total)})


def every(done: int, total: int, step: int = 50) -> bool:
    """Whether to report at ``done``: every ``step`` and at the end, not for each item."""
    return done == total or done % step == 0
