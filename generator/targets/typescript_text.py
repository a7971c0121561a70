"""Quoting for the TypeScript target: string literals, TSDoc and line comments."""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.text import is_plain, needs_escape, visible


def ts_string(text: str) -> str:
    """A TypeScript string literal for `text`: JSON's escapes, plus `\\uXXXX` for
    the invisible characters `needs_escape` names (U+2028 ends a line comment)."""
    out = ['"']
    for ch in text:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif needs_escape(ch):
            code = ord(ch)
            if code > 0xFFFF:  # a surrogate pair, as JSON writes it
                code -= 0x10000
                out.append(
                    f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
                )
            else:
                out.append(f"\\u{code:04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def ts_doc_comment(text: str, indent: str, tags: Sequence[tuple[str, str]] = ()) -> str:
    """A `/** ... */` TSDoc comment whose text reads as `text` (already normalised),
    followed by block tags, each `(name, content)`: `("@deprecated", "Use Y.")`.

    In `text` and tag contents, `*/` cannot end the comment (written `*\\/`,
    which a Markdown hover shows as `*/`); an `@` that would start a TSDoc tag
    is written `\\@`, so spec text cannot add tags; invisible characters are
    shown as `\\uXXXX`, since U+2028 and friends are line breaks to a
    JavaScript parser. The first line is not indented (the template places it).
    """
    if text and not tags:
        escaped = _ts_doc_escape(text)
        if "\n" not in escaped:  # one line of text: the usual case
            if len(indent) + len(escaped) + 7 <= 80:
                return f"/** {escaped} */"
            return f"/**\n{indent} * {escaped}\n{indent} */"
    paragraphs = [_ts_doc_escape(text)] if text else []
    if tags:
        paragraphs.append(
            "\n".join(
                f"{name} {_ts_doc_escape(content)}" if content else name
                for name, content in tags
            )
        )
    lines = "\n\n".join(paragraphs).split("\n")
    if len(lines) == 1 and len(indent) + len(lines[0]) + 7 <= 80:
        return f"/** {lines[0]} */"
    body = "".join(f"{indent} *{' ' + line if line else ''}\n" for line in lines)
    return f"/**\n{body}{indent} */"


# `/` after `*` (it would end the comment) and `@` at a word start (it would start a tag).
_TS_DOC_SPECIAL = re.compile(r"(?<=\*)/|(?:^|(?<=\s)|(?<=\{))@")


def _ts_doc_escape(text: str) -> str:
    if is_plain(text):  # no invisible characters: only the two patterns to escape
        if "@" not in text and "*/" not in text:
            return text
        return _TS_DOC_SPECIAL.sub(r"\\\g<0>", text)
    out: list[str] = []
    for i, ch in enumerate(text):
        previous = text[i - 1] if i else " "
        if ch == "/" and previous == "*":
            out.append("\\/")
        elif ch == "@" and (previous.isspace() or previous == "{"):
            out.append("\\@")
        elif ch != "\n" and needs_escape(ch):
            out.append(visible(ch))
        else:
            out.append(ch)
    return "".join(out)


def ts_line_comment(text: str) -> str:
    """`text` as `//` comment lines; a line break inside a line cannot end one early."""
    lines = []
    for line in text.split("\n"):
        shown = "".join(visible(ch) if needs_escape(ch) else ch for ch in line)
        lines.append(f"// {shown}" if shown else "//")
    return "\n".join(lines)
