"""JSON Schema (2020-12, draft 7) and OpenAPI 3.0/3.1 documents as an import source,
read by sync's JSON Schema reader.

`FILE.json#/pointer` is one schema (and what it reaches); `FILE` without a
pointer every object schema under `$defs`, `definitions` and
`components/schemas` (or the root, when those hold none). The other schemas
there (a `oneOf`, an `enum`) name the unions and enums they equal.
"""

from __future__ import annotations

from typing import Any

from generator.importing.draft import NO_DEFAULT, FieldExtras, ModelExtras
from generator.sync.json_schema_source import (
    DEFINITION_FOLDERS,
    JsonSchemaSource,
    _escape,
    _is_model,
    load_document,
)
from generator.sync.python_source import TargetError
from generator.sync.shapes import ModelInfo, ModelShape, Shape
from generator.text import normalize_doc


class SchemaImport:
    def __init__(self, source: str) -> None:
        self.label = source
        path, hash_, fragment = source.partition("#")
        self.path = path
        self.reader = JsonSchemaSource(path, load_document(path))
        self.definitions: list[tuple[str, str]] = []  # (name, pointer)
        for folder in DEFINITION_FOLDERS:
            with_names = _folder(self.reader, folder)
            self.definitions += [(n, f"{folder}/{_escape(n)}") for n in with_names]
        document = self.reader.document
        description = (
            document.get("description") if isinstance(document, dict) else None
        )
        info = document.get("info") if isinstance(document, dict) else None
        if description is None and isinstance(info, dict):
            description = info.get("description")
        self.doc = normalize_doc(description) if isinstance(description, str) else ""
        self.primary: ModelShape | None = None
        if hash_:
            self._roots = [self.reader.root(fragment, None)]
            self.primary = self._roots[0]
        else:
            self._roots = [
                self.reader.root(pointer, None)
                for _, pointer in self.definitions
                if _is_model(self.reader.resolve(pointer))
            ]
            has_root = isinstance(document, dict) and (
                "$ref" in document or _is_model(document)
            )
            if has_root or not self._roots:
                self.primary = self.reader.root(None, None)
                if self.primary not in self._roots:
                    self._roots.insert(0, self.primary)

    def roots(self) -> list[ModelShape]:
        return self._roots

    def model(self, shape: ModelShape) -> ModelInfo:
        return self.reader.model(shape)

    def base(self, shape: ModelShape) -> ModelShape | None:
        pointer = str(shape.ref)
        schema = self.reader.resolve(pointer)
        if not isinstance(schema, dict) or "$ref" in schema:
            return None
        bases = []
        for index, member in enumerate(schema.get("allOf") or ()):
            if isinstance(member, dict) and set(member) == {"$ref"}:
                found = self.reader.shape(
                    member, f"{pointer}/allOf/{index}", frozenset()
                )
                if isinstance(found, ModelShape):
                    bases.append(found)
        return bases[0] if len(bases) == 1 else None

    def target(self, shape: ModelShape) -> str:
        return f"{self.path}#{shape.ref}"

    def aliases(self) -> list[tuple[str, Shape]]:
        found: list[tuple[str, Shape]] = []
        for name, pointer in self.definitions:
            schema = self.reader.resolve(pointer)
            if _is_model(schema):
                continue
            try:
                found.append((name, self.reader.shape(schema, pointer, frozenset())))
            except TargetError:
                continue
        return found

    def describe(self, name: str) -> str:
        for known, pointer in self.definitions:
            schema = self.reader.resolve(pointer)
            if known == name and isinstance(schema, dict):
                description = schema.get("description")
                return (
                    normalize_doc(description) if isinstance(description, str) else ""
                )
        return ""

    def _properties(self, pointer: str) -> dict[str, tuple[str, Any]]:
        schema = self.reader.resolve(pointer)
        properties: dict[str, tuple[str, Any]] = {}
        for part_pointer, part in self.reader._all_of_parts(pointer, schema, set()):
            for name, prop in (part.get("properties") or {}).items():
                properties[name] = (f"{part_pointer}/properties/{_escape(name)}", prop)
        return properties

    def model_extras(self, shape: ModelShape) -> ModelExtras:
        pointer = str(shape.ref)
        schema = self.reader.resolve(pointer)
        extra = "forbid" if schema.get("additionalProperties") is False else "allow"
        deprecated = schema.get("deprecated") is True
        return ModelExtras(
            extra=extra, deprecated=deprecated, location=f"{self.path}#{pointer}"
        )

    def field_extras(self, shape: ModelShape, wire: str) -> FieldExtras:
        pointer, prop = self._properties(str(shape.ref))[wire]
        prop = prop if isinstance(prop, dict) else {}
        return FieldExtras(
            default=prop.get("default", NO_DEFAULT)
            if "default" in prop
            else NO_DEFAULT,
            deprecated=prop.get("deprecated") is True,
            location=f"{self.path}#{pointer}",
        )


def _folder(reader: JsonSchemaSource, folder: str) -> list[str]:
    try:
        found = reader.resolve(folder)
    except TargetError:
        return []
    return [k for k in found if isinstance(k, str)] if isinstance(found, dict) else []
