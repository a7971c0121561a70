"""Documentation text: the one normalisation the loader applies, and what every
target's quoting shares (which characters are shown as escapes).

Spec text is data. It reaches generated code only through each target's
quoting functions (`generator/targets/*_text.py`), never as template source,
so quotes, backslashes, `{{ }}` or `*/` in a description cannot change the
code around it.
"""

from __future__ import annotations

import inspect
import unicodedata


def normalize_doc(text: str) -> str:
    """The documentation text every target carries, byte for byte.

    Python tools read a docstring through `inspect.cleandoc` (IDE hovers,
    `help()`, Pydantic's `use_attribute_docstrings`), so a description is
    normalised to the fixed point of that reading: line endings become `\\n`,
    tabs expand to spaces (8-column stops), trailing spaces on each line go,
    the first line's leading spaces and the common indentation of the other
    lines go, and leading and trailing blank lines go. Everything else is kept.
    """
    if (
        "\n" not in text
        and "\r" not in text
        and "\t" not in text
        and text == text.strip()
    ):
        return text  # one line with nothing to trim: the common case, and a fixed point
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.expandtabs().split("\n")]
    text = inspect.cleandoc("\n".join(lines))
    # Once the first line is removed as blank, the next becomes the first, and
    # whitespace that `cleandoc` counts as indentation (U+0085, U+3000, ...) may
    # lead every line after it: read again, it would go. Read until nothing changes.
    while (again := inspect.cleandoc(text)) != text:
        text = again
    return text


def escape_char(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def needs_escape(ch: str) -> bool:
    """Characters written as escapes: controls, and invisible ones that editors and tools
    treat as line breaks or drop (U+2028, U+FEFF, ...)."""
    if ch == "\n":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")


def is_plain(text: str) -> bool:
    """Whether no character of `text` needs an escape (`needs_escape`) apart from newlines.

    `str.isprintable` is false exactly for the categories Cc, Cf, Cs, Co, Cn,
    Zl, Zp and Zs (bar the space), a superset of the escaped ones, so a
    printable text needs no escape; others take the per-character path.
    """
    return text.isprintable() or text.replace("\n", "").isprintable()


def visible(ch: str) -> str:
    """An invisible or control character as text a reader can see (`\\u2028`)."""
    code = ord(ch)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible_text(text: str) -> str:
    """`text` with line breaks and invisible characters shown as `\\uXXXX`."""
    if text.isprintable():  # nothing to show differently (`is_plain`)
        return text
    return "".join(visible(ch) if ch == "\n" or needs_escape(ch) else ch for ch in text)
