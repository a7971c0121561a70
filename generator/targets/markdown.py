"""Target: a Markdown reference page per module (`docs/<module>.md`).

The page reads top-down: the module's description, an index, each model in
spec order with a heading per attribute (`Run.end_time`, so long,
multi-paragraph documentation stays readable and every attribute can be
linked to), then each enum with its values. Types are written the way a reader says them
(`list of [Event](#event)`), linking to the models and enums on the page.

Links use the anchors GitHub gives headings (github-slugger: lowercased, most
punctuation dropped, spaces to `-`, repeats numbered `-1`, `-2`, ...), computed
here for every heading in page order, so a repeated name still links right.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple

from typing_extensions import assert_never

from generator import constraints, ir
from generator.rendering import Templates
from generator.targets import json_schema
from generator.targets.markdown_text import md_code, md_inline, md_text
from generator.targets.per_type import PerType
from generator.targets.target import Target, TargetOptions
from generator.targets.type_map import SCALARS
from generator.text import visible_text

FOLDER = "docs"


class Slugger:
    """GitHub's heading anchors (the github-slugger algorithm), in page order."""

    def __init__(self) -> None:
        self.occurrences: dict[str, int] = {}

    @staticmethod
    def base(text: str) -> str:
        lowered = text.lower()
        if lowered.isascii():  # the usual case: ASCII letters and digits are kept
            return _ASCII_NOT_KEPT.sub("", lowered).replace(" ", "-")
        kept = "".join(ch for ch in lowered if _kept_in_slug(ch))
        return kept.replace(" ", "-")

    def slug(self, text: str) -> str:
        original = result = self.base(text)
        while result in self.occurrences:
            self.occurrences[original] += 1
            result = f"{original}-{self.occurrences[original]}"
        self.occurrences[result] = 0
        return result


_ASCII_NOT_KEPT = re.compile(r"[^a-z0-9 _\-]")


def _kept_in_slug(ch: str) -> bool:
    if ch in " -_":
        return True
    return unicodedata.category(ch)[0] in ("L", "N", "M")


class AttributeView(NamedTuple):  # a tuple: built for every field, so kept cheap
    heading: str
    summary: str  # type, presence, default, since
    deprecation: str | None
    description: str | None


@dataclass(frozen=True)
class ModelView:
    heading: str
    description: str | None
    summary: str
    deprecation: str | None
    attributes: tuple[AttributeView, ...]


@dataclass(frozen=True)
class EnumView:
    heading: str
    description: str | None
    summary: str | None
    deprecation: str | None
    values: tuple[str, ...]


@dataclass(frozen=True)
class UnionView:
    heading: str
    description: str | None
    summary: str | None
    deprecation: str | None
    variants: tuple[str, ...]  # each with its tag, in a discriminated union


@dataclass(frozen=True)
class LinkView:
    text: str
    anchor: str


@dataclass(frozen=True)
class PageView:
    header: str
    title: str
    description: str | None
    root: LinkView | None
    schema: str  # how the page names the module's JSON Schema
    model_index: tuple[LinkView, ...]
    enum_index: tuple[LinkView, ...]
    union_index: tuple[LinkView, ...]
    models: tuple[ModelView, ...]
    enums: tuple[EnumView, ...]
    unions: tuple[UnionView, ...]


def _link(name: str, anchors: dict[str, str]) -> str:
    """`anchors` maps a type to its heading's anchor, or to `page.md#anchor` for
    a type of another module."""
    target = anchors[name]
    return f"[{md_inline(name)}]({target if '#' in target else '#' + target})"


def type_text(type_: ir.TypeRef, anchors: dict[str, str]) -> str:
    """The type as a reader says it, in Markdown: `map of string to list of [Leaf](#leaf)`."""
    match type_:
        case ir.Scalar(kind, format):
            text = SCALARS[kind].reference
            return f"{text} ({format})" if format else text
        case ir.ListOf(item):
            return f"list of {type_text(item, anchors)}"
        case ir.MapOf(value):
            return f"map of string to {type_text(value, anchors)}"
        case ir.InlineEnum(values):
            return "one of " + ", ".join(md_code(v) for v in values)
        case ir.ModelRef(name) | ir.EnumRef(name) | ir.UnionRef(name):
            return _link(name, anchors)
        case ir.Const(value):
            return f"constant {md_code(json.dumps(value, ensure_ascii=False))}"
        case ir.OneOf(variants):
            return "one of: " + ", ".join(type_text(v, anchors) for v in variants)
        case ir.Nullable(item):
            return f"{type_text(item, anchors)} or null"
        case _:
            assert_never(type_)


def _presence(field: ir.Field) -> str:
    if field.required:
        return "required, may be null" if field.nullable else "required"
    return "optional, may be null" if field.nullable else "optional, never null"


def _deprecation(deprecation: ir.Deprecation | None) -> str | None:
    if deprecation is None:
        return None
    if deprecation.message:
        return f"**Deprecated:** {md_text(deprecation.message)}"
    return "**Deprecated.**"


def _extends(model: ir.Model, anchors: dict[str, str]) -> list[str]:
    if model.extends is None:
        return []
    return [f"Extends {_link(model.extends, anchors)}: it has all its fields."]


def _origin(
    module: ir.Module, model: ir.Model, field: ir.Field, anchors: dict[str, str]
) -> str | None:
    """Where a field of a model that extends another comes from: inherited from a
    base, or declared again to narrow a base's (None: the model's own)."""
    owner = module.declarer(model, field.name)
    if owner is model:
        return None
    if field in model.fields:
        return f"narrows the field of {_link(owner.name, anchors)}"
    return f"inherited from {_link(owner.name, anchors)}"


def _attribute(
    model: ir.Model,
    field: ir.Field,
    anchors: dict[str, str],
    type_texts: PerType[str],
    origin: str | None = None,
) -> AttributeView:
    parts = [type_texts(field.type), _presence(field)]
    if origin is not None:
        parts.append(origin)
    if field.has_default:
        parts.append(
            f"default {md_code(json.dumps(field.default, ensure_ascii=False))}"
        )
    if field.constraints:
        parts.append(md_code(constraints.describe(field.constraints)))
    if field.since:
        parts.append(f"since {md_inline(field.since)}")
    if field.secret:
        parts.append("secret: keep it out of logs")
    return AttributeView(
        # Qualified, so that its anchor (`runend_time`) cannot take a model's.
        heading=md_code(f"{model.name}.{field.name}"),
        summary="Type: " + " · ".join(parts),
        deprecation=_deprecation(field.deprecated),
        description=md_text(field.description) if field.description else None,
    )


_DIRECTION = {
    "response": "Read from responses.",
    "request": "Sent in requests.",
    "both": "",
}
_EXTRA = {
    "allow": "Unknown keys are kept.",
    "ignore": "Unknown keys are ignored.",
    "forbid": "Unknown keys are rejected.",
}


_FROZEN = "Immutable: its values cannot be changed once it is made."


def _since(since: str | None) -> list[str]:
    return [f"Since {md_inline(since)}."] if since else []


def page_view(
    module: ir.Module, others: Mapping[str, ir.Module] | None = None
) -> PageView:
    """`others`: the modules of the run by name (those `module` imports from)."""
    anchors = _anchors(module)
    for owner, names in ir.imported_names(module).items():
        theirs = _anchors((others or {})[owner])
        for name in names:
            anchors[f"{owner}.{name}"] = f"{owner}.md#{theirs[name]}"
    return _page_view(module, anchors)


def _anchors(module: ir.Module) -> dict[str, str]:
    # Anchors for every heading, in the order the template writes them.
    slugger = Slugger()
    title = f"{module.name} module"  # a space: never the anchor of a model or enum
    slugger.slug(title)
    anchors: dict[str, str] = {}
    if module.models:
        slugger.slug("Models")
    for model in module.models:
        anchors[model.name] = slugger.slug(model.name)
        for field in module.all_fields(model):
            slugger.slug(f"{model.name}.{visible_text(field.name)}")
    if module.enums:
        slugger.slug("Enums")
    for enum in module.enums:
        anchors[enum.name] = slugger.slug(enum.name)
    if module.unions:
        slugger.slug("Unions")
    for union in module.unions:
        anchors[union.name] = slugger.slug(union.name)
    return anchors


def _page_view(module: ir.Module, anchors: dict[str, str]) -> PageView:
    type_texts = PerType(lambda type_: type_text(type_, anchors))
    models = tuple(
        ModelView(
            heading=md_inline(m.name),
            description=md_text(m.description) if m.description else None,
            summary=" ".join(
                p
                for p in (
                    *_extends(m, anchors),
                    *_since(m.since),
                    _DIRECTION[m.direction],
                    _EXTRA[m.extra],
                    _FROZEN if m.frozen else "",
                )
                if p
            ),
            deprecation=_deprecation(m.deprecated),
            attributes=tuple(
                _attribute(m, f, anchors, type_texts, _origin(module, m, f, anchors))
                for f in module.all_fields(m)
            ),
        )
        for m in module.models
    )
    enums = tuple(
        EnumView(
            heading=md_inline(e.name),
            description=md_text(e.description) if e.description else None,
            summary=" ".join([*_since(e.since), *_open(e)]) or None,
            deprecation=_deprecation(e.deprecated),
            values=tuple(
                md_code(json.dumps(v, ensure_ascii=False))
                if isinstance(v, int)
                else md_code(v)
                for v in e.values
            ),
        )
        for e in module.enums
    )
    unions = tuple(
        UnionView(
            heading=md_inline(u.name),
            description=md_text(u.description) if u.description else None,
            summary=" ".join([*_since(u.since), *_told_apart(u)]) or None,
            deprecation=_deprecation(u.deprecated),
            variants=tuple(_variant(u, v, module, anchors) for v in u.variants),
        )
        for u in module.unions
    )
    spec = module.source.replace("\\", "/").rsplit("/", 1)[-1] or f"{module.name}.yaml"
    return PageView(
        header=f"<!-- Code generated by schemasmith from {_comment_safe(spec)}. DO NOT EDIT. -->",
        title=md_inline(f"{module.name} module"),
        description=md_text(module.description) if module.description else None,
        schema=_schema_name(module),
        root=LinkView(md_inline(module.root), anchors[module.root])
        if module.root
        else None,
        model_index=tuple(
            LinkView(md_inline(m.name), anchors[m.name]) for m in module.models
        ),
        enum_index=tuple(
            LinkView(md_inline(e.name), anchors[e.name]) for e in module.enums
        ),
        union_index=tuple(
            LinkView(md_inline(u.name), anchors[u.name]) for u in module.unions
        ),
        models=models,
        enums=enums,
        unions=unions,
    )


def _open(enum: ir.Enum) -> list[str]:
    if not enum.open:
        return []
    return [
        f"Open: any other {'string' if enum.kind == 'string' else 'integer'} is accepted too."
    ]


def _told_apart(union: ir.Union) -> list[str]:
    if union.discriminator is None:
        return []
    return [f"Told apart by {md_code(union.discriminator)}."]


def _variant(
    union: ir.Union, variant: ir.TypeRef, module: ir.Module, anchors: dict[str, str]
) -> str:
    """A variant, and in a discriminated union the value of its tag."""
    text = type_text(variant, anchors)
    if union.discriminator is None or not isinstance(variant, ir.ModelRef):
        return text
    model = module.model(variant.name)
    tag = next(f for f in module.all_fields(model) if f.name == union.discriminator)
    assert isinstance(tag.type, ir.Const)
    value = json.dumps(tag.type.value, ensure_ascii=False)
    return f"{text} ({md_code(union.discriminator)}: {md_code(value)})"


def _schema_name(module: ir.Module) -> str:
    identifier = json_schema.schema_id(module)
    if identifier is None:
        return f"The module's JSON Schema ({md_code(f'json_schema/{module.name}.schema.json')})"
    return f"The module's JSON Schema ({md_code(identifier)})"


def _comment_safe(text: str) -> str:
    """A file name inside an HTML comment: `--` and `>` cannot end it early."""
    return (
        text.replace("-", "&#45;").replace(">", "&gt;")
        if "--" in text or ">" in text
        else text
    )


def render(
    modules: tuple[ir.Module, ...], templates: Templates, options: TargetOptions
) -> dict[str, str]:
    by_name = {m.name: m for m in modules}
    return {
        f"{FOLDER}/{m.name}.md": templates.render(
            "markdown/module.md.jinja", page=page_view(m, by_name)
        )
        for m in modules
    }


TARGET = Target(
    name="markdown",
    summary="a Markdown reference page",
    folder=FOLDER,
    render=render,
)
