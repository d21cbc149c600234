"""Tests of the fonts vl-convert measures and draws with (generator.charts.fonts).

Each runs in a fresh process: vl-convert makes its font database once per process.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

FONT_FILE = re.compile(r'openat\([^"]*"([^"]+\.(?:ttf|otf|ttc|pfb|woff2?))"', re.I)

# Draws three charts (wide, narrow) and one PNG as a build does, first marking where drawing
# starts with a file the trace shows opened; "plain" leaves vl-convert's fonts as it loads them.
DRAW = textwrap.dedent(
    """
    import dataclasses, datetime as dt, sys
    from pathlib import Path
    from generator.charts import cache, render, social
    from generator.charts.inputs import ChartInput, ChartLabels, Layout

    labels = ChartLabels("Date", "Value (days)", "Measured", "Baseline", "Target",
                         "Expected pace", "Target range")
    if sys.argv[2] == "plain":
        render.hold_fonts_in_memory = social.hold_fonts_in_memory = lambda: None
    Path(sys.argv[1]).touch()
    drawings = []
    for index in range(3):
        chart = ChartInput(
            points=((dt.date(2024, 1, 15), 12.5 + index), (dt.date(2024, 4, 1), 13.1)),
            baseline=10.0, target=25.0 + index, target_range=None,
            expected=((dt.date(2024, 1, 1), 10.0), (dt.date(2024, 12, 31), 25.0)),
            labels=labels, locale_number_format=",.1f", locale=None, time_locale=None,
        )
        for layout in Layout:
            drawings.append((f"c{index}{layout}", dataclasses.replace(chart, layout=layout)))
    svgs = list(cache.draw_svgs(dict(drawings), None, 1).items())
    social._render_chunk(svgs[:1])
    sys.stdout.write("\\x00".join(svg for _, svg in svgs))
    """
)


def _draw(tmp_path: Path, mode: str, trace: bool) -> tuple[str, list[str]]:
    """The SVGs drawn in a fresh process, and the font files it opened while drawing."""
    marker = tmp_path / f"drawing-starts-{mode}"
    log = tmp_path / f"trace-{mode}.log"
    command = [sys.executable, "-c", DRAW, str(marker), mode]
    if trace:
        command = ["strace", "-f", "-qq", "-e", "trace=openat", "-o", str(log), *command]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=True)
    if not trace:
        return done.stdout, []
    lines = log.read_text().splitlines()
    start = next(n for n, line in enumerate(lines) if str(marker) in line)
    return done.stdout, [m.group(1) for line in lines[start:] if (m := FONT_FILE.search(line))]


def test_drawing_opens_each_font_file_once(tmp_path: Path) -> None:
    _, opened_held = _draw(tmp_path, "held", trace=True)
    _, opened_plain = _draw(tmp_path, "plain", trace=True)
    # Held: each system font is read once, when it is added to the database.
    assert opened_held
    assert len(opened_held) == len(set(opened_held))
    # Without it, every text measured opens a system font again (Debian's Liberation Sans
    # here): what the test sees if holding the fonts broke.
    assert len(opened_plain) > 10 * len(set(opened_plain))


def test_held_fonts_measure_as_the_system_font_did(tmp_path: Path) -> None:
    held, _ = _draw(tmp_path, "held", trace=False)
    plain, _ = _draw(tmp_path, "plain", trace=False)
    assert held.count("<svg") == 6
    assert held == plain


def test_the_environment_is_left_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.charts import fonts

    monkeypatch.setenv("FONTCONFIG_FILE", "/etc/fonts/fonts.conf")
    monkeypatch.setattr(fonts, "_held", False)
    fonts.hold_fonts_in_memory()
    assert os.environ["FONTCONFIG_FILE"] == "/etc/fonts/fonts.conf"
