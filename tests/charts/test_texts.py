"""Every text of a chart is written over Vega's drawing (generator.charts.texts), and the
languages of a portal share that drawing (generator.charts.cache.draw_svgs)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
from pathlib import Path
from typing import Any

import pytest
import vl_convert

from generator.charts import render
from generator.charts.cache import draw_svgs
from generator.charts.frame import frame_of
from generator.charts.inputs import ChartInput, Layout
from generator.charts.style import COLOURS, SIZES
from generator.charts.text_width import text_width
from generator.charts.texts import LABEL_SEPARATION
from tests.charts.test_render import LABELS, NB_NUMBER, make

NB_TIME = vl_convert.get_time_format_locale("nb-NO")
NB_LABELS = dataclasses.replace(
    LABELS,
    date="Dato",
    value="Verdi (dager)",
    measured="Målt",
    baseline="Utgangspunkt",
    target="Mål",
    expected="Forventet takt",
)


def texts(svg: str) -> list[dict[str, str]]:
    """Each text element's attributes and its text."""
    found = []
    for attributes, text in re.findall(r"<text\b([^>]*)>([^<]*)</text>", svg):
        written = dict(re.findall(r'([\w-]+)="([^"]*)"', attributes))
        found.append({**written, "text": text})
    return found


def drawn(chart: ChartInput) -> str:
    (svg,) = draw_svgs({"k": chart}, None, workers=1).values()
    return svg


@pytest.mark.parametrize("layout", list(Layout))
def test_the_axes_name_the_frame_s_ticks_in_the_chart_s_language(layout: Layout) -> None:
    chart = make(
        points=((dt.date(2024, 1, 15), 1234.5), (dt.date(2024, 3, 20), 1500.0)),
        baseline=1000.0,
        target=2000.0,
        expected=(),
        span=(dt.date(2024, 1, 1), dt.date(2024, 3, 31)),
        locale=NB_NUMBER,
        time_locale=NB_TIME,
        date_format="%-d. %b",
        labels=NB_LABELS,
        layout=layout,
    )
    written = [text["text"] for text in texts(drawn(chart))]
    frame = frame_of(chart)
    assert "2\u00a0000,0" in written and "2,000.0" not in written
    assert "1. feb" in written and "1. mars" in written
    assert len([t for t in written if re.fullmatch(r"[\d\u00a0,]+", t)]) == len(frame.y_ticks)
    for title in ("Dato", "Verdi (dager)", "Målt", "Mål"):
        assert title in written
    english = [text["text"] for text in texts(drawn(dataclasses.replace(chart, locale=None)))]
    assert "2,000.0" in english


def test_titles_are_bold_the_value_s_upright_and_every_text_12_px() -> None:
    svg = drawn(make())
    found = texts(svg)
    assert {text["font-size"] for text in found} == {"12px"}
    (value_title,) = [t for t in found if t["text"] == "Value (days)"]
    assert value_title["font-weight"] == "bold" and "rotate(-90)" in value_title["transform"]
    (date_title,) = [t for t in found if t["text"] == "Date"]
    assert date_title["font-weight"] == "bold" and date_title["text-anchor"] == "middle"


def test_a_text_from_the_data_is_escaped() -> None:
    hostile = '<script>alert("x")</script> & \x07'
    chart = make(
        labels=dataclasses.replace(LABELS, value=hostile),
        ticks=((dt.date(2024, 2, 1), hostile), (dt.date(2024, 9, 1), "FY 2025")),
    )
    svg = drawn(chart)
    assert "<script" not in svg and "\x07" not in svg
    assert svg.count('&lt;script&gt;alert("x")&lt;/script&gt; &amp;') == 2


def test_date_labels_are_flush_at_the_ends_and_never_overlap() -> None:
    days = tuple(dt.date(2024, month, 1) for month in range(1, 13))
    chart = make(
        span=(dt.date(2024, 1, 1), dt.date(2024, 12, 1)),
        ticks=tuple((day, f"Month {day.month}") for day in days),
        layout=Layout.NARROW,
    )
    frame = frame_of(chart)
    width = SIZES[Layout.NARROW].width
    baseline = [t for t in texts(drawn(chart)) if t["text"].startswith("Month")]
    assert 1 < len(baseline) < len(days)  # some are left out: they would overlap
    first = baseline[0]
    assert first["text"] == "Month 1" and first["text-anchor"] == "start"
    assert float(first["x"]) == pytest.approx(frame.left)
    extents = []
    for text in baseline:
        x, size = float(text["x"]), text_width(text["text"], 12)
        left = {"start": x, "middle": x - size / 2, "end": x - size}[text["text-anchor"]]
        extents.append((left, left + size))
        assert left >= 0 and left + size <= width
    assert all(a[1] + LABEL_SEPARATION <= b[0] for a, b in itertools.pairwise(extents))


def test_an_event_s_number_is_beside_its_rule_in_its_colour() -> None:
    chart = make(
        span=(dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
        events=((dt.date(2024, 3, 1), "1"), (dt.date(2024, 12, 20), "2")),
    )
    frame = frame_of(chart)
    numbers = {t["text"]: t for t in texts(drawn(chart)) if t["text"] in ("1", "2")}
    width = SIZES[Layout.WIDE].width
    assert numbers["1"]["text-anchor"] == "start"  # to the right of its rule
    assert float(numbers["1"]["x"]) > frame.x(1709251200000, width)  # 2024-03-01
    assert numbers["2"]["text-anchor"] == "end"  # near the right edge: to its left
    for number in numbers.values():
        assert number["fill"] == COLOURS["event"] and number["font-weight"] == "bold"


def test_two_languages_share_one_drawing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    english = make()
    norwegian = make(locale=NB_NUMBER, time_locale=NB_TIME, date_format="%-d. %b", labels=NB_LABELS)
    drawings: list[str] = []
    real = render._render_one

    def counting(key: str, job: Any) -> str:
        drawings.append(key)
        return real(key, job)

    monkeypatch.setattr(render, "_render_one", counting)
    first = draw_svgs({"en": english}, tmp_path, workers=1)["en"]
    second = draw_svgs({"nb": norwegian}, tmp_path, workers=1)["nb"]
    assert len(drawings) == 1  # the second language wrote its texts over the same drawing
    assert "Målt" in second and "Målt" not in first
    untexted = [re.sub(r'<g class="okr-texts">.*</g>', "", svg) for svg in (first, second)]
    # The same drawing, each id named for its own chart.
    assert re.sub(r"c(en|nb)-", "", untexted[0]) == re.sub(r"c(en|nb)-", "", untexted[1])
