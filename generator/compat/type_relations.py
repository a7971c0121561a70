"""How a field's new type relates to its old one: the same, wider, narrower or unrelated.

Wider means every old value is still a value (integer -> number, an enum ->
string, anything -> json, T -> T | U); narrower is the reverse. Containers
relate as their elements do. Enum values are compared as sets: an inline enum
and a named enum with the same values are the same type spelled differently,
and so is a constant and an inline enum of that one value. An open enum
accepts any value of its kind, so it relates to other types as that scalar
does. Unions (named or inline) are compared as sets of variants: a union wider
than another accepts every value of each of the other's variants. Null inside
a list, a map or a union (`T?`) is reported on its own (`null_change`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Literal

from typing_extensions import assert_never

from generator import ir

Relation = Literal["same", "respelled", "widened", "narrowed", "incompatible"]
FormatChange = Literal["added", "removed", "changed"]
NullChange = Literal["added", "removed"]
Key = tuple[str, str]  # (module name, model, enum or union name)

# Wire strings whose generated Python type is not `str`: moving between them and
# plain strings changes the code type in a way neither side can absorb.
_STRING_LIKE = ("datetime", "date", "time", "duration", "uuid", "bytes", "decimal")


@dataclass(frozen=True)
class TypeComparison:
    relation: Relation
    added_values: tuple[ir.EnumValue, ...] = ()
    removed_values: tuple[ir.EnumValue, ...] = ()
    format_change: FormatChange | None = None
    code_types_unrelated: bool = False
    null_change: NullChange | None = None  # null inside a list, map or union (`T?`)
    const_changed: bool = False  # one constant for another


@dataclass(frozen=True)
class Side:
    """What a type name means on one side: its module, and the enums and unions there."""

    module: str
    enums: Mapping[Key, ir.Enum]
    unions: Mapping[Key, ir.Union]

    def key(self, name: str) -> Key:
        """A type name as (module, name): `common.Usage` is a type of `common`."""
        owner, short = ir.qualified(name)
        return (owner or self.module, short)


@dataclass(frozen=True)
class Renames:
    """Old (module, name) -> new (module, name) for what was paired across versions."""

    models: Mapping[Key, Key]
    enums: Mapping[Key, Key]
    unions: Mapping[Key, Key]


def value_key(value: ir.ConstValue) -> tuple[str, ir.ConstValue]:
    """A value as JSON compares it: `true` is not `1`, `1` is not `"1"`."""
    return (type(value).__name__, value)


def value_kind(value: ir.ConstValue) -> Literal["boolean", "integer", "string"]:
    if isinstance(value, bool):
        return "boolean"
    return "integer" if isinstance(value, int) else "string"


def relate(
    old: ir.TypeRef, new: ir.TypeRef, old_side: Side, new_side: Side, renames: Renames
) -> TypeComparison:
    if (
        isinstance(old, ir.UnionRef)
        and isinstance(new, ir.UnionRef)
        and renames.unions.get(old_side.key(old.name)) == new_side.key(new.name)
    ):
        # The same named union on both sides: its own changes are reported at the union.
        return TypeComparison("same")
    if _is_union(old, new):
        return _relate_unions(old, new, old_side, new_side, renames)
    old_json = isinstance(old, ir.Scalar) and old.kind == "json"
    new_json = isinstance(new, ir.Scalar) and new.kind == "json"
    if old_json and new_json:
        return TypeComparison("same")
    if new_json:
        return TypeComparison("widened")
    if old_json:
        return TypeComparison("narrowed")
    if isinstance(old, ir.ListOf) and isinstance(new, ir.ListOf):
        return relate(old.item, new.item, old_side, new_side, renames)
    if isinstance(old, ir.MapOf) and isinstance(new, ir.MapOf):
        return relate(old.value, new.value, old_side, new_side, renames)
    if isinstance(old, ir.ModelRef) and isinstance(new, ir.ModelRef):
        same = renames.models.get(old_side.key(old.name)) == new_side.key(new.name)
        return TypeComparison("same" if same else "incompatible")
    if (
        isinstance(old, ir.EnumRef)
        and isinstance(new, ir.EnumRef)
        and renames.enums.get(old_side.key(old.name)) == new_side.key(new.name)
    ):
        # The same named enum on both sides: its own changes are reported at the enum.
        return TypeComparison("same")
    old_open, new_open = _open_kind(old, old_side), _open_kind(new, new_side)
    if old_open is not None or new_open is not None:
        # An open enum takes any value of its kind: it relates as that scalar does.
        found = relate(old_open or old, new_open or new, old_side, new_side, renames)
        if found.relation == "same":
            return TypeComparison("respelled")
        return replace(found, added_values=(), removed_values=())
    if isinstance(old, ir.Const) and isinstance(new, ir.Const):
        if value_key(old.value) == value_key(new.value):
            return TypeComparison("same")
        return TypeComparison("incompatible", const_changed=True)
    old_values = _enum_values(old, old_side)
    new_values = _enum_values(new, new_side)
    if old_values is not None and new_values is not None:
        return _relate_enums(old, new, old_values, new_values)
    if isinstance(old, ir.Scalar) and isinstance(new, ir.Scalar):
        return _relate_scalars(old, new)
    if (
        old_values is not None
        and isinstance(new, ir.Scalar)
        and _holds(new, old_values)
    ):
        return TypeComparison("widened")
    if (
        new_values is not None
        and isinstance(old, ir.Scalar)
        and _holds(old, new_values)
    ):
        return TypeComparison("narrowed")
    return TypeComparison("incompatible")


def _holds(scalar: ir.Scalar, values: tuple[ir.ConstValue, ...]) -> bool:
    """Whether a scalar type (without a format) takes every one of these values."""
    if scalar.format is not None:
        return False
    kinds = {value_kind(v) for v in values}
    if scalar.kind == "number":
        return kinds <= {"integer"}
    return kinds <= {scalar.kind}


def _enum_values(type_: ir.TypeRef, side: Side) -> tuple[ir.ConstValue, ...] | None:
    """The values of an enum or constant type; None for any other (every variant
    named, so that a new one is a type error here and `relate` is taught about it)."""
    match type_:
        case ir.InlineEnum(values):
            return values
        case ir.EnumRef(name):
            enum = side.enums.get(side.key(name))
            return enum.values if enum is not None else ()
        case ir.Const(value):
            return (value,)
        case (
            ir.Scalar()
            | ir.ListOf()
            | ir.MapOf()
            | ir.ModelRef()
            | ir.UnionRef()
            | ir.OneOf()
            | ir.Nullable()
        ):
            return None
        case _:
            assert_never(type_)


def _open_kind(type_: ir.TypeRef, side: Side) -> ir.Scalar | None:
    """The scalar an open enum stands for on the wire; None for anything else."""
    if isinstance(type_, ir.EnumRef):
        enum = side.enums.get(side.key(type_.name))
        if enum is not None and enum.open:
            return ir.Scalar(enum.kind)
    return None


def _relate_enums(
    old: ir.TypeRef,
    new: ir.TypeRef,
    old_values: tuple[ir.ConstValue, ...],
    new_values: tuple[ir.ConstValue, ...],
) -> TypeComparison:
    old_keys = {value_key(v) for v in old_values}
    new_keys = {value_key(v) for v in new_values}
    if {k[0] for k in old_keys} != {k[0] for k in new_keys}:
        return TypeComparison("incompatible")  # string values for whole numbers, ...
    spelled_alike = type(old) is type(new) and not isinstance(old, ir.EnumRef)
    return TypeComparison(
        "same" if spelled_alike else "respelled",
        added_values=tuple(v for v in new_values if value_key(v) not in old_keys),
        removed_values=tuple(v for v in old_values if value_key(v) not in new_keys),
    )


def _relate_scalars(old: ir.Scalar, new: ir.Scalar) -> TypeComparison:
    if old.kind == new.kind:
        if old.format == new.format:
            return TypeComparison("same")
        change: FormatChange = (
            "added"
            if old.format is None
            else "removed"
            if new.format is None
            else "changed"
        )
        return TypeComparison("same", format_change=change)
    pair = (old.kind, new.kind)
    if pair == ("integer", "number"):
        return TypeComparison("widened")
    if pair == ("number", "integer"):
        return TypeComparison("narrowed")
    if old.kind in _STRING_LIKE and new.kind == "string":
        return TypeComparison("widened", code_types_unrelated=True)
    if old.kind == "string" and new.kind in _STRING_LIKE:
        return TypeComparison("narrowed", code_types_unrelated=True)
    return TypeComparison("incompatible")


# -- unions and null inside them -------------------------------------------------


def _is_union(old: ir.TypeRef, new: ir.TypeRef) -> bool:
    kinds = (ir.UnionRef, ir.OneOf, ir.Nullable)
    return isinstance(old, kinds) or isinstance(new, kinds)


def _named(type_: ir.TypeRef) -> bool:
    """Whether a type is a named union (under any `?`)."""
    while isinstance(type_, ir.Nullable):
        type_ = type_.item
    return isinstance(type_, ir.UnionRef)


def variants(type_: ir.TypeRef, side: Side) -> tuple[tuple[ir.TypeRef, ...], bool]:
    """A type as the set of values it is a union of: its variants (named unions
    opened up, at any depth), and whether null is one of them (`T?`)."""
    match type_:
        case ir.Nullable(item):
            found, _ = variants(item, side)
            return found, True
        case ir.OneOf(members):
            pass
        case ir.UnionRef(name):
            union = side.unions.get(side.key(name))
            members = union.variants if union is not None else ()
        case _:
            return (type_,), False
    flat: list[ir.TypeRef] = []
    nullable = False
    for member in members:
        inner, null = variants(member, side)
        flat += [v for v in inner if v not in flat]
        nullable = nullable or null
    return tuple(flat), nullable


def effective(comparison: TypeComparison) -> Relation:
    """A comparison as one relation, enum values and null included."""
    relation = comparison.relation
    if relation == "incompatible":
        return relation
    wider = relation == "widened" or bool(comparison.added_values)
    narrower = relation == "narrowed" or bool(comparison.removed_values)
    if comparison.null_change == "added":
        wider = True
    elif comparison.null_change == "removed":
        narrower = True
    if wider and narrower:
        return "incompatible"
    return "widened" if wider else "narrowed" if narrower else relation


def _relate_unions(
    old: ir.TypeRef, new: ir.TypeRef, old_side: Side, new_side: Side, renames: Renames
) -> TypeComparison:
    old_variants, old_null = variants(old, old_side)
    new_variants, new_null = variants(new, new_side)
    null_change: NullChange | None = (
        None if old_null == new_null else "added" if new_null else "removed"
    )
    if len(old_variants) == 1 and len(new_variants) == 1:
        # `T` and `T?`: the types relate as T does, and null is told apart.
        found = relate(old_variants[0], new_variants[0], old_side, new_side, renames)
        return replace(found, null_change=null_change)
    relations = {
        (i, j): effective(relate(o, n, old_side, new_side, renames))
        for i, o in enumerate(old_variants)
        for j, n in enumerate(new_variants)
    }
    # Every old value still a value: each old variant fits in some new one, ...
    kept = all(
        any(
            relations[i, j] in ("same", "respelled", "widened")
            for j in range(len(new_variants))
        )
        for i in range(len(old_variants))
    )
    # ... and every new value an old one.
    within = all(
        any(
            relations[i, j] in ("same", "respelled", "narrowed")
            for i in range(len(old_variants))
        )
        for j in range(len(new_variants))
    )
    if kept and within:
        alike = old_variants == new_variants and not (_named(old) or _named(new))
        relation: Relation = "same" if alike else "respelled"
    elif kept:
        relation = "widened"
    elif within:
        relation = "narrowed"
    else:
        relation = "incompatible"
    return TypeComparison(relation, null_change=null_change)
