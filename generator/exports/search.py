"""Entries for Material's search index, so objectives and key results can be found by words."""

from __future__ import annotations

from collections.abc import Iterable

from generator.pages.views.common import Page


def search_entries(pages: Iterable[Page]) -> list[dict[str, str]]:
    return [{"location": p.path, "title": p.title, "text": p.description} for p in pages]
