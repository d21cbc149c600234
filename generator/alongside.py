"""Work done alongside the build, in a copy of its process on the machine's other CPU.

A build is one Python process, and Python runs one thing at a time: on a 2-core runner, the
pages would be written while the other core waits, then the exports made while it waits
again. ``alongside`` forks the process (the copy shares the portal's memory until either
writes to it, so nothing is pickled or loaded twice) and runs one part of the work in it
while the rest goes on here. Only the part's small result comes back, through a pipe.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import threading
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Generic, TypeVar, cast

from generator import progress

Result = TypeVar("Result")


class WorkFailed(Exception):
    """The work alongside stopped without a result it could send back."""


@contextmanager
def alongside(work: Callable[[], Result]) -> Iterator[Callable[[], Result]]:
    """Run ``work`` in a forked copy of this process while the ``with`` block runs here. The
    function it yields waits for ``work`` and returns its result, or raises its error here.
    If the block fails, ``work`` is stopped. Where a fork is not safe or not worth it (no
    ``fork``, one CPU, or other threads running, as under ``okr-portal serve``, whose locks a
    copy would inherit held), ``work`` is done here first, as a plain call."""
    if not _forkable():
        result = work()
        yield lambda: result
        return
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the copy never returns; its result is tested
        os.close(reader)
        _run_and_send(work, writer)
    os.close(writer)
    copy = _Copy[Result](pid, reader)
    try:
        yield copy.result
    except BaseException:
        copy.stop()
        raise
    if copy.outcome is None:  # not asked for in the block: waited for, its error raised here
        copy.result()


def _forkable() -> bool:
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1 and threading.active_count() == 1


def _run_and_send(work: Callable[[], object], writer: int) -> None:  # pragma: no cover
    """In the copy: do ``work``, send back what came of it, and leave without running the
    original's exit handlers (they would remove its temporary folders) or flushing its
    buffered output (it would be printed twice)."""
    code = 0
    # The progress of the work alongside would interleave with the original's: it reports
    # the whole once the work is done.
    progress.LOG.disabled = True
    try:
        outcome: tuple[bool, object] = (True, work())
        # Pickled whole before a byte is sent: a result that cannot be pickled is an error
        # the original reads, not half a message.
        data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    except BaseException as error:
        outcome, code = (False, _sendable(error)), 1
        data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
    try:
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(data)
    finally:
        os._exit(code)


def _sendable(error: BaseException) -> BaseException:
    """``error`` itself where it survives a pickle, else its traceback as text."""
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return WorkFailed("".join(traceback.format_exception(error)))
    return error


class _Copy(Generic[Result]):
    """The forked copy doing the work, waited for once."""

    def __init__(self, pid: int, reader: int) -> None:
        self.pid, self.reader = pid, reader
        self.outcome: tuple[bool, Any] | None = None

    def result(self) -> Result:
        if self.outcome is None:
            self.outcome = self._received()
        done, value = self.outcome
        if not done:
            raise value
        return cast(Result, value)

    def stop(self) -> None:
        """Stop the copy if it is still at work (the build failed here)."""
        if self.outcome is None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            os.close(self.reader)
            self.outcome = (False, WorkFailed("stopped"))

    def _received(self) -> tuple[bool, Any]:
        with os.fdopen(self.reader, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(self.pid, 0)
        if not data:
            failed = WorkFailed(f"the work alongside the build stopped ({_how(status)})")
            return (False, failed)
        return cast(tuple[bool, Any], pickle.loads(data))


def _how(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {signal.Signals(os.WTERMSIG(status)).name}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


class Turns:
    """The places ``0`` to ``total - 1`` of a sequence, taken in runs of ``size`` by this
    process and a copy of it (``alongside``), each taking the next run left whenever it is
    ready: the one whose other work ends first takes more, and both end together. Made before
    the copy is, in memory the two share."""

    def __init__(self, total: int, size: int) -> None:
        self.total, self.size = total, size
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        self._next = context.Value("q", 0)

    def __iter__(self) -> Iterator[range]:
        while True:
            with self._next.get_lock():
                start = self._next.value
                self._next.value = min(self.total, start + self.size)
            if start >= self.total:
                return
            yield range(start, min(self.total, start + self.size))
