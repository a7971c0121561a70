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
from dataclasses import dataclass, field, replace
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
    """A set of values: an enum, or a constant (one value). Each value is its JSON
    text (`"a"`, `1`, `true`), so `1`, `"1"` and `true` are three values."""

    values: tuple[str, ...]  # declared order; compared as a set
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
    options: tuple[Shape, ...]  # flattened, without duplicates, in a fixed order
    # The wire name of the field whose constant tells the variants apart, if the
    # source names one (`Field(discriminator=...)`, the spec's `discriminator:`).
    discriminator: str | None = None
    # False when the source has no way to name one (a TypedDict's Union, a JSON
    # Schema without OpenAPI's `discriminator`): then any discriminator matches.
    discriminator_known: bool = True


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
    # False when the source cannot say whether the field may be null (a
    # TypedDict's `object` key): then either answer matches.
    nullable_known: bool = True


@dataclass(frozen=True)
class ModelInfo:
    name: str
    description: str
    fields: tuple[FieldShape, ...]
    # Whether instances cannot be changed (Pydantic's `frozen`, a TypedDict whose
    # keys are all `ReadOnly`); None when the source cannot say (a JSON Schema).
    frozen: bool | None = None


class ModelSource(Protocol):
    """Where the models of one side come from."""

    def model(self, shape: ModelShape) -> ModelInfo: ...


def literal(value: object) -> str:
    """An enum value or constant as EnumShape holds it: its JSON text (a whole
    number written with a fraction, `1.0`, is the number 1, as JSON compares)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return json.dumps(value, ensure_ascii=False)


def value_text(literal_text: str) -> str:
    """A value as a reader of the spec writes it: a string bare, anything else as JSON."""
    value = json.loads(literal_text)
    return value if isinstance(value, str) else literal_text


def _order(shape: Shape) -> tuple[int, str]:
    """The place of a union member: by kind, then by what it holds (an enum by its
    values, not its name), so two spellings of one union line up member by member."""
    if shape == NULL:
        return 4, ""  # last: `number | null`
    if isinstance(shape, EnumShape):
        return 0, " ".join(sorted(shape.values))
    if isinstance(shape, Scalar):
        return 1, text(shape)
    if isinstance(shape, ModelShape):
        return 2, shape.name
    return 3, text(shape)


def union(
    options: list[Shape], discriminator: str | None = None, known: bool = True
) -> Shape:
    """The normal form of a union: nested unions flattened, duplicates dropped, json
    absorbing all. A union that only adds null to one union keeps its discriminator."""
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
    inner = [o for o in options if o != NULL]
    if discriminator is None and len(inner) == 1 and isinstance(inner[0], UnionShape):
        discriminator, known = inner[0].discriminator, inner[0].discriminator_known
    return UnionShape(tuple(sorted(flat, key=_order)), discriminator, known)


def told_apart_by(shape: Shape, discriminator: str | None) -> Shape:
    """A union (that may admit null) whose variants a field tells apart; None for
    a discriminator the source states in a way that names no field."""
    if isinstance(shape, UnionShape):
        return replace(
            shape, discriminator=discriminator, discriminator_known=bool(discriminator)
        )
    return shape


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
        if len(rest) == 1:
            return rest[0], True
        return replace(shape, options=tuple(rest)), True
    return shape, False


def field_shape(
    name: str,
    shape: Shape,
    required: bool,
    description: str,
    nullable: bool | None = None,
    nullable_known: bool = True,
) -> FieldShape:
    """A field; `nullable` says what the source states when its type does not
    (a null the source keeps out of the wire, though its type admits one)."""
    type_, admits_null = split_null(shape)
    return FieldShape(
        name,
        type_,
        admits_null if nullable is None else nullable,
        required,
        description,
        nullable_known,
    )


def text(shape: Shape) -> str:
    """A type as a reader of the spec would write it: `list<Event>`, `string(uuid)`, `enum(A, B)`."""
    if isinstance(shape, Scalar):
        return f"{shape.kind}({shape.format})" if shape.format else shape.kind
    if isinstance(shape, ListShape):
        return f"list<{text(shape.item)}>"
    if isinstance(shape, MapShape):
        return f"map<{text(shape.value)}>"
    if isinstance(shape, EnumShape):
        if shape.name:
            return shape.name
        if len(shape.values) == 1:
            return f"const {shape.values[0]}"
        return f"enum({', '.join(value_text(v) for v in shape.values)})"
    if isinstance(shape, ModelShape):
        return shape.name
    if isinstance(shape, UnionShape):
        return " | ".join(text(o) for o in shape.options)
    return shape.text


def _kind(literal_text: str) -> str:
    """The scalar kind of a value held as JSON text."""
    value = json.loads(literal_text)
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return "string" if isinstance(value, str) else "null"


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
            kinds = {_kind(v) for v in narrow.values}
            if wide.kind == "number":
                return kinds <= {"integer", "number"}
            return wide.format is None and kinds <= {wide.kind}
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


# A decimal as it travels: a JSON number, or a string in decimal notation (Python's
# `Decimal`, the spec's `decimal`, the JSON Schema's `anyOf` of the two).
WIRE_DECIMAL = union([Scalar("number"), Scalar("string", "decimal")])
