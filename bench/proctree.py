"""Run a command and measure its wall time and the peak memory of its whole process tree.

The peak is the largest sum, over the command's process and every descendant alive at that
moment (chart workers, Pagefind, ...), of their resident set size (``VmRSS`` in
``/proc/<pid>/status``), sampled every ``INTERVAL`` seconds. It is never less than the
``ru_maxrss`` that ``wait4`` reports for the command (its largest single process), which catches
a peak shorter than the interval in that one process.
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
PROC = Path("/proc")


@dataclass(frozen=True)
class Run:
    """What one command cost."""

    seconds: float
    cpu_seconds: float  # user + system, of the command and every descendant it waited for
    peak_bytes: int
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


def _rss_bytes(pid: int) -> int:
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def tree_rss(pid: int) -> int:
    """The resident set of ``pid`` and all its descendants now, in bytes."""
    total, todo, seen = 0, [pid], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        total += _rss_bytes(current)
        todo += _children(current)
    return total


def _sample(pid: int, done: threading.Event, peak: list[int]) -> None:
    while not done.is_set():
        peak[0] = max(peak[0], tree_rss(pid))
        done.wait(INTERVAL)


def run(
    command: Sequence[str], cwd: Path | None = None, env: Mapping[str, str] | None = None
) -> Run:
    """Run ``command`` to its end, sampling its process tree's memory meanwhile."""
    environment = {**os.environ, **(env or {})}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err, cwd=cwd, env=environment)
        done, peak = threading.Event(), [0]
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
            returncode=process.returncode,
            stdout=out.read(),
            stderr=err.read(),
        )
