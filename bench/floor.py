"""The Jinja2 floor: a bare Jinja2 loop rendering a trivial template to as many files as a
build writes pages. No static site generator writing that many pages can be faster; a build's
ms per page divided by the floor's says how far above it the whole build is."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import jinja2

TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><main><h1>{{ title }}</h1>
<table>{% for row in rows %}<tr><td>{{ row.0 }}</td><td>{{ row.1 }}</td></tr>{% endfor %}</table>
</main></body></html>
"""


def seconds(pages: int, out: Path) -> float:
    """Wall seconds to render and write ``pages`` files ``out/<n>/index.html``."""
    template = jinja2.Environment(autoescape=True).from_string(TEMPLATE)
    rows = [(f"2026-10-{day:02d}", day * 1.5) for day in range(1, 11)]
    started = time.perf_counter()
    for n in range(pages):
        folder = out / str(n)
        folder.mkdir(parents=True, exist_ok=True)
        html = template.render(title=f"Key result {n}", rows=rows)
        (folder / "index.html").write_text(html, encoding="utf-8")
    elapsed = time.perf_counter() - started
    shutil.rmtree(out, ignore_errors=True)
    return elapsed
