"""Documentation text: the one normalisation the loader applies, and safe literals for each target.

Spec text is data. It reaches generated code only through the quoting
functions here, never as template source, so quotes, backslashes, `{{ }}` or
`*/` in a description cannot change the code around it.
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
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in text.expandtabs().split("\n")]
    return inspect.cleandoc("\n".join(lines))


def _escape_char(ch: str) -> str:
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _needs_escape(ch: str) -> bool:
    """Characters written as escapes: controls, and invisible ones that editors and tools
    treat as line breaks or drop (U+2028, U+FEFF, ...)."""
    if ch == "\n":
        return False
    return unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")


def py_string(text: str) -> str:
    """A Python string literal for `text`, quoted the way `ruff format` would keep it."""
    quote = "'" if text.count('"') > text.count("'") else '"'
    out = [quote]
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == quote:
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif _needs_escape(ch):
            out.append(_escape_char(ch))
        else:
            out.append(ch)
    out.append(quote)
    return "".join(out)


def py_docstring(text: str, indent: str) -> str:
    """A triple-quoted docstring whose `inspect.cleandoc` reading is exactly `text`.

    `text` must already be normalised (`normalize_doc`). Continuation lines are
    indented to the docstring's own level, as PEP 257 asks; the reading removes
    that indentation again.
    """
    body: list[str] = []
    for ch in text:
        if ch == "\\":
            body.append("\\\\")
        elif _needs_escape(ch):
            body.append(_escape_char(ch))
        else:
            body.append(ch)
    escaped = _break_quote_runs("".join(body))
    if escaped.startswith('"'):
        escaped = (
            "\\" + escaped
        )  # `""""` would open the docstring early; ruff adds a space
    lines = escaped.split("\n")
    if len(lines) == 1:
        return f'"""{escaped}"""'
    rest = [f"{indent}{line}" if line else "" for line in lines[1:]]
    return '"""' + "\n".join([lines[0], *rest]) + f"\n{indent}" + '"""'


def _break_quote_runs(text: str) -> str:
    """Escape just enough `"` that no run of three can end the docstring early,
    including a run that would merge with the closing quotes."""
    out: list[str] = []
    run = 0
    for i, ch in enumerate(text):
        if ch != '"':
            run = 0
            out.append(ch)
            continue
        run += 1
        at_end = i == len(text) - 1
        if run == 3 or at_end:
            out.append('\\"')
            run = 0
        else:
            out.append(ch)
    return "".join(out)
