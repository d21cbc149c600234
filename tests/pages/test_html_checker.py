"""Every page of a fresh build is valid HTML for the Nu Html Checker, the W3C's validator.

The checker (npm ``vnu-jar``, run with Debian's Java) is set up by ``make test``; it reads every
HTML file under a folder. A test plants an invalid page to prove that it would see one.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from tests.conftest import ROOT

VNU_JAR = ROOT / ".tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def html_errors(folder: Path) -> list[str]:
    """``file: message`` for every error the checker finds in the HTML files under ``folder``."""
    assert VNU_JAR.is_file(), "the Nu Html Checker is set up by `make test`"
    options = ["--errors-only", "--format", "json", "--skip-non-html"]
    run = subprocess.run(
        ["java", "-jar", str(VNU_JAR), *options, str(folder)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    messages = json.loads(run.stderr)["messages"]
    return [f"{m.get('url', '')}: {m['message']}" for m in messages]


def test_every_page_of_the_sample_is_valid_html(sample_site: Path) -> None:
    assert len(list(sample_site.rglob("*.html"))) > 200
    assert html_errors(sample_site) == []


def test_every_page_of_the_two_language_fixture_is_valid_html(two_languages_site: Path) -> None:
    assert len(list(two_languages_site.rglob("*.html"))) > 35
    assert html_errors(two_languages_site) == []


def test_the_checker_sees_an_invalid_page(sample_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(sample_site / "units" / "city", site / "units" / "city")
    page = site / "units" / "city" / "index.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace('type="checkbox"', 'type="checkbox" autocomplete="off"', 1))
    errors = html_errors(site)
    assert len(errors) == 1 and "autocomplete" in errors[0]
