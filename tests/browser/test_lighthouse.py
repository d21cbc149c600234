"""Lighthouse scores a page of each kind of a fresh build of the sample: 1 for accessibility and
1 for SEO. A test plants an image without a text alternative to show that it would see one.

Lighthouse (npm ``lighthouse``, set up in .tools/ by ``make test``) drives Debian's Chromium,
never a downloaded one. Its accessibility audits are axe-core's, weighed into a score (axe
itself runs over every page in test_every_page.py); its SEO audits (a title and a description,
a status code, links a crawler can follow and whose text says where they go, a valid canonical
address and hreflang links, a valid robots.txt, the page not barred from indexing) are checked
nowhere else. Two of them depend on the settings: with ``base_url``, every page names its
canonical address there (Lighthouse accepts one on another host than the one it reads from) and
robots.txt names the sitemap; without it no page names one, the canonical audit does not apply,
and robots.txt only allows every page.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from generator.load.project import Project
from generator.pages import urls
from tests.browser.conftest import CHROMIUM, FLAGS, serve
from tests.conftest import ROOT

LIGHTHOUSE = ROOT / ".tools" / "node_modules" / "lighthouse" / "cli" / "index.js"
CATEGORIES = ["accessibility", "seo"]


def lighthouse(url: str) -> dict[str, Any]:
    """Lighthouse's report on the page at ``url`` (its accessibility and SEO only)."""
    assert LIGHTHOUSE.is_file(), "Lighthouse is set up by `make test`"
    options = [
        "--quiet",
        "--output=json",
        "--output-path=stdout",
        "--only-categories=" + ",".join(CATEGORIES),
        "--disable-full-page-screenshot",
        "--no-enable-error-reporting",
        "--chrome-flags=" + " ".join(FLAGS),
    ]
    run = subprocess.run(
        ["node", str(LIGHTHOUSE), url, *options],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    report: dict[str, Any] = json.loads(run.stdout)
    return report


def scores(report: dict[str, Any]) -> dict[str, float]:
    return {name: report["categories"][name]["score"] for name in CATEGORIES}


def failed_audits(report: dict[str, Any]) -> list[str]:
    """The audits of the report's categories that the page did not pass."""
    audits = report["audits"]
    return sorted(
        {
            ref["id"]
            for name in CATEGORIES
            for ref in report["categories"][name]["auditRefs"]
            if audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
        }
    )


def a_page_of_each_kind(sample: Project) -> list[str]:
    data = sample.dataset
    key_result = next(iter(data.checkins_by_key_result))
    period = next(iter(data.periods))
    return [
        urls.HOME,
        urls.level(data.levels[1]),
        urls.unit(next(iter(data.units))),
        urls.period(period),
        urls.period_changes(period),
        urls.theme(next(iter(data.themes))),
        urls.objective(next(iter(data.objectives))),
        urls.key_result(key_result),
        urls.UPDATES,
        urls.OVERDUE,
        urls.COVERAGE,
        urls.HOW_TO_READ,
        urls.SEARCH,
        urls.A_Z,
        urls.DATA,
        urls.ACCESSIBILITY,
        "404.html",
    ]


def below_1(base_url: str, pages: list[str]) -> dict[str, tuple[dict[str, float], list[str]]]:
    """Each page that does not score 1 in every category, with its scores and failed audits."""
    # Two at a time: each Lighthouse waits for its page to settle more than it works.
    with ThreadPoolExecutor(max_workers=2) as pool:
        reports = dict(
            zip(pages, pool.map(lambda path: lighthouse(base_url + path), pages), strict=True)
        )
    read = {path: report["finalDisplayedUrl"] for path, report in reports.items()}
    assert read == {path: base_url + path for path in pages}
    return {
        path: (scores(report), failed_audits(report))
        for path, report in reports.items()
        if set(scores(report).values()) != {1}
    }


def test_a_page_of_each_kind_scores_1_for_accessibility_and_seo(
    base_url: str, sample: Project
) -> None:
    assert below_1(base_url, a_page_of_each_kind(sample)) == {}


def test_an_embed_scores_1_for_accessibility_and_is_kept_out_of_search_engines(
    base_url: str, sample: Project
) -> None:
    """An embed is a key result shown inside another site's page: its own page is the one to
    find, so the embed asks search engines not to index it (the one SEO audit it fails)."""
    embed = urls.embed_key_result(next(iter(sample.dataset.checkins_by_key_result)))
    report = lighthouse(base_url + embed)
    assert scores(report)["accessibility"] == 1
    assert failed_audits(report) == ["is-crawlable"]


def test_a_page_in_the_second_language_scores_1_for_accessibility_and_seo(
    two_languages_site: Path,
) -> None:
    """Its pages name the page in the other language (hreflang), which Lighthouse checks."""
    key_result = sorted((two_languages_site / "sv" / "key-results").iterdir())[0].name
    with serve(two_languages_site) as url:
        assert below_1(url, ["sv/", f"sv/key-results/{key_result}/"]) == {}


def test_lighthouse_sees_a_planted_image_without_a_text_alternative(
    sample_site: Path, sample: Project, tmp_path: Path
) -> None:
    page = urls.key_result(next(iter(sample.dataset.checkins_by_key_result)))
    site = tmp_path / "site"
    shutil.copytree(sample_site / "assets", site / "assets")
    shutil.copytree(sample_site / page, site / page)
    html = site / page / "index.html"
    image = '<img src="../../assets/images/favicon.png" width="32" height="32">'
    html.write_text(html.read_text(encoding="utf-8").replace("</h1>", "</h1>" + image, 1))
    with serve(site) as url:
        report = lighthouse(url + page)
    assert scores(report)["accessibility"] < 1 and scores(report)["seo"] < 1
    assert failed_audits(report) == ["image-alt"]
