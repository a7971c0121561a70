"""The intermediate representation: what a spec means, independent of any target language.

Every target is a pure function of these frozen objects. The IR is versioned
(`IR_VERSION`) and serialises to plain JSON (`schemasmith ir`), so tools outside
this package can consume it the way they would consume a target's output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

from generator.diagnostics import Location

IR_VERSION = 1

ScalarKind = Literal[
    "string", "integer", "number", "boolean", "datetime", "date", "json"
]
SCALAR_KINDS: tuple[ScalarKind, ...] = (
    "string",
    "integer",
    "number",
    "boolean",
    "datetime",
    "date",
    "json",
)
ExtraPolicy = Literal["allow", "ignore", "forbid"]
Direction = Literal["response", "request", "both"]
# How code targets split a module into files: one file, or one per model (a
# target that supports the latter loads each model's code on first use).
Layout = Literal["module", "per-model"]
# A spec that leaves `layout` out is written as one module up to this many
# fields in all, and a module per model above: importing one module creates
# every class at once (Pydantic spends 40 to 80 us per field on that).
PER_MODEL_LAYOUT_ABOVE_FIELDS = 5000

# Recursive, so spelled with Union: `|` cannot join the quoted forward references at runtime.
JsonValue = Union[  # noqa: UP007
    None, bool, int, float, str, list["JsonValue"], dict[str, "JsonValue"]
]


@dataclass(frozen=True)
class Scalar:
    kind: ScalarKind
    format: str | None = None  # JSON Schema format of a string (uuid, uri, ...)


@dataclass(frozen=True)
class ListOf:
    item: TypeRef


@dataclass(frozen=True)
class MapOf:
    """A JSON object with string keys and values of one type."""

    value: TypeRef


@dataclass(frozen=True)
class ModelRef:
    name: str


@dataclass(frozen=True)
class EnumRef:
    name: str


@dataclass(frozen=True)
class InlineEnum:
    """A closed set of strings declared on the field itself."""

    values: tuple[str, ...]


TypeRef = Scalar | ListOf | MapOf | ModelRef | EnumRef | InlineEnum


@dataclass(frozen=True)
class Deprecation:
    message: str | None = None


@dataclass(frozen=True, init=False)
class Field:
    name: str  # the wire (JSON) name
    type: TypeRef
    description: str
    required: bool
    nullable: bool
    has_default: bool
    default: JsonValue = field(default=None, hash=False)
    deprecated: Deprecation | None = None
    since: str | None = None
    secret: bool = False
    # A name the spec asks code targets to use instead of the wire name.
    code_name: str | None = None
    # The wire name this field had in the previous version (`renamed_from:`).
    renamed_from: str | None = None
    location: Location | None = field(default=None, compare=False)

    def __init__(
        self,
        name: str,
        type: TypeRef,
        description: str,
        required: bool,
        nullable: bool,
        has_default: bool,
        default: JsonValue = None,
        deprecated: Deprecation | None = None,
        since: str | None = None,
        secret: bool = False,
        code_name: str | None = None,
        renamed_from: str | None = None,
        location: Location | None = None,
    ) -> None:
        # The generated frozen __init__ sets each attribute through
        # object.__setattr__, twice as slow; a spec has tens of thousands of fields.
        self.__dict__.update(
            name=name,
            type=type,
            description=description,
            required=required,
            nullable=nullable,
            has_default=has_default,
            default=default,
            deprecated=deprecated,
            since=since,
            secret=secret,
            code_name=code_name,
            renamed_from=renamed_from,
            location=location,
        )


@dataclass(frozen=True)
class Model:
    name: str
    description: str
    fields: tuple[Field, ...]
    extra: ExtraPolicy = "allow"
    direction: Direction = "both"
    since: str | None = None
    deprecated: Deprecation | None = None
    location: Location | None = field(default=None, compare=False)
    # False when the spec leaves `direction` out: a model that others use then
    # takes its direction from them (`schemasmith diff`) instead of `both`.
    direction_declared: bool = True
    renamed_from: str | None = None  # its name in the previous version


@dataclass(frozen=True)
class Enum:
    name: str
    description: str
    values: tuple[str, ...]
    since: str | None = None
    deprecated: Deprecation | None = None
    location: Location | None = field(default=None, compare=False)
    renamed_from: str | None = None  # its name in the previous version


@dataclass(frozen=True)
class Module:
    name: str
    description: str
    enums: tuple[Enum, ...]
    models: tuple[Model, ...]
    json_schema_id: str | None = None
    root: str | None = None  # the model a module's JSON Schema validates at its root
    layout: Layout = "module"
    source: str = field(default="", compare=False)
    # False when the spec's size chose `layout` (left out, or `layout: auto`).
    layout_declared: bool = field(default=True, compare=False)

    @property
    def field_count(self) -> int:
        return sum(len(model.fields) for model in self.models)

    @property
    def named_types(self) -> tuple[Enum | Model, ...]:
        """Enums, then models, each in spec order: the order every output declares them in."""
        return (*self.enums, *self.models)

    def model(self, name: str) -> Model:
        return next(m for m in self.models if m.name == name)

    def enum(self, name: str) -> Enum:
        return next(e for e in self.enums if e.name == name)


def innermost(type_: TypeRef) -> TypeRef:
    """The element type under any list<...> and map<...> wrappers."""
    while isinstance(type_, (ListOf, MapOf)):
        type_ = type_.item if isinstance(type_, ListOf) else type_.value
    return type_


def referenced_names(type_: TypeRef) -> tuple[str, ...]:
    inner = innermost(type_)
    return (inner.name,) if isinstance(inner, (ModelRef, EnumRef)) else ()


def type_to_json(type_: TypeRef) -> dict[str, object]:
    if isinstance(type_, Scalar):
        out: dict[str, object] = {"scalar": type_.kind}
        if type_.format:
            out["format"] = type_.format
        return out
    if isinstance(type_, ListOf):
        return {"list": type_to_json(type_.item)}
    if isinstance(type_, MapOf):
        return {"map": type_to_json(type_.value)}
    if isinstance(type_, ModelRef):
        return {"model": type_.name}
    if isinstance(type_, EnumRef):
        return {"enum": type_.name}
    return {"inline_enum": list(type_.values)}


def type_to_text(type_: TypeRef) -> str:
    """The type as the spec writes it: `list<map<Event>>`."""
    if isinstance(type_, Scalar):
        return type_.kind
    if isinstance(type_, ListOf):
        return f"list<{type_to_text(type_.item)}>"
    if isinstance(type_, MapOf):
        return f"map<{type_to_text(type_.value)}>"
    if isinstance(type_, InlineEnum):
        return "string enum"
    return type_.name


def _deprecation_to_json(d: Deprecation | None) -> object:
    if d is None:
        return False
    return d.message if d.message is not None else True


def module_to_json(module: Module) -> dict[str, object]:
    """The IR of one module as plain JSON data (stable keys, spec order kept)."""
    return {
        "name": module.name,
        "description": module.description,
        "json_schema_id": module.json_schema_id,
        "root": module.root,
        "layout": module.layout,
        "enums": [
            {
                "name": e.name,
                "description": e.description,
                "values": list(e.values),
                "since": e.since,
                "deprecated": _deprecation_to_json(e.deprecated),
                "renamed_from": e.renamed_from,
            }
            for e in module.enums
        ],
        "models": [
            {
                "name": m.name,
                "description": m.description,
                "extra": m.extra,
                "direction": m.direction,
                "since": m.since,
                "deprecated": _deprecation_to_json(m.deprecated),
                "renamed_from": m.renamed_from,
                "fields": [
                    {
                        "name": f.name,
                        "code_name": f.code_name,
                        "type": type_to_json(f.type),
                        "description": f.description,
                        "required": f.required,
                        "nullable": f.nullable,
                        **({"default": f.default} if f.has_default else {}),
                        "deprecated": _deprecation_to_json(f.deprecated),
                        "since": f.since,
                        "secret": f.secret,
                        "renamed_from": f.renamed_from,
                    }
                    for f in m.fields
                ],
            }
            for m in module.models
        ],
    }


def bundle_to_json(modules: tuple[Module, ...]) -> dict[str, object]:
    return {"ir_version": IR_VERSION, "modules": [module_to_json(m) for m in modules]}
