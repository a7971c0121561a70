"""The JSON Schema side of a sync: a schema in a JSON Schema or OpenAPI document, read into shapes.

`FILE#/json/pointer` names the schema (RFC 6901, as in a `$ref`). Local `$ref`s
are followed; `anyOf`/`oneOf` with `{"type": "null"}`, `type: [T, "null"]` and
OpenAPI 3.0's `nullable: true` all mean nullable; `allOf` members are merged;
`const` is a one-value enum; OpenAPI's `discriminator` names a union's tag.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from generator.diagnostics import Location
from generator.loading.yaml_source import load_yaml
from generator.sync.python_source import TargetError
from generator.sync.shapes import (
    JSON,
    NULL,
    EnumShape,
    FieldShape,
    ListShape,
    MapShape,
    ModelInfo,
    ModelShape,
    Opaque,
    Scalar,
    Shape,
    field_shape,
    literal,
    union,
)
from generator.text import normalize_doc

_FORMAT_SCALARS = {"date-time": "datetime", "date": "date"}
# Where documents keep named schemas, tried in order when no pointer is given.
DEFINITION_FOLDERS = ("/$defs", "/definitions", "/components/schemas")


def looks_like_document(target: str) -> bool:
    path = target.partition("#")[0]
    return "#" in target or path.endswith((".json", ".yaml", ".yml"))


def load_document(path: str) -> Any:
    """A JSON or YAML document as plain data; errors are located (`file:line:col: error: ...`)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise TargetError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if path.endswith(".json"):
        try:
            return json.loads(raw)
        except json.JSONDecodeError as exc:
            location = Location(path, exc.lineno, exc.colno)
            raise TargetError(f"{location}: error: invalid JSON: {exc.msg}") from exc
        except UnicodeDecodeError as exc:
            raise TargetError(f"{path}: error: not UTF-8 text: {exc}") from exc
    loaded = load_yaml(path, raw)
    if loaded.diagnostics:
        raise TargetError("\n".join(str(d) for d in loaded.diagnostics))
    return loaded.data


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1")


class JsonSchemaSource:
    def __init__(self, path: str, document: Any) -> None:
        self.path = path
        self.document = document

    def resolve(self, pointer: str) -> Any:
        """The value at a JSON pointer (`/components/schemas/Run`; `` is the whole document)."""
        node = self.document
        if pointer == "":
            return node
        if not pointer.startswith("/"):
            raise TargetError(f"{self.path}#{pointer}: a JSON pointer starts with '/'")
        for raw in pointer[1:].split("/"):
            token = raw.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                raise TargetError(f"{self.path}#{pointer}: nothing at '{token}'")
        return node

    def _follow(self, pointer: str) -> str:
        """The pointer a `$ref`-only schema stands for (chains followed, cycles refused)."""
        seen = {pointer}
        schema = self.resolve(pointer)
        while (
            isinstance(schema, dict)
            and isinstance(schema.get("$ref"), str)
            and not _has_model_keywords(schema)
        ):
            pointer = self._ref_pointer(schema["$ref"], pointer)
            if pointer in seen:
                raise TargetError(
                    f"{self.path}#{pointer}: $ref cycle without a model in it"
                )
            seen.add(pointer)
            schema = self.resolve(pointer)
        return pointer

    def _ref_pointer(self, ref: str, where: str) -> str:
        if not ref.startswith("#"):
            raise TargetError(
                f"{self.path}#{where}: $ref '{ref}' points outside the document; only local references are followed"
            )
        return unquote(ref[1:])

    def root(self, pointer: str | None, model_name: str | None) -> ModelShape:
        """The model the target names: the pointer, else `/$defs/<model_name>` and the like, else the root."""
        if pointer is None:
            candidates = []
            if model_name is not None:
                candidates += [
                    f"{folder}/{_escape(model_name)}" for folder in DEFINITION_FOLDERS
                ]
            candidates.append("")
            for candidate in candidates:
                try:
                    followed = self._follow(candidate)
                except TargetError:
                    continue
                if _is_model(self.resolve(followed)):
                    pointer = followed
                    break
            else:
                hint = (
                    f" (nor under {', '.join(DEFINITION_FOLDERS)} as '{model_name}')"
                    if model_name
                    else ""
                )
                raise TargetError(
                    f"{self.path}: the document's root is not an object schema{hint}; "
                    f"name the schema with a pointer, e.g. {self.path}#/components/schemas/Run"
                )
        pointer = self._follow(pointer)
        schema = self.resolve(pointer)
        if not _is_model(schema):
            raise TargetError(
                f"{self.path}#{pointer}: not an object schema with properties"
            )
        return ModelShape(_name(schema, pointer), pointer)

    def model(self, shape: ModelShape) -> ModelInfo:
        pointer = str(shape.ref)
        schema = self.resolve(pointer)
        properties: dict[str, tuple[str, Any]] = {}
        required: set[str] = set()
        for part_pointer, part in self._all_of_parts(pointer, schema, set()):
            for name, prop in (part.get("properties") or {}).items():
                properties[name] = (f"{part_pointer}/properties/{_escape(name)}", prop)
            required.update(r for r in part.get("required") or () if isinstance(r, str))
        fields: list[FieldShape] = []
        for name, (prop_pointer, prop) in properties.items():
            description = prop.get("description") if isinstance(prop, dict) else None
            # `{"not": {"type": "null"}}`: any JSON value but null.
            not_null = isinstance(prop, dict) and prop.get("not") == {"type": "null"}
            fields.append(
                field_shape(
                    name,
                    self.shape(prop, prop_pointer, frozenset()),
                    name in required,
                    normalize_doc(description) if isinstance(description, str) else "",
                    nullable=False if not_null else None,
                )
            )
        description = schema.get("description")
        return ModelInfo(
            shape.name,
            normalize_doc(description) if isinstance(description, str) else "",
            tuple(fields),
        )

    def _all_of_parts(
        self, pointer: str, schema: Any, seen: set[str]
    ) -> list[tuple[str, dict[str, Any]]]:
        """The schema and every schema it includes through `allOf` (and `$ref`), bases first."""
        if not isinstance(schema, dict) or pointer in seen:
            return []
        seen.add(pointer)
        parts: list[tuple[str, dict[str, Any]]] = []
        if isinstance(schema.get("$ref"), str):
            target = self._ref_pointer(schema["$ref"], pointer)
            parts += self._all_of_parts(target, self.resolve(target), seen)
        for index, member in enumerate(schema.get("allOf") or ()):
            parts += self._all_of_parts(f"{pointer}/allOf/{index}", member, seen)
        parts.append((pointer, schema))
        return parts

    def shape(self, schema: Any, pointer: str, following: frozenset[str]) -> Shape:
        if schema is True or schema == {}:
            return JSON
        if not isinstance(schema, dict):
            return Opaque(f"schema {json.dumps(schema)}")
        nullable = schema.get("nullable") is True  # OpenAPI 3.0
        if isinstance(schema.get("$ref"), str) and not _has_model_keywords(schema):
            target = self._ref_pointer(schema["$ref"], pointer)
            if target in following:
                raise TargetError(
                    f"{self.path}#{pointer}: $ref cycle without a model in it"
                )
            referenced = self.resolve(target)
            if _is_model(referenced):
                shape: Shape = ModelShape(_name(referenced, target), target)
            else:
                shape = self.shape(referenced, target, following | {target})
                if isinstance(shape, EnumShape) and shape.name is None:
                    shape = EnumShape(shape.values, _name(referenced, target))
            return union([shape, NULL]) if nullable else shape
        if _is_model(schema):
            shape = ModelShape(_name(schema, pointer), pointer)
            return union([shape, NULL]) if nullable else shape
        options: list[Shape] = []
        for keyword in ("anyOf", "oneOf"):
            members = schema.get(keyword)
            if isinstance(members, list):
                options += [
                    self.shape(m, f"{pointer}/{keyword}/{i}", following)
                    for i, m in enumerate(members)
                ]
        all_of = schema.get("allOf")
        if isinstance(all_of, list) and len(all_of) == 1:
            options.append(self.shape(all_of[0], f"{pointer}/allOf/0", following))
        if "const" in schema or "enum" in schema:
            values = (
                [schema["const"]] if "const" in schema else list(schema["enum"] or ())
            )
            if None in values:
                nullable = True
            options.append(
                EnumShape(tuple(literal(v) for v in values if v is not None))
            )
        else:
            types = schema.get("type")
            names = [types] if isinstance(types, str) else list(types or ())
            options += [self._typed(schema, t, pointer, following) for t in names]
        if not options:
            return JSON  # no type constraint: any JSON value
        if nullable:
            options.append(NULL)
        # OpenAPI names the property that tells `oneOf`/`anyOf` members apart;
        # JSON Schema itself has no word for it (each member's `const` does it).
        discriminator = schema.get("discriminator")
        tag = (
            discriminator.get("propertyName")
            if isinstance(discriminator, dict)
            else None
        )
        if isinstance(tag, str):
            return union(options, tag)
        return union(options, known=False)

    def _typed(
        self,
        schema: dict[str, Any],
        type_name: str,
        pointer: str,
        following: frozenset[str],
    ) -> Shape:
        if type_name == "string":
            format_ = schema.get("format")
            if format_ in _FORMAT_SCALARS:
                return Scalar(_FORMAT_SCALARS[format_])
            if schema.get("contentEncoding") == "base64":
                return Scalar("string", "base64")
            return Scalar("string", format_ if isinstance(format_, str) else None)
        if type_name in ("integer", "number", "boolean", "null"):
            return Scalar(type_name)
        if type_name == "array":
            items = schema.get("items")
            return ListShape(
                self.shape(items, f"{pointer}/items", following)
                if items is not None
                else JSON
            )
        if type_name == "object":
            extra = schema.get("additionalProperties")
            if isinstance(extra, dict):
                return MapShape(
                    self.shape(extra, f"{pointer}/additionalProperties", following)
                )
            return MapShape(JSON)
        return Opaque(f"type {type_name}")


def _has_model_keywords(schema: dict[str, Any]) -> bool:
    """Whether a schema with a `$ref` adds properties of its own (then it is a model of its own)."""
    return bool(schema.get("properties")) or bool(schema.get("allOf"))


def _is_model(schema: Any) -> bool:
    if not isinstance(schema, dict):
        return False
    if isinstance(schema.get("properties"), dict):
        return True
    members = schema.get("allOf")
    return isinstance(members, list) and len(members) > 1


def _name(schema: dict[str, Any], pointer: str) -> str:
    title = schema.get("title")
    if isinstance(title, str) and title.isidentifier():
        return title
    last = pointer.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")
    return last or "(root)"
