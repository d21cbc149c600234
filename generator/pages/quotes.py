"""Figures quoted in a post's Markdown: ``{{ key_result("housing-wait-days") }}``.

Written like a call, so it reads as what it shows: ``key_result``, ``value``, ``progress`` and
``chart`` take a key result id, ``objective`` an objective id.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

QUOTE = re.compile(r"""\{\{\s*(?P<kind>\w+)\(\s*["'](?P<id>[^"']*)["']\s*\)\s*\}\}""")


@dataclass(frozen=True)
class QuoteMark:
    """A quote as written: what it asks for, and where (line 1 is the text's first line)."""

    kind: str
    item_id: str
    line: int


def find_quotes(text: str) -> list[QuoteMark]:
    return [
        QuoteMark(m["kind"], m["id"], text.count("\n", 0, m.start()) + 1)
        for m in QUOTE.finditer(text)
    ]


def expand_quotes(text: str, render: Callable[[QuoteMark], str]) -> str:
    """``text`` with every quote replaced by what ``render`` makes of it; HTML that stands on
    a line of its own stays one block for Markdown (no blank line inside it)."""

    def replace(match: re.Match[str]) -> str:
        mark = QuoteMark(match["kind"], match["id"], text.count("\n", 0, match.start()) + 1)
        html = render(mark)
        return "\n".join(line for line in html.splitlines() if line.strip())

    return QUOTE.sub(replace, text)
