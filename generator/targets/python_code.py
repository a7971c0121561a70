"""What the two Python targets share: annotations, literals, imports and line layout."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator import ir
from generator.targets.type_map import SCALARS
from generator.text import py_string

LINE_LENGTH = 88  # ruff format's default, which the generated code is checked against


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
    if len(line) <= LINE_LENGTH:
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
        # Annotations of field types that name no model or enum: their text never
        # changes within a module, and their imports are already recorded.
        self._fixed: dict[tuple[ir.TypeRef, bool], str] = {}

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
        key = (field_.type, field_.nullable)
        known = self._fixed.get(key)
        if known is not None:
            return known
        text = self.type(field_.type)
        if field_.nullable:
            self.imports.add("typing", "Optional")
            text = f"Optional[{text}]"
        if not isinstance(ir.innermost(field_.type), (ir.ModelRef, ir.EnumRef)):
            self._fixed[key] = text
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
    """`Name = Literal["A", "B"]`, exploded one value per line when it would be too long."""
    items = [py_string(v) for v in values]
    line = f"{name} = Literal[{', '.join(items)}]"
    if len(line) <= LINE_LENGTH:
        return line
    body = "".join(f"    {item},\n" for item in items)
    return f"{name} = Literal[\n{body}]"


def field_statement(
    indent: str, name: str, annotation: str, value: str | None, call: list[str] | None
) -> str:
    """`name: annotation = value`, or `= Field(args)` when `call` is given, laid out as ruff formats it.

    When the line is too long, ruff splits the right-hand side's brackets first;
    a `Field(...)` call goes one argument per line with a trailing comma (which
    ruff keeps), and an over-long annotation is split inside its outermost brackets.
    """
    head = f"{indent}{name}: {annotation}"
    if call is not None:
        value = f"Field({', '.join(call)})"
    line = head if value is None else f"{head} = {value}"
    if len(line) <= LINE_LENGTH:
        return line
    if call is not None:
        head_line = f"{head} = Field("
        if len(head_line) <= LINE_LENGTH:
            joined = f"{indent}    {', '.join(call)}"
            if len(joined) <= LINE_LENGTH and not call[-1].endswith(","):
                return f"{head_line}\n{joined}\n{indent})"
            args = "".join(f"{indent}    {arg},\n" for arg in call)
            return f"{head_line}\n{args}{indent})"
    return line  # ruff leaves an annotation it cannot split better as it is; checked by the tests
