"""Check-in authors are published only when the portal's settings say so."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.pages import urls
from tests.conftest import FIXTURES, build


@pytest.mark.parametrize("publish", [False, True])
def test_authors_appear_only_with_publish_authors(tmp_path: Path, publish: bool) -> None:
    project = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", project, ignore=shutil.ignore_patterns(".okr-cache"))
    if publish:
        with (project / "site_config.yml").open("a", encoding="utf-8") as config:
            config.write("publish_authors: true\n")
    site = tmp_path / "site"
    build(project, site)
    page = (site / urls.key_result("roads-repair-days") / "index.html").read_text(encoding="utf-8")
    download = (site / urls.CHECKINS_CSV).read_text(encoding="utf-8")
    everything = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    report = PdfReader(site / urls.report("roads", "2026-Q2"))
    report_text = " ".join(" ".join(page.extract_text() for page in report.pages).split())
    assert "New crew started" in report_text  # the note J. Doe's check-in carries
    assert ("J. Doe" in page) is publish
    assert ("J. Doe" in download) is publish
    assert ("J. Doe" in everything) is publish
    assert ("J. Doe" in report_text) is publish
