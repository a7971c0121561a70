"""The quick paths of the targets' quoting give exactly what the character-by-character rules give."""

from __future__ import annotations

import inspect

from hypothesis import example, given
from hypothesis import strategies as st

from generator import text
from generator.targets import markdown_text, python_text, typescript_text


def _reference_normalize(doc: str) -> str:
    doc = doc.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in doc.expandtabs().split("\n")]
    doc = inspect.cleandoc("\n".join(lines))
    while inspect.cleandoc(doc) != doc:  # the reading's fixed point
        doc = inspect.cleandoc(doc)
    return doc


def _reference_py_string(value: str) -> str:
    quote = "'" if value.count('"') > value.count("'") else '"'
    out = [quote]
    for ch in value:
        if ch == "\\":
            out.append("\\\\")
        elif ch == quote:
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif text.needs_escape(ch):
            out.append(text.escape_char(ch))
        else:
            out.append(ch)
    out.append(quote)
    return "".join(out)


def _reference_py_docstring(value: str, indent: str) -> str:
    body = []
    for ch in value:
        if ch == "\\":
            body.append("\\\\")
        elif text.needs_escape(ch):
            body.append(text.escape_char(ch))
        else:
            body.append(ch)
    escaped = python_text._break_quote_runs("".join(body))
    if escaped.startswith('"'):
        escaped = " " + escaped  # as ruff format writes it
    lines = escaped.split("\n")
    if len(lines) == 1:
        return f'"""{escaped}"""'
    rest = [f"{indent}{line}" if line else "" for line in lines[1:]]
    return '"""' + "\n".join([lines[0], *rest]) + f"\n{indent}" + '"""'


_TEXT = st.text(
    st.one_of(
        st.characters(),
        st.sampled_from(
            [
                "\\",
                '"',
                "'",
                "\n",
                "\r",
                "\t",
                " ",
                "\u00a0",
                "\u2028",
                "\ufeff",
                "\x85",
                "\u3000",
            ]
        ),
    )
)


@given(_TEXT)
@example("  padded  ")
@example("\u00a0non-breaking\u3000")
@example("\r0\r\x850")  # the line after a blank first line starts with U+0085
def test_normalize_doc_matches_the_cleandoc_reading(value: str) -> None:
    normalized = text.normalize_doc(value)
    assert normalized == _reference_normalize(value)
    # A docstring of it, continuation lines indented, reads back as it.
    literal = python_text.py_docstring(normalized, "    ")
    assert inspect.cleandoc(eval(literal)) == normalized  # a literal we just built


@given(_TEXT)
@example('say "hi"')
@example("it's")
def test_py_string_matches_the_per_character_rules(value: str) -> None:
    literal = python_text.py_string(value)
    assert literal == _reference_py_string(value)
    assert eval(literal) == value  # a literal we just built


@given(_TEXT.map(text.normalize_doc))
@example('ends with a quote"')
@example('three """ quotes')
def test_py_docstring_reads_back_as_the_text(value: str) -> None:
    literal = python_text.py_docstring(value, "    ")
    assert literal == _reference_py_docstring(value, "    ")
    assert inspect.cleandoc(eval(literal)) == value  # a literal we just built


@given(st.text())
def test_plain_text_needs_no_escape(value: str) -> None:
    if text.is_plain(value):
        assert not any(text.needs_escape(ch) for ch in value)


# The TypeScript and Markdown escapers scan for the few characters that matter;
# these per-character versions state the rules, and the fast ones must agree.


def _reference_ts_doc_escape(value: str) -> str:
    out = []
    for i, ch in enumerate(value):
        previous = value[i - 1] if i else " "
        if ch == "/" and previous == "*":
            out.append("\\/")
        elif ch == "@" and (previous.isspace() or previous == "{"):
            out.append("\\@")
        elif ch != "\n" and text.needs_escape(ch):
            out.append(text.visible(ch))
        else:
            out.append(ch)
    return "".join(out)


def _reference_md_escape_inline(value: str) -> str:
    out = []
    i = 0
    while i < len(value):
        ch = value[i]
        if ch == "`":
            run = len(value) - i - len(value[i:].lstrip("`"))
            closing = markdown_text._closing_backticks(value, i + run, run)
            end = i + run if closing is None else closing + run
            out.append(value[i:end])
            i = end
            continue
        if ch == "\\":
            out.append("\\\\")
        elif ch == "<":
            out.append("&lt;")
        elif ch in "|$":
            out.append("\\" + ch)
        elif ch == "&" and markdown_text._MD_ENTITY.match(value, i):
            out.append("&amp;")
        else:
            out.append(ch)
        i += 1
    return "".join(out)


_MARKUP = st.lists(
    st.one_of(
        st.characters(),
        st.sampled_from(
            ["*", "/", "@", "{", " ", "\n", "\u2028", "`", "\\", "<", "|", "$", "&"]
        ),
        st.sampled_from(["*/", "**//", " @x", "{@link", "``", "&amp;", "&#1;"]),
    )
).map("".join)


@given(_MARKUP)
@example("@start and */ end {@tag} \u2028 @")
@example("*/*/ **/")
def test_ts_doc_escape_matches_the_per_character_rules(value: str) -> None:
    assert typescript_text._ts_doc_escape(value) == _reference_ts_doc_escape(value)


@given(_MARKUP)
@example("a `code | span` and | pipes <b> &amp; $x$ ``two `` \\ end`")
@example("``` unclosed")
def test_md_escape_inline_matches_the_per_character_rules(value: str) -> None:
    assert markdown_text._md_escape_inline(value) == _reference_md_escape_inline(value)


@given(st.text())
def test_md_code_shows_the_text(value: str) -> None:
    shown = markdown_text.md_code(value)
    fence = shown[: len(shown) - len(shown.lstrip("`"))]
    assert text.visible_text(value) in shown and shown.endswith(fence)
