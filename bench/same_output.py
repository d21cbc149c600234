"""Show that a change of code leaves the built portals byte-identical.

    python bench/same_output.py --base <git revision>     # e.g. main~3, or a commit id

Builds the sample portal and ``tests/fixtures/minimal`` twice, with the code of ``--base`` and
with the code of the working tree, each in a virtual environment of its own made from a clean
copy of that code (so a moved module or entry point cannot leak from one into the other), and
compares the two sites file by file. Prints every file that differs and exits 1 when one does.
A refactoring names any deliberate change of output in its commit; everything else must match.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Portals built and compared: name -> the folder holding its site_config.yml and data/.
PORTALS = {"sample": ROOT, "minimal": ROOT / "tests" / "fixtures" / "minimal"}
PORTAL_PARTS = ("site_config.yml", "data", "content")


def run(command: list[str], cwd: Path | None = None) -> None:
    """Run quietly; on failure, say what failed with everything it printed."""
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")


def checkout(revision: str, into: Path) -> Path:
    """The committed code of ``revision`` as a plain folder."""
    into.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision], cwd=ROOT, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def working_tree(into: Path) -> Path:
    """The working tree's code, committed or not, without build products."""
    ignore = shutil.ignore_patterns(
        ".git", ".venv", "site", "build", "*.egg-info", ".okr-cache", "__pycache__", ".*_cache"
    )
    shutil.copytree(ROOT, into, ignore=ignore)
    return into


def install(code: Path, venv: Path) -> Path:
    """A virtual environment with ``code`` installed (not editable); returns its okr-portal."""
    run([sys.executable, "-m", "venv", str(venv)])
    run([str(venv / "bin" / "pip"), "install", "--quiet", str(code)])
    return venv / "bin" / "okr-portal"


def portal_copy(source: Path, into: Path) -> Path:
    """The portal's own files only, so both builds start from the same input and no cache."""
    into.mkdir(parents=True)
    for part in PORTAL_PARTS:
        if (source / part).is_dir():
            shutil.copytree(source / part, into / part)
        elif (source / part).is_file():
            shutil.copy2(source / part, into / part)
    return into


def differences(left: Path, right: Path) -> list[str]:
    """Relative paths that exist on one side only or differ in their bytes."""
    found: list[str] = []
    left_files = {p.relative_to(left).as_posix() for p in left.rglob("*") if p.is_file()}
    right_files = {p.relative_to(right).as_posix() for p in right.rglob("*") if p.is_file()}
    found += [f"only in base: {name}" for name in sorted(left_files - right_files)]
    found += [f"only in change: {name}" for name in sorted(right_files - left_files)]
    for name in sorted(left_files & right_files):
        if not filecmp.cmp(left / name, right / name, shallow=False):
            found.append(f"differs: {name}")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", required=True, help="git revision whose output is the reference")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="same-output-") as folder:
        work = Path(folder)
        tools = {
            "base": install(checkout(args.base, work / "code-base"), work / "venv-base"),
            "change": install(working_tree(work / "code-change"), work / "venv-change"),
        }
        failed = False
        for name, source in PORTALS.items():
            sites = {}
            for side, okr_portal in tools.items():
                project = portal_copy(source, work / side / name)
                sites[side] = work / side / f"{name}-site"
                run(
                    [str(okr_portal), "build", "--project", str(project), "--out", str(sites[side])]
                )
            found = differences(sites["base"], sites["change"])
            count = sum(1 for p in sites["base"].rglob("*") if p.is_file())
            print(f"{name}: {count} files, {len(found)} differ")
            for line in found:
                print(f"  {line}")
            failed = failed or bool(found)
        return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
