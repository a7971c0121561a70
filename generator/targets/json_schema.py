"""Target: JSON Schema draft 2020-12 (`json_schema/<module>.schema.json`), built as data.

Schema keywords are written in sorted order; the two maps whose order carries
meaning for a reader, `properties` and `$defs`, keep spec order.
"""

from __future__ import annotations

import functools
import json
from json.encoder import encode_basestring
from typing import Any

from generator import ir
from generator.rendering import Templates
from generator.targets.type_map import SCALARS

NAME = "json_schema"
FOLDER = "json_schema"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _keywords(**items: Any) -> dict[str, Any]:
    """A schema object with its keywords sorted and empty optional ones dropped."""
    return {k: items[k] for k in sorted(items) if items[k] is not None}


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def type_schema(type_: ir.TypeRef) -> dict[str, Any]:
    if isinstance(type_, ir.Scalar):
        schema = dict(SCALARS[type_.kind].json_schema)
        if type_.format:
            schema["format"] = type_.format
        return _keywords(**schema)
    if isinstance(type_, ir.ListOf):
        return _keywords(type="array", items=type_schema(type_.item))
    if isinstance(type_, ir.MapOf):
        return _keywords(type="object", additionalProperties=type_schema(type_.value))
    if isinstance(type_, ir.InlineEnum):
        return _keywords(type="string", enum=list(type_.values))
    return _ref(type_.name)


# Large specs repeat a handful of field types thousands of times: build each schema
# once. The cached objects are shared by the documents built from them, so nothing
# may change them after this point.
_shared_type_schema = functools.lru_cache(maxsize=4096)(type_schema)
_NULL_SCHEMA = {"type": "null"}


def field_schema(field: ir.Field) -> dict[str, Any]:
    shared = _shared_type_schema(field.type)
    schema: dict[str, Any]
    if field.nullable:
        schema = {"anyOf": [shared, _NULL_SCHEMA]}
    else:
        schema = dict(shared)
    if field.description:
        schema["description"] = field.description
    if field.has_default:
        schema["default"] = (
            field.default
        )  # may be null: present, unlike an absent default
    if field.deprecated is not None:
        schema["deprecated"] = True
    return dict(sorted(schema.items()))


def model_schema(model: ir.Model) -> dict[str, Any]:
    required = [f.name for f in model.fields if f.required]
    additional = {"allow": True, "forbid": False, "ignore": None}[model.extra]
    return _keywords(
        type="object",
        title=model.name,
        description=model.description or None,
        deprecated=True if model.deprecated is not None else None,
        properties={f.name: field_schema(f) for f in model.fields},
        required=required or None,
        additionalProperties=additional,
    )


def enum_schema(enum: ir.Enum) -> dict[str, Any]:
    return _keywords(
        type="string",
        title=enum.name,
        description=enum.description or None,
        deprecated=True if enum.deprecated is not None else None,
        enum=list(enum.values),
    )


def schema_id(module: ir.Module) -> str | None:
    base = module.json_schema_id
    if base is not None and base.endswith("/"):
        return f"{base}{module.name}.schema.json"
    return base


def module_schema(module: ir.Module) -> dict[str, Any]:
    definitions: dict[str, Any] = {}
    for enum in module.enums:
        definitions[enum.name] = enum_schema(enum)
    for model in module.models:
        definitions[model.name] = model_schema(model)
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
    """`json.dumps(schema, indent=2, ensure_ascii=False)` plus a newline, byte for byte.

    The standard library encodes indented JSON with a pure-Python generator
    (its C encoder only writes compact JSON); this writer joins strings
    directly and escapes them with the C escaper, about three times faster.
    """
    writer = _Writer()
    writer.write(schema, "")
    writer.out.append("\n")
    return "".join(writer.out)


class _Writer:
    def __init__(self) -> None:
        self.out: list[str] = []
        # The text of each object of plain strings at each indentation: type schemas
        # are shared between fields, so most of them are written once. Keyed by
        # id(), which is stable because the document stays alive while it is written.
        self.written: dict[tuple[int, str], str] = {}

    def write(self, value: Any, indent: str) -> None:
        out = self.out
        if isinstance(value, str):
            out.append(encode_basestring(value))
        elif isinstance(value, dict):
            if not value:
                out.append("{}")
                return
            key = (id(value), indent)
            known = self.written.get(key)
            if known is not None:
                out.append(known)
                return
            start = len(out)
            only_strings = True
            inner = indent + "  "
            separator, next_separator = "{\n" + inner, ",\n" + inner
            for name, item in value.items():
                if not isinstance(name, str):
                    raise TypeError(f"a JSON object key must be a string, not {name!r}")
                out.append(separator)
                separator = next_separator
                out.append(encode_basestring(name))
                out.append(": ")
                if isinstance(item, str):
                    out.append(encode_basestring(item))
                else:
                    only_strings = False
                    self.write(item, inner)
            out.append("\n" + indent + "}")
            if only_strings:
                self.written[key] = "".join(out[start:])
        elif isinstance(value, list):
            if not value:
                out.append("[]")
                return
            inner = indent + "  "
            separator, next_separator = "[\n" + inner, ",\n" + inner
            for item in value:
                out.append(separator)
                separator = next_separator
                self.write(item, inner)
            out.append("\n" + indent + "]")
        elif value is None:
            out.append("null")
        elif value is True:
            out.append("true")
        elif value is False:
            out.append("false")
        elif isinstance(value, (int, float)):
            out.append(
                json.dumps(value)
            )  # json's own spelling of numbers (1e+16, NaN, ...)
        else:
            raise TypeError(f"{type(value).__name__} is not JSON data")


def render(modules: tuple[ir.Module, ...], templates: Templates) -> dict[str, str]:
    return {f"{FOLDER}/{m.name}.schema.json": dumps(module_schema(m)) for m in modules}


def check(modules: tuple[ir.Module, ...]) -> list[Any]:
    return []
