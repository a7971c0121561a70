"""What the two Python targets share: annotations, literals, imports and line layout."""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from typing_extensions import assert_never

from generator import ir
from generator.targets.per_type import PerType
from generator.targets.python_text import py_docstring, py_string
from generator.targets.type_map import SCALARS

# Written by both Python targets: it makes the output folder a package.
ROOT_INIT = "__init__.py"

LINE_LENGTH = 88  # ruff format's default, which the generated code is checked against


def width(text: str) -> int:
    """The columns ruff format counts for `text` (its `unicode-width` rules: wide and
    fullwidth characters take two columns; combining marks and Hangul medial vowels
    and final consonants none)."""
    columns = 0
    for ch in text:
        if unicodedata.category(ch) in ("Mn", "Me") or "\u1160" <= ch <= "\u11ff":
            continue
        columns += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return columns


def fits(line: str) -> bool:
    if line.isascii():  # the usual case: a column per character
        return len(line) <= LINE_LENGTH
    return width(line) <= LINE_LENGTH


# How a lazy package imports: private, so that no spec name can shadow it.
LAZY_IMPORT = "import_module as _import_module"


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
            elif module.split(".")[0] in _STDLIB:
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
            for module in sorted(modules, key=_module_order):
                names = sorted(
                    modules[module],
                    key=lambda n: (isort_key(n)[0], _natural(n.lower()), n),
                )
                block.append(_from_import(module, names))
            blocks.append("\n".join(block))
        return blocks


_STDLIB = ("datetime", "decimal", "importlib", "typing", "uuid")


def _module_order(module: str) -> tuple[object, ...]:
    """Absolute modules first, then relative ones, the furthest (most dots) first."""
    dots = len(module) - len(module.lstrip("."))
    return (dots > 0, -dots, _natural(module))


@functools.lru_cache(maxsize=4096)  # the same few names, sorted in every module
def _natural(text: str) -> tuple[object, ...]:
    return tuple(
        int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text)
    )


def isort_key(name: str) -> tuple[object, ...]:
    """Ruff's isort-style order: CONSTANTS, then Classes, then the rest, each in natural order."""
    kind = 0 if len(name) > 1 and name.isupper() else 1 if name[:1].isupper() else 2
    return (kind, _natural(name))


def _from_import(module: str, names: list[str], indent: str = "") -> str:
    line = f"{indent}from {module} import {', '.join(names)}"
    if fits(line):
        return line
    body = "".join(f"{indent}    {name},\n" for name in names)
    return f"{indent}from {module} import (\n{body}{indent})"


def alias_lines(aliases: Iterable[str]) -> tuple[str, ...]:
    """`_object = object`: the types that fields' names shadow inside classes."""
    return tuple(f"_{name} = {name}" for name in sorted(aliases))


def type_checking_block(imports: list[tuple[str, str]]) -> str:
    """`if TYPE_CHECKING:` and a `from module import ...` line per module of the
    (module, name) pairs, sorted as the other imports are."""
    by_module: dict[str, list[str]] = {}
    for module, name in imports:
        by_module.setdefault(module, []).append(name)
    lines = [
        _from_import(module, sorted(by_module[module], key=isort_key), "    ")
        for module in sorted(by_module, key=_module_order)
    ]
    return "\n".join(["if TYPE_CHECKING:", *lines])


def late_imports(imports: list[tuple[str, str]]) -> str:
    """`from module import name` for each (module, name) pair, in the order of the
    other imports: to be written below the code that uses the names."""
    by_module: dict[str, list[str]] = {}
    for module, name in sorted(imports, key=lambda p: (_module_order(p[0]), p[1])):
        by_module.setdefault(module, []).append(name)
    return "\n".join(_from_import(m, names) for m, names in by_module.items())


# The imports an annotation needs, as (module, name) pairs.
Needs = frozenset[tuple[str, str]]


class FixedAnnotations:
    """Annotations of field types that name no model or enum, with the imports
    they need: the same in every module of a spec, so worked out once per type
    (None for a type that names one: it is quoted or not by what a module has
    defined)."""

    def __init__(self, module: ir.Module, models: bool = False) -> None:
        self._module = module
        self._models = models
        self._by_kind = {
            kind: PerType(functools.partial(self._make, kind=kind))
            for kind in ((False, False), (False, True), (True, False), (True, True))
        }

    def __call__(
        self, type_: ir.TypeRef, nullable: bool, sequence: bool
    ) -> tuple[Node, Needs] | None:
        return self._by_kind[nullable, sequence](type_)

    def _make(
        self, type_: ir.TypeRef, kind: tuple[bool, bool]
    ) -> tuple[Node, Needs] | None:
        nullable, sequence = kind
        if ir.referenced_names(type_):
            return None
        needs = Imports()
        writer = AnnotationWriter(self._module, needs, set(), self, models=self._models)
        writer.sequence_lists = sequence
        node = writer.annotation(type_, nullable)
        return node, frozenset(needs.names)


class AnnotationWriter:
    """Writes IR types as Python annotations (`Optional[List[Event]]`), page style,
    as trees that `layout` can split."""

    def __init__(
        self,
        module: ir.Module,
        imports: Imports,
        defined: set[str],
        fixed: FixedAnnotations | None = None,
        *,
        models: bool = False,
    ) -> None:
        """`models`: annotations for the Pydantic models, which write a few scalars
        with Pydantic's types (`ScalarMapping.pydantic`)."""
        self.module = module
        self.models = models
        self.imports = imports
        self.defined = (
            defined  # names defined so far in the module: later ones are quoted
        )
        # Shared by the writers of one spec's modules (the per-model layout
        # writes a module per model).
        self._fixed = fixed if fixed is not None else FixedAnnotations(module, models)
        # Type names that an attribute of the class being written has bound so
        # far (a field `object: ... = None`): later annotations in the class
        # would mean the attribute, so they name the type by its module-level
        # alias (`_object = object`), which `aliases` collects.
        self.shadowed: set[str] = set()
        self.aliases: set[str] = set()
        # Lists as `Sequence[T]`, which any sequence a caller has satisfies (a
        # tuple too): the TypedDicts of models sent in requests (docs/targets.md).
        self.sequence_lists = False
        # (module, name) of each type of an imported spec written so far: quoted
        # in the annotation and imported below the classes, as the per-model
        # layout does between its modules, so that specs may import each other.
        self.imported: set[tuple[str, str]] = set()

    def _type_name(self, name: str) -> Atom:
        return self.type_name(name)

    def type_name(self, name: str) -> Atom:
        """`name` (a type the module imports), or its alias where a field shadows it."""
        if name in self.shadowed:
            self.aliases.add(name)
            return Atom(f"_{name}")
        return Atom(name)

    def type(self, type_: ir.TypeRef) -> Node:
        match type_:
            case ir.Scalar(kind):
                mapping = SCALARS[kind]
                python, needed = mapping.python, mapping.python_import
                if self.models and mapping.pydantic is not None:
                    python, needed = mapping.pydantic
                if needed:
                    self.imports.add(*needed)
                return self._type_name(python)
            case ir.ListOf(item):
                name = "Sequence" if self.sequence_lists else "List"
                self.imports.add("typing", name)
                return subscript(name, self.type(item))
            case ir.MapOf(value):
                self.imports.add("typing", "Dict")
                return subscript("Dict", self._type_name("str"), self.type(value))
            case ir.InlineEnum(values):
                self.imports.add("typing", "Literal")
                return subscript("Literal", *(Atom(py_string(v)) for v in values))
            case ir.Const(value):
                self.imports.add("typing", "Literal")
                return subscript("Literal", Atom(py_literal(value)))
            case ir.OneOf(variants):
                self.imports.add("typing", "Union")
                return subscript("Union", *(self.type(v) for v in variants))
            case ir.Nullable(item):
                self.imports.add("typing", "Optional")
                return subscript("Optional", self.type(item))
            case ir.UnionRef(name) if self.sequence_lists and self._holds_list(type_):
                # The alias writes its lists as `List[T]`, for every model that
                # names it: a request's TypedDict spells the union out instead.
                self.imports.add("typing", "Union")
                variants = self.module.union(name).variants
                return subscript("Union", *(self.type(v) for v in variants))
            case ir.ModelRef(name) | ir.EnumRef(name) | ir.UnionRef(name):
                owner, short = ir.qualified(name)
                if owner is not None:
                    self.imported.add((owner, short))
                    return Atom(py_string(short))
                if name in self.defined:
                    return Atom(name)
                return Atom(py_string(name))  # a forward or recursive reference
            case _:
                assert_never(type_)

    def _holds_list(self, type_: ir.TypeRef) -> bool:
        """Whether a value of `type_` may be a list, or hold one outside any model."""
        pending = [type_]
        while pending:
            current = pending.pop()
            if isinstance(current, ir.ListOf):
                return True
            if isinstance(current, ir.UnionRef):
                if ir.qualified(current.name)[0] is None:
                    pending.extend(self.module.union(current.name).variants)
            else:
                pending.extend(ir.parts(current))
        return False

    def field(self, field_: ir.Field) -> Node:
        fixed = (
            None
            if self.shadowed
            else self._fixed(field_.type, field_.nullable, self.sequence_lists)
        )
        if fixed is not None:
            node, needs = fixed
            self.imports.names.update(needs)
            return node
        # Names a model or enum: quoted or not, by what the module has defined so far.
        return self.annotation(field_.type, field_.nullable)

    def annotation(self, type_: ir.TypeRef, nullable: bool) -> Node:
        annotation = self.type(type_)
        if nullable and not ir.lists_null(type_):
            self.imports.add("typing", "Optional")
            annotation = subscript("Optional", annotation)
        return annotation


# ---- layout: expressions as trees, split the way ruff format splits them ----


@dataclass(frozen=True)
class Atom:
    """Text that is never split: a name, a number, a string literal."""

    text: str


@dataclass(frozen=True)
class Prefixed:
    """`prefix` glued to an expression: `default=[...]`, `"key": {...}`."""

    prefix: str
    node: Node
    # The one-line text, written once: annotations are shared by many fields.
    text: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", self.prefix + self.node.text)


@dataclass(frozen=True)
class Brackets:
    """`open items close`: a call (`Field(`), a subscript (`List[`), a list or a dict.

    `hug`: once split, whether the items may still share one line inside the
    brackets when they fit there (calls and subscripts), or go one per line
    (list and dict displays)."""

    open: str
    items: tuple[Node, ...]
    close: str
    hug: bool
    text: str = field(init=False, repr=False, compare=False)  # as in Prefixed

    def __post_init__(self) -> None:
        inside = ", ".join(item.text for item in self.items)
        object.__setattr__(self, "text", f"{self.open}{inside}{self.close}")


Node = Atom | Prefixed | Brackets
NONE = Atom("None")


def flat(node: Node) -> str:
    """The node on one line."""
    return node.text


def layout(node: Node, indent: str, prefix: str = "", suffix: str = "") -> list[str]:
    """The lines ruff format writes `prefix node suffix` in at `indent`.

    A line that fits stays whole. Otherwise the outermost brackets open at the end
    of the first line and close at the start of the last; inside them, a single
    item is laid out in turn (no trailing comma), items that fit on one line share
    it when the brackets `hug`, and otherwise each item gets a line and a comma."""
    line = f"{indent}{prefix}{flat(node)}{suffix}"
    if fits(line) or isinstance(node, Atom):
        return [line]
    if isinstance(node, Prefixed):
        return layout(node.node, indent, prefix + node.prefix, suffix)
    if not node.items:
        return [line]
    inner = indent + "    "
    lines = [f"{indent}{prefix}{node.open}"]
    joined = f"{inner}{', '.join(flat(item) for item in node.items)}"
    if len(node.items) == 1:
        lines += layout(node.items[0], inner)
    elif node.hug and fits(joined):
        lines.append(joined)
    else:
        for item in node.items:
            lines += layout(item, inner, "", ",")
    lines.append(f"{indent}{node.close}{suffix}")
    return lines


def value_node(value: ir.JsonValue) -> Node:
    """A Python expression for a JSON value (a field default)."""
    if value is None:
        return NONE
    if isinstance(value, bool):
        return Atom("True" if value else "False")
    if isinstance(value, int):
        return Atom(str(value))
    if isinstance(value, float):
        # ruff format writes exponents without a plus sign: 1e16, not 1e+16
        return Atom(repr(value).replace("e+", "e"))
    if isinstance(value, str):
        return Atom(py_string(value))
    if isinstance(value, list):
        return Brackets("[", tuple(value_node(v) for v in value), "]", hug=False)
    items = tuple(
        Prefixed(f"{py_string(k)}: ", value_node(v)) for k, v in value.items()
    )
    return Brackets("{", items, "}", hug=False)


def call(function: str, args: list[Node]) -> Brackets:
    return Brackets(f"{function}(", tuple(args), ")", hug=True)


def subscript(head: str, *items: Node) -> Brackets:
    return Brackets(f"{head}[", items, "]", hug=True)


def class_header(name: str, bases: list[str]) -> str:
    """`class Name(Base, option=...):`, its brackets split as ruff splits them when too long."""
    arguments = tuple(Atom(base) for base in bases)
    return "\n".join(
        layout(Brackets(f"class {name}(", arguments, ")", True), "", "", ":")
    )


def canonical_json(value: ir.JsonValue) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def py_literal(value: ir.ConstValue) -> str:
    """`value` as it stands inside `Literal[...]`: `"text"`, `0`, `True`."""
    return py_string(value) if isinstance(value, str) else repr(value)


def enum_alias(enum: ir.Enum, imports: Imports) -> str:
    """`Name = Literal["A", "B"]` (open: `Union[Literal["A", "B"], str]`), split as
    ruff splits it when it is too long."""
    imports.add("typing", "Literal")
    literal: Node = subscript("Literal", *(Atom(py_literal(v)) for v in enum.values))
    if enum.open:
        imports.add("typing", "Union")
        literal = subscript(
            "Union", literal, Atom("str" if enum.kind == "string" else "int")
        )
    return "\n".join(layout(literal, "", f"{enum.name} = "))


def union_alias(union: ir.Union, annotations: AnnotationWriter, tag: str | None) -> str:
    """`Name: TypeAlias = Union[A, B]`; with `tag` (the attribute that tells the
    variants apart), `Annotated[Union[A, B], Field(discriminator="type")]`, so that
    Pydantic validates by the tag instead of trying each variant."""
    imports = annotations.imports
    imports.add("typing", "Union")
    imports.add("typing", "TypeAlias")
    value: Node = subscript("Union", *(annotations.type(v) for v in union.variants))
    if tag is not None:
        imports.add("typing", "Annotated")
        imports.add("pydantic", "Field")
        value = subscript(
            "Annotated", value, call("Field", [Atom(f"discriminator={py_string(tag)}")])
        )
    return "\n".join(layout(value, "", f"{union.name}: TypeAlias = "))


def unions_in_order(module: ir.Module) -> list[ir.Union]:
    """The module's unions, each after the unions it names (the resolver refuses cycles)."""
    by_name = {union.name: union for union in module.unions}
    ordered: dict[str, ir.Union] = {}

    def visit(union: ir.Union) -> None:
        if union.name in ordered:
            return
        for variant in union.variants:
            for name in ir.referenced_names(variant):
                if name in by_name and name != union.name:
                    visit(by_name[name])
        ordered[union.name] = union

    for union in module.unions:
        visit(union)
    return list(ordered.values())


def models_in_order(module: ir.Module) -> list[ir.Model]:
    """The module's models in spec order, but each after the model it extends (a
    class statement needs its base defined)."""
    ordered: dict[str, ir.Model] = {}
    for model in module.models:
        for owner in (*reversed(module.bases(model)), model):
            ordered.setdefault(owner.name, owner)
    return list(ordered.values())


def field_statement(
    indent: str, name: str, annotation: Node, value: Node | None
) -> str:
    """`name: annotation` or `name: annotation = value`, laid out as ruff formats it.

    When the line is too long, ruff splits the right-hand side's own brackets (a
    `Field(...)` call) if `name: annotation = Field(` fits; else it puts the value in
    parentheses of its own if `name: annotation = (` fits (and a value without
    brackets fits inside them); else it splits the annotation.
    """
    tree = annotation
    head = f"{name}: {tree.text}"
    line = f"{indent}{head}" if value is None else f"{indent}{head} = {value.text}"
    if fits(line):
        return line
    if isinstance(value, Brackets) and fits(f"{indent}{head} = {value.open}"):
        return "\n".join(layout(value, indent, f"{head} = "))
    inner = indent + "    "
    if (
        value is not None
        and fits(f"{indent}{head} = (")
        and (isinstance(value, Brackets) or fits(inner + flat(value)))
    ):
        body = "\n".join(layout(value, inner))
        return f"{indent}{head} = (\n{body}\n{indent})"
    if value is None:
        if isinstance(tree, Atom) and fits(inner + tree.text):
            return f"{indent}{name}: (\n{inner}{tree.text}\n{indent})"
        return "\n".join(layout(tree, indent, f"{name}: "))
    if (
        isinstance(value, Atom)
        and isinstance(tree, Brackets)
        and fits(f"{indent}{head} = (")
        and not fits(f"{indent}{tree.close} = {value.text}")
    ):
        # Splitting the annotation would not make its last line fit either: ruff
        # keeps the annotation whole and parenthesises the value.
        return f"{indent}{head} = (\n{inner}{value.text}\n{indent})"
    # The annotation splits when it does not fit with what must share its last line:
    # ` = ` and the value up to where the value itself may break.
    opening = f" = {value.open if isinstance(value, Brackets) else flat(value)}"
    lines = layout(tree, indent, f"{name}: ", opening)
    closing = lines.pop()[: -len(opening)]
    lines += layout(value, indent, f"{closing.strip()} = ")
    return "\n".join(lines)


def split_annotation(indent: str, prefix: str, annotation: Node, suffix: str) -> str:
    """`prefix annotation suffix` at `indent`, its annotation split as ruff formats it when
    the line is too long (a functional TypedDict's `"key": annotation,` entries)."""
    return "\n".join(layout(annotation, indent, prefix, suffix))


@dataclass(frozen=True)
class PackageView:
    """A package `__init__.py`: re-export every name of every module."""

    imports: tuple[str, ...]
    exports: tuple[str, ...]
    # Names of per-model modules, re-exported on first use: imported here only
    # for type checkers, and found at run time through `modules`.
    type_checking: str | None = None
    modules: tuple[tuple[str, str], ...] = ()  # (quoted name, quoted module)


def package_view(
    modules: tuple[ir.Module, ...],
    base_names: tuple[str, ...],
    lazy: frozenset[str] = frozenset(),
) -> PackageView:
    """`base_names` come from the package's `_base` module, when it has one.
    The names of the modules in `lazy` (written per model) are re-exported lazily."""
    imports = Imports()
    names: list[str] = list(base_names)
    for name in base_names:
        imports.add("._base", name)
    deferred: list[tuple[str, str]] = []
    for module in modules:
        for item in module.named_types:
            if module.name in lazy:
                deferred.append((f".{module.name}", item.name))
            else:
                imports.add(f".{module.name}", item.name)
            names.append(item.name)
    local = ["._base", *(f".{m.name}" for m in modules)]
    if not deferred:
        return PackageView(
            tuple(imports.lines(local_modules=local)),
            tuple(py_string(n) for n in sorted(names, key=isort_key)),
        )
    imports.add("importlib", LAZY_IMPORT)
    imports.add("typing", "TYPE_CHECKING")
    return PackageView(
        tuple(imports.lines(local_modules=local)),
        tuple(py_string(n) for n in sorted(names, key=isort_key)),
        type_checking_block(deferred),
        tuple(
            (py_string(name), py_string(m))
            for m, name in sorted(deferred, key=lambda d: isort_key(d[1]))
        ),
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
