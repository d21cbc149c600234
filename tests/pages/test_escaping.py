"""Nothing in the data can inject markup or script into a page."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import FIXTURES, build

SCRIPT = "<script>alert(1)</script>"


def test_hostile_text_in_every_field_reaches_pages_only_as_text(tmp_path: Path) -> None:
    project = tmp_path / "portal"
    shutil.copytree(FIXTURES / "minimal", project, ignore=shutil.ignore_patterns(".okr-cache"))
    units = project / "data" / "units.yml"
    units.write_text(
        units.read_text(encoding="utf-8")
        .replace("name: Town of Example", f"name: 'Town {SCRIPT}'")
        .replace(
            "  level: organisation",
            "  level: organisation\n"
            f"  description: 'Hello {SCRIPT} [click](javascript:alert(2)) <img src=x onerror=alert(3)>'",
        ),
        encoding="utf-8",
    )
    town = project / "data" / "okrs" / "2026-Q2" / "town.yml"
    town.write_text(
        town.read_text(encoding="utf-8").replace(
            "title: Make streets safer", f"title: 'Safer \"streets\" {SCRIPT}'"
        ),
        encoding="utf-8",
    )
    checkins = project / "data" / "checkins" / "q2.csv"
    checkins.write_text(
        checkins.read_text(encoding="utf-8").replace("New crew started", f'"{SCRIPT} & <b>"'),
        encoding="utf-8",
    )
    events = project / "data" / "events.yml"
    events.write_text(
        events.read_text(encoding="utf-8").replace(
            "title: A new app to report potholes", f"title: 'App \"{SCRIPT}\" <b>'"
        ),
        encoding="utf-8",
    )
    build(project, tmp_path / "site")
    pages = {p: p.read_text(encoding="utf-8") for p in (tmp_path / "site").rglob("*.html")}
    assert pages
    for path, text in pages.items():
        assert "alert(" not in text.replace("&lt;script&gt;alert(1)&lt;/script&gt;", ""), path
        assert "onerror" not in text.replace("onerror=alert(3)&gt;", ""), path
        assert "javascript:" not in text, path
    unit = pages[tmp_path / "site" / "units" / "town" / "index.html"]
    assert "Town &lt;script&gt;alert(1)&lt;/script&gt;" in unit
    assert "<img" not in unit  # no image from data: it could ask another host for something
    key_result = pages[tmp_path / "site" / "key-results" / "roads-repair-days" / "index.html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in key_result
    # An event's title: in the list of events, in the chart's name and in the alt text of the
    # chart's image when the page is shared (Open Graph and Twitter card).
    event = "App &#34;&lt;script&gt;alert(1)&lt;/script&gt;&#34; &lt;b&gt;"
    assert key_result.count(event) == 4
