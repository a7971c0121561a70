"""Target: TypeScript declarations (`typescript/<module>.ts`, `typescript/index.ts`).

An interface describes the JSON object itself, so its keys are wire names: a
key that is not an identifier is written as a string literal. A field that may
be absent is optional (`?:`), one that may be null adds `| null`. Named enums
are string-literal union types; inline enums are inline unions. Models with
`extra: allow` get no index signature: TypeScript interfaces already accept
values with more keys, and an index signature would switch off the excess
property check that catches misspelt keys in object literals.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import NamedTuple

from typing_extensions import assert_never

from generator import constraints, ir
from generator.diagnostics import Code, Diagnostic, Location
from generator.rendering import Templates
from generator.targets.markdown_text import md_code
from generator.targets.per_type import PerType
from generator.targets.target import Target, TargetOptions
from generator.targets.type_map import SCALARS
from generator.targets.typescript_text import (
    ts_doc_comment,
    ts_line_comment,
    ts_string,
)

FOLDER = "typescript"
INDEX_MODULE = "index"  # the barrel file that re-exports every module

# ASCII IdentifierName: anything else is quoted (always valid, and never
# dependent on which Unicode version a reader's compiler implements).
_IDENTIFIER_NAME = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*\Z")

# Names a type cannot have: reserved words (a syntax error), strict-mode and
# module reserved words, the predefined types, and the built-in `Record` that
# maps are written with. Checked against `tsc` in tests/test_typescript.py.
RESERVED_TYPE_NAMES = frozenset(
    (
        *(
            "break",
            "case",
            "catch",
            "class",
            "const",
            "continue",
            "debugger",
            "default",
            "delete",
            "do",
            "else",
            "enum",
            "export",
            "extends",
            "false",
            "finally",
            "for",
            "function",
            "if",
            "import",
            "in",
            "instanceof",
            "new",
            "null",
            "return",
            "super",
            "switch",
            "this",
            "throw",
            "true",
            "try",
            "typeof",
            "var",
            "void",
            "while",
            "with",
            "as",
        ),
        *(
            "implements",
            "interface",
            "let",
            "package",
            "private",
            "protected",
            "public",
            "static",
            "yield",
            "await",
        ),
        *(
            "any",
            "bigint",
            "boolean",
            "never",
            "number",
            "object",
            "string",
            "symbol",
            "undefined",
            "unknown",
        ),
        "Record",
    )
)


class PropertyView(NamedTuple):  # a tuple: built for every field, so kept cheap
    doc: str | None
    declaration: str  # `key?: Type | null;`


@dataclass(frozen=True)
class InterfaceView:
    name: str
    extends: str | None
    doc: str | None
    properties: tuple[PropertyView, ...]


@dataclass(frozen=True)
class AliasView:
    doc: str | None
    declaration: str  # `export type Name = "A" | "B";`, wrapped when long


@dataclass(frozen=True)
class ModuleView:
    header: str
    description: str | None
    aliases: tuple[AliasView, ...]
    interfaces: tuple[InterfaceView, ...]
    unions: tuple[AliasView, ...] = ()  # after the interfaces they name
    imports: tuple[str, ...] = ()  # `import type` lines for other modules' types


def property_key(name: str) -> str:
    return name if _IDENTIFIER_NAME.match(name) else ts_string(name)


def literal(value: ir.ConstValue) -> str:
    """A TypeScript literal type: `"text"`, `0`, `true`."""
    if isinstance(value, str):
        return ts_string(value)
    return json.dumps(value)


def _union(values: tuple[ir.ConstValue, ...]) -> str:
    return " | ".join(literal(v) for v in values)


def _is_union(type_: ir.TypeRef) -> bool:
    """Whether `type_` is written with `|` at its top (a list of it needs parentheses)."""
    match type_:
        case ir.InlineEnum(values):
            return len(values) > 1
        case ir.OneOf() | ir.Nullable():
            return True
        case ir.Scalar(kind):
            return " | " in SCALARS[kind].typescript  # a decimal: `string | number`
        case _:
            return False


def type_expression(type_: ir.TypeRef) -> str:
    match type_:
        case ir.Scalar(kind):
            return SCALARS[kind].typescript
        case ir.ListOf(item):
            text = type_expression(item)
            return f"({text})[]" if _is_union(item) else f"{text}[]"
        case ir.MapOf(value):
            return f"Record<string, {type_expression(value)}>"
        case ir.InlineEnum(values):
            return _union(values)
        case ir.Const(value):
            return literal(value)
        case ir.OneOf(variants):
            return " | ".join(type_expression(v) for v in variants)
        case ir.Nullable(item):
            text = type_expression(item)
            return text if _admits_null(item) else f"{text} | null"
        case ir.ModelRef(name) | ir.EnumRef(name) | ir.UnionRef(name):
            return ir.qualified(name)[1]
        case _:
            assert_never(type_)


def _admits_null(type_: ir.TypeRef) -> bool:
    """`unknown` already includes null; `unknown | null` would only add noise."""
    return isinstance(type_, ir.Scalar) and SCALARS[type_.kind].typescript == "unknown"


Tags = tuple[tuple[str, str], ...]


def _doc(
    description: str, *, indent: str, notes: tuple[str, ...] = (), tags: Tags = ()
) -> str | None:
    text = "\n\n".join(p for p in (description, *notes) if p) if notes else description
    return ts_doc_comment(text, indent, tags) if text or tags else None


def _deprecated_tag(deprecation: ir.Deprecation | None) -> Tags:
    if deprecation is None:
        return ()
    return (("@deprecated", deprecation.message or ""),)


def _since_tag(since: str | None) -> Tags:
    return (("@since", since),) if since else ()


def _type_notes(type_: ir.TypeRef) -> tuple[str, ...]:
    inner = ir.innermost(type_)
    if isinstance(inner, ir.Scalar):
        note = SCALARS[inner.kind].typescript_note
        if note:
            return (note,)
    return ()


def _type_text(type_: ir.TypeRef, nullable: bool) -> str:
    """`: Type;`, or `: Type | null;` for a nullable field."""
    if not nullable and _admits_null(type_):
        return ": {};"  # any value but null (and undefined)
    text = type_expression(type_)
    if nullable and not _admits_null(type_) and not ir.lists_null(type_):
        text = f"{text} | null"
    return f": {text};"


class _TypeTexts:
    """Each field type's text (nullable or not) and notes, worked out once per type."""

    def __init__(self) -> None:
        self.plain = PerType(lambda type_: _type_text(type_, False))
        self.nullable = PerType(lambda type_: _type_text(type_, True))
        self.notes = PerType(_type_notes)


def _property_view(
    field: ir.Field, types: _TypeTexts, frozen: bool = False
) -> PropertyView:
    type_text = (types.nullable if field.nullable else types.plain)(field.type)
    optional = "" if field.required else "?"
    readonly = "readonly " if frozen else ""  # a frozen model's
    declaration = f"{readonly}{property_key(field.name)}{optional}{type_text}"
    notes = types.notes(field.type)
    if field.constraints:
        notes = (
            *notes,
            f"Constraints: {md_code(constraints.describe(field.constraints))}.",
        )
    tags: Tags = ()
    if field.has_default or field.since or field.deprecated is not None:
        listed: list[tuple[str, str]] = []
        if field.has_default:
            default = json.dumps(field.default, ensure_ascii=False)
            listed.append(("@defaultValue", md_code(default)))  # TSDoc text is Markdown
        listed.extend(_since_tag(field.since))
        listed.extend(_deprecated_tag(field.deprecated))
        tags = tuple(listed)
    doc = _doc(field.description, indent="  ", notes=notes, tags=tags)
    return PropertyView(doc, declaration)


def _alias_declaration(name: str, members: tuple[str, ...]) -> str:
    """One line when it fits in 80 columns, else one member per line (as Prettier writes it)."""
    line = f"export type {name} = {' | '.join(members)};"
    if len(line) <= 80:
        return line
    lines = "\n".join(f"  | {member}" for member in members)
    return f"export type {name} =\n{lines};"


def _enum_members(enum: ir.Enum) -> tuple[str, ...]:
    members = tuple(literal(v) for v in enum.values)
    if enum.open:
        # Any other value too; `& {}` keeps the known ones offered by editors.
        members += (f"({'string' if enum.kind == 'string' else 'number'} & {{}})",)
    return members


def _union_members(union: ir.Union) -> tuple[str, ...]:
    return tuple(
        f"({text})" if _is_union(v) else text
        for v in union.variants
        for text in (type_expression(v),)
    )


def generated_header(module: ir.Module) -> str:
    spec = module.source.replace("\\", "/").rsplit("/", 1)[-1] or f"{module.name}.yaml"
    return f"// Code generated by schemasmith from {spec}. DO NOT EDIT."


def module_view(module: ir.Module) -> ModuleView:
    aliases = tuple(
        AliasView(
            _doc(
                e.description,
                indent="",
                tags=(*_since_tag(e.since), *_deprecated_tag(e.deprecated)),
            ),
            _alias_declaration(e.name, _enum_members(e)),
        )
        for e in module.enums
    )
    unions = tuple(
        AliasView(
            _doc(
                u.description,
                indent="",
                tags=(*_since_tag(u.since), *_deprecated_tag(u.deprecated)),
            ),
            _alias_declaration(u.name, _union_members(u)),
        )
        for u in module.unions
    )
    types = _TypeTexts()
    interfaces = tuple(
        InterfaceView(
            m.name,
            m.extends,
            _doc(
                m.description,
                indent="",
                tags=(*_since_tag(m.since), *_deprecated_tag(m.deprecated)),
            ),
            tuple(_property_view(f, types, m.frozen) for f in m.fields),
        )
        for m in module.models
    )
    return ModuleView(
        header=generated_header(module),
        description=ts_line_comment(module.description) if module.description else None,
        aliases=aliases,
        interfaces=interfaces,
        unions=unions,
        imports=tuple(
            f'import type {{ {", ".join(names)} }} from "./{owner}";'
            for owner, names in ir.imported_names(module).items()
        ),
    )


def render(
    modules: tuple[ir.Module, ...], templates: Templates, options: TargetOptions
) -> dict[str, str]:
    files = {
        f"{FOLDER}/{INDEX_MODULE}.ts": templates.render(
            "typescript/index.ts.jinja", modules=[m.name for m in modules]
        )
    }
    for module in modules:
        files[f"{FOLDER}/{module.name}.ts"] = templates.render(
            "typescript/module.ts.jinja", module=module_view(module)
        )
    return files


def check(modules: tuple[ir.Module, ...], options: TargetOptions) -> list[Diagnostic]:
    diagnostics: list[Diagnostic] = []
    exported: dict[str, str] = {}
    for module in modules:
        if module.name == INDEX_MODULE:
            diagnostics.append(
                Diagnostic(
                    Location(module.source or "<spec>", 1, 1),
                    f"module name '{INDEX_MODULE}' is taken by the TypeScript package's "
                    f"{FOLDER}/{INDEX_MODULE}.ts, which re-exports every module; "
                    "rename the module (`module:`) or the file",
                    Code.RESERVED_NAME,
                )
            )
        items = module.named_types
        for item in items:
            location = item.location or Location(module.source or "<spec>", 1, 1)
            if item.name in RESERVED_TYPE_NAMES:
                diagnostics.append(
                    Diagnostic(
                        location,
                        f"'{item.name}' cannot name a TypeScript type (a reserved word or a "
                        "built-in type the generated code uses); rename it",
                        Code.RESERVED_NAME,
                    )
                )
            if item.name in exported and exported[item.name] != module.name:
                # Worded as the Python targets word it, so one problem is reported once.
                diagnostics.append(
                    Diagnostic(
                        location,
                        f"'{item.name}' is also defined in module '{exported[item.name]}'; "
                        "names must be unique across specs, since the packages re-export them",
                        Code.NAME_CLASH,
                    )
                )
            exported.setdefault(item.name, module.name)
    return diagnostics


TARGET = Target(
    name="typescript",
    summary="TypeScript types",
    folder=FOLDER,
    render=render,
    checks=(check,),
    shared_files=(f"{FOLDER}/{INDEX_MODULE}.ts",),
)
