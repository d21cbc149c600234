"""Vega specs compiled once per chart shape.

Compiling a chart's Vega-Lite spec to Vega costs a quarter of drawing it, and the charts of a
portal have few shapes: which series a chart has, its layout and its frame's room make a shape;
its rows, the domains of its scales and the plot's size are its own (a drawing holds no text
and no axis: ``generator.charts.texts`` and ``generator.charts.guides`` write them). A chart's
*shape* is its spec with those values of its own replaced by placeholders. Each shape is
compiled once a process, and each chart of that shape fills the compiled text's placeholders
with its values. Vega-Lite copies each of those values into the Vega it writes as it is (the
tests compare, for every chart of the sample and of the fixtures, a filled spec with the spec
compiled whole), so the Vega is the same either way.

Placeholders: a row set is the string ``"\\u0000rows:NAME\\u0000"``, and a number one of
:data:`SENTINEL` + 1 ... + 99 (a date is a number of milliseconds in a Vega expression, where
only a number can stand). A spec whose text holds a NUL or whose numbers reach into the
sentinels' range is compiled whole.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import vl_convert

__all__ = ["SENTINEL", "VegaShapes"]

#: Numbers from one above this to 99 above it stand for a chart's own numbers in a shape: far
#: beyond any chart's value or date (the year 2282 in milliseconds), and written as integers.
SENTINEL = 9_876_543_210_000
_MOST_NUMBERS = 99
# The keys whose value is the chart's own where it is a list of numbers.
_OWN_NUMBERS = frozenset({"domain"})  # a scale's domain
# The keys whose number is the chart's own: the plot's size and the room around it.
_OWN_SIZES = frozenset({"width", "height", "left", "top", "right", "bottom"})
_SENTINEL_DIGITS = str(SENTINEL)[:-2]
_PLACEHOLDER_RE = re.compile(
    r'"\\u0000rows:([^"\\]*)\\u0000"'
    rf"|(?<![\d.])({_SENTINEL_DIGITS}\d\d)(?:\.0)?(?![\d.])"
)


class _CompiledWhole(Exception):
    """The spec cannot stand for its shape: it is compiled whole."""


class _Shape:
    """A spec with its own values taken out, and those values."""

    def __init__(self, spec: Mapping[str, Any]) -> None:
        # Each number of the chart's own by where it stands (its keys, and its place in its
        # list), not by its value: two charts of one shape whose values happen to coincide in
        # different places stay one shape. The same place in every layer is one number.
        self.numbers: dict[tuple[tuple[str, ...], int], tuple[float, int]] = {}
        self.rows: dict[str, Any] = dict(spec.get("datasets", {}))
        shape = self._taken_out(
            {key: value for key, value in spec.items() if key != "datasets"}, path=()
        )
        shape["datasets"] = {name: [] for name in self.rows}
        self.spec: dict[str, Any] = shape
        self.key = json.dumps(shape, sort_keys=True)

    def _taken_out(self, value: Any, path: tuple[str, ...]) -> Any:
        key = path[-1] if path else ""
        if isinstance(value, dict):
            return {name: self._taken_out(item, (*path, name)) for name, item in value.items()}
        if isinstance(value, list):
            if key in _OWN_NUMBERS and value and all(_is_number(item) for item in value):
                return [self._number(path, at, item) for at, item in enumerate(value)]
            return [self._taken_out(item, path) for item in value]
        if isinstance(value, str):
            if "\x00" in value or _SENTINEL_DIGITS in value:
                raise _CompiledWhole
            return value
        if _is_number(value) and SENTINEL <= abs(value) < SENTINEL + 100:
            raise _CompiledWhole
        if key in _OWN_SIZES and _is_number(value):
            return self._number(path, 0, value)
        return value

    def _number(self, path: tuple[str, ...], at: int, value: float) -> int:
        place = (path, at)
        if place not in self.numbers:
            if len(self.numbers) == _MOST_NUMBERS:
                raise _CompiledWhole
            self.numbers[place] = (value, SENTINEL + len(self.numbers) + 1)
        known, sentinel = self.numbers[place]
        if known != value:  # one place, two values: no placeholder stands for both
            raise _CompiledWhole
        return sentinel

    def filled(self, compiled: str) -> str:
        """The compiled shape's text with this chart's values in its placeholders."""
        numbers = {str(sentinel): value for value, sentinel in self.numbers.values()}

        def value_of(found: re.Match[str]) -> str:
            rows, number = found.groups()
            if rows is not None:
                return json.dumps(self.rows[rows])
            return json.dumps(numbers[number])

        return _PLACEHOLDER_RE.sub(value_of, compiled)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class VegaShapes:
    """Compiles Vega-Lite to Vega, each chart shape once."""

    def __init__(self) -> None:
        # None: the shape's rows did not come out as placeholders; its charts are compiled whole.
        self._compiled: dict[tuple[str, str | None], str | None] = {}

    def __len__(self) -> int:
        """How many shapes were compiled."""
        return len(self._compiled)

    def vega(self, spec: Mapping[str, Any], vl_version: str | None = None) -> str:
        """The Vega spec (JSON text) that the Vega-Lite spec compiles to."""
        try:
            shape = _Shape(spec)
        except _CompiledWhole:
            return json.dumps(_compiled(dict(spec), vl_version))
        key = (shape.key, vl_version)
        if key not in self._compiled:
            self._compiled[key] = _with_rows_named(_compiled(shape.spec, vl_version), shape.rows)
        compiled = self._compiled[key]
        if compiled is None:
            return json.dumps(_compiled(dict(spec), vl_version))
        return shape.filled(compiled)


def _compiled(spec: dict[str, Any], vl_version: str | None) -> dict[str, Any]:
    vega: dict[str, Any] = vl_convert.vegalite_to_vega(spec, vl_version=vl_version)
    return vega


def _with_rows_named(vega: dict[str, Any], rows: Mapping[str, Any]) -> str | None:
    """The compiled shape as text, each of its row sets a placeholder named for it; None where
    a row set is not one data set of the Vega."""
    named = set()
    for data in vega.get("data", []):
        if data.get("name") in rows and data.get("values") == []:
            data["values"] = f"\x00rows:{data['name']}\x00"
            named.add(data["name"])
    return json.dumps(vega) if named == set(rows) else None
