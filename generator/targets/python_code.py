"""What the two Python targets share: annotations, literals, imports and line layout."""

from __future__ import annotations

import ast
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator import ir
from generator.targets.type_map import SCALARS
from generator.text import py_string

LINE_LENGTH = 88  # ruff format's default, which the generated code is checked against


def fits(line: str) -> bool:
    """Whether `line` fits ruff's line length, measured as ruff measures it: in
    terminal columns, where wide (East Asian, emoji) characters take two and
    combining marks none."""
    if line.isascii():
        return len(line) <= LINE_LENGTH
    width = 0
    for ch in line:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width <= LINE_LENGTH


@dataclass
class Imports:
    """`from module import name` lines, sorted the way ruff's isort rules sort them."""

    names: set[tuple[str, str]] = field(default_factory=set)

    def add(self, module: str, name: str) -> None:
        self.names.add((module, name))

    def lines(self, local_modules: Iterable[str] = ()) -> list[str]:
        local = set(local_modules)
        groups: dict[str, dict[str, set[str]]] = {
            "stdlib": {},
            "third": {},
            "local": {},
        }
        for module, name in self.names:
            if module in local:
                group = "local"
            elif module.split(".")[0] in ("datetime", "typing"):
                group = "stdlib"
            else:
                group = "third"
            groups[group].setdefault(module, set()).add(name)
        blocks = []
        for group in ("stdlib", "third", "local"):
            modules = groups[group]
            if not modules:
                continue
            block = []
            for module in sorted(modules, key=lambda m: (m.startswith("."), m)):
                names = sorted(
                    modules[module],
                    key=lambda n: (isort_key(n)[0], _natural(n.lower()), n),
                )
                block.append(_from_import(module, names))
            blocks.append("\n".join(block))
        return blocks


def _natural(text: str) -> tuple[object, ...]:
    return tuple(
        int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)
    )


def isort_key(name: str) -> tuple[object, ...]:
    """Ruff's isort-style order: CONSTANTS, then Classes, then the rest, each in natural order."""
    kind = 0 if len(name) > 1 and name.isupper() else 1 if name[:1].isupper() else 2
    return (kind, _natural(name))


def _from_import(module: str, names: list[str]) -> str:
    line = f"from {module} import {', '.join(names)}"
    if fits(line):
        return line
    body = "".join(f"    {name},\n" for name in names)
    return f"from {module} import (\n{body})"


class AnnotationWriter:
    """Writes IR types as Python annotations (`Optional[List[Event]]`), page style."""

    def __init__(self, module: ir.Module, imports: Imports, defined: set[str]) -> None:
        self.module = module
        self.imports = imports
        self.defined = (
            defined  # names defined so far in the module: later ones are quoted
        )

    def type(self, type_: ir.TypeRef) -> str:
        if isinstance(type_, ir.Scalar):
            mapping = SCALARS[type_.kind]
            if mapping.python_import:
                self.imports.add(*mapping.python_import)
            return mapping.python
        if isinstance(type_, ir.ListOf):
            self.imports.add("typing", "List")
            return f"List[{self.type(type_.item)}]"
        if isinstance(type_, ir.MapOf):
            self.imports.add("typing", "Dict")
            return f"Dict[str, {self.type(type_.value)}]"
        if isinstance(type_, ir.InlineEnum):
            self.imports.add("typing", "Literal")
            return f"Literal[{', '.join(py_string(v) for v in type_.values)}]"
        if type_.name in self.defined:
            return type_.name
        return py_string(type_.name)  # a forward or recursive reference

    def field(self, field_: ir.Field) -> str:
        text = self.type(field_.type)
        if field_.nullable:
            self.imports.add("typing", "Optional")
            return f"Optional[{text}]"
        return text


def value_literal(value: ir.JsonValue) -> str:
    """A Python expression for a JSON value (a field default)."""
    if value is None:
        return "None"
    if isinstance(value, bool):
        return "True" if value else "False"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return py_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(value_literal(v) for v in value) + "]"
    return (
        "{"
        + ", ".join(f"{py_string(k)}: {value_literal(v)}" for k, v in value.items())
        + "}"
    )


def canonical_json(value: ir.JsonValue) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def enum_alias(name: str, values: tuple[str, ...]) -> str:
    """`Name = Literal["A", "B"]`, split inside its brackets as ruff does when too long."""
    items = ", ".join(py_string(v) for v in values)
    return "\n".join(bracketed_lines(f"{name} = ", f"Literal[{items}]", "", ""))


def bracketed_lines(
    prefix: str, expression: str, suffix: str, indent: str
) -> list[str]:
    """`prefix + expression + suffix` laid out as `ruff format` lays out an annotation.

    `expression` is made of names, string literals and subscripts
    (`Optional[Dict[str, Literal["a", "b"]]]`). When a line is too long, the
    outermost brackets split first; their contents go on one indented line when
    that fits, else one item per line with a trailing comma, each split the same
    way in turn. A single item that cannot be split stays as it is.
    """
    node = ast.parse(expression, mode="eval").body
    return _layout(node, expression, prefix, suffix, indent)


def _layout(
    node: ast.expr, source: str, prefix: str, suffix: str, indent: str
) -> list[str]:
    flat = ast.get_source_segment(source, node) or ""
    if fits(f"{prefix}{flat}{suffix}") or not isinstance(node, ast.Subscript):
        return [f"{prefix}{flat}{suffix}"]
    head = ast.get_source_segment(source, node.value) or ""
    items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
    inner = indent + "    "
    texts = [ast.get_source_segment(source, item) or "" for item in items]
    one_line = f"{inner}{', '.join(texts)}"
    if fits(one_line):
        body = [one_line]
    elif len(items) == 1:
        body = _layout(items[0], source, inner, "", inner)
    else:
        body = [
            line for item in items for line in _layout(item, source, inner, ",", inner)
        ]
    return [f"{prefix}{head}[", *body, f"{indent}]{suffix}"]


def field_statement(
    indent: str, name: str, annotation: str, value: str | None, call: list[str] | None
) -> str:
    """`name: annotation = value`, or `= Field(args)` when `call` is given, laid out as ruff formats it.

    When the line is too long, ruff splits the right-hand side first: a
    `Field(...)` call goes one argument per line with a trailing comma (which
    ruff keeps), any other value is parenthesised; when even the line that opens
    the right-hand side is too long, the annotation splits inside its brackets.
    """
    head = f"{indent}{name}: {annotation}"
    if call is not None:
        value = f"Field({', '.join(call)})"
    line = head if value is None else f"{head} = {value}"
    if fits(line):
        return line
    if call is not None:
        head_line = f"{head} = Field("
        if fits(head_line):
            joined = f"{indent}    {', '.join(call)}"
            if fits(joined) and not call[-1].endswith(","):
                return f"{head_line}\n{joined}\n{indent})"
            args = "".join(f"{indent}    {arg},\n" for arg in call)
            return f"{head_line}\n{args}{indent})"
    elif value is not None and fits(f"{head} = ("):
        return f"{head} = (\n{indent}    {value}\n{indent})"
    suffix = "" if value is None else f" = {value}"
    return "\n".join(bracketed_lines(f"{indent}{name}: ", annotation, suffix, indent))
