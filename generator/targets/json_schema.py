"""Target: JSON Schema draft 2020-12 (`json_schema/<module>.schema.json`), built as data.

Schema keywords are written in sorted order; the two maps whose order carries
meaning for a reader, `properties` and `$defs`, keep spec order.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import orjson
from typing_extensions import assert_never

from generator import ir
from generator.constraints import BY_NAME
from generator.rendering import Templates
from generator.targets.per_type import PerType
from generator.targets.target import Target, TargetOptions
from generator.targets.type_map import SCALARS

FOLDER = "json_schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _keywords(**items: Any) -> dict[str, Any]:
    """A schema object with its keywords sorted and empty optional ones dropped."""
    return {k: items[k] for k in sorted(items) if items[k] is not None}


# Each module's schema document, as another module's `$ref` names it: its `$id`,
# or its file name, relative to the referring file (they share a folder).
Documents = Mapping[str, str]


def _ref(name: str, documents: Documents) -> dict[str, Any]:
    module, short = ir.qualified(name)
    document = "" if module is None else documents[module]
    return {"$ref": f"{document}#/$defs/{short}"}


def type_schema(type_: ir.TypeRef, documents: Documents) -> dict[str, Any]:
    match type_:
        case ir.Scalar(kind, format):
            schema = dict(SCALARS[kind].json_schema)
            if format:
                schema["format"] = format
            return _keywords(**schema)
        case ir.ListOf(item):
            return _keywords(type="array", items=type_schema(item, documents))
        case ir.MapOf(value):
            return _keywords(
                type="object", additionalProperties=type_schema(value, documents)
            )
        case ir.InlineEnum(values):
            return _keywords(type="string", enum=list(values))
        case ir.ModelRef(name) | ir.EnumRef(name) | ir.UnionRef(name):
            return _ref(name, documents)
        case ir.Const(value):
            return _keywords(const=value, type=_CONST_TYPES[type(value)])
        case ir.OneOf(variants):
            # `anyOf`: the variants of an inline union may overlap (a date-time
            # is also a string), and a value needs to fit one of them.
            return {"anyOf": [type_schema(v, documents) for v in variants]}
        case ir.Nullable(item):
            return {"anyOf": [type_schema(item, documents), _NULL_SCHEMA]}
        case _:
            assert_never(type_)


_NULL_SCHEMA = {"type": "null"}
# A constant's JSON type, stated beside it for tools that read `type` first.
_CONST_TYPES = {str: "string", int: "integer", bool: "boolean"}
# Any JSON value but null: a `json` field that may not be null.
_NOT_NULL_SCHEMA = {"not": _NULL_SCHEMA}


def field_schema(
    field: ir.Field, type_schemas: PerType[dict[str, Any]]
) -> dict[str, Any]:
    """`type_schemas` builds each type's schema once; the fields of a module share
    those objects, so nothing may change them once built."""
    shared = type_schemas(field.type)
    if field.constraints:
        # On the value itself, so null (when the field allows it) stays unconstrained.
        shared = _keywords(
            **shared,
            **{BY_NAME[n].json_keyword: json_value(v) for n, v in field.constraints},
        )
    schema: dict[str, Any]
    if field.nullable:
        schema = {"anyOf": [shared, _NULL_SCHEMA]}
    elif field.type == ir.Scalar("json"):
        schema = dict(_NOT_NULL_SCHEMA)
    else:
        schema = dict(shared)
    if field.description:
        schema["description"] = field.description
    if field.has_default:
        # may be null: present, unlike an absent default
        schema["default"] = json_value(field.default)
    if field.deprecated is not None:
        schema["deprecated"] = True
    return dict(sorted(schema.items()))


def model_schema(
    module: ir.Module, model: ir.Model, type_schemas: PerType[dict[str, Any]]
) -> dict[str, Any]:
    """A model extending another lists every field, inherited ones included (see
    docs/targets.md: `allOf` would let a base's `additionalProperties: false`
    reject the child's own fields)."""
    fields = module.all_fields(model)
    required = [f.name for f in fields if f.required]
    additional = {"allow": True, "forbid": False, "ignore": None}[model.extra]
    return _keywords(
        type="object",
        title=model.name,
        description=model.description or None,
        deprecated=True if model.deprecated is not None else None,
        properties={f.name: field_schema(f, type_schemas) for f in fields},
        required=required or None,
        additionalProperties=additional,
    )


def enum_schema(enum: ir.Enum) -> dict[str, Any]:
    documentation = {
        "title": enum.name,
        "description": enum.description or None,
        "deprecated": True if enum.deprecated is not None else None,
    }
    if enum.open:
        # The known values for readers and tools, and any other value of the kind.
        known = _keywords(type=enum.kind, enum=list(enum.values))
        return _keywords(anyOf=[known, {"type": enum.kind}], **documentation)
    return _keywords(type=enum.kind, enum=list(enum.values), **documentation)


def union_schema(union: ir.Union, documents: Documents) -> dict[str, Any]:
    """`oneOf` for a discriminated union: its variants' constants are distinct, so
    exactly one fits a valid value; `anyOf` otherwise, since variants may overlap."""
    variants = [type_schema(v, documents) for v in union.variants]
    return _keywords(
        title=union.name,
        description=union.description or None,
        deprecated=True if union.deprecated is not None else None,
        oneOf=variants if union.discriminator is not None else None,
        anyOf=variants if union.discriminator is None else None,
    )


def schema_id(module: ir.Module) -> str | None:
    base = module.json_schema_id
    if base is not None and base.endswith("/"):
        return f"{base}{module.name}.schema.json"
    return base


def documents(modules: tuple[ir.Module, ...]) -> Documents:
    return {m.name: schema_id(m) or f"{m.name}.schema.json" for m in modules}


def module_schema(module: ir.Module, documents: Documents) -> dict[str, Any]:
    definitions: dict[str, Any] = {}
    for enum in module.enums:
        definitions[enum.name] = enum_schema(enum)
    type_schemas = PerType(lambda type_: type_schema(type_, documents))
    for model in module.models:
        definitions[model.name] = model_schema(module, model, type_schemas)
    for union in module.unions:
        definitions[union.name] = union_schema(union, documents)
    document = {
        "$schema": DIALECT,
        "$id": schema_id(module),
        "title": module.root or module.name,
        "description": module.description or None,
        "$ref": f"#/$defs/{module.root}" if module.root else None,
        "$defs": definitions or None,
    }
    return {k: document[k] for k in sorted(document) if document[k] is not None}


def dumps(schema: dict[str, Any]) -> str:
    """The schema as JSON text with 2-space indentation and a final newline.

    orjson writes it in C: the standard library's indented encoder is pure
    Python and took most of this target's time. The bytes are those of
    `json.dumps(schema, indent=2, ensure_ascii=False)` as long as the numbers
    in it come through `json_value`, which keeps `json`'s spelling of them.
    """
    return orjson.dumps(schema, option=_OPTIONS).decode("utf-8")


_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE


def json_value(value: ir.JsonValue) -> Any:
    """A spec value (a default) ready for `dumps`: each number already written by `json`.

    orjson spells a few numbers otherwise (`1e-7` for `1e-07`) and rejects
    integers beyond 64 bits; numbers are rare in a schema, so each is handed
    over as the text `json.dumps` gives it.
    """
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return orjson.Fragment(json.dumps(value))
    if isinstance(value, list):
        return [json_value(item) for item in value]
    return {key: json_value(item) for key, item in value.items()}


def render(
    modules: tuple[ir.Module, ...], templates: Templates, options: TargetOptions
) -> dict[str, str]:
    known = documents(modules)
    return {
        f"{FOLDER}/{m.name}.schema.json": dumps(module_schema(m, known))
        for m in modules
    }


TARGET = Target(
    name="json_schema",
    summary="JSON Schema 2020-12",
    folder=FOLDER,
    render=render,
)
