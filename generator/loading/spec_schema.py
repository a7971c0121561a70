"""A JSON Schema of the spec format itself, for editors (yaml-language-server).

Derived from the classes the loader checks a spec with
(`generator.loading.spec_document`): the same keys, the same types, the same
required keys, unknown keys refused. Only what those classes cannot say is
written here: a line of documentation per key, which editors show on hover.
`schemasmith spec-schema` prints it; the package ships it as
`generator/spec-format.schema.json` (a test keeps the two equal).
"""

from __future__ import annotations

import json
import types
import typing
from typing import Any, Literal, Union

from generator.constraints import CONSTRAINTS
from generator.loading.spec_document import (
    _KEYS,
    SPEC_FORMAT_VERSION,
    Document,
    EnumDocument,
    FieldDocument,
    ModelDocument,
    SpecDocument,
    UnionDocument,
)

_DEPRECATED = "`true`, or a message saying what to use instead"
_SINCE = 'the version that introduced it (text: quote it, `"0.9"`)'
_RENAMED = "its name in the previous version, when it was renamed"

# One line per key of each document class; a test checks that every key has one.
KEY_DOCS: dict[type[Document], dict[str, str]] = {
    SpecDocument: {
        "schemasmith": f"the spec format version: `{SPEC_FORMAT_VERSION}`",
        "module": "the output module name (lowercase letters, digits and `_`); "
        "default: the file name",
        "description": "the module's documentation",
        "json_schema_id": "the published JSON Schema's `$id`; a value ending in `/` "
        "is a base the file name is appended to",
        "root": "a model of this spec: the JSON Schema's root validates it",
        "imports": "the specs (by module name) whose types this one names, "
        "as `module.Name`",
        "layout": "how the Pydantic target splits the module: `module` (one file, "
        "the default) or `per-model`",
        "strict": "`true`: every model takes values only as JSON writes them, "
        "unless it says otherwise",
        "enums": "named enums, by name",
        "models": "models, by name",
        "unions": "named unions, by name",
    },
    ModelDocument: {
        "description": "the class documentation",
        "since": _SINCE,
        "deprecated": _DEPRECATED,
        "extra": "keys the spec does not declare: `allow` (kept, the default), "
        "`ignore` (dropped) or `forbid` (rejected)",
        "direction": "how the model travels: `response`, `request` or `both` "
        "(the default); `schemasmith diff` judges changes by it",
        "strict": "`true`: the Pydantic model takes values only as JSON writes "
        "them; default: the spec's `strict`",
        "renamed_from": _RENAMED,
        "extends": "a model of this spec whose fields this one inherits (and may "
        "narrow)",
        "frozen": "`true`: instances cannot be changed once made (Pydantic "
        "`frozen`, TypeScript `readonly`); default: its base's, else `false`",
        "fields": "the model's fields, by wire name",
    },
    FieldDocument: {
        "type": "a type expression: `string`, `integer`, `number`, `boolean`, "
        "`datetime`, `date`, `json`, a model, enum or union name, `list<T>`, "
        "`map<T>`, `A | B`, `T?` inside them",
        "const": "a constant: the field always holds exactly this value",
        "description": "the field's documentation",
        "format": "a JSON Schema string format (`uuid`, `uri`, `email`, ...) that "
        "leaves the Python type a string",
        "enum": "an inline enum of strings (only with `type: string`)",
        "required": "`true`: the key must be present (default `false`)",
        "nullable": "`false`: the value may not be null (default `true`)",
        "default": "the value when the key is absent; must fit the type",
        "deprecated": _DEPRECATED,
        "since": _SINCE,
        "secret": "`true`: the value never appears in a model's `repr()`",
        "python_name": "the attribute name in Python when the wire name cannot be one",
        "renamed_from": "its wire name in the previous version, when it was renamed",
        **{c.name: f"a constraint on {c.applies} values: {c.doc}" for c in CONSTRAINTS},
    },
    EnumDocument: {
        "description": "the enum's documentation",
        "since": _SINCE,
        "deprecated": _DEPRECATED,
        "renamed_from": _RENAMED,
        "type": "`string` (the default) or `integer`",
        "open": "`true`: any other value of the enum's type is accepted too",
        "values": "the known values, distinct and non-empty",
    },
    UnionDocument: {
        "description": "the union's documentation",
        "since": _SINCE,
        "deprecated": _DEPRECATED,
        "renamed_from": _RENAMED,
        "discriminator": "the wire name of the constant field that tells the "
        "variants (all models) apart",
        "variants": "type expressions: models, enums, other unions, scalars, "
        "lists and maps",
    },
}

_TITLES: dict[type[Document], str] = {
    SpecDocument: "schemasmith spec",
    ModelDocument: "Model",
    FieldDocument: "Field",
    EnumDocument: "Enum",
    UnionDocument: "Union",
}


def spec_format_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of a spec file."""
    root = _object(SpecDocument)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": _TITLES[SpecDocument],
        "description": "A schemasmith spec: data models, enums and unions "
        "(docs/spec-format.md).",
        **{k: v for k, v in root.items() if k != "title"},
        "$defs": {
            _TITLES[document]: _object(document)
            for document in (ModelDocument, FieldDocument, EnumDocument, UnionDocument)
        },
    }


def spec_format_schema_text() -> str:
    return json.dumps(spec_format_schema(), indent=2, ensure_ascii=False) + "\n"


def _object(document: type[Document]) -> dict[str, Any]:
    hints = typing.get_type_hints(document)
    docs = KEY_DOCS[document]
    properties = {}
    for name in _KEYS[document]:
        schema = _schema(hints[name])
        if name == "schemasmith":
            schema = {"const": SPEC_FORMAT_VERSION}
        properties[name] = {**schema, "description": docs[name]}
    required = [name for name, must in _KEYS[document].items() if must]
    return {
        "title": _TITLES[document],
        "type": "object",
        "properties": properties,
        **({"required": required} if required else {}),
        "additionalProperties": False,
    }


def _schema(annotation: Any) -> dict[str, Any]:
    """The JSON Schema of one annotation of the document classes, as
    `spec_document._schema` reads it for the shape check (strict: no coercion)."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if annotation is str:
        return {"type": "string"}
    if annotation is bool:
        return {"type": "boolean"}
    if annotation is int:
        return {"type": "integer"}
    if annotation is float:
        return {"type": "number"}
    if annotation is Any:
        return {}
    if origin is Literal:
        return {"enum": list(args)}
    if origin is list:
        return {"type": "array", "items": _schema(args[0])}
    if origin is dict and args[0] is str:
        return {"type": "object", "additionalProperties": _schema(args[1])}
    if origin in (Union, types.UnionType):
        members = [
            {"type": "null"} if arg is type(None) else _schema(arg) for arg in args
        ]
        return members[0] if len(members) == 1 else {"anyOf": members}
    if isinstance(annotation, type) and issubclass(annotation, Document):
        return {"$ref": f"#/$defs/{_TITLES[annotation]}"}
    raise TypeError(f"no JSON Schema for the annotation {annotation!r}")
