"""The intermediate representation: what a spec means, independent of any target language.

Every target is a pure function of these frozen objects. The IR is versioned
(`IR_VERSION`) and serialises to plain JSON (`schemasmith ir`), so tools outside
this package can consume it the way they would consume a target's output.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Union

from typing_extensions import assert_never

from generator.diagnostics import Location

IR_VERSION = 2  # 2: a module no longer carries `layout` (a target option)

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
    # Values are taken only as JSON writes them: no "12" for an integer, no
    # true for a number, no number of seconds for a datetime.
    strict: bool = False
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
    source: str = field(default="", compare=False)

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
    match type_:
        case Scalar(kind, format):
            return {"scalar": kind, "format": format} if format else {"scalar": kind}
        case ListOf(item):
            return {"list": type_to_json(item)}
        case MapOf(value):
            return {"map": type_to_json(value)}
        case ModelRef(name):
            return {"model": name}
        case EnumRef(name):
            return {"enum": name}
        case InlineEnum(values):
            return {"inline_enum": list(values)}
        case _:
            assert_never(type_)


def type_to_text(type_: TypeRef) -> str:
    """The type as the spec writes it: `list<map<Event>>`."""
    match type_:
        case Scalar(kind):
            return kind
        case ListOf(item):
            return f"list<{type_to_text(item)}>"
        case MapOf(value):
            return f"map<{type_to_text(value)}>"
        case InlineEnum():
            return "string enum"
        case ModelRef(name) | EnumRef(name):
            return name
        case _:
            assert_never(type_)


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
                "strict": m.strict,
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
