"""The Markdown reference: parsed back with a CommonMark parser (markdown-it-py, GFM
tables on), every model, attribute and enum value of every spec is where a reader
looks for it, with its documentation reading exactly as the spec wrote it, and
hostile text cannot add or remove a heading, a table, raw HTML or a code block."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.anchors import anchors_plugin

from generator import ir
from generator.loading import load_modules
from generator.pipeline import Options, render
from generator.targets import markdown
from generator.targets.markdown_text import md_code, md_inline, md_text
from generator.text import visible_text
from tests.conftest import CASES, ROOT

SPECS = [ROOT / "spec" / "run.yaml", *sorted(CASES.glob("*/spec.yaml"))]
HOSTILE_SPEC = ROOT / "tests" / "fixtures" / "hostile_markdown.yaml"


def parser() -> MarkdownIt:
    # GitHub-style heading anchors, computed by the plugin, not by the target.
    return (
        MarkdownIt("commonmark")
        .enable(["table", "strikethrough"])
        .use(anchors_plugin, max_level=6)
    )


def page_of(spec: Path) -> tuple[ir.Module, str]:
    (module,) = load_modules([str(spec)])
    files = render((module,), Options(targets=("markdown",)))
    return module, files[f"docs/{module.name}.md"]


def inline_text(token: Token) -> str:
    """What an inline token reads as: text, with code spans and emphasis in their markup."""
    out = []
    for child in token.children or []:
        if child.type in ("text", "html_inline"):
            out.append(child.content)
        elif child.type == "code_inline":
            pad = (
                " "
                if child.content.startswith("`") or child.content.endswith("`")
                else ""
            )
            out.append(f"{child.markup}{pad}{child.content}{pad}{child.markup}")
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type in (
            "em_open",
            "em_close",
            "strong_open",
            "strong_close",
            "s_open",
            "s_close",
        ):
            out.append(child.markup)
        elif child.type in ("link_open", "link_close"):
            out.append("")
        else:
            out.append(f"<<{child.type}>>")
    return "".join(out)


@dataclass
class Section:
    level: int
    title: str  # as rendered (a code span's content without its backticks)
    anchor: str
    blocks: list[str] = field(default_factory=list)  # paragraph and list item texts
    children: list[Section] = field(default_factory=list)


def outline(text: str) -> tuple[Section, list[Token]]:
    tokens = parser().parse(text)
    root = Section(0, "", "")
    stack = [root]
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type == "heading_open":
            level = int(token.tag[1])
            title = "".join(c.content for c in tokens[i + 1].children or [])
            section = Section(level, title, str(token.attrs.get("id", "")))
            while stack[-1].level >= level:
                stack.pop()
            stack[-1].children.append(section)
            stack.append(section)
            i += 3
            continue
        if token.type == "inline":
            stack[-1].blocks.append(inline_text(token))
        i += 1
    return root, tokens


def child(section: Section, title: str) -> Section:
    found = [c for c in section.children if c.title == title]
    assert len(found) == 1, (
        f"{title!r} under {section.title!r}: {[c.title for c in section.children]}"
    )
    return found[0]


# An inline link of a description (`[models](https://...)`), which `inline_text`
# reads as its text.
_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")


def _descriptions(module: ir.Module) -> Iterator[str]:
    yield module.description
    for named in (*module.models, *module.enums, *module.unions):
        yield named.description
    for model in module.models:
        for field_ in model.fields:
            yield field_.description


def reads_as(original: str) -> list[str]:
    """A description's paragraphs as the reference shows them (indentation dropped,
    links read as their text)."""
    lines = [line.lstrip(" ") for line in original.split("\n")]
    blocks = []
    for paragraph in "\n".join(lines).split("\n\n"):
        lead, list_start, rest = paragraph.partition("\n- ")
        if list_start and not lead.startswith("- "):  # a list interrupts the text
            blocks.append(lead)
            paragraph = "- " + rest
        if paragraph.startswith("- "):  # a bullet list: each item is a block
            blocks += [
                item for item in re.split(r"^- ", paragraph, flags=re.MULTILINE) if item
            ]
            blocks = [b.removesuffix("\n") for b in blocks]
        elif paragraph:
            blocks.append(paragraph)
    return [_LINK.sub(r"\1", b) for b in blocks]


def check_page(module: ir.Module, text: str) -> list[Token]:
    root, tokens = outline(text)
    (page,) = root.children
    assert page.level == 1 and page.title == f"{module.name} module"
    if module.description:
        for paragraph in reads_as(module.description):
            assert paragraph in page.blocks
    headings = [t for t in tokens if t.type == "heading_open"]
    expected = (
        1
        + bool(module.models)
        + bool(module.enums)
        + bool(module.unions)
        + len(module.models)
        + len(module.enums)
        + len(module.unions)
    )
    expected += sum(len(module.all_fields(m)) for m in module.models)
    assert len(headings) == expected, "a heading was added or lost"
    anchors = {str(t.attrs["id"]) for t in headings}
    if module.models:
        models = child(page, "Models")
        assert [c.title for c in models.children] == [
            m.name for m in module.models
        ]  # spec order
        for model, section in zip(module.models, models.children):
            for paragraph in reads_as(model.description):
                assert paragraph in section.blocks, (model.name, paragraph)
            if model.since:
                assert any(f"Since {model.since}." in b for b in section.blocks)
            if model.deprecated is not None:
                assert any(b.startswith("**Deprecated") for b in section.blocks), (
                    model.name
                )
            fields = module.all_fields(model)  # inherited ones first
            assert [c.title for c in section.children] == [
                f"{model.name}.{visible_text(f.name)}" for f in fields
            ]
            if model.extends is not None:
                said = f"Extends {model.extends}: it has all its fields."
                assert any(b.startswith(said) for b in section.blocks), model.name
            for item, attribute in zip(fields, section.children):
                check_attribute(item, attribute, module)
                owner = module.declarer(model, item.name)
                summary = attribute.blocks[0]
                if owner is model:
                    assert "inherited from" not in summary
                    assert "narrows the field of" not in summary
                elif item in model.fields:
                    assert f"narrows the field of {owner.name}" in summary.split(" · ")
                else:  # before the default, when there is one
                    assert f"inherited from {owner.name}" in summary.split(" · ")
    if module.enums:
        enums = child(page, "Enums")
        assert [c.title for c in enums.children] == [e.name for e in module.enums]
        for enum, section in zip(module.enums, enums.children):
            for paragraph in reads_as(enum.description):
                assert paragraph in section.blocks
            values = [b for b in section.blocks if b.startswith("`")]
            assert values == [
                md_code(v if isinstance(v, str) else json.dumps(v)) for v in enum.values
            ]  # in order, each a code span
            kind = "string" if enum.kind == "string" else "integer"
            said = f"Open: any other {kind} is accepted too." in section.blocks
            assert said == enum.open, enum.name
    if module.unions:
        unions = child(page, "Unions")
        assert [c.title for c in unions.children] == [u.name for u in module.unions]
        for union, section in zip(module.unions, unions.children):
            check_union(union, section, module)
    for token in tokens:
        for link in token.children or []:
            if link.type == "link_open":
                href = str(link.attrs["href"])
                if href.startswith("https://"):  # a description's own link
                    assert any(f"]({href})" in d for d in _descriptions(module))
                    continue
                assert href.startswith("#") and href[1:] in anchors, f"dead link {href}"
    return tokens


def check_union(union: ir.Union, section: Section, module: ir.Module) -> None:
    """Its documentation, how it tells its variants apart, and its variants in order,
    each naming what it references, with its tag in a discriminated union."""
    for paragraph in reads_as(union.description):
        assert paragraph in section.blocks, (union.name, paragraph)
    told = [b for b in section.blocks if b.startswith("Told apart by ")]
    if union.discriminator is None:
        assert not told
    else:
        assert told == [f"Told apart by {md_code(union.discriminator)}."]
    items = section.blocks[-len(union.variants) :]
    assert section.blocks[-len(union.variants) - 1] == "One of:", section.blocks
    for variant, item in zip(union.variants, items):
        position = 0
        for name in ir.referenced_names(variant):
            position = item.index(name, position)  # the link texts, in order
        if union.discriminator is not None:
            assert isinstance(variant, ir.ModelRef)
            tag = next(
                f
                for f in module.all_fields(module.model(variant.name))
                if f.name == union.discriminator
            )
            assert isinstance(tag.type, ir.Const)
            value = md_code(json.dumps(tag.type.value, ensure_ascii=False))
            assert item.endswith(f"({md_code(union.discriminator)}: {value})"), item


def check_attribute(item: ir.Field, section: Section, module: ir.Module) -> None:
    summary = section.blocks[0]
    assert summary.startswith("Type: ")
    presence = {
        (True, True): "required, may be null",
        (True, False): "required",
        (False, True): "optional, may be null",
        (False, False): "optional, never null",
    }[item.required, item.nullable]
    assert f" · {presence}" in summary
    named = ir.referenced_names(item.type)
    for name in named:
        assert name in summary  # the link text
    if item.has_default:
        assert "default `" in summary
    if item.deprecated is not None:
        assert any(b.startswith("**Deprecated") for b in section.blocks[1:])
    for paragraph in reads_as(item.description):
        assert paragraph in section.blocks, (item.name, paragraph, section.blocks)


@pytest.mark.parametrize("spec", SPECS, ids=lambda p: p.parent.name)
def test_every_model_field_and_enum_value_appears_with_its_documentation(
    spec: Path,
) -> None:
    module, text = page_of(spec)
    check_page(module, text)


def test_type_links_point_at_the_models_and_enums() -> None:
    _, text = page_of(ROOT / "spec" / "run.yaml")
    assert "Type: list of [Event](#event) · optional, may be null" in text
    assert "Type: map of string to [FeedbackStats](#feedbackstats)" in text
    assert "Type: [RunType](#runtype) · optional, may be null" in text
    assert "Type: one of `SUCCESS`, `ERROR`, `PENDING`" in text
    _, tree = page_of(CASES / "nested" / "spec.yaml")
    assert "Type: map of string to list of map of string to [Leaf](#leaf)" in tree
    assert "#### `Node.leaf`" in tree


def test_hostile_text_cannot_change_the_structure() -> None:
    module, text = page_of(HOSTILE_SPEC)
    tokens = check_page(module, text)
    kinds = {t.type for t in tokens}
    assert not kinds & {"fence", "code_block", "table_open", "hr", "blockquote_open"}, (
        kinds
    )
    html = [t for t in tokens if t.type == "html_block"]
    assert [t.content.startswith("<!-- Code generated") for t in html] == [True]
    inline_html = [
        c for t in tokens for c in t.children or [] if c.type == "html_inline"
    ]
    assert not inline_html
    code = [
        c.content for t in tokens for c in t.children or [] if c.type == "code_inline"
    ]
    assert (
        text.count("<script") == sum(c.count("<script") for c in code) > 0
    )  # shown as code only


def test_slugger_matches_github_numbering() -> None:
    slugger = markdown.Slugger()
    assert [slugger.slug(t) for t in ("Run", "run", "Run module", "run-1", "Run")] == [
        "run",
        "run-1",
        "run-module",
        "run-1-1",
        "run-2",
    ]


@given(st.text())
@example("Run.end_time (UTC) -- see `x`!")
@example("Ünïcode 名前")
def test_slug_base_keeps_letters_digits_spaces_hyphens_underscores(value: str) -> None:
    # The rule of github-slugger, one character at a time; ASCII text takes a shortcut.
    kept = "".join(
        ch
        for ch in value.lower()
        if ch in " -_" or unicodedata.category(ch)[0] in ("L", "N", "M")
    )
    assert markdown.Slugger.base(value) == kept.replace(" ", "-")


# --- The escaping helpers ------------------------------------------------------


def rendered_inline(text: str) -> str:
    tokens = parser().parse(text)
    return "\n\n".join(inline_text(t) for t in tokens if t.type == "inline")


@pytest.mark.parametrize(
    "text",
    [
        "# not a heading",
        "a | b\n--- | ---",
        "```\nunclosed fence",
        "~~~",
        "<script>alert(1)</script>",
        "text\n===",
        "text\n---",
        "* * *",
        "> not quoted",
        "[ref]: https://example.com",
        "ends with */ and a \\ backslash",
        "&amp; stays &amp; and $x$ stays",
        "a lone ` backtick | pipe",
        "a `code | span` and `` ` `` in one",
        "    indented line",
    ],
)
def test_md_text_renders_as_it_reads(text: str) -> None:
    tokens = parser().parse(md_text(text))
    assert {t.type for t in tokens} <= {
        "paragraph_open",
        "paragraph_close",
        "inline",
    }, md_text(text)
    assert rendered_inline(md_text(text)) == "\n".join(
        line.lstrip(" ") for line in text.split("\n")
    )


def test_md_text_keeps_the_markup_authors_write() -> None:
    assert md_text("Use `new | old` *now*.") == "Use `new | old` *now*."
    assert md_text("- one\n- two") == "- one\n- two"


def test_md_code_and_md_inline() -> None:
    assert md_code("a`b") == "``a`b``"
    assert md_code("`x`") == "`` `x` ``"
    assert md_code("line\nbreak") == "`line\\u000abreak`"
    for text in ("a``b`", "`", " x ", "<b>|</b>"):
        (code,) = [c for t in parser().parse(md_code(text)) for c in t.children or []]
        assert code.type == "code_inline" and code.content == text
    assert rendered_inline(md_inline("__init__ <b> [x](y)")) == "__init__ <b> [x](y)"
