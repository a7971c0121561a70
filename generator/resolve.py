"""Turn a checked spec document into the IR: resolve type names, check meaning, normalise text.

Every problem found is collected with its location; nothing stops at the first.
"""

from __future__ import annotations

import difflib
import json
import keyword
import math
import re
from collections.abc import Mapping, Sequence
from pathlib import PurePath
from typing import Any

from typing_extensions import assert_never

from generator import ir
from generator.diagnostics import Diagnostic, Location
from generator.loading.spec_document import (
    EnumDocument,
    FieldDocument,
    ModelDocument,
    SpecDocument,
)
from generator.loading.yaml_source import Locator, Path
from generator.text import normalize_doc
from generator.type_expressions import (
    Expression,
    TypeSyntaxError,
    Wrapped,
    parse,
    scalar_kind,
)

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_MODULE_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
# Module, model and enum names become file names (`<module>.schema.json`, a
# model's own module in the per-model layout, the writer's temporary files
# beside them); this bound keeps every one well under the 255 bytes that file
# systems allow, so a long name is refused here rather than at write time.
MAX_NAME_LENGTH = 100

# JSON Schema 2020-12 format names (validation vocabulary); a typo is an error, not a silent no-op.
STRING_FORMATS = (
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uuid",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
)

# Formats that have a scalar type of their own: the spec says `type: datetime`, so that
# every target (the Python types too, not only the JSON Schema) checks the value.
SCALAR_FORMATS = {"date-time": "datetime", "date": "date"}


# Type names people write from other languages, and what a spec says instead.
_TYPE_HINTS = {
    "any": "write `json` for any JSON value",
    "object": "write `json` for any JSON value, or `map<T>` for an object of T",
    "str": "write `string`",
    "int": "write `integer`",
    "float": "write `number`",
    "bool": "write `boolean`",
    "array": "write `list<T>`",
    "dict": "write `map<T>`",
}


class _Resolver:
    def __init__(
        self,
        document: SpecDocument,
        locator: Locator,
        source: str,
        definers: Mapping[str, tuple[str, ...]],
    ) -> None:
        self.document = document
        self.locator = locator
        # The specs that define each name (for hints only: each spec stands alone).
        self.definers = definers
        self.source = source
        self.diagnostics: list[Diagnostic] = []
        self.problems = 0  # found, whether reported here or already by an earlier step
        # Field types found without a problem, by what determines them: a spec
        # writes the same few types (`string`, `list<Model>`) on thousands of fields.
        self._field_types: dict[
            tuple[str, tuple[str, ...] | None, str | None], ir.TypeRef
        ] = {}

    def error(
        self, path: Path, message: str, *, key: bool = False, offset: int | None = None
    ) -> None:
        """Report a problem at `path` (its key with `key`; character `offset` of its text)."""
        self.problems += 1
        if self.locator.is_reported(path):
            return  # the loader or the shape check already reported this value
        if offset is not None:
            location = self.locator.locate_in_scalar(path, offset)
        else:
            location = self.locator.locate(path, key=key)
        self.diagnostics.append(Diagnostic(location, message))

    def module(self) -> ir.Module:
        document = self.document
        name = (
            document.module
            if document.module is not None
            else PurePath(self.source).stem
        )
        if not _MODULE_NAME.match(name) or keyword.iskeyword(name):
            where: Path = ("module",) if document.module is not None else ()
            self.error(
                where,
                f"module name '{name}' cannot name output files: use lowercase letters, digits and "
                "underscores, starting with a letter (set `module:` or rename the file)",
            )
        elif len(name) > MAX_NAME_LENGTH:
            where = ("module",) if document.module is not None else ()
            self.error(where, _too_long("module", name))
        for enum_name in document.enums:
            if enum_name in document.models:
                self.error(
                    ("enums", enum_name),
                    f"'{enum_name}' names both an enum and a model",
                    key=True,
                )
        enums = tuple(self.enum(n, e) for n, e in document.enums.items())
        models = tuple(self.model(n, m) for n, m in document.models.items())
        self._check_renamed_from(
            [
                (("enums", n), f"enum '{n}'", e.renamed_from)
                for n, e in document.enums.items()
            ]
            + [
                (("models", n), f"model '{n}'", m.renamed_from)
                for n, m in document.models.items()
            ],
            {
                **dict.fromkeys(document.models, "a model of this spec"),
                **dict.fromkeys(document.enums, "an enum of this spec"),
            },
        )
        if document.root is not None and document.root not in document.models:
            self.error(
                ("root",),
                f"root '{document.root}' is not a model of this spec{self._suggest(document.root)}",
            )
        return ir.Module(
            name=name,
            description=normalize_doc(document.description),
            enums=enums,
            models=models,
            json_schema_id=document.json_schema_id,
            root=document.root,
            source=self.source,
        )

    def _check_renamed_from(
        self, entries: Sequence[tuple[Path, str, str | None]], present: dict[str, str]
    ) -> None:
        """Each `renamed_from` names what its entry was called before, so it names
        neither the entry itself, nor anything still `present` beside it, nor what
        another entry was renamed from.
        """
        claimed: dict[str, str] = {}
        for path, what, old in entries:
            if old is None:
                continue
            where = (*path, "renamed_from")
            if old == "":
                self.error(where, f"{what} has an empty `renamed_from`")
            elif old == path[-1]:
                self.error(where, f"{what} is renamed from its own name")
            elif old in present:
                self.error(
                    where,
                    f"{what} is renamed from '{old}', which is still {present[old]}: "
                    "after a rename only the new name exists",
                )
            elif old in claimed:
                self.error(
                    where, f"{what} and {claimed[old]} are both renamed from '{old}'"
                )
            else:
                claimed[old] = what

    def _check_type_name(self, section: str, name: str) -> None:
        if not _IDENTIFIER.match(name) or keyword.iskeyword(name):
            kind = "model" if section == "models" else "enum"
            self.error(
                (section, name),
                f"{kind} name '{name}' is not a valid class name: use letters, digits and underscores, "
                "not starting with a digit",
                key=True,
            )
        elif len(name) > MAX_NAME_LENGTH:
            kind = "model" if section == "models" else "enum"
            self.error((section, name), _too_long(kind, name), key=True)

    def _deprecation(self, value: bool | str) -> ir.Deprecation | None:
        if value is False:
            return None
        return ir.Deprecation(normalize_doc(value) if isinstance(value, str) else None)

    def enum(self, name: str, document: EnumDocument) -> ir.Enum:
        self._check_type_name("enums", name)
        path: Path = ("enums", name, "values")
        if not document.values:
            self.error(path, f"enum '{name}' has no values")
        seen: set[str] = set()
        for index, value in enumerate(document.values):
            if value == "":
                self.error((*path, index), f"enum '{name}' has an empty value")
            elif value in seen:
                self.error(
                    (*path, index), f"enum '{name}' lists the value '{value}' twice"
                )
            seen.add(value)
        return ir.Enum(
            name=name,
            description=normalize_doc(document.description),
            values=tuple(document.values),
            since=document.since,
            deprecated=self._deprecation(document.deprecated),
            location=self.locator.locate(("enums", name), key=True),
            renamed_from=document.renamed_from,
        )

    def model(self, name: str, document: ModelDocument) -> ir.Model:
        self._check_type_name("models", name)
        locations = self.locator.key_locations(("models", name, "fields"))
        fields = tuple(
            self.field(("models", name, "fields", key), key, spec, locations.get(key))
            for key, spec in document.fields.items()
        )
        renamed = [
            (("models", name, "fields", key), f"field '{key}'", spec.renamed_from)
            for key, spec in document.fields.items()
            if spec.renamed_from is not None
        ]
        if renamed:
            present = dict.fromkeys(document.fields, f"a field of model '{name}'")
            self._check_renamed_from(renamed, present)
        return ir.Model(
            name=name,
            description=normalize_doc(document.description),
            fields=fields,
            extra=document.extra,
            direction=document.direction,
            direction_declared="direction" in document.given,
            strict=self.document.strict if document.strict is None else document.strict,
            since=document.since,
            deprecated=self._deprecation(document.deprecated),
            location=self.locator.locate(("models", name), key=True),
            renamed_from=document.renamed_from,
        )

    def field(
        self,
        path: Path,
        key: str,
        document: FieldDocument,
        location: Location | None = None,
    ) -> ir.Field:
        given = document.given
        type_ = self.field_type(path, document)
        if key == "":
            self.error(path, "a field name cannot be empty", key=True)
        if document.python_name is not None and (
            not _IDENTIFIER.match(document.python_name)
            or keyword.iskeyword(document.python_name)
        ):
            self.error(
                (*path, "python_name"),
                f"python_name '{document.python_name}' is not a valid Python identifier",
            )
        has_default = "default" in given
        if has_default and document.required:
            self.error(
                (*path, "default"),
                f"field '{key}' is required, so it cannot have a default",
            )
        if not document.required and not document.nullable and not has_default:
            self.error(
                (*path, "nullable"),
                f"field '{key}' may be absent but not null, so it needs a `default` "
                "(or make it `required: true`, or leave it nullable)",
            )
        if (
            isinstance(type_, ir.Scalar)
            and type_.kind == "json"
            and not document.nullable
        ):
            self.error(
                (*path, "nullable"),
                f"field '{key}' has type json, which always admits null",
            )
        if has_default and type_ is not None:
            problem = self.default_problem(type_, document.default, document.nullable)
            if problem:
                self.error((*path, "default"), f"default of field '{key}' {problem}")
        return ir.Field(
            name=key,
            type=type_ or ir.Scalar("json"),
            description=normalize_doc(document.description),
            required=document.required,
            nullable=document.nullable,
            has_default=has_default,
            default=document.default if has_default else None,
            deprecated=self._deprecation(document.deprecated),
            since=document.since,
            secret=document.secret,
            code_name=document.python_name,
            renamed_from=document.renamed_from,
            location=location or self.locator.locate(path, key=True),
        )

    def field_type(self, path: Path, document: FieldDocument) -> ir.TypeRef | None:
        enum = None if document.enum is None else tuple(document.enum)
        key = (document.type, enum, document.format)
        known = self._field_types.get(key)
        if known is not None:
            return known
        problems = self.problems
        type_ = self._field_type(path, document)
        if type_ is not None and self.problems == problems:
            self._field_types[key] = type_
        return type_

    def _field_type(self, path: Path, document: FieldDocument) -> ir.TypeRef | None:
        type_path = (*path, "type")
        try:
            expression = parse(document.type)
        except TypeSyntaxError as exc:
            self.error(type_path, exc.message, offset=exc.offset)
            return None
        type_ = self._resolve(type_path, expression)
        if type_ is None:
            return None
        if document.enum is not None:
            if type_ != ir.Scalar("string"):
                self.error(
                    (*path, "enum"),
                    f"`enum` lists strings, so the field's type must be string, not '{document.type}'",
                )
                return None
            values_path = (*path, "enum")
            if not document.enum:
                self.error(values_path, "`enum` has no values")
            seen: set[str] = set()
            for index, value in enumerate(document.enum):
                if value == "":
                    self.error((*values_path, index), "`enum` has an empty value")
                elif value in seen:
                    self.error(
                        (*values_path, index), f"`enum` lists the value '{value}' twice"
                    )
                seen.add(value)
            type_ = ir.InlineEnum(tuple(document.enum))
        if document.format is not None:
            if ir.innermost(type_) != ir.Scalar("string"):
                self.error(
                    (*path, "format"),
                    f"`format` refines strings, but the type is '{document.type}'",
                )
            elif document.format not in STRING_FORMATS:
                hint = difflib.get_close_matches(document.format, STRING_FORMATS, n=1)
                extra = (
                    f"; did you mean '{hint[0]}'?"
                    if hint
                    else f"; known formats: {', '.join(STRING_FORMATS)}"
                )
                self.error(
                    (*path, "format"),
                    f"unknown string format '{document.format}'{extra}",
                )
            elif document.format in SCALAR_FORMATS:
                scalar = SCALAR_FORMATS[document.format]
                self.error(
                    (*path, "format"),
                    f"`format: {document.format}` would leave the Python types a plain str; "
                    f"write `type: {document.type.replace('string', scalar)}` instead",
                )
            else:
                type_ = _with_format(type_, document.format)
        return type_

    def _resolve(self, path: Path, expression: Expression) -> ir.TypeRef | None:
        if isinstance(expression, Wrapped):
            inner = self._resolve(path, expression.inner)
            if inner is None:
                return None
            return ir.ListOf(inner) if expression.kind == "list" else ir.MapOf(inner)
        name = expression.name
        kind = scalar_kind(name)
        if kind is not None:
            return ir.Scalar(kind)
        if name in self.document.models:
            return ir.ModelRef(name)
        if name in self.document.enums:
            return ir.EnumRef(name)
        offset = expression.offset
        if name in ("list", "map"):
            self.error(
                path,
                f"'{name}' needs an element type: write '{name}<T>'",
                offset=offset,
            )
        else:
            self.error(path, f"unknown type '{name}'{self._hint(name)}", offset=offset)
        return None

    def _hint(self, name: str) -> str:
        elsewhere = [p for p in self.definers.get(name, ()) if p != self.source]
        if elsewhere:
            return (
                f"; it is defined in {' and '.join(elsewhere)}, and a spec can use "
                "only the models and enums it defines itself"
            )
        if name in SCALAR_FORMATS:
            return f"; write `{SCALAR_FORMATS[name]}`"
        if name in STRING_FORMATS:
            return f"; `{name}` is a string format: write `type: string` with `format: {name}`"
        if name.lower() in _TYPE_HINTS:
            return f"; {_TYPE_HINTS[name.lower()]}"
        return self._suggest(name)

    def _suggest(self, name: str) -> str:
        candidates = [*ir.SCALAR_KINDS, *self.document.models, *self.document.enums]
        hint = difflib.get_close_matches(name, candidates, n=1)
        if hint:
            return f"; did you mean '{hint[0]}'?"
        return ""

    def default_problem(
        self, type_: ir.TypeRef, value: Any, nullable: bool
    ) -> str | None:
        """Why `value` cannot be the default of a field of `type_`, or None when it fits."""
        if value is None:
            return None if nullable else "is null, but the field is not nullable"
        return _value_problem(type_, value, self.document)


def _too_long(kind: str, name: str) -> str:
    return (
        f"{kind} name '{name[:20]}...' is {len(name)} characters long; names that "
        f"become file names may have at most {MAX_NAME_LENGTH}"
    )


def _with_format(type_: ir.TypeRef, format_: str) -> ir.TypeRef:
    """`type_` (a string, or lists and maps of strings: checked before) with its format."""
    match type_:
        case ir.ListOf(item):
            return ir.ListOf(_with_format(item, format_))
        case ir.MapOf(value):
            return ir.MapOf(_with_format(value, format_))
        case _:
            return ir.Scalar("string", format_)


def _value_problem(type_: ir.TypeRef, value: Any, document: SpecDocument) -> str | None:
    match type_:
        case ir.Scalar(kind):
            return _scalar_value_problem(kind, value)
        case ir.InlineEnum(values):
            return _enum_value_problem(values, value)
        case ir.EnumRef(name):
            return _enum_value_problem(tuple(document.enums[name].values), value)
        case ir.ListOf(item):
            if not isinstance(value, list):
                return f"is {value!r}, not a list"
            for element in value:
                problem = _value_problem(item, element, document)
                if problem:
                    return f"has an item that {problem}"
            return None
        case ir.MapOf(item):
            if not isinstance(value, dict):
                return f"is {value!r}, not a mapping"
            for element in value.values():
                problem = _value_problem(item, element, document)
                if problem:
                    return f"has a value that {problem}"
            return None
        case ir.ModelRef():
            return "cannot be given for a model-typed field"
        case _:
            assert_never(type_)


def _enum_value_problem(values: tuple[str, ...], value: Any) -> str | None:
    if not values or value in values:
        return None  # an enum without values is reported where it is declared
    listed = ", ".join(repr(v) for v in dict.fromkeys(values))
    return f"is {value!r}, not one of {listed}"


def _scalar_value_problem(kind: ir.ScalarKind, value: Any) -> str | None:
    if kind == "json":
        return None
    if kind == "string":
        if isinstance(value, str):
            return None
        if isinstance(value, (bool, int, float)):  # `yes`, `off`, `1.0` unquoted
            spelled = json.dumps(value)
            return f"is {spelled}, not a string; quote it to keep it text"
        return f"is {value!r}, not a string"
    if kind == "boolean":
        return None if isinstance(value, bool) else f"is {value!r}, not true or false"
    if kind == "integer":
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else f"is {value!r}, not a whole number"
    if kind == "number":
        ok = (
            isinstance(value, (int, float))
            and not isinstance(value, bool)
            and math.isfinite(value)
        )
        return None if ok else f"is {value!r}, not a finite number"
    return f"cannot be given for a {kind} field (defaults are supported for strings, numbers, booleans, enums, lists, maps and json)"


def resolve(
    document: SpecDocument,
    locator: Locator,
    source: str,
    definers: Mapping[str, tuple[str, ...]] | None = None,
) -> tuple[ir.Module, list[Diagnostic]]:
    """`definers`: the specs that define each model and enum name (for hints)."""
    resolver = _Resolver(document, locator, source, definers or {})
    module = resolver.module()
    return module, resolver.diagnostics
