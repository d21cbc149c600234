"""Run a command and measure its wall time and the peak memory of its whole process tree.

The peak is the largest sum, over the command's process and every descendant alive at that
moment (chart workers, Pagefind, ...), of their resident set size (``VmRSS`` in
``/proc/<pid>/status``), sampled every ``INTERVAL`` seconds. It is never less than the
``ru_maxrss`` that ``wait4`` reports for the command (its largest single process), which catches
a peak shorter than the interval in that one process.

That sum counts a page of memory once for every process that maps it: a forked copy of the
build (``generator.alongside``) shares the build's memory until either writes to it, and is
counted as if it held all of it again. Every ``PSS_EVERY``-th sample also sums the
proportional set size (``Pss`` in ``/proc/<pid>/smaps_rollup``: a page shared by two processes
counts half in each), the memory the tree takes from the machine. Only every tenth: reading it
walks every page a process maps (about 10 ms for 600 MB), which would take a tenth of a core
from the build at every sample, and a peak shorter than two seconds may be missed.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

INTERVAL = 0.2
PSS_EVERY = 10
PROC = Path("/proc")


@dataclass(frozen=True)
class Run:
    """What one command cost."""

    seconds: float
    cpu_seconds: float  # user + system, of the command and every descendant it waited for
    peak_bytes: int
    peak_pss_bytes: int  # the same peak with shared pages counted once (see the module)
    returncode: int
    stdout: str
    stderr: str


def _children(pid: int) -> list[int]:
    """The children of ``pid``, from every thread's ``children`` file."""
    found: list[int] = []
    try:
        for task in (PROC / str(pid) / "task").iterdir():
            found += [int(c) for c in (task / "children").read_text().split()]
    except OSError:
        pass  # the process ended while we looked
    return found


def _kilobytes(file: Path, field: str) -> int:
    """The figure of ``field`` (``VmRSS:``, ``Pss:``) in a ``/proc`` file, in bytes."""
    try:
        for line in file.read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def tree_memory(pid: int, proportional: bool = False) -> int:
    """The resident set of ``pid`` and all its descendants now, summed over the processes, in
    bytes; ``proportional``: their proportional set instead."""
    total, todo, seen = 0, [pid], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        if proportional:
            total += _kilobytes(PROC / str(current) / "smaps_rollup", "Pss:")
        else:
            total += _kilobytes(PROC / str(current) / "status", "VmRSS:")
        todo += _children(current)
    return total


def _sample(pid: int, done: threading.Event, peak: list[int]) -> None:
    samples = 0
    while not done.is_set():
        peak[0] = max(peak[0], tree_memory(pid))
        if samples % PSS_EVERY == 0:
            peak[1] = max(peak[1], tree_memory(pid, proportional=True))
        samples += 1
        done.wait(INTERVAL)


def run(
    command: Sequence[str], cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> Run:
    """Run ``command`` to its end, sampling its process tree's memory meanwhile."""
    environment = {**os.environ, **(env or {})}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd, env=environment)
        done, peak = threading.Event(), [0, 0]
        sampler = threading.Thread(target=_sample, args=(process.pid, done, peak), daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            seconds=seconds,
            cpu_seconds=usage.ru_utime + usage.ru_stime,
            peak_bytes=max(peak[0], usage.ru_maxrss * 1024),
            peak_pss_bytes=peak[1],
            returncode=process.returncode,
            stdout=out.read(),
            stderr=err.read(),
        )
