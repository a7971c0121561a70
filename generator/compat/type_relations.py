"""How a field's new type relates to its old one: the same, wider, narrower or unrelated.

Wider means every old value is still a value (integer -> number, an enum ->
string, anything -> json); narrower is the reverse. Containers relate as their
elements do. Enum values are compared as sets: an inline enum and a named enum
with the same values are the same type spelled differently.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from typing_extensions import assert_never

from generator import ir

Relation = Literal["same", "respelled", "widened", "narrowed", "incompatible"]
FormatChange = Literal["added", "removed", "changed"]
Key = tuple[str, str]  # (module name, model or enum name)

# Wire strings whose generated Python type is not `str`: moving between them and
# plain strings changes the code type in a way neither side can absorb.
_STRING_LIKE = ("datetime", "date")


@dataclass(frozen=True)
class TypeComparison:
    relation: Relation
    added_values: tuple[ir.EnumValue, ...] = ()
    removed_values: tuple[ir.EnumValue, ...] = ()
    format_change: FormatChange | None = None
    code_types_unrelated: bool = False


@dataclass(frozen=True)
class Side:
    """What a type name means on one side: its module, and the enums' values there."""

    module: str
    enum_values: Mapping[Key, tuple[ir.EnumValue, ...]]


@dataclass(frozen=True)
class Renames:
    """Old (module, name) -> new (module, name) for models and enums paired across versions."""

    models: Mapping[Key, Key]
    enums: Mapping[Key, Key]


def relate(
    old: ir.TypeRef, new: ir.TypeRef, old_side: Side, new_side: Side, renames: Renames
) -> TypeComparison:
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
        same = renames.models.get((old_side.module, old.name)) == (
            new_side.module,
            new.name,
        )
        return TypeComparison("same" if same else "incompatible")
    old_values = _enum_values(old, old_side)
    new_values = _enum_values(new, new_side)
    if old_values is not None and new_values is not None:
        return _relate_enums(
            old, new, old_values, new_values, old_side, new_side, renames
        )
    if isinstance(old, ir.Scalar) and isinstance(new, ir.Scalar):
        return _relate_scalars(old, new)
    if old_values is not None and new == ir.Scalar("string"):
        return TypeComparison("widened")
    if new_values is not None and old == ir.Scalar("string"):
        return TypeComparison("narrowed")
    return TypeComparison("incompatible")


def _enum_values(type_: ir.TypeRef, side: Side) -> tuple[ir.EnumValue, ...] | None:
    """The values of an enum type; None for any other (every variant named, so
    that a new one is a type error here and `relate` is taught about it)."""
    match type_:
        case ir.InlineEnum(values):
            return values
        case ir.EnumRef(name):
            return side.enum_values.get((side.module, name), ())
        case (
            ir.Scalar()
            | ir.ListOf()
            | ir.MapOf()
            | ir.ModelRef()
            | ir.Const()
            | ir.UnionRef()
            | ir.OneOf()
            | ir.Nullable()
        ):
            return None
        case _:
            assert_never(type_)


def _relate_enums(
    old: ir.TypeRef,
    new: ir.TypeRef,
    old_values: tuple[ir.EnumValue, ...],
    new_values: tuple[ir.EnumValue, ...],
    old_side: Side,
    new_side: Side,
    renames: Renames,
) -> TypeComparison:
    # The same named enum on both sides: its own changes are reported at the enum.
    if (
        isinstance(old, ir.EnumRef)
        and isinstance(new, ir.EnumRef)
        and renames.enums.get((old_side.module, old.name))
        == (new_side.module, new.name)
    ):
        return TypeComparison("same")
    spelled_alike = isinstance(old, ir.InlineEnum) and isinstance(new, ir.InlineEnum)
    return TypeComparison(
        "same" if spelled_alike else "respelled",
        added_values=tuple(v for v in new_values if v not in old_values),
        removed_values=tuple(v for v in old_values if v not in new_values),
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
