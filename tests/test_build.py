"""The pipeline's hold on the garbage collector: taken while a build's values last, handed
back when it ends (``okr-portal serve`` builds again and again in one process)."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

from generator.build import prepare, release
from tests.conftest import FIXTURES


def test_a_build_makes_full_collections_rare_until_it_is_released(tmp_path: Path) -> None:
    project = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", project, ignore=shutil.ignore_patterns(".okr-cache"))
    before = gc.get_threshold()
    try:
        prepare(project, tmp_path / "cache", workers=1)
        during, frozen = gc.get_threshold(), gc.get_freeze_count()
    finally:
        release()
    assert during[:2] == before[:2]  # young collections as often as ever
    assert during[2] >= 100 * before[2]
    assert frozen > 0  # the model and the pages' values, out of the full passes
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
