"""Posts in content/updates/: dated, embargoed until their date, listed newest first, and
quoting figures as they stood on their date."""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.cli import main
from tests.conftest import FIXTURES

POST = "content/updates/may-review.md"


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    root = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", root, ignore=shutil.ignore_patterns(".okr-cache"))
    return root


def write_post(root: Path, body: str, date: str = "2026-05-05", name: str = POST) -> None:
    file = root / name
    file.parent.mkdir(parents=True, exist_ok=True)
    front = f"---\ndate: {date}\nsummary: How May went.\n---\n\n"
    file.write_text(front + body, encoding="utf-8")


def build(root: Path, out: Path, today: str = "2026-06-30") -> Result:
    return CliRunner().invoke(
        main, ["build", "--project", str(root), "--out", str(out), "--today", today]
    )


def test_a_post_quotes_figures_as_they_stood_on_its_date(portal: Path, tmp_path: Path) -> None:
    write_post(portal, '# May\n\nRepairs took {{ value("roads-repair-days") }} in May.\n')
    assert build(portal, tmp_path / "one").exit_code == 0
    post = (tmp_path / "one" / "updates" / "may-review" / "index.html").read_text("utf-8")
    assert '<span class="okr-quote-value">17 days</span>' in post  # the 30 April figure
    # A later check-in changes the key result's page, never the published post.
    checkins = portal / "data" / "checkins" / "q2.csv"
    checkins.write_text(
        checkins.read_text("utf-8") + "2026-06-10,roads-repair-days,9,,,,,,\n", encoding="utf-8"
    )
    assert build(portal, tmp_path / "two").exit_code == 0
    again = (tmp_path / "two" / "updates" / "may-review" / "index.html").read_text("utf-8")
    assert '<span class="okr-quote-value">17 days</span>' in again
    page = (tmp_path / "two" / "key-results" / "roads-repair-days" / "index.html").read_text(
        "utf-8"
    )
    assert "9 days" in page


def test_every_kind_of_quote_links_to_the_figure_today(portal: Path, tmp_path: Path) -> None:
    write_post(
        portal,
        "# May\n\n"
        '{{ key_result("roads-repair-days") }}\n\n'
        '{{ progress("roads-resurfaced-km") }}\n\n'
        "{{ chart('roads-repair-days') }}\n\n"
        '{{ objective("roads-faster-repair") }}\n',
    )
    result = build(portal, tmp_path / "site")
    assert result.exit_code == 0, result.output
    post = (tmp_path / "site" / "updates" / "may-review" / "index.html").read_text("utf-8")
    assert len(re.findall(r'class="(?:okr-chart )?okr-quote"', post)) == 4
    assert post.count("As of May 5, 2026") >= 4  # each quote says its date
    assert 'href="../../key-results/roads-repair-days/">Today&#39;s figures' in post
    assert 'href="../../objectives/roads-faster-repair/">Today&#39;s figures' in post
    assert "<svg" in post  # the chart of 5 May, drawn from the check-ins made by then
    assert "{{" not in post


def test_an_unknown_id_fails_the_build_with_the_post_s_path_and_line(
    portal: Path, tmp_path: Path
) -> None:
    write_post(portal, '# May\n\nSee {{ key_result("roads-repair-dayz") }}.\n')
    result = build(portal, tmp_path / "site")
    assert result.exit_code == 1
    # Front matter (4 lines) and a blank line come first: the quote is on line 8.
    assert f'{POST}:8: key_result("roads-repair-dayz"): no key result has that id' in result.output
    assert not (tmp_path / "site").exists()


def test_an_unknown_kind_of_quote_is_named(portal: Path, tmp_path: Path) -> None:
    write_post(portal, '{{ table("roads-repair-days") }}\n')
    result = build(portal, tmp_path / "site")
    assert result.exit_code == 1
    assert f"{POST}:6: 'table' cannot be quoted: use one of key_result, value" in result.output


def test_a_post_quoting_figures_of_a_day_outside_the_data_fails(
    portal: Path, tmp_path: Path
) -> None:
    write_post(portal, '{{ value("roads-repair-days") }}\n', date="2025-01-01")
    result = build(portal, tmp_path / "site")
    assert result.exit_code == 1
    assert f"{POST}:1: the post is dated 2025-01-01, outside the data" in result.output


def test_a_post_needs_a_date_and_a_summary(portal: Path, tmp_path: Path) -> None:
    (portal / "content" / "updates").mkdir(parents=True)
    (portal / POST).write_text("---\ntitle: May\n---\n\nNo date.\n", encoding="utf-8")
    result = build(portal, tmp_path / "site")
    assert result.exit_code == 1
    assert f"{POST}:1: a post needs 'date: YYYY-MM-DD'" in result.output
    assert f"{POST}:1: a post needs a one-sentence 'summary:'" in result.output


def test_a_post_stays_out_until_its_date(portal: Path, tmp_path: Path) -> None:
    write_post(
        portal, "# June\n\nComing soon.\n", date="2026-07-01", name="content/updates/june.md"
    )
    write_post(portal, "# May\n\nOut now.\n")
    assert build(portal, tmp_path / "before", today="2026-06-30").exit_code == 0
    before = tmp_path / "before"
    assert not (before / "updates" / "june").exists()
    listing = (before / "updates" / "index.html").read_text("utf-8")
    assert "May" in listing and "June" not in listing
    assert "updates/june/" not in (before / "sitemap.xml").read_text("utf-8")
    indexed = b"".join(
        gzip.decompress(f.read_bytes()) for f in (before / "pagefind" / "fragment").iterdir()
    )
    assert b"Coming soon" not in indexed and b"Out now" in indexed

    assert build(portal, tmp_path / "on", today="2026-07-01").exit_code == 0
    on = tmp_path / "on"
    assert (on / "updates" / "june" / "index.html").is_file()
    listing = (on / "updates" / "index.html").read_text("utf-8")
    assert listing.index("June") < listing.index("May")  # newest first
