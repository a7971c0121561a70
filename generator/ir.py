"""The intermediate representation: what a spec means, independent of any target language.

Every target is a pure function of these frozen objects. The IR is versioned
(`IR_VERSION`) and serialises to plain JSON (`schemasmith ir`), so tools outside
this package can consume it the way they would consume a target's output.
"""

from __future__ import annotations

import json
import typing
from dataclasses import dataclass, field
from typing import Literal

from typing_extensions import assert_never

from generator.diagnostics import Location

# 2: a module no longer carries `layout` (a target option); unions, constants,
# open and integer enums, and values that may be null inside lists and maps.
# 3: the scalars uuid, bytes, decimal, time and duration.
# 4: a model may extend another (`extends`); its `fields` are its own.
# 5: a field's value constraints (`constraints`).
# 6: a module may import others (`imports`); a reference to a type of an
# imported module is qualified, `common.Usage`.
# 7: a model may be frozen (`frozen`).
IR_VERSION = 7

ScalarKind = Literal[
    "string",
    "integer",
    "number",
    "boolean",
    "datetime",
    "date",
    "json",
    "uuid",
    "bytes",
    "decimal",
    "time",
    "duration",
]
SCALAR_KINDS: tuple[ScalarKind, ...] = typing.get_args(ScalarKind)
ExtraPolicy = Literal["allow", "ignore", "forbid"]
Direction = Literal["response", "request", "both"]

# Recursive, so spelled with Union: `|` cannot join the quoted forward references at runtime.
JsonValue = typing.Union[  # noqa: UP007
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


# What a constant can be: the scalars every target's literal types hold
# (Python's `Literal` holds no number with a fraction).
ConstValue = bool | int | str
# A value constraint of a field (generator.constraints): its name and value.
ConstraintValue = int | float | str
Constraints = tuple[tuple[str, ConstraintValue], ...]
# The values of an enum: strings, or (an enum of `type: integer`) whole numbers.
EnumValue = str | int


@dataclass(frozen=True)
class Const:
    """Exactly this value (a field of this type is always present)."""

    value: ConstValue


@dataclass(frozen=True)
class UnionRef:
    """A named union of the module (`unions:`)."""

    name: str


@dataclass(frozen=True)
class OneOf:
    """An inline union (`string | list<string>`): a value of any of the variants."""

    variants: tuple[TypeRef, ...]


@dataclass(frozen=True)
class Nullable:
    """`T?` inside a list, a map or a union: a T, or null."""

    item: TypeRef


TypeRef = (
    Scalar
    | ListOf
    | MapOf
    | ModelRef
    | EnumRef
    | InlineEnum
    | Const
    | UnionRef
    | OneOf
    | Nullable
)


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
    # The constraints on the value at the top of `type`, in the registry's order
    # (`generator.constraints.CONSTRAINTS`); null, when allowed, is never constrained.
    constraints: Constraints = ()

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
        constraints: Constraints = (),
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
            constraints=constraints,
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
    # The model of the same module this one extends: it has every field of that
    # model, and `fields` holds only those it declares itself (new ones, and
    # inherited ones it narrows). `Module.all_fields` gives them all.
    extends: str | None = None
    # Instances cannot be changed once made (a base and its children all agree).
    frozen: bool = False


@dataclass(frozen=True)
class Enum:
    name: str
    description: str
    values: tuple[EnumValue, ...]  # all strings, or all whole numbers
    since: str | None = None
    deprecated: Deprecation | None = None
    location: Location | None = field(default=None, compare=False)
    renamed_from: str | None = None  # its name in the previous version
    # Open: any other value of the same kind (string or integer) is accepted too,
    # so a newer API's values never break an older SDK.
    open: bool = False

    @property
    def kind(self) -> Literal["string", "integer"]:
        return (
            "integer" if self.values and isinstance(self.values[0], int) else "string"
        )


@dataclass(frozen=True)
class Union:
    """A named union: a value of one of the variants. With a `discriminator`,
    every variant is a model whose field of that (wire) name is a constant, a
    different one for each, and the constant tells which variant a value is."""

    name: str
    description: str
    variants: tuple[TypeRef, ...]
    discriminator: str | None = None
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
    unions: tuple[Union, ...] = ()
    # The modules whose types this one names, qualified (`ModelRef("common.Usage")`).
    imports: tuple[str, ...] = ()

    @property
    def named_types(self) -> tuple[Enum | Model | Union, ...]:
        """Enums, models, then unions, each in spec order: the order every output
        declares them in (a union names the models before it)."""
        return (*self.enums, *self.models, *self.unions)

    def model(self, name: str) -> Model:
        return next(m for m in self.models if m.name == name)

    def enum(self, name: str) -> Enum:
        return next(e for e in self.enums if e.name == name)

    def union(self, name: str) -> Union:
        return next(u for u in self.unions if u.name == name)

    def bases(self, model: Model) -> tuple[Model, ...]:
        """The models `model` extends, nearest first (the resolver refuses cycles)."""
        found: list[Model] = []
        current = model
        while current.extends is not None and len(found) < len(self.models):
            current = self.model(current.extends)
            found.append(current)
        return tuple(found)

    def all_fields(self, model: Model) -> tuple[Field, ...]:
        """Every field of `model`, inherited ones included: those of its furthest
        base first, each in its base's order, with a field a model narrows in
        the place where it was first declared; then the model's new fields (the
        order Pydantic's `model_fields` has)."""
        fields: dict[str, Field] = {}
        for owner in (*reversed(self.bases(model)), model):
            for field_ in owner.fields:
                fields[field_.name] = field_
        return tuple(fields.values())

    def declarer(self, model: Model, name: str) -> Model:
        """The model that first declares the field of wire name `name` that `model` has."""
        for owner in reversed((model, *self.bases(model))):
            if any(f.name == name for f in owner.fields):
                return owner
        return model


def qualified(name: str) -> tuple[str | None, str]:
    """A reference's module (None: the module's own type) and the type's name there."""
    module, _, short = name.rpartition(".")
    return (module or None), short


def imported_names(module: Module) -> dict[str, tuple[str, ...]]:
    """The names this module takes from each module it imports, both sorted."""
    found: dict[str, set[str]] = {}
    types = [f.type for m in module.models for f in m.fields]
    types += [v for u in module.unions for v in u.variants]
    for type_ in types:
        for name in referenced_names(type_):
            owner, short = qualified(name)
            if owner is not None:
                found.setdefault(owner, set()).add(short)
    return {owner: tuple(sorted(found[owner])) for owner in sorted(found)}


def innermost(type_: TypeRef) -> TypeRef:
    """The element type under any list<...>, map<...> and `?` wrappers."""
    while isinstance(type_, (ListOf, MapOf, Nullable)):
        type_ = type_.value if isinstance(type_, MapOf) else type_.item
    return type_


def lists_null(type_: TypeRef) -> bool:
    """Whether `type_` is an inline union that lists null itself (`string? | integer`):
    a nullable field of it needs no null of its own."""
    return isinstance(type_, OneOf) and any(
        isinstance(v, Nullable) for v in type_.variants
    )


def parts(type_: TypeRef) -> tuple[TypeRef, ...]:
    """The types directly inside `type_` (a list's item, a union's variants, ...)."""
    match type_:
        case ListOf(item) | Nullable(item):
            return (item,)
        case MapOf(value):
            return (value,)
        case OneOf(variants):
            return variants
        case Scalar() | ModelRef() | EnumRef() | InlineEnum() | Const() | UnionRef():
            return ()
        case _:
            assert_never(type_)


def referenced_names(type_: TypeRef) -> tuple[str, ...]:
    """The models, enums and unions `type_` names, in order, each once."""
    names: dict[str, None] = {}
    pending = [type_]
    while pending:
        current = pending.pop()
        if isinstance(current, (ModelRef, EnumRef, UnionRef)):
            names[current.name] = None
        pending.extend(reversed(parts(current)))
    return tuple(names)


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
        case Const(value):
            return {"const": value}
        case UnionRef(name):
            return {"union": name}
        case OneOf(variants):
            return {"one_of": [type_to_json(v) for v in variants]}
        case Nullable(item):
            return {"nullable": type_to_json(item)}
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
        case ModelRef(name) | EnumRef(name) | UnionRef(name):
            return name
        case Const(value):
            return f"constant {json.dumps(value)}"
        case OneOf(variants):
            return " | ".join(type_to_text(v) for v in variants)
        case Nullable(item):
            return f"{type_to_text(item)}?"
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
        "imports": list(module.imports),
        "enums": [
            {
                "name": e.name,
                "description": e.description,
                "values": list(e.values),
                "open": e.open,
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
                "extends": m.extends,
                "frozen": m.frozen,
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
                        "constraints": dict(f.constraints),
                    }
                    for f in m.fields
                ],
            }
            for m in module.models
        ],
        "unions": [
            {
                "name": u.name,
                "description": u.description,
                "discriminator": u.discriminator,
                "variants": [type_to_json(v) for v in u.variants],
                "since": u.since,
                "deprecated": _deprecation_to_json(u.deprecated),
                "renamed_from": u.renamed_from,
            }
            for u in module.unions
        ],
    }


def bundle_to_json(modules: tuple[Module, ...]) -> dict[str, object]:
    return {"ir_version": IR_VERSION, "modules": [module_to_json(m) for m in modules]}
