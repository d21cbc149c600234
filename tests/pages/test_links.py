"""Every link and anchor of a fresh build resolves, as LinkChecker (from PyPI, nobody on this
project wrote it) finds them by following every page from the home page over HTTP."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import sys
from pathlib import Path

from tests.browser.conftest import serve

#: Only the site's own addresses; anchors checked too (LinkChecker's AnchorCheck plugin).
CONFIG = "[filtering]\ncheckextern=0\n[AnchorCheck]\n"


def broken_links(site: Path, config_dir: Path) -> list[str]:
    """``page: link: what is wrong`` for every link that goes nowhere or to a missing anchor."""
    config = config_dir / "linkcheckerrc"
    config.write_text(CONFIG, encoding="utf-8")
    config.chmod(0o644)  # LinkChecker, run as root, reads it as nobody
    linkchecker = Path(sys.executable).with_name("linkchecker")
    with serve(site) as url:
        run = subprocess.run(
            [str(linkchecker), "-f", str(config), "--no-status", "-o", "csv", url],
            capture_output=True,
            text=True,
            check=False,
            timeout=1200,
        )
    rows = csv.DictReader(
        io.StringIO(
            "\n".join(line for line in run.stdout.splitlines() if not line.startswith("#"))
        ),
        delimiter=";",
    )
    problems = []
    for row in rows:
        if row["valid"] != "True" or "Anchor" in row["warningstring"]:
            wrong = row["result"] + " " + row["warningstring"]
            problems.append(f"{row['parentname']}: {row['urlname']}: {wrong.strip()}")
    assert run.returncode in (0, 1), run.stderr  # 1: problems found, listed above
    return problems


def test_every_link_and_anchor_of_the_sample_resolves(sample_site: Path, tmp_path: Path) -> None:
    assert broken_links(sample_site, tmp_path) == []


def test_every_link_of_the_two_language_fixture_resolves(
    two_languages_site: Path, tmp_path: Path
) -> None:
    assert broken_links(two_languages_site, tmp_path) == []


def test_linkchecker_sees_a_broken_link_and_a_missing_anchor(
    two_languages_site: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(two_languages_site, site)
    home = site / "index.html"
    html = home.read_text(encoding="utf-8")
    planted = '<a href="units/nowhere/">x</a> <a href="units/sote/#no-such-anchor">y</a>'
    home.write_text(html.replace("</body>", planted + "</body>", 1), encoding="utf-8")
    site.chmod(0o755)
    found = broken_links(site, tmp_path)
    assert any("units/nowhere/" in problem for problem in found), found
    assert any("no-such-anchor" in problem for problem in found), found
