"""okr.css repaints every colour a chart is drawn in, so charts follow the colour scheme."""

from __future__ import annotations

import re

from generator.charts.spec import COLOURS, FILLS
from tests.conftest import ROOT

STYLESHEET = ROOT / "theme" / "assets" / "okr" / "okr.css"


def test_every_chart_colour_is_repainted_from_a_variable() -> None:
    css = STYLESHEET.read_text(encoding="utf-8")
    for name, colour in {
        **COLOURS,
        **{f"{name} fill": fill for name, fill in FILLS.items()},
    }.items():
        rule = re.search(
            rf'\.okr-chart svg \[(?:stroke|fill)="{re.escape(colour)}"\][^{{]*\{{\s*'
            r"(?:stroke|fill): var\(--okr-chart-[a-z-]+\);",
            css,
        )
        assert rule, f"{name} ({colour}) has no rule in okr.css"


def test_the_dark_schemes_define_every_colour_the_light_one_does() -> None:
    css = STYLESHEET.read_text(encoding="utf-8")
    light = css.split(":root {", 1)[1].split("}", 1)[0]
    names = set(re.findall(r"(--okr-[a-z-]+):", light))
    with_script = css.split('[data-md-color-scheme="slate"] {', 1)[1].split("}", 1)[0]
    without_script = css.split('.no-js [data-md-color-scheme="default"] {', 1)[1].split("}", 1)[0]
    assert names and names <= set(re.findall(r"(--okr-[a-z-]+):", with_script))
    assert names <= set(re.findall(r"(--okr-[a-z-]+):", without_script))
