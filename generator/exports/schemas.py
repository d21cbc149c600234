"""JSON Schemas of the portal's YAML files, made from the one description of the contract.

An editor that knows them (``# yaml-language-server: $schema=...`` at the top of a file)
completes and checks fields while someone types; they are published under ``/schemas/`` and
written by ``okr-portal schemas --out DIR``. The loader stays the judge: what a schema cannot
say (a parent of a higher level, a check-in inside its period) only the loader checks.
"""

from __future__ import annotations

import json
from typing import Any

from generator.contract import (
    EVENT,
    OKR_FILE,
    PERIOD,
    SETTINGS,
    THEME,
    UNIT,
    Field,
    FieldType,
    Record,
)
from generator.output import SiteFolder
from generator.portal import Published

FOLDER = "schemas/"
DRAFT = "https://json-schema.org/draft/2020-12/schema"

SLUG_PATTERN = "^[a-z0-9][a-z0-9-]{0,79}$"
PERIOD_PATTERN = "^[0-9]{4}(-Q[1-4]|-H[12]|-(0[1-9]|1[0-2])|-[0-9]{4})?$"
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"

#: The YAML files with a schema: file name of the schema -> (the file it describes, its record,
#: whether the file is a list of such records).
SCHEMAS: dict[str, tuple[str, Record, bool]] = {
    "site_config.schema.json": ("site_config.yml", SETTINGS, False),
    "units.schema.json": ("data/units.yml", UNIT, True),
    "periods.schema.json": ("data/periods.yml", PERIOD, True),
    "themes.schema.json": ("data/themes.yml", THEME, True),
    "okrs.schema.json": ("data/okrs/<period-id>/<unit-id>.yml", OKR_FILE, False),
    "events.schema.json": ("data/events.yml", EVENT, True),
}


def write(published: Published, out: SiteFolder) -> None:
    for name, text in schema_files().items():
        out.write_text(FOLDER + name, text)


def schema_files() -> dict[str, str]:
    """Schema file name -> its JSON text."""
    return {
        name: json.dumps(file_schema(place, record, as_list), indent=2, ensure_ascii=False) + "\n"
        for name, (place, record, as_list) in SCHEMAS.items()
    }


def file_schema(place: str, record: Record, as_list: bool) -> dict[str, Any]:
    body = record_schema(record)
    if as_list:
        body = {"type": "array", "minItems": 1, "items": body}
    return {"$schema": DRAFT, "title": place, "description": f"okr-portal: {place}", **body}


def record_schema(record: Record) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {item.name: field_schema(item) for item in record},
        "required": list(record.required),
        "additionalProperties": False,
    }


def field_schema(item: Field) -> dict[str, Any]:
    """An optional field may also be left empty (``owner:``): the loader reads that as absent."""
    typed = _type_schema(item)
    schema: dict[str, Any] = {"description": item.help}
    schema |= typed if item.required else {"anyOf": [typed, {"type": "null"}]}
    if item.default not in (None, (), {}):
        schema["default"] = item.default
    return schema


def _type_schema(item: Field) -> dict[str, Any]:
    slug = {"type": ["string", "integer"], "pattern": SLUG_PATTERN}
    period = {"type": ["string", "integer"], "pattern": PERIOD_PATTERN}
    simple: dict[FieldType, dict[str, Any]] = {
        FieldType.TEXT: {"type": "string"},
        FieldType.MARKDOWN: {"type": "string"},
        FieldType.SLUG: slug,
        # One id alone is a list of one.
        FieldType.SLUGS: {"anyOf": [slug, {"type": "array", "items": slug}]},
        FieldType.PERIOD_ID: period,
        FieldType.PERIOD_IDS: {"anyOf": [period, {"type": "array", "items": period}]},
        FieldType.DATE: {"type": "string", "pattern": DATE_PATTERN, "format": "date"},
        FieldType.NUMBER: {"type": "number"},
        FieldType.NUMBER_PAIR: {
            "type": "array",
            "items": {"type": "number"},
            "minItems": 2,
            "maxItems": 2,
        },
        FieldType.URL: {"type": "string", "pattern": "^https?://"},
        FieldType.BOOLEAN: {"anyOf": [{"type": "boolean"}, {"enum": ["yes", "no"]}]},
        FieldType.LANGUAGES: {"type": "array", "items": {"type": "string"}, "minItems": 1},
    }
    if item.translatable:
        text = simple[item.type]
        # In a portal of several languages: a text per language tag ({fi: ..., sv: ...}).
        per_language = {"type": "object", "minProperties": 1, "additionalProperties": text}
        return {"anyOf": [text, per_language]}
    if item.type in simple:
        return simple[item.type]
    if item.type is FieldType.CHOICE:
        return {"enum": list(item.choices)} if item.choices else {"type": "string"}
    if item.type is FieldType.LIST and item.record is not None:
        return {"type": "array", "items": record_schema(item.record)}
    if item.type is FieldType.MAPPING and item.record is not None:
        return record_schema(item.record)
    return {"type": "object" if item.type is FieldType.MAPPING else "array"}
