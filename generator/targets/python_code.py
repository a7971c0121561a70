"""What the two Python targets share: annotations, literals, imports and line layout."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from generator import ir
from generator.targets.type_map import SCALARS
from generator.text import py_docstring, py_string

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


@dataclass(frozen=True)
class Subscript:
    """An annotation such as `Dict[str, List[Event]]`, kept as a tree so long ones can be laid out."""

    head: str
    items: tuple[Annotation, ...]

    def __str__(self) -> str:
        return f"{self.head}[{', '.join(str(item) for item in self.items)}]"


Annotation = str | Subscript


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
        self._fixed: dict[tuple[ir.TypeRef, bool], Annotation] = {}

    def type(self, type_: ir.TypeRef) -> Annotation:
        if isinstance(type_, ir.Scalar):
            mapping = SCALARS[type_.kind]
            if mapping.python_import:
                self.imports.add(*mapping.python_import)
            return mapping.python
        if isinstance(type_, ir.ListOf):
            self.imports.add("typing", "List")
            return Subscript("List", (self.type(type_.item),))
        if isinstance(type_, ir.MapOf):
            self.imports.add("typing", "Dict")
            return Subscript("Dict", ("str", self.type(type_.value)))
        if isinstance(type_, ir.InlineEnum):
            self.imports.add("typing", "Literal")
            return Subscript("Literal", tuple(py_string(v) for v in type_.values))
        if type_.name in self.defined:
            return type_.name
        return py_string(type_.name)  # a forward or recursive reference

    def field(self, field_: ir.Field) -> Annotation:
        key = (field_.type, field_.nullable)
        known = self._fixed.get(key)
        if known is not None:
            return known
        annotation = self.type(field_.type)
        if field_.nullable:
            self.imports.add("typing", "Optional")
            annotation = Subscript("Optional", (annotation,))
        if not isinstance(ir.innermost(field_.type), (ir.ModelRef, ir.EnumRef)):
            self._fixed[key] = annotation
        return annotation


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
    literal = Subscript("Literal", tuple(py_string(v) for v in values))
    line = f"{name} = {literal}"
    if fits(line):
        return line
    return f"{name} = {_split(literal, '')}"


def field_statement(
    indent: str,
    name: str,
    annotation: Annotation,
    value: str | None,
    call: list[str] | None,
) -> str:
    """`name: annotation = value`, or `= Field(args)` when `call` is given, laid out as `ruff format` does.

    A line that is too long is split the way ruff splits an annotated
    assignment: the right-hand `Field(...)` call first, when its opening line
    fits; otherwise the annotation inside its outermost brackets (recursively);
    a long literal on the right goes in parentheses.
    """
    head = f"{indent}{name}: "
    rhs = f"Field({', '.join(call)})" if call is not None else value
    tail = "" if rhs is None else f" = {rhs}"
    line = f"{head}{annotation}{tail}"
    if fits(line):
        return line
    # Ruff picks the first layout that fits: the annotation flat and the value
    # broken (a call inside its own brackets, else the value in parentheses);
    # then the annotation broken and the value flat; then both broken.
    parenthesized = f"{head}{annotation} = (\n{indent}    {rhs}\n{indent})"
    opening_fits = fits(f"{head}{annotation} = (")
    inner_fits = rhs is not None and fits(f"{indent}    {rhs}")
    if call is not None:
        broken_call = (
            f"{head}{annotation} = Field(\n{_arguments(call, indent)}\n{indent})"
        )
        if fits(f"{head}{annotation} = Field("):
            return broken_call
        if opening_fits:
            inner = indent + "    "
            if not inner_fits:  # the call breaks inside the parentheses too
                rhs = f"Field(\n{_arguments(call, inner)}\n{inner})"
            return f"{head}{annotation} = (\n{inner}{rhs}\n{indent})"
        if not isinstance(annotation, Subscript):
            return broken_call
        text = head + _split(annotation, indent)
        if not fits(f"{indent}]{tail}"):
            return f"{text} = Field(\n{_arguments(call, indent)}\n{indent})"
        return text + tail
    if rhs is not None and opening_fits and inner_fits:
        return parenthesized
    if not isinstance(annotation, Subscript):
        if rhs is None and fits(f"{indent}    {annotation}"):
            return f"{head}(\n{indent}    {annotation}\n{indent})"
        return line  # nothing ruff could split
    text = head + _split(annotation, indent)
    if rhs is not None and opening_fits and not fits(f"{indent}]{tail}"):
        return parenthesized  # neither fits: ruff keeps the annotation whole
    return text + tail


def _arguments(arguments: list[str], indent: str) -> str:
    inner = indent + "    "
    joined = f"{inner}{', '.join(arguments)}"
    if fits(joined):
        return joined
    return "\n".join(f"{inner}{argument}," for argument in arguments)


def _split(annotation: Subscript, indent: str) -> str:
    """`Head[` newline, the items one level deeper, newline, `]` at `indent`."""
    inner = indent + "    "
    items = annotation.items
    if len(items) == 1:
        (item,) = items
        body = inner + _fit(item, inner, "")
    else:
        joined = f"{inner}{', '.join(str(item) for item in items)}"
        if fits(joined):
            body = joined
        else:  # one item per line, with the trailing comma ruff adds (and then keeps)
            body = "\n".join(inner + _fit(item, inner, ",") for item in items)
    return f"{annotation.head}[\n{body}\n{indent}]"


def _fit(item: Annotation, indent: str, suffix: str) -> str:
    flat = f"{item}{suffix}"
    if fits(indent + flat) or not isinstance(item, Subscript):
        return flat
    return _split(item, indent) + suffix


def dict_entry(indent: str, key: str, annotation: Annotation) -> str:
    """`"key": Annotation,` inside a dict display, split inside its brackets when too long."""
    line = f"{indent}{key}: {annotation},"
    if fits(line) or not isinstance(annotation, Subscript):
        return line
    return f"{indent}{key}: {_split(annotation, indent)},"


@dataclass(frozen=True)
class PackageView:
    """A package `__init__.py`: re-export every name of every module."""

    imports: tuple[str, ...]
    exports: tuple[str, ...]


def package_view(
    modules: tuple[ir.Module, ...], base_names: tuple[str, ...]
) -> PackageView:
    """`base_names` come from the package's `_base` module, when it has one."""
    imports = Imports()
    names: list[str] = list(base_names)
    for name in base_names:
        imports.add("._base", name)
    for module in modules:
        for item in module.named_types:
            imports.add(f".{module.name}", item.name)
            names.append(item.name)
    local = ["._base", *(f".{m.name}" for m in modules)]
    return PackageView(
        tuple(imports.lines(local_modules=local)),
        tuple(py_string(n) for n in sorted(names, key=isort_key)),
    )


@dataclass(frozen=True)
class EnumView:
    statement: str
    docstring: str | None


def generated_header(module: ir.Module) -> str:
    spec = module.source.replace("\\", "/").rsplit("/", 1)[-1] or f"{module.name}.yaml"
    return f"# Code generated by schemasmith from {spec}. DO NOT EDIT."


def module_docstring(module: ir.Module, what: str) -> str:
    text = module.description or f"{what} of the `{module.name}` spec."
    return py_docstring(text, "")
