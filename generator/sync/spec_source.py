"""The spec side of a sync: IR models read into shapes."""

from __future__ import annotations

from typing_extensions import assert_never

from generator import ir
from generator.sync.shapes import (
    JSON,
    NULL,
    EnumShape,
    ListShape,
    MapShape,
    ModelInfo,
    ModelShape,
    Scalar,
    Shape,
    field_shape,
    union,
    value_text,
)

# A string format that names a scalar of its own (the spec's `datetime` is `string` + `date-time`).
_FORMAT_SCALARS = {"date-time": "datetime", "date": "date"}


class SpecSource:
    def __init__(self, module: ir.Module) -> None:
        self.module = module

    def shape(self, type_: ir.TypeRef) -> Shape:
        match type_:
            case ir.Scalar("json"):
                return JSON
            case ir.Scalar("string", format) if format in _FORMAT_SCALARS:
                return Scalar(_FORMAT_SCALARS[format])
            case ir.Scalar(kind, format):
                return Scalar(kind, format)
            case ir.ListOf(item):
                return ListShape(self.shape(item))
            case ir.MapOf(value):
                return MapShape(self.shape(value))
            case ir.InlineEnum(values):
                return EnumShape(values)
            case ir.EnumRef(name):
                enum = self.module.enum(name)
                known = EnumShape(tuple(value_text(v) for v in enum.values), name)
                return union([known, Scalar(enum.kind)]) if enum.open else known
            case ir.ModelRef(name):
                return ModelShape(name, name)
            case ir.Const(value):
                return EnumShape((value_text(value),))
            case ir.UnionRef(name):
                return union([self.shape(v) for v in self.module.union(name).variants])
            case ir.OneOf(variants):
                return union([self.shape(v) for v in variants])
            case ir.Nullable(item):
                return union([self.shape(item), Scalar("null")])
            case _:
                assert_never(type_)

    def root(self, name: str) -> ModelShape:
        return ModelShape(name, name)

    def model(self, shape: ModelShape) -> ModelInfo:
        model = self.module.model(str(shape.ref))
        # Null is lifted out of the type, as for the other side: a union may list it
        # (`string? | integer`), and json always admits it in this vocabulary (as a
        # TypedDict's `object` does, even where the spec says `nullable: false`).
        fields = tuple(
            field_shape(
                f.name,
                union([self.shape(f.type), NULL]) if f.nullable else self.shape(f.type),
                f.required,
                f.description,
            )
            for f in model.fields
        )
        return ModelInfo(model.name, model.description, fields)
