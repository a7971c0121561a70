"""The spec side of a sync: IR models read into shapes."""

from __future__ import annotations

from generator import ir
from generator.sync.shapes import (
    JSON,
    EnumShape,
    FieldShape,
    ListShape,
    MapShape,
    ModelInfo,
    ModelShape,
    Scalar,
    Shape,
)

# A string format that names a scalar of its own (the spec's `datetime` is `string` + `date-time`).
_FORMAT_SCALARS = {"date-time": "datetime", "date": "date"}


class SpecSource:
    def __init__(self, module: ir.Module) -> None:
        self.module = module

    def shape(self, type_: ir.TypeRef) -> Shape:
        if isinstance(type_, ir.Scalar):
            if type_.kind == "json":
                return JSON
            if type_.kind == "string" and type_.format in _FORMAT_SCALARS:
                return Scalar(_FORMAT_SCALARS[type_.format])
            return Scalar(type_.kind, type_.format)
        if isinstance(type_, ir.ListOf):
            return ListShape(self.shape(type_.item))
        if isinstance(type_, ir.MapOf):
            return MapShape(self.shape(type_.value))
        if isinstance(type_, ir.InlineEnum):
            return EnumShape(type_.values)
        if isinstance(type_, ir.EnumRef):
            return EnumShape(self.module.enum(type_.name).values, type_.name)
        return ModelShape(type_.name, type_.name)

    def root(self, name: str) -> ModelShape:
        return ModelShape(name, name)

    def model(self, shape: ModelShape) -> ModelInfo:
        model = self.module.model(str(shape.ref))
        fields = tuple(
            FieldShape(
                name=f.name,
                type=self.shape(f.type),
                # json admits null whatever the flag says (the spec requires the flag then).
                nullable=f.nullable or f.type == ir.Scalar("json"),
                required=f.required,
                description=f.description,
            )
            for f in model.fields
        )
        return ModelInfo(model.name, model.description, fields)
