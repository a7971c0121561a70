"""Documentation text: the one normalisation the loader applies, and safe literals for each target.

Spec text is data. It reaches generated code only through the quoting
functions here, never as template source, so quotes, backslashes, `{{ }}` or
`*/` in a description cannot change the code around it.
"""

from __future__ import annotations

import inspect
import re
import unicodedata
from collections.abc import Sequence


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


def _is_plain(text: str) -> bool:
    """Whether no character of `text` needs an escape (`_needs_escape`) apart from newlines.

    `str.isprintable` is false exactly for the categories Cc, Cf, Cs, Co, Cn,
    Zl, Zp and Zs (bar the space), a superset of the escaped ones, so a
    printable text needs no escape; others take the per-character path.
    """
    return text.isprintable() or text.replace("\n", "").isprintable()


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
    if '"' not in text and text.isprintable():  # one line, only backslashes to escape
        return '"""' + text.replace("\\", "\\\\") + '"""'
    if _is_plain(text):
        escaped = text.replace("\\", "\\\\")
    else:
        body: list[str] = []
        for ch in text:
            if ch == "\\":
                body.append("\\\\")
            elif _needs_escape(ch):
                body.append(_escape_char(ch))
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


# --- TypeScript -------------------------------------------------------------


def ts_string(text: str) -> str:
    """A TypeScript string literal for `text`: JSON's escapes, plus `\\uXXXX` for
    the invisible characters `_needs_escape` names (U+2028 ends a line comment)."""
    out = ['"']
    for ch in text:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif _needs_escape(ch):
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


def _visible(ch: str) -> str:
    """An invisible or control character as text a reader can see (`\\u2028`)."""
    code = ord(ch)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


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
    if _is_plain(text):  # no invisible characters: only the two patterns to escape
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
        elif ch != "\n" and _needs_escape(ch):
            out.append(_visible(ch))
        else:
            out.append(ch)
    return "".join(out)


def ts_line_comment(text: str) -> str:
    """`text` as `//` comment lines; a line break inside a line cannot end one early."""
    lines = []
    for line in text.split("\n"):
        shown = "".join(_visible(ch) if _needs_escape(ch) else ch for ch in line)
        lines.append(f"// {shown}" if shown else "//")
    return "\n".join(lines)


# --- Markdown ---------------------------------------------------------------

# A line start that would open a block reaching past its paragraph: heading,
# fence, block quote, setext underline or thematic break, link reference
# definition. (`<` and `|` are escaped wherever they stand.)
_MD_BLOCK_START = re.compile(r"#|`{3}|~{3}|>|[-=*_+][ \-=*_+]*$|\[[^\]]*\]:")
_MD_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def md_text(text: str) -> str:
    """Spec prose (normalised) as Markdown that renders as it reads and stays in its paragraphs.

    Code spans, emphasis, links and lists an author writes are kept.
    Neutralised: raw HTML (`<` becomes `&lt;`), entity references, `|` (no
    table can form), `$` (GitHub math), backslashes, and each line start that would open a
    heading, fence, block quote, thematic break or setext heading. Leading
    indentation goes (Markdown would turn it into a code block). Inside code
    spans nothing is escaped: their text is shown as written.
    """
    if "\n" not in text:  # one line, the usual case: the same steps, without splitting
        escaped = _md_escape_inline(text.lstrip(" "))
        return "\\" + escaped if _MD_BLOCK_START.match(escaped) else escaped
    lines = [line.lstrip(" ") for line in text.split("\n")]
    escaped = _md_escape_inline("\n".join(lines))
    return "\n".join(
        "\\" + line if _MD_BLOCK_START.match(line) else line
        for line in escaped.split("\n")
    )


_MD_INLINE_SPECIAL = re.compile(r"[`\\<|$&]")
_BACKTICKS = re.compile(r"`+")


def _md_escape_inline(text: str) -> str:
    if (  # nothing to escape, the usual case (`in` scans faster than the regex)
        "`" not in text
        and "\\" not in text
        and "<" not in text
        and "|" not in text
        and "$" not in text
        and "&" not in text
    ):
        return text
    out: list[str] = []
    i = 0
    while True:
        found = _MD_INLINE_SPECIAL.search(text, i)
        if found is None:
            out.append(text[i:])
            break
        out.append(
            text[i : found.start()]
        )  # plain text up to the next special character
        i = found.start()
        ch = text[i]
        if ch == "`":
            backticks = _BACKTICKS.match(text, i)
            assert backticks is not None  # text[i] is a backtick
            run = backticks.end() - i
            closing = _closing_backticks(text, i + run, run)
            end = i + run if closing is None else closing + run
            out.append(text[i:end])  # a code span is literal; a lone run is too
            i = end
            continue
        if ch == "\\":
            out.append("\\\\")
        elif ch == "<":
            out.append("&lt;")
        elif ch in "|$":
            out.append("\\" + ch)
        elif ch == "&" and _MD_ENTITY.match(text, i):
            out.append("&amp;")
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def _closing_backticks(text: str, start: int, run: int) -> int | None:
    """Where the code span opened by `run` backticks closes (CommonMark: the next
    run of exactly that length within the paragraph), or None."""
    for match in re.finditer(r"`+", text[start:]):
        before = text[start : start + match.start()]
        if "\n\n" in before:
            return None
        if len(match.group()) == run:
            return start + match.start()
    return None


def md_code(text: str) -> str:
    """`text` as a Markdown code span, shown exactly: the fence outruns any backticks
    inside, and line breaks and invisible characters show as `\\uXXXX`."""
    shown = visible_text(text)
    if "`" not in shown and not shown.startswith(" ") and not shown.endswith(" "):
        return f"`{shown}`"  # the usual case: no backtick to outrun, no space to pad
    longest = max((len(m) for m in re.findall(r"`+", shown)), default=0)
    fence = "`" * (longest + 1)
    if shown.startswith(("`", " ")) or shown.endswith(("`", " ")):
        shown = f" {shown} "
    return f"{fence}{shown}{fence}"


def md_inline(text: str) -> str:
    """A short single-line text (a name, a version) with every character that
    could start inline Markdown (emphasis, code, links, HTML, math) escaped."""
    return "".join(
        "\\" + ch if ch in _MD_INLINE_MARKERS else ch for ch in text.replace("\n", " ")
    )


_MD_INLINE_MARKERS = frozenset("\\`*_[]<>&|!~#$")


def py_comment(text: str, indent: str) -> str:
    """`text` (normalised) as `#` comment lines at `indent`, for documentation where a
    docstring cannot stand; invisible characters show as `\\uXXXX`, so none can end a
    line early or hide."""
    return "\n".join(
        f"{indent}# {visible_text(line)}" if line else f"{indent}#"
        for line in text.split("\n")
    )


def visible_text(text: str) -> str:
    """`text` with line breaks and invisible characters shown as `\\uXXXX`."""
    if text.isprintable():  # nothing to show differently (`_is_plain`)
        return text
    return "".join(
        _visible(ch) if ch == "\n" or _needs_escape(ch) else ch for ch in text
    )
