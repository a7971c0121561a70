"""The spec side of a sync: IR models read into shapes.

A constant is a one-value enum; an open enum is its values or any value of its
kind; a named union is its variants, with its discriminator; `T?` is T or
null. A `json` field says itself whether it may be null; inside a list, a map
or a union, `json` admits null, as every target writes it.
"""

from __future__ import annotations

from typing_extensions import assert_never

from generator import ir
from generator.sync.shapes import (
    JSON,
    WIRE_DECIMAL,
    EnumShape,
    ListShape,
    MapShape,
    ModelInfo,
    ModelShape,
    Scalar,
    Shape,
    field_shape,
    literal,
    split_null,
    union,
)

# A string format that names a scalar of its own (the spec's `datetime` is `string` + `date-time`).
_FORMAT_SCALARS = {"date-time": "datetime", "date": "date"}
# The scalars that every source reads as a string of a format (a Python `UUID` too),
# and the decimal, which is a number or a decimal string (`WIRE_DECIMAL`).
_STRING_SCALARS = {
    "uuid": "uuid",
    "time": "time",
    "duration": "duration",
    "bytes": "base64",
}


class SpecSource:
    """`others`: the modules `module` imports from (`common.Usage`), by name."""

    def __init__(self, module: ir.Module, others: tuple[ir.Module, ...] = ()) -> None:
        self.module = module
        self.modules = {m.name: m for m in (*others, module)}

    def _owner(self, name: str) -> tuple[ir.Module, str]:
        owner, short = ir.qualified(name)
        return (self.module if owner is None else self.modules[owner]), short

    def shape(self, type_: ir.TypeRef) -> Shape:
        match type_:
            case ir.Scalar("json"):
                return JSON
            case ir.Scalar("string", format) if format in _FORMAT_SCALARS:
                return Scalar(_FORMAT_SCALARS[format])
            case ir.Scalar(kind) if kind in _STRING_SCALARS:
                return Scalar("string", _STRING_SCALARS[kind])
            case ir.Scalar("decimal"):
                return WIRE_DECIMAL
            case ir.Scalar(kind, format):
                return Scalar(kind, format)
            case ir.ListOf(item):
                return ListShape(self.shape(item))
            case ir.MapOf(value):
                return MapShape(self.shape(value))
            case ir.InlineEnum(values):
                return EnumShape(tuple(literal(v) for v in values))
            case ir.EnumRef(name):
                holder, short = self._owner(name)
                enum = holder.enum(short)
                known = EnumShape(tuple(literal(v) for v in enum.values), short)
                return union([known, Scalar(enum.kind)]) if enum.open else known
            case ir.ModelRef(name):
                holder, short = self._owner(name)
                return ModelShape(short, f"{holder.name}.{short}")
            case ir.Const(value):
                return EnumShape((literal(value),))
            case ir.UnionRef(name):
                holder, short = self._owner(name)
                named = holder.union(short)
                source = self if holder is self.module else self._at(holder)
                return union(
                    [source.shape(v) for v in named.variants], named.discriminator
                )
            case ir.OneOf(variants):
                return union([self.shape(v) for v in variants])
            case ir.Nullable(item):
                return union([self.shape(item), Scalar("null")])
            case _:
                assert_never(type_)

    def root(self, name: str) -> ModelShape:
        return ModelShape(name, name)

    def _at(self, module: ir.Module) -> SpecSource:
        """The same spec models, read from `module` (whose own names are unqualified)."""
        return SpecSource(module, tuple(self.modules.values()))

    def model(self, shape: ModelShape) -> ModelInfo:
        holder, short = self._owner(str(shape.ref))
        # The names a module's types write are its own unless qualified.
        source = self if holder is self.module else self._at(holder)
        model = holder.model(short)
        fields = []
        for f in holder.all_fields(model):  # inherited ones included
            type_ = source.shape(f.type)
            # A `json` field's flag says whether it may be null; any other field's
            # type may admit null too, by a `T?` among a union's variants.
            admits_null = f.type != ir.Scalar("json") and split_null(type_)[1]
            fields.append(
                field_shape(
                    f.name,
                    type_,
                    f.required,
                    f.description,
                    nullable=f.nullable or admits_null,
                )
            )
        return ModelInfo(
            model.name, model.description, tuple(fields), frozen=model.frozen
        )
