"""A Hypothesis strategy for whole, valid spec documents (as plain data, dumped to YAML).

It reaches for what breaks generators: every scalar, formats, lists and maps nested
three deep, named and inline enums, self and mutual recursion, every combination of
required / nullable / default, wire names that are keywords, soft keywords, BaseModel
attributes, names of the types the generated code imports, or not identifiers at all,
and documentation full of quotes, backslashes and odd characters.

Every spec it draws must be accepted by the generator: the rules it follows are
the spec rules `generator/resolve.py` and `generator/targets/python_names.py` enforce
(a field that may be absent but not null has a default; a required field has none;
`enum:` only on `string`; no `format: date-time` / `date`, which have types of their
own; json fields are nullable; Python names are identifiers that shadow nothing and
are unique per model).

Deliberately not drawn: `since` and `direction`, which no target renders yet; several
spec files in one run (one module per spec); and cycles of required, non-nullable
model references, which have no finite instance to draw payloads from.
"""

from __future__ import annotations

import keyword
import math
import re
from typing import Any

import yaml
from hypothesis import strategies as st

from generator.resolve import SCALAR_FORMATS, STRING_FORMATS
from generator.targets.python_names import (
    ANNOTATION_BUILTINS,
    BASE_ATTRIBUTES,
    CLASS_BODY_NAMES,
    MODULE_NAMES,
)

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")

SCALARS = ("string", "integer", "number", "boolean", "datetime", "date", "json")

# Type names a generated module must not be confused by.
TYPE_NAME_POOL = (
    "Node", "Item", "Event", "Status", "Kind", "Json", "Model", "Enum", "Data",
    "Any", "Union", "Self", "ClassVar", "Mapping", "Sequence", "UUID", "Decimal",
    "Annotated", "TypeAdapter", "Config", "Schema", "Dict_", "A", "B",
)  # fmt: skip

# Wire names: keywords (`class` -> `class_`), soft keywords, names of the types and
# helpers the generated code refers to, BaseModel attributes, and names that are not
# Python identifiers at all.
WIRE_NAME_POOL = (
    "id", "name", "value", "items", "data", "kind", "class", "from", "import", "def",
    "None", "True", "match", "case", "type", "date", "datetime", "str", "int", "float",
    "bool", "object", "list", "dict", "Optional", "List", "Dict", "Literal", "Field",
    "json", "cast", "copy", "schema", "validate", "model_dump", "fields", "to_dict",
    "x-request-id", "content type", "1st", "ünïcode", "a.b", "$ref", "@type", "Node",
)  # fmt: skip

DOC_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("abc XYZ\"'\\\n\t{}`*#%\u00e9\u2028\u00a0\u200b")),
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
    ),
    max_size=40,
)

identifiers = st.from_regex(r"\A[a-z][a-z0-9_]{0,8}\Z").filter(
    lambda s: not keyword.iskeyword(s) and not keyword.issoftkeyword(s)
)
type_names = st.one_of(
    st.sampled_from(TYPE_NAME_POOL), st.from_regex(r"\A[A-Z][A-Za-z0-9]{0,6}\Z")
).filter(
    lambda s: (
        s not in MODULE_NAMES
        and s not in ANNOTATION_BUILTINS
        and not keyword.iskeyword(s)
    )
)
wire_names = st.one_of(
    st.sampled_from(WIRE_NAME_POOL),
    identifiers,
    st.text(min_size=1, max_size=8).filter(lambda s: s.strip() == s and s),
)


def needs_python_name(wire: str, type_names: list[str]) -> bool:
    """Whether the spec must give this wire name a `python_name` (python_names.check):
    the Python name it would get by itself is not an identifier, is private, or shadows
    a BaseModel attribute, a type of the module or a name the class body uses."""
    python = _default_python_name(wire)
    return (
        not _IDENTIFIER.match(python)
        or python.startswith("_")
        or python in BASE_ATTRIBUTES
        or python in CLASS_BODY_NAMES
        or python in type_names
    )


def _default_python_name(wire: str) -> str:
    if keyword.iskeyword(wire) or wire in CLASS_BODY_NAMES:
        return wire + "_"
    return wire


# ---- types ----


def type_specs(models: list[str], enums: list[str]) -> st.SearchStrategy[Any]:
    leaves: list[st.SearchStrategy[Any]] = [
        st.sampled_from(SCALARS).map(lambda k: ("scalar", k)),
        st.sampled_from([f for f in STRING_FORMATS if f not in SCALAR_FORMATS]).map(
            lambda f: ("format", f)
        ),
        st.sampled_from(models).map(lambda n: ("model", n)),
        st.lists(
            st.text(min_size=1, max_size=6), min_size=1, max_size=4, unique=True
        ).map(lambda vs: ("inline_enum", tuple(vs))),
    ]
    if enums:
        leaves.append(st.sampled_from(enums).map(lambda n: ("enum", n)))
    leaf = st.one_of(*leaves)
    # `enum:` needs the field's type to be exactly `string`, so inline enums stay at the
    # top; `format:` refines the innermost string, so it may sit under containers.
    container_leaf = st.one_of(leaves[0], leaves[1], leaves[2], *leaves[4:])

    def wrap(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        return st.tuples(st.sampled_from(["list", "map"]), inner)

    nested = wrap(st.recursive(container_leaf, wrap, max_leaves=3))
    return st.one_of(leaf, nested)


def _type_text(t: Any) -> str:
    if t[0] in ("list", "map"):
        return f"{t[0]}<{_type_text(t[1])}>"
    if t[0] == "scalar":
        return t[1]
    if t[0] in ("format", "inline_enum"):
        return "string"
    return t[1]


def _innermost(t: Any) -> Any:
    while t[0] in ("list", "map"):
        t = t[1]
    return t


def json_values() -> st.SearchStrategy[Any]:
    return st.recursive(
        st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.text(max_size=5)
        | st.floats(allow_nan=False, allow_infinity=False, width=32),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
        max_leaves=6,
    )  # fmt: skip


def default_values(
    t: Any, enum_values: dict[str, list[str]]
) -> st.SearchStrategy[Any] | None:
    """Values a field of type `t` may default to, or None when it cannot have a default."""
    kind = t[0]
    if kind == "scalar":
        return {
            "string": st.text(max_size=8),
            "integer": st.integers(-(2**40), 2**40),
            "number": st.one_of(
                st.integers(-1000, 1000),
                st.floats(allow_nan=False, allow_infinity=False, width=32).filter(
                    math.isfinite
                ),
            ),
            "boolean": st.booleans(),
            "json": json_values(),
        }.get(t[1])
    if kind == "format":
        return (
            None  # a format's strings have rules of their own; defaults are not drawn
        )
    if kind == "inline_enum":
        return st.sampled_from(t[1])
    if kind == "enum":
        return st.sampled_from(enum_values[t[1]])
    if kind in ("list", "map"):
        inner = default_values(t[1], enum_values)
        if inner is None:
            return None
        if kind == "list":
            return st.lists(inner, max_size=3)
        return st.dictionaries(st.text(max_size=5), inner, max_size=3)
    return None  # models


def _deprecation() -> st.SearchStrategy[Any]:
    return st.one_of(st.just(False), st.just(True), DOC_TEXT.filter(bool))


@st.composite
def field_specs(
    draw: st.DrawFn,
    models: list[str],
    enums: list[str],
    enum_values: dict[str, list[str]],
) -> dict[str, Any]:
    t = draw(type_specs(models, enums))
    out: dict[str, Any] = {"type": _type_text(t)}
    inner = _innermost(t)
    if inner[0] == "format":
        out["format"] = inner[1]
    if t[0] == "inline_enum":
        out["enum"] = list(t[1])
    is_json = t == ("scalar", "json")
    required = draw(st.booleans())
    nullable = True if is_json else draw(st.booleans())
    defaults = default_values(t, enum_values)
    if not required and not nullable and defaults is None:
        required = draw(st.booleans())
        nullable = not required
    if required:
        pass
    elif not nullable:
        assert defaults is not None
        out["default"] = draw(defaults)
    elif draw(st.booleans()):
        out["default"] = draw(
            st.one_of(st.none(), defaults) if defaults is not None else st.none()
        )
    out["required"] = required
    out["nullable"] = nullable
    if draw(st.booleans()):
        out["description"] = draw(DOC_TEXT)
    deprecated = draw(_deprecation())
    if deprecated is not False:
        out["deprecated"] = deprecated
    if draw(st.integers(0, 4)) == 0:
        out["secret"] = True
    return out


@st.composite
def specs(draw: st.DrawFn) -> dict[str, Any]:
    names = draw(st.lists(type_names, min_size=1, max_size=5, unique=True))
    enum_count = draw(st.integers(0, min(2, len(names) - 1)))
    enums, models = names[:enum_count], names[enum_count:]
    enum_values = {
        e: draw(
            st.lists(
                st.text(min_size=1, max_size=8), min_size=1, max_size=5, unique=True
            )
        )
        for e in enums
    }
    spec: dict[str, Any] = {"schemasmith": 1, "module": "random_spec"}
    if draw(st.booleans()):
        spec["description"] = draw(DOC_TEXT)
    if enums:
        spec["enums"] = {}
        for e in enums:
            entry: dict[str, Any] = {"values": enum_values[e]}
            if draw(st.booleans()):
                entry["description"] = draw(DOC_TEXT)
            deprecated = draw(_deprecation())
            if deprecated is not False:
                entry["deprecated"] = deprecated
            spec["enums"][e] = entry
    spec["models"] = {}
    for m in models:
        wires = draw(st.lists(wire_names, max_size=6, unique=True))
        fields: dict[str, Any] = {}
        python_names: set[str] = set()
        for index, wire in enumerate(wires):
            field = draw(field_specs(models, enums, enum_values))
            python = _default_python_name(wire)
            if needs_python_name(wire, names) or python in python_names:
                python = _fresh_name(f"field_{index}", python_names | set(wires))
                field["python_name"] = python
            python_names.add(python)
            fields[wire] = field
        model: dict[str, Any] = {
            "extra": draw(st.sampled_from(["allow", "ignore", "forbid"])),
            "fields": fields,
        }
        if draw(st.booleans()):
            model["description"] = draw(DOC_TEXT)
        deprecated = draw(_deprecation())
        if deprecated is not False:
            model["deprecated"] = deprecated
        spec["models"][m] = model
    _break_required_cycles(spec)
    if draw(st.booleans()):
        spec["root"] = draw(st.sampled_from(models))
        spec["json_schema_id"] = "https://example.com/schemas/"
    return spec


def _fresh_name(base: str, taken: set[str]) -> str:
    """`base`, or `base_2`, `base_3`, ...: the first that no other field uses."""
    name, counter = base, 1
    while name in taken:
        counter += 1
        name = f"{base}_{counter}"
    return name


def _break_required_cycles(spec: dict[str, Any]) -> None:
    """Make nullable any field that closes a cycle of required, non-nullable model fields.

    The generator accepts such a spec, but its models have no finite instance: no
    payload could be drawn, so the checks would have nothing to check."""
    models = spec["models"]

    def edges(name: str) -> list[tuple[str, dict[str, Any]]]:
        return [
            (f["type"], f)
            for f in models[name]["fields"].values()
            if f["type"] in models and f["required"] and not f["nullable"]
        ]

    changed = True
    while changed:
        changed = False
        for start in models:
            stack = [(start, [start])]
            while stack and not changed:
                name, path = stack.pop()
                for target, field in edges(name):
                    if target == start:
                        field["nullable"] = True
                        changed = True
                        break
                    if target not in path:
                        stack.append((target, [*path, target]))


def spec_yaml(spec: dict[str, Any]) -> str:
    return yaml.safe_dump(spec, allow_unicode=True, sort_keys=False, width=1000)
