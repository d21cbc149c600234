"""The data set in one of the portal's languages (contract 1.1, several languages).

Every text field the contract calls translatable takes the record's text in that language; a
text the data has only in the default language stays in it, as :class:`Foreign` text, so the
pages can mark it with its ``lang``. Ids, numbers and check-in notes never change.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Protocol, TypeVar

from generator.contract import KEY_RESULT, OBJECTIVE, PERIOD, THEME, UNIT, Record
from generator.model import Dataset, Foreign, Translations


class _Translatable(Protocol):
    @property
    def translations(self) -> Translations: ...


Item = TypeVar("Item", bound=_Translatable)


def _text_fields(record: Record, model_type: type) -> tuple[str, ...]:
    names = {f.name for f in dataclasses.fields(model_type)}
    return tuple(f.name for f in record if f.translatable and f.name in names)


def in_language(dataset: Dataset, tag: str, default: str) -> Dataset:
    """``dataset`` as read in the language ``tag``; the default language's data set is itself."""
    if tag == default:
        return dataset
    return dataclasses.replace(
        dataset,
        units=_each(dataset.units, UNIT, tag, default),
        periods=_each(dataset.periods, PERIOD, tag, default),
        themes=_each(dataset.themes, THEME, tag, default),
        objectives=_each(dataset.objectives, OBJECTIVE, tag, default),
        key_results=_each(dataset.key_results, KEY_RESULT, tag, default),
    )


def with_sources(dataset: Dataset) -> Dataset:
    """``dataset`` with each translatable text followed by the record and field it is, so that
    values made from it name every text they show (``generator.pages.reference``): what
    another language shows in its place is that record's translation. A text the data leaves
    empty stays empty: the loader reads no translation without a text in the default
    language, so it is empty in every language."""
    return dataclasses.replace(
        dataset,
        units=_sourced(dataset.units, UNIT),
        periods=_sourced(dataset.periods, PERIOD),
        themes=_sourced(dataset.themes, THEME),
        objectives=_sourced(dataset.objectives, OBJECTIVE),
        key_results=_sourced(dataset.key_results, KEY_RESULT),
    )


def every_translation(dataset: Dataset) -> tuple[tuple[str, str, Translations], ...]:
    """Each record's translations, by its kind and id."""
    kinds: tuple[tuple[Record, Mapping[str, _Translatable]], ...] = (
        (UNIT, dataset.units),
        (PERIOD, dataset.periods),
        (THEME, dataset.themes),
        (OBJECTIVE, dataset.objectives),
        (KEY_RESULT, dataset.key_results),
    )
    return tuple(
        (record.what, key, item.translations)
        for record, items in kinds
        for key, item in items.items()
    )


def _sourced(items: Mapping[str, Item], record: Record) -> dict[str, Item]:
    if not items:
        return {}
    names = _text_fields(record, type(next(iter(items.values()))))
    return {
        key: dataclasses.replace(  # type: ignore[type-var]
            item,
            **{n: _with_source(text, record, key, n) for n in names if (text := getattr(item, n))},
        )
        for key, item in items.items()
    }


def _with_source(text: str, record: Record, key: str, name: str) -> str:
    return f"{text}\x02{_LETTERS[record.what]}{key}\x1f{name}\x03"


#: What kind of record a text is of, in a letter (a text names its source on every page).
_LETTERS = {
    UNIT.what: "u",
    PERIOD.what: "p",
    THEME.what: "t",
    OBJECTIVE.what: "o",
    KEY_RESULT.what: "k",
}


def _each(items: Mapping[str, Item], record: Record, tag: str, default: str) -> dict[str, Item]:
    if not items:
        return {}
    names = _text_fields(record, type(next(iter(items.values()))))
    return {key: _translated(item, names, tag, default) for key, item in items.items()}


def _translated(item: Item, names: tuple[str, ...], tag: str, default: str) -> Item:
    changes: dict[str, str] = {}
    for name in names:
        text = item.translations.get(name, tag)
        if text is not None:
            changes[name] = text
        elif getattr(item, name):
            changes[name] = Foreign(getattr(item, name), default)
    return dataclasses.replace(item, **changes)  # type: ignore[type-var]
