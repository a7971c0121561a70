"""Quoting for the Python targets: spec text as string literals, docstrings and comments."""

from __future__ import annotations

import functools

from generator.text import escape_char, is_plain, needs_escape, visible_text


def py_string(text: str) -> str:
    """A Python string literal for `text`, quoted the way `ruff format` would keep it."""
    quote = "'" if text.count('"') > text.count("'") else '"'
    if "\\" not in text and quote not in text and text.isprintable():
        return f"{quote}{text}{quote}"
    out = [quote]
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == quote:
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif needs_escape(ch):
            out.append(escape_char(ch))
        else:
            out.append(ch)
    out.append(quote)
    return "".join(out)


# Both Python targets write each field's description as a docstring.
@functools.lru_cache(maxsize=1 << 16)
def py_docstring(text: str, indent: str) -> str:
    """A triple-quoted docstring whose `inspect.cleandoc` reading is exactly `text`.

    `text` must already be normalised (`normalize_doc`). Continuation lines are
    indented to the docstring's own level, as PEP 257 asks; the reading removes
    that indentation again.
    """
    if '"' not in text and text.isprintable():  # one line, only backslashes to escape
        return '"""' + text.replace("\\", "\\\\") + '"""'
    if is_plain(text):
        escaped = text.replace("\\", "\\\\")
    else:
        body: list[str] = []
        for ch in text:
            if ch == "\\":
                body.append("\\\\")
            elif needs_escape(ch):
                body.append(escape_char(ch))
            else:
                body.append(ch)
        escaped = "".join(body)
    if '"' in escaped:
        escaped = _break_quote_runs(escaped)
    if escaped.startswith('"'):
        # As `ruff format` writes it: a space keeps the quote apart from the opening
        # quotes; `inspect.cleandoc` drops it again.
        escaped = " " + escaped
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


def py_comment(text: str, indent: str) -> str:
    """`text` (normalised) as `#` comment lines at `indent`, for documentation where a
    docstring cannot stand; invisible characters show as `\\uXXXX`, so none can end a
    line early or hide."""
    return "\n".join(
        f"{indent}# {visible_text(line)}" if line else f"{indent}#"
        for line in text.split("\n")
    )
