"""A Hypothesis strategy for whole, valid spec documents (as plain data, dumped to YAML).

It reaches for what breaks generators: every scalar, formats, lists and maps nested
three deep with `T?` items, named enums (strings or integers, open or closed) and
inline ones, constants (strings, integers, booleans), named unions (discriminated by
a tag of each kind, on wire names that need a `python_name`, or not) and inline ones,
self and mutual recursion (through unions too), every combination of required /
nullable / default (absent but never null, json never null), wire names that are
keywords, soft keywords, BaseModel attributes, names of the types the generated code
imports, or not identifiers at all, and documentation full of quotes, backslashes
and odd characters.

Every spec it draws must be accepted by the generator: the rules it follows are
the spec rules `generator/resolve.py` and `generator/targets/python_names.py` enforce
(a required field has no default; `enum:` only on `string`; no `format: date-time` /
`date`, which have types of their own; a field that may not be null has no type that
admits null but `json`; no integer enum beside booleans in a union; a discriminated
union's variants are models with distinct constants of one kind, under one Python
name; unions name only the discriminated unions drawn before them, so they never
contain themselves; Python names are identifiers that shadow nothing and are unique
per model). A union's members hold values of different JSON kinds, so a value's kind
tells its member (tests/support/payloads.py relies on it for round trips).

Models draw a `direction` (the TypedDicts of models sent in requests type their lists
as `Sequence[T]`), and some extend a model drawn before them, narrowing some
inherited fields. Deliberately not drawn: `since`, which only the reference shows; several
spec files in one run (one module per spec); and cycles of required, non-nullable
model references, which have no finite instance to draw payloads from.
"""

from __future__ import annotations

import keyword
import math
import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from hypothesis import strategies as st

from generator import constraints, ir
from generator.resolve import SCALAR_FORMATS, STRING_FORMATS
from generator.targets.python_names import (
    ANNOTATION_BUILTINS,
    BASE_ATTRIBUTES,
    CLASS_BODY_NAMES,
    MODULE_NAMES,
)

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")

SCALARS = (
    "string", "integer", "number", "boolean", "datetime", "date", "json",
    "uuid", "bytes", "decimal", "time", "duration",
)  # fmt: skip

# Defaults of the scalars written as strings, as the spec writes them (never inside
# a union, where the resolver takes a default as JSON gives it).
_TEXT_DEFAULTS: dict[str, st.SearchStrategy[str]] = {
    "datetime": st.sampled_from(
        ["2024-01-31T12:00:00Z", "1999-12-31t23:59:59.5-08:00"]
    ),
    "date": st.dates().map(str),
    "time": st.sampled_from(["00:00:00Z", "17:30:00.25+05:30"]),
    "uuid": st.uuids().map(str),
    "decimal": st.from_regex(r"\A-?[0-9]{1,6}(\.[0-9]{1,4})?\Z"),
    "duration": st.from_regex(
        r"\AP([0-9]{1,2}W)?([0-9]{1,2}D)?(T[0-9]{1,2}H)?\Z"
    ).filter(lambda d: d != "P"),
}

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
#
# A type is a tuple: ("scalar", kind), ("format", f) (a string with a format),
# ("model", name), ("enum", name), ("inline_enum", values), ("union", name),
# ("list", t), ("map", t), ("nullable", t) (`t?`, inside a list, a map or a union),
# ("one_of", (t, ...)) (an inline union) and ("const", value).


@dataclass
class Names:
    """What a field or a union's variant may name, and what each enum and union is."""

    models: list[str]
    enums: dict[str, dict[str, Any]]  # name -> its entry (`type`, `values`, `open`)
    unions: dict[str, dict[str, Any]] = field(default_factory=dict)  # name -> entry

    def enums_of(self, kind: str) -> list[str]:
        return [n for n, e in self.enums.items() if e.get("type", "string") == kind]

    def told_apart(self) -> list[str]:
        return [n for n, u in self.unions.items() if "discriminator" in u]


def _plain_types(names: Names) -> st.SearchStrategy[Any]:
    """Types without unions: scalars, formats, models and enums, in lists and maps
    (`T?` inside them)."""
    leaves: list[st.SearchStrategy[Any]] = [
        st.sampled_from(SCALARS).map(lambda k: ("scalar", k)),
        st.sampled_from(models_formats()).map(lambda f: ("format", f)),
        st.sampled_from(names.models).map(lambda n: ("model", n)),
    ]
    if names.enums:
        leaves.append(st.sampled_from(list(names.enums)).map(lambda n: ("enum", n)))
    leaf = st.one_of(*leaves)

    def wrap(inner: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
        item = st.one_of(inner, inner.map(lambda t: ("nullable", t)))
        return st.tuples(st.sampled_from(["list", "map"]), item)

    return st.recursive(leaf, wrap, max_leaves=3)


def models_formats() -> list[str]:
    return [f for f in STRING_FORMATS if f not in SCALAR_FORMATS]


@st.composite
def _member(draw: st.DrawFn, names: Names, kind: str) -> Any:
    """A union member whose values are of one JSON kind. Members of different kinds
    never overlap, so a value's kind tells which member it is (as Pydantic's
    smart union finds it) and a union with an integer enum holds no boolean."""
    options: list[Any] = {
        "string": [("scalar", "string"), ("scalar", "datetime"), ("scalar", "date")]
        + [("scalar", k) for k in ("uuid", "bytes", "time", "duration")]
        + [("enum", e) for e in names.enums_of("string")],
        "integer": [("scalar", "integer")]
        + [("enum", e) for e in names.enums_of("integer")],
        "number": [("scalar", "number")],
        "boolean": [("scalar", "boolean")],
        "object": [("model", m) for m in names.models]
        + [("union", u) for u in names.told_apart()],
    }.get(kind, [])
    if kind == "array":
        return ("list", draw(_plain_types(names)))
    if kind == "object" and draw(st.booleans()):
        return ("map", draw(_plain_types(names)))
    return draw(st.sampled_from(options))


@st.composite
def union_members(draw: st.DrawFn, names: Names, min_size: int) -> tuple[Any, ...]:
    kinds = draw(
        st.lists(
            st.sampled_from(
                ["string", "integer", "number", "boolean", "array", "object"]
            ),
            min_size=min_size,
            max_size=4,
            unique=True,
        )
    )
    members = [draw(_member(names, kind)) for kind in kinds]
    if any(m[0] == "enum" and m[1] in names.enums_of("integer") for m in members):
        # Python's True == 1: the resolver refuses an integer enum beside booleans.
        members = [m for m in members if m != ("scalar", "boolean")]
        if len(members) < min_size:
            members.append(("scalar", "string"))
    if draw(st.integers(0, 2)) == 0:
        index = draw(st.integers(0, len(members) - 1))
        members[index] = ("nullable", members[index])
    return tuple(members)


def type_specs(names: Names) -> st.SearchStrategy[Any]:
    """A field's type: inline enums only at the top (`enum:` needs `type: string`)."""
    unions: list[st.SearchStrategy[Any]] = [
        union_members(names, 2).map(lambda ms: ("one_of", ms))
    ]
    if names.unions:
        unions.append(st.sampled_from(list(names.unions)).map(lambda n: ("union", n)))
    union = st.one_of(*unions)
    return st.one_of(
        _plain_types(names),
        st.lists(
            st.text(min_size=1, max_size=6), min_size=1, max_size=4, unique=True
        ).map(lambda vs: ("inline_enum", tuple(vs))),
        union,
        st.tuples(st.sampled_from(["list", "map"]), union),
    )


def _type_text(t: Any) -> str:
    kind = t[0]
    if kind in ("list", "map"):
        return f"{kind}<{_type_text(t[1])}>"
    if kind == "nullable":
        return f"{_type_text(t[1])}?"
    if kind == "one_of":
        return " | ".join(_type_text(m) for m in t[1])
    if kind == "scalar":
        return str(t[1])
    if kind in ("format", "inline_enum"):
        return "string"
    return str(t[1])


def _innermost(t: Any) -> Any:
    while t[0] in ("list", "map", "nullable"):
        t = t[1]
    return t


def admits_null(t: Any, names: Names) -> bool:
    """Whether a value of `t` may be null through a union's member (`T?`, `json`)."""
    if t[0] == "nullable" or t == ("scalar", "json"):
        return True
    if t[0] == "one_of":
        return any(admits_null(m, names) for m in t[1])
    if t[0] == "union":
        return any(admits_null(v, names) for v in names.unions[t[1]]["types"])
    return False


def json_values() -> st.SearchStrategy[Any]:
    return st.recursive(
        st.none() | st.booleans() | st.integers(-(2**40), 2**40) | st.text(max_size=5)
        | st.floats(allow_nan=False, allow_infinity=False, width=32),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
        max_leaves=6,
    )  # fmt: skip


def default_values(
    t: Any, names: Names, union: bool = False
) -> st.SearchStrategy[Any] | None:
    """Values a field of type `t` may default to, or None when it cannot have a default
    (`union`: `t` is inside a union's member)."""
    kind = t[0]
    if kind == "scalar" and t[1] in _TEXT_DEFAULTS:
        return None if union else _TEXT_DEFAULTS[t[1]]
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
        enum = names.enums[t[1]]
        known = st.sampled_from(enum["values"])
        if not enum.get("open"):
            return known
        other = st.text(max_size=8) if enum.get("type") != "integer" else st.integers()
        return st.one_of(known, other)  # an open enum takes any value of its kind
    if kind == "nullable":
        inner = default_values(t[1], names, union)
        return st.none() if inner is None else st.one_of(st.none(), inner)
    if kind in ("one_of", "union"):
        members = t[1] if kind == "one_of" else names.unions[t[1]]["types"]
        found = [
            d
            for d in (default_values(m, names, True) for m in members)
            if d is not None
        ]
        return st.one_of(*found) if found else None
    if kind in ("list", "map"):
        inner = default_values(t[1], names, union)
        if inner is None:
            return None
        if kind == "list":
            return st.lists(inner, max_size=3)
        return st.dictionaries(st.text(max_size=5), inner, max_size=3)
    return None  # models, constants


def _deprecation() -> st.SearchStrategy[Any]:
    return st.one_of(st.just(False), st.just(True), DOC_TEXT.filter(bool))


def constants() -> st.SearchStrategy[Any]:
    return st.one_of(
        st.text(min_size=1, max_size=6), st.integers(-5, 2**40), st.booleans()
    )


def _documented(draw: st.DrawFn, out: dict[str, Any]) -> dict[str, Any]:
    if draw(st.booleans()):
        out["description"] = draw(DOC_TEXT)
    deprecated = draw(_deprecation())
    if deprecated is not False:
        out["deprecated"] = deprecated
    return out


@st.composite
def field_specs(draw: st.DrawFn, names: Names) -> dict[str, Any]:
    if draw(st.integers(0, 9)) == 0:  # a constant: required and never null by default
        out: dict[str, Any] = {"const": draw(constants())}
        flags = draw(st.sampled_from([{}, {}, {"required": False}, {"nullable": True}]))
        return _documented(draw, {**out, **flags})
    t = draw(type_specs(names))
    if draw(st.integers(0, 4)) == 0:  # the types that take value constraints, often
        t = ("scalar", draw(st.sampled_from(["string", "integer", "number"])))
    out = {"type": _type_text(t)}
    inner = _innermost(t)
    if inner[0] == "format":
        out["format"] = inner[1]
    if t[0] == "inline_enum":
        out["enum"] = list(t[1])
    required = draw(st.booleans())
    # A field that may not be null has no type that admits null but `json` itself.
    never_null = t == ("scalar", "json") or not admits_null(t, names)
    nullable = draw(st.booleans()) if never_null else True
    defaults = default_values(t, names)
    if not nullable and defaults is not None:
        defaults = defaults.filter(lambda v: v is not None)
    if not required and defaults is not None and draw(st.booleans()):
        out["default"] = draw(st.one_of(st.none(), defaults) if nullable else defaults)
    elif not required and nullable and draw(st.integers(0, 3)) == 0:
        out["default"] = None
    out["required"] = required
    out["nullable"] = nullable
    if draw(st.booleans()):
        given = draw(_constraints(t))
        out.update(given)
        default = out.get("default")
        if default is not None and constraints.value_breaks(given, default):
            del out["default"]
    _documented(draw, out)
    if draw(st.integers(0, 4)) == 0:
        out["secret"] = True
    return out


# Patterns of the common subset; the first is satisfiable at every length.
_PATTERNS = ("^[a-z0-9]*$", "^[A-Z][a-z_-]*$", "[0-9]", "^(?:ab|c){1,3}$", "^x?y+$")


@st.composite
def _constraints(draw: st.DrawFn, t: Any) -> dict[str, Any]:
    """Value constraints for a field of type `t` that leave some value (none for a
    type they do not apply to); a list's items are never a model or a union, whose
    required items could nest forever."""
    out: dict[str, Any] = {}
    if t == ("scalar", "string"):
        pattern = draw(st.none() | st.sampled_from(_PATTERNS))
        if pattern is not None:
            out["pattern"] = pattern
        if pattern in (None, _PATTERNS[0]):
            low = draw(st.none() | st.integers(0, 4))
            high = draw(st.none() | st.integers(low or 0, 8))
            out.update(_present(min_length=low, max_length=high))
    elif t == ("scalar", "integer"):
        low = draw(st.none() | st.integers(-5, 5))
        high = draw(st.none() | st.integers(-5, 20))
        exclusive = draw(st.booleans())
        step = draw(st.none() | st.integers(1, 4))
        names = (
            ("exclusive_minimum", "exclusive_maximum")
            if exclusive
            else ("minimum", "maximum")
        )
        out.update(_present(**{names[0]: low, names[1]: high, "multiple_of": step}))
    elif t == ("scalar", "number"):
        low = draw(st.none() | st.floats(-10, 10).map(lambda v: round(v, 2)))
        high = draw(st.none() | st.floats(-10, 10).map(lambda v: round(v, 2)))
        exclusive = draw(st.booleans())
        names = (
            ("exclusive_minimum", "exclusive_maximum")
            if exclusive
            else ("minimum", "maximum")
        )
        out.update(_present(**{names[0]: low, names[1]: high}))
    elif t[0] == "list" and _innermost(t)[0] not in ("model", "union"):
        low = draw(st.none() | st.integers(0, 2))
        high = draw(st.none() | st.integers(low or 0, 3))
        out.update(_present(min_items=low, max_items=high))
    kind = ir.Scalar(t[1]) if t[0] == "scalar" else None
    while constraints.contradictions(out, kind):
        out.popitem()
    return out


def _present(**given: Any) -> dict[str, Any]:
    return {k: v for k, v in given.items() if v is not None}


@st.composite
def _enum_entry(draw: st.DrawFn) -> dict[str, Any]:
    if draw(st.booleans()):
        values: list[Any] = draw(
            st.lists(
                st.text(min_size=1, max_size=8), min_size=1, max_size=5, unique=True
            )
        )
        entry: dict[str, Any] = {"values": values}
    else:
        entry = {
            "type": "integer",
            "values": draw(
                st.lists(st.integers(-3, 2**40), min_size=1, max_size=5, unique=True)
            ),
        }
    if draw(st.integers(0, 2)) == 0:
        entry["open"] = True
    return _documented(draw, entry)


# A discriminator's wire name: plain, one Python renames (`type` is not, `object`
# is: a class body name), and one that is no identifier at all.
DISCRIMINATORS = ("type", "kind", "object", "@type", "x-kind")


@st.composite
def _union_entry(draw: st.DrawFn, names: Names, taken: set[str]) -> dict[str, Any]:
    """A named union; a discriminated one records the tag each variant model gets."""
    choices = [d for d in DISCRIMINATORS if d not in taken]
    if choices and draw(st.booleans()):
        tag = draw(st.sampled_from(choices))
        taken.add(tag)
        variants = draw(
            st.lists(st.sampled_from(names.models), min_size=1, max_size=3, unique=True)
        )
        kind = draw(
            st.sampled_from(
                ["string", "integer", "boolean"]
                if len(variants) <= 2
                else ["string", "integer"]
            )
        )
        values = {
            "string": st.text(min_size=1, max_size=6),
            "integer": st.integers(-5, 2**40),
            "boolean": st.booleans(),
        }[kind]
        tags = draw(
            st.lists(
                values, min_size=len(variants), max_size=len(variants), unique=True
            )
        )
        entry = {
            "discriminator": tag,
            "variants": variants,
            "types": [("model", v) for v in variants],
            "tags": dict(zip(variants, tags)),
        }
    else:
        members = draw(union_members(names, 1))
        entry = {
            "variants": [_type_text(m) for m in members],
            "types": list(members),
        }
    return _documented(draw, entry)


@st.composite
def specs(draw: st.DrawFn) -> dict[str, Any]:
    all_names = draw(st.lists(type_names, min_size=1, max_size=6, unique=True))
    enum_count = draw(st.integers(0, min(2, len(all_names) - 1)))
    union_count = draw(st.integers(0, min(2, len(all_names) - 1 - enum_count)))
    enum_names = all_names[:enum_count]
    union_names = all_names[enum_count : enum_count + union_count]
    models = all_names[enum_count + union_count :]
    names = Names(models, {e: draw(_enum_entry()) for e in enum_names})
    taken: set[str] = set()
    for u in union_names:  # each may name the discriminated unions before it
        names.unions[u] = draw(_union_entry(names, taken))
    spec: dict[str, Any] = {"schemasmith": 1, "module": "random_spec"}
    if draw(st.booleans()):
        spec["description"] = draw(DOC_TEXT)
    if names.enums:
        spec["enums"] = names.enums
    spec["models"] = {}
    for m in models:
        wires = draw(st.lists(wire_names, max_size=6, unique=True))
        fields = {wire: draw(field_specs(names)) for wire in wires}
        model: dict[str, Any] = {
            "extra": draw(st.sampled_from(["allow", "ignore", "forbid"])),
            "fields": fields,
        }
        if draw(st.booleans()):
            model["direction"] = draw(st.sampled_from(["request", "response", "both"]))
        spec["models"][m] = _documented(draw, model)
    _draw_bases(draw, spec["models"], names)
    for union in names.unions.values():
        for variant, value in union.get("tags", {}).items():
            tag: dict[str, Any] = {"const": value}
            if draw(st.booleans()):
                tag["description"] = draw(DOC_TEXT)
            spec["models"][variant]["fields"][union["discriminator"]] = tag
    _name_fields(spec, names, all_names)
    if names.unions:
        spec["unions"] = {
            n: {k: v for k, v in u.items() if k not in ("types", "tags")}
            for n, u in names.unions.items()
        }
    _break_required_cycles(spec, names)
    if draw(st.booleans()):
        spec["root"] = draw(st.sampled_from(models))
        spec["json_schema_id"] = "https://example.com/schemas/"
    return spec


def _variants(names: Names) -> set[str]:
    return {v for u in names.unions.values() for v in u.get("tags", {})}


def inherited(models: dict[str, Any], name: str) -> dict[str, Any]:
    """The fields model `name` inherits (its bases', furthest first), by wire name."""
    base = models[name].get("extends")
    if base is None:
        return {}
    return {**inherited(models, base), **models[base]["fields"]}


def _draw_bases(draw: st.DrawFn, models: dict[str, Any], names: Names) -> None:
    """Let some models extend a model drawn before them (so never in a cycle):
    their own fields take new wire names, or narrow an inherited field (required
    where it was optional, never null where it could be, a boolean made a constant).
    The variants of discriminated unions take part in none: a tag is a constant
    each variant must have of its own."""
    variants = _variants(names)
    order = list(models)
    for index, name in enumerate(order):
        candidates = [m for m in order[:index] if m not in variants]
        if name in variants or not candidates or draw(st.integers(0, 2)) != 0:
            continue
        model = models[name]
        model["extends"] = draw(st.sampled_from(candidates))
        if draw(st.booleans()):
            del model["extra"]  # the base's, then
        base_fields = inherited(models, name)
        own = {w: f for w, f in model["fields"].items() if w not in base_fields}
        for wire, entry in base_fields.items():
            if draw(st.integers(0, 2)) != 0:
                continue
            narrowed = dict(entry)
            how = draw(st.sampled_from(["same", "required", "not null", "const"]))
            # Not a field naming a model or a union: a required one could close a
            # cycle of required references (see _break_required_cycles).
            named = entry.get("type") in models or entry.get("type") in names.unions
            if how == "required" and not named:
                narrowed.pop("default", None)
                narrowed["required"] = True
            elif how == "not null" and entry.get("type") in SCALARS[:-1]:
                narrowed["nullable"] = False
                if narrowed.get("default", 0) is None:
                    del narrowed["default"]
            elif how == "const" and entry.get("type") == "boolean":
                narrowed = {"const": draw(st.booleans())}
                if "description" in entry:
                    narrowed["description"] = entry["description"]
            own[wire] = narrowed
        model["fields"] = own


def _name_fields(spec: dict[str, Any], names: Names, type_names: list[str]) -> None:
    """Give `python_name` to each field whose wire name cannot be its Python name
    (python_names.check). A discriminator's field gets one name in every variant:
    Pydantic's discriminator names one attribute."""
    tag_names = {
        u["discriminator"]: f"tag_{index}"
        for index, u in enumerate(names.unions.values())
        if "discriminator" in u
    }
    for name, model in spec["models"].items():  # a base before the models extending it
        fields = model["fields"]
        bases = inherited(spec["models"], name)
        python_names = {
            entry.get("python_name", _default_python_name(wire))
            for wire, entry in bases.items()
        }
        for index, (wire, entry) in enumerate(fields.items()):
            python = _default_python_name(wire)
            if wire in bases:  # narrowed: an inherited field keeps its name
                if "python_name" in bases[wire]:
                    entry["python_name"] = bases[wire]["python_name"]
                else:
                    entry.pop("python_name", None)
                continue
            if wire in tag_names and needs_python_name(wire, type_names):
                python = tag_names[wire]
                entry["python_name"] = python
            elif needs_python_name(wire, type_names) or python in python_names:
                python = _fresh_name(
                    f"field_{index}",
                    python_names | set(fields) | set(bases) | set(tag_names.values()),
                )
                entry["python_name"] = python
            python_names.add(python)


def _fresh_name(base: str, taken: set[str]) -> str:
    """`base`, or `base_2`, `base_3`, ...: the first that no other field uses."""
    name, counter = base, 1
    while name in taken:
        counter += 1
        name = f"{base}_{counter}"
    return name


def _break_required_cycles(spec: dict[str, Any], names: Names) -> None:
    """Make nullable any field that closes a cycle of required, non-nullable model fields
    (a field of a discriminated union leads to each of its variants).

    The generator accepts such a spec, but its models have no finite instance: no
    payload could be drawn, so the checks would have nothing to check."""
    models = spec["models"]

    def targets(field: dict[str, Any]) -> list[str]:
        type_ = field.get("type")
        if type_ in models:
            return [type_]
        union = names.unions.get(type_)  # type: ignore[arg-type]
        return list(union.get("tags", {})) if union else []

    def edges(name: str) -> list[tuple[str, dict[str, Any]]]:
        fields = {**inherited(models, name), **models[name]["fields"]}
        return [
            (target, f)
            for f in fields.values()
            if f.get("required") and not f.get("nullable")
            for target in targets(f)
        ]

    changed = True
    while changed:
        changed = False
        for start in models:
            stack = [(start, [start])]
            while stack and not changed:
                name, path = stack.pop()
                for target, entry in edges(name):
                    if target == start:
                        entry["nullable"] = True
                        changed = True
                        break
                    if target not in path:
                        stack.append((target, [*path, target]))


def spec_yaml(spec: dict[str, Any]) -> str:
    return yaml.safe_dump(spec, allow_unicode=True, sort_keys=False, width=1000)
