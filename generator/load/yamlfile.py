"""YAML with line numbers: every mapping and list remembers where it and its entries start.

Scalars stay strings (PyYAML's BaseLoader), so ``id: 2026`` is the id ``"2026"``, ``no`` is not
``False`` and a date is checked by the field that expects one, with a message about that field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from generator.load.problems import Problems


class LineDict(dict[str, Any]):
    """A mapping read from YAML; ``line`` is where it starts, ``key_lines`` where each key is."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A sequence read from YAML; ``item_lines[i]`` is the line of item i."""

    line: int
    item_lines: list[int]


class _Loader(yaml.CBaseLoader):
    """BaseLoader in libyaml's C parser (about ten times faster than PyYAML's own) that
    records lines and reports duplicate keys instead of keeping the last."""

    def __init__(self, stream: str, path: str, problems: Problems) -> None:
        super().__init__(stream)
        self.path = path
        self.problems = problems

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> LineDict:  # type: ignore[override]
        result = LineDict()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = str(self.construct_object(key_node, deep=True))
            line = key_node.start_mark.line + 1
            if key in result:
                self.problems.add(
                    self.path,
                    line,
                    f"duplicate key '{key}' (first at line {result.key_lines[key]}): "
                    "keep one of them",
                )
                continue
            result[key] = self.construct_object(value_node, deep=True)
            result.key_lines[key] = line
        return result

    def construct_sequence(self, node: SequenceNode, deep: bool = False) -> LineList:
        result = LineList(self.construct_object(child, deep=True) for child in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [child.start_mark.line + 1 for child in node.value]
        return result


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_sequence)


def read_yaml(file: Path, shown_as: str, problems: Problems, when_empty: str | None) -> Any:
    """The YAML document in ``file``, or None with a problem recorded when it cannot be read or
    holds nothing ("the file is empty: ``when_empty``"; no problem when that is None: an
    optional file may be empty)."""
    text = read_text(file, shown_as, problems)
    return None if text is None else parse_yaml(text, shown_as, problems, when_empty)


def parse_yaml(text: str, shown_as: str, problems: Problems, when_empty: str | None) -> Any:
    """The YAML document in ``text``, as :func:`read_yaml` reads it."""
    loader: _Loader | None = None
    try:
        loader = _Loader(text, shown_as, problems)
        node: Node | None = loader.get_single_node()
        if node is None:
            if when_empty is not None:
                problems.add(shown_as, None, f"the file is empty: {when_empty}")
            return None
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        problems.add(shown_as, line, f"not valid YAML: {error.problem or error}; {YAML_HELP}")
        return None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        problems.add(
            shown_as,
            line,
            f"invisible control character U+{_code(error.character):04X} is not allowed in YAML: "
            "delete it (it often comes with text pasted from a word processor)",
        )
        return None
    finally:
        if loader is not None:
            loader.dispose()


def _code(character: int | str) -> int:
    return character if isinstance(character, int) else ord(character)


def read_text(file: Path, shown_as: str, problems: Problems) -> str | None:
    """The file's text as UTF-8 (a byte-order mark is allowed), or None with a problem."""
    data = file.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data:
        problems.add(shown_as, None, ENCODING_HELP.format(found="UTF-16"))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.add(
            shown_as, line, ENCODING_HELP.format(found="not UTF-8 (Latin-1 or Windows-1252?)")
        )
        return None
    return text


YAML_HELP = "check the indentation here and that each 'key: value' pair is on a line of its own"

ENCODING_HELP = (
    "the file is {found}; save it as UTF-8 (in Excel: File > Save As > "
    "'CSV UTF-8 (Comma delimited)'; in LibreOffice: Character set 'Unicode (UTF-8)')"
)
