"""The one vocabulary both sides of a sync are read into: JSON-level types, models and fields.

A Pydantic annotation, a JSON Schema and a spec type are each normalised into
these frozen values, so `Optional[List[X]]`, `list[X] | None` and
`{"anyOf": [{"type": "array", ...}, {"type": "null"}]}` compare equal. Nullability
is lifted out of a field's type into `FieldShape.nullable`; models are named by
reference and read lazily, so recursive models cost nothing until compared.
"""

from __future__ import annotations

import json
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Scalar:
    # string, integer, number, boolean, datetime, date, json (any JSON value) or null
    kind: str
    format: str | None = None  # a string's JSON Schema format (uuid, uri, ...)
    # False when the source cannot state a format at all (a Python `str`): then any
    # format on the other side matches, as the generated models write uuid strings as `str`.
    format_known: bool = True


@dataclass(frozen=True)
class ListShape:
    item: Shape


@dataclass(frozen=True)
class MapShape:
    value: Shape


@dataclass(frozen=True)
class EnumShape:
    values: tuple[
        str, ...
    ]  # each as `value_text` writes it; declared order; compared as a set
    name: str | None = (
        None  # None for an inline enum (`Literal[...]`, `enum:` on a field)
    )


@dataclass(frozen=True)
class ModelShape:
    name: str
    # What the source needs to read the model's fields (a class, a JSON pointer, a spec name).
    ref: Hashable = field(compare=True)


@dataclass(frozen=True)
class UnionShape:
    options: tuple[Shape, ...]  # flattened, without duplicates, sorted by text


@dataclass(frozen=True)
class Opaque:
    """A type with no JSON meaning known to the reader (say, a Python class that is not a model)."""

    text: str


Shape = Scalar | ListShape | MapShape | EnumShape | ModelShape | UnionShape | Opaque

JSON = Scalar("json")
NULL = Scalar("null")


@dataclass(frozen=True)
class FieldShape:
    name: str  # the wire (JSON) name
    type: Shape  # never nullable itself: null is lifted into `nullable`
    nullable: bool
    required: bool
    description: str  # normalised documentation; "" when there is none


@dataclass(frozen=True)
class ModelInfo:
    name: str
    description: str
    fields: tuple[FieldShape, ...]


class ModelSource(Protocol):
    """Where the models of one side come from."""

    def model(self, shape: ModelShape) -> ModelInfo: ...


def value_text(value: object) -> str:
    """An enum value or a constant as an EnumShape holds it: a string as it is, any
    other value as JSON (`1`, `false`), whichever side it was read from."""
    return value if isinstance(value, str) else json.dumps(value)


def union(options: list[Shape]) -> Shape:
    """The normal form of a union: nested unions flattened, duplicates dropped, json absorbing all."""
    flat: list[Shape] = []
    for option in options:
        members = option.options if isinstance(option, UnionShape) else (option,)
        for member in members:
            if member not in flat:
                flat.append(member)
    if JSON in flat:
        return JSON
    if len(flat) == 1:
        return flat[0]
    return UnionShape(tuple(sorted(flat, key=text)))


def split_null(shape: Shape) -> tuple[Shape, bool]:
    """(the type without null, whether null was allowed). `json` always admits null."""
    if shape == JSON:
        return JSON, True
    if shape == NULL:
        return (
            JSON,
            True,
        )  # a field that can only be null carries no type worth comparing
    if isinstance(shape, UnionShape) and NULL in shape.options:
        rest = [o for o in shape.options if o != NULL]
        return union(rest), True
    return shape, False


def field_shape(
    name: str, shape: Shape, required: bool, description: str
) -> FieldShape:
    type_, nullable = split_null(shape)
    return FieldShape(name, type_, nullable, required, description)


def text(shape: Shape) -> str:
    """A type as a reader of the spec would write it: `list<Event>`, `string(uuid)`, `enum(A, B)`."""
    if isinstance(shape, Scalar):
        return f"{shape.kind}({shape.format})" if shape.format else shape.kind
    if isinstance(shape, ListShape):
        return f"list<{text(shape.item)}>"
    if isinstance(shape, MapShape):
        return f"map<{text(shape.value)}>"
    if isinstance(shape, EnumShape):
        return shape.name or f"enum({', '.join(shape.values)})"
    if isinstance(shape, ModelShape):
        return shape.name
    if isinstance(shape, UnionShape):
        return " | ".join(text(o) for o in shape.options)
    return shape.text


def accepts(wide: Shape, narrow: Shape) -> bool:
    """Whether every JSON value of `narrow` is also a value of `wide`.

    Never true by mistake, as the answer decides whether a type difference is only
    representation: a model accepts only a model of its name (their fields are
    compared as a pair of their own).
    """
    if wide == JSON:
        return True
    if isinstance(narrow, UnionShape):
        return all(accepts(wide, o) for o in narrow.options)
    if isinstance(wide, UnionShape):
        return any(accepts(o, narrow) for o in wide.options)
    if narrow == JSON:
        return False
    if isinstance(wide, Scalar):
        if isinstance(narrow, Scalar):
            if wide.kind == narrow.kind:
                return (
                    wide.format is None
                    or not wide.format_known
                    or not narrow.format_known
                    or wide.format == narrow.format
                )
            if wide.kind == "number":
                return narrow.kind == "integer"
            if wide.kind == "string" and wide.format is None:
                return narrow.kind in ("datetime", "date")
            return False
        if isinstance(narrow, EnumShape):
            return wide.kind == "string" and wide.format is None
        return False
    if isinstance(wide, EnumShape):
        return isinstance(narrow, EnumShape) and set(narrow.values) <= set(wide.values)
    if isinstance(wide, ListShape):
        return isinstance(narrow, ListShape) and accepts(wide.item, narrow.item)
    if isinstance(wide, MapShape):
        if isinstance(narrow, ModelShape):
            return wide.value == JSON
        return isinstance(narrow, MapShape) and accepts(wide.value, narrow.value)
    if isinstance(wide, ModelShape):
        # Only the same model for sure: two models of other names may take other fields.
        return isinstance(narrow, ModelShape) and narrow.name == wide.name
    return wide == narrow
