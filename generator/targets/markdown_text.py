"""Quoting for the Markdown target: text, inline text and code spans."""

from __future__ import annotations

import re

from generator.text import visible_text

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
