"""Work alongside the build: done in a forked copy, its result or its error brought back."""

from __future__ import annotations

import os
import tempfile
import threading
import time
from pathlib import Path

import pytest

from generator import alongside as alongside_module
from generator.alongside import Turns, WorkFailed, alongside


@pytest.fixture(autouse=True)
def forkable(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A thread another test left running (a server of a browser test) would keep the work
    here: these tests fork whatever else runs, but the one about threads."""
    if "thread" not in request.node.name:
        monkeypatch.setattr(alongside_module, "_forkable", lambda: True)


def test_the_work_runs_in_another_process_while_the_block_runs_here() -> None:
    here: list[int] = []
    with alongside(os.getpid) as result:
        here.append(os.getpid())
    assert result() != here[0] == os.getpid()


def test_its_error_is_raised_here() -> None:
    def fails() -> None:
        raise ValueError("a template is broken")

    with pytest.raises(ValueError, match="a template is broken"), alongside(fails) as result:
        pass
    with alongside(fails) as result, pytest.raises(ValueError, match="a template is broken"):
        result()


def test_an_error_that_cannot_travel_comes_as_its_traceback() -> None:
    class Unpicklable(Exception):
        def __reduce__(self) -> str | tuple[object, ...]:
            raise TypeError("not this one")

    def fails() -> None:
        raise Unpicklable("deep inside")

    with pytest.raises(WorkFailed, match="Unpicklable: deep inside"), alongside(fails):
        pass


def test_work_that_dies_without_a_result_is_named_so() -> None:
    with pytest.raises(WorkFailed, match="exit status 3"), alongside(lambda: os._exit(3)):
        pass


def test_the_work_is_stopped_when_the_block_fails(tmp_path: Path) -> None:
    late = tmp_path / "late.txt"

    def slow() -> None:
        time.sleep(1.5)
        late.write_text("written after the build failed")

    with pytest.raises(RuntimeError), alongside(slow):
        raise RuntimeError("an export failed")
    time.sleep(2.5)
    assert not late.exists()


def test_the_copy_leaves_without_running_this_process_s_exit_handlers() -> None:
    # A temporary folder of the original is removed by a handler when a process exits
    # normally: the copy must not remove it from under the original.
    with tempfile.TemporaryDirectory() as kept:
        folder = tempfile.TemporaryDirectory(dir=kept)
        with alongside(lambda: Path(folder.name).is_dir()) as result:
            pass
        assert result() is True
        assert Path(folder.name).is_dir()
        folder.cleanup()


def test_with_another_thread_running_the_work_is_done_here() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        with alongside(os.getpid) as result:
            pass
        assert result() == os.getpid()
    finally:
        stop.set()
        other.join()


def test_turns_give_each_place_once_and_the_rest_to_whoever_is_free() -> None:
    turns = Turns(200, 3)

    def take(first_wait: float) -> list[int]:
        time.sleep(first_wait)  # its other work first
        taken = []
        for run in turns:
            taken += run
            time.sleep(0.005)
        return taken

    with alongside(lambda: take(0)) as theirs:
        ours = take(0.1)
    assert sorted(ours + theirs()) == list(range(200))  # every place, once
    assert 0 < len(ours) < len(theirs())  # the copy, free first, took more


def test_turns_without_a_copy_give_every_place_here() -> None:
    assert [n for run in Turns(10, 4) for n in run] == list(range(10))
