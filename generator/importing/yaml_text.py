"""A draft written as spec YAML: deterministic, block style with a flow mapping
per short field (as the repository's specs are written), notes as comments."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from generator.importing.draft import Draft, Note

_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*\Z")
# Words YAML 1.1 or 1.2 would read as a boolean or null.
_SPECIAL = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}
_WIDTH = 100


def _printable(ch: str) -> bool:
    """A character YAML allows as it is inside a quoted scalar."""
    code = ord(ch)
    return (
        ch in "\t\n"
        or 0x20 <= code <= 0x7E
        or code == 0x85
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or code >= 0x10000
    )


# Prose YAML reads back as it is written, unquoted, inside a flow mapping too:
# no indicator first, none of `,[]{}#` nor `: `, not a number, date or word YAML reads.
_PROSE = re.compile(r"[A-Za-z(][^,\[\]{}#:\n\t\\\"']*[^,\[\]{}#:\s\\\"']\Z")


def scalar(value: object) -> str:
    """A value in flow style: plain when YAML reads it back as the same text."""
    if isinstance(value, str):
        if (
            (_PLAIN.match(value) or _PROSE.match(value))
            and value.lower() not in _SPECIAL
            and all(0x20 <= ord(ch) < 0x7F for ch in value)
            and "  " not in value
        ):
            return value
        quoted = json.dumps(value, ensure_ascii=False)
        return "".join(
            ch
            if _printable(ch)
            else f"\\u{ord(ch):04x}"
            if ord(ch) < 0x10000
            else f"\\U{ord(ch):08x}"
            for ch in quoted
        )
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"{scalar(k)}: {scalar(v)}" for k, v in value.items()) + "}"
        )
    return json.dumps(value)


def _block_text(text: str) -> bool:
    """Whether a description reads back the same as a literal block scalar."""
    lines = text.split("\n")
    return (
        len(lines) > 1
        and not lines[0].startswith(" ")
        and all(_printable(ch) and ch != "\t" for ch in text)
        and all(line == line.rstrip() for line in lines)
        and "\r" not in text
    )


@dataclass
class Written:
    text: str
    # (the note, the spec line it is about, that line's text)
    notes: list[tuple[Note, int, str]] = field(default_factory=list)


class _Lines:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.notes: list[tuple[Note, int, str]] = []

    def add(self, line: str) -> None:
        self.lines.append(line)

    def item(
        self, indent: str, key: str, keys: dict[str, Any], notes: list[Note]
    ) -> None:
        """One mapping entry: a flow mapping if short and one-lined, else a block."""
        for note in notes:
            for part in _wrap(note.message, _WIDTH - len(indent) - 2):
                self.add(f"{indent}# {part}")
        first = len(self.lines) + 1
        flow = f"{indent}{scalar(key)}: {scalar(keys)}"
        multi_line = any(isinstance(v, str) and "\n" in v for v in keys.values())
        if len(flow) <= _WIDTH and not multi_line:
            self.add(flow)
        else:
            self.add(f"{indent}{scalar(key)}:")
            for name, value in keys.items():
                self.value(indent + "  ", name, value)
        self.notes += [(note, first, self.lines[first - 1].strip()) for note in notes]

    def value(self, indent: str, name: str, value: object) -> None:
        if isinstance(value, str) and _block_text(value):
            self.add(f"{indent}{name}: |")
            for line in value.split("\n"):
                self.add(f"{indent}  {line}" if line else "")
        else:
            self.add(f"{indent}{name}: {scalar(value)}")


def _wrap(text: str, width: int) -> list[str]:
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


def write(draft: Draft, module: str, sources: list[str], description: str) -> Written:
    out = _Lines()
    out.add("# Written by `schemasmith import` from:")
    for source in sources:
        out.add(f"#   {source}")
    out.add("schemasmith: 1")
    out.add(f"module: {module}")
    if description:
        out.value("", "description", description)
    if len(draft.roots) == 1:
        out.add(f"root: {draft.roots[0]}")
    for section, items in (("enums", draft.enums), ("unions", draft.unions)):
        if items:
            out.add("")
            out.add(f"{section}:")
            for item in items:
                out.item("  ", item.name, item.keys, item.notes)
    if draft.models:
        out.add("")
        out.add("models:")
    for model in draft.models:
        for note in model.notes:
            for part in _wrap(note.message, _WIDTH - 4):
                out.add(f"  # {part}")
        out.notes += [
            (note, len(out.lines) + 1, f"{model.name}:") for note in model.notes
        ]
        out.add(f"  {scalar(model.name)}:")
        for name, value in model.keys.items():
            out.value("    ", name, value)
        if model.fields:
            out.add("    fields:")
        for field_ in model.fields:
            out.item("      ", field_.wire, field_.keys, field_.notes)
    return Written("\n".join(out.lines) + "\n", out.notes)
