"""The shape of a spec file, checked by pydantic-core, with errors translated into located messages.

These classes describe what a user may write (docs/spec-format.md documents
every key); they say nothing about meaning. `generator.resolve` turns a
checked document into the IR.

The check is pydantic-core's validator over a core schema built from these
classes' annotations as Pydantic builds one for a strict model that forbids
unknown keys, so the errors (kinds and locations) are the ones Pydantic
reports (tests/test_shape_check.py compares the two on every spec, every key
with every kind of value, and random mutations). Pydantic's own layer is not
imported: importing it and building models through it took a third of a
small spec's `generate`.
"""

from __future__ import annotations

import copy
import difflib
import types
import typing
from collections.abc import Set as AbstractSet
from typing import Any, Literal, Union

from pydantic_core import (
    CoreConfig,
    ErrorDetails,
    SchemaValidator,
    ValidationError,
    core_schema,
)
from yaml.nodes import MappingNode

from generator.constraints import ANNOTATIONS, CONSTRAINTS
from generator.diagnostics import Code, Diagnostic
from generator.loading.yaml_source import Locator, Path, describe_value
from generator.targets.target import LAYOUTS, Layout

SPEC_FORMAT_VERSION = 1


class Document:
    """A checked part of a spec: its keys as attributes, defaults filled in.

    pydantic-core creates the instances (`core_schema.model_schema`): it sets
    `__dict__` to the checked keys and `__pydantic_fields_set__` to those the
    spec wrote. They are read-only after that, and never copied or pickled
    (`copy` and `pickle` would need the attributes set that way).
    """

    __slots__ = (
        "__dict__",
        "__pydantic_extra__",
        "__pydantic_fields_set__",
        "__pydantic_private__",
    )
    __pydantic_fields_set__: set[str]

    @property
    def given(self) -> AbstractSet[str]:
        """The keys the spec wrote, as opposed to those left to their defaults."""
        return self.__pydantic_fields_set__

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a checked spec document is read-only ('{name}')")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a checked spec document is read-only ('{name}')")


class FieldDocument(Document):
    type: str | None = None  # required unless `const` is given (checked when resolved)
    const: bool | int | float | str | None = None  # a constant: always this value
    description: str = ""
    format: str | None = None
    enum: list[str] | None = None
    required: bool = False
    nullable: bool = True
    default: Any = None
    deprecated: bool | str = False
    since: str | None = None
    secret: bool = False
    python_name: str | None = None
    renamed_from: str | None = None
    # ... and one key per value constraint (generator.constraints), added below.


for _constraint in CONSTRAINTS:  # one definition: the registry's names and kinds
    FieldDocument.__annotations__[_constraint.name] = ANNOTATIONS[_constraint.value]
    setattr(FieldDocument, _constraint.name, None)


class ModelDocument(Document):
    description: str = ""
    since: str | None = None
    deprecated: bool | str = False
    extra: Literal["allow", "ignore", "forbid"] = "allow"
    direction: Literal["response", "request", "both"] = "both"
    strict: bool | None = None  # None: the spec's `strict`
    renamed_from: str | None = None
    extends: str | None = None  # a model of the spec whose fields this one inherits
    frozen: bool | None = None  # None: its base's (a model without a base: false)
    # Defaults, not shared state: pydantic-core copies a mutable default per document.
    fields: dict[str, FieldDocument] = {}  # noqa: RUF012


class EnumDocument(Document):
    description: str = ""
    since: str | None = None
    deprecated: bool | str = False
    renamed_from: str | None = None
    type: Literal["string", "integer"] = "string"
    open: bool = False  # any other value of its type is accepted too
    values: list[str | int]


class UnionDocument(Document):
    description: str = ""
    since: str | None = None
    deprecated: bool | str = False
    renamed_from: str | None = None
    discriminator: str | None = None  # the constant field that tells models apart
    variants: list[str]  # type expressions


class SpecDocument(Document):
    schemasmith: int
    module: str | None = None
    description: str = ""
    json_schema_id: str | None = None
    root: str | None = None
    imports: list[str] = []  # noqa: RUF012
    layout: Layout = "module"  # an option of the Pydantic target, kept out of the IR
    strict: bool = False  # every model's, unless a model says otherwise
    enums: dict[str, EnumDocument] = {}  # noqa: RUF012
    models: dict[str, ModelDocument] = {}  # noqa: RUF012
    unions: dict[str, UnionDocument] = {}  # noqa: RUF012


def _keys(document: type[Document]) -> dict[str, bool]:
    """Each key a document class declares, and whether a spec must write it."""
    return {
        name: name not in vars(document)  # a default is a value in the class body
        for name in typing.get_type_hints(document)
        if not name.startswith("__")
    }


def _schema(annotation: Any) -> core_schema.CoreSchema:
    """The core schema for one annotation used above; any other is a mistake here."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if annotation is str:
        return core_schema.str_schema()
    if annotation is bool:
        return core_schema.bool_schema()
    if annotation is int:
        return core_schema.int_schema()
    if annotation is float:
        return core_schema.float_schema()
    if annotation is Any:
        return core_schema.any_schema()
    if origin is Literal:
        expected: list[Any] = list(args)
        return core_schema.literal_schema(expected)
    if origin is list:
        return core_schema.list_schema(_schema(args[0]))
    if origin is dict and args[0] is str:
        return core_schema.dict_schema(core_schema.str_schema(), _schema(args[1]))
    if origin in (Union, types.UnionType):
        present = [arg for arg in args if arg is not type(None)]
        inner = (
            _schema(present[0])
            if len(present) == 1
            else core_schema.union_schema([_schema(arg) for arg in present])
        )
        return core_schema.nullable_schema(inner) if type(None) in args else inner
    if isinstance(annotation, type) and issubclass(annotation, Document):
        return _model_schema(annotation)
    raise TypeError(f"no core schema for the annotation {annotation!r}")


def _model_schema(document: type[Document]) -> core_schema.ModelSchema:
    hints = typing.get_type_hints(document)
    fields = {}
    for name, required in _KEYS[document].items():
        schema = _schema(hints[name])
        if not required:
            schema = core_schema.with_default_schema(
                schema, default=getattr(document, name)
            )
        fields[name] = core_schema.model_field(schema)
    return core_schema.model_schema(
        document,
        core_schema.model_fields_schema(fields, model_name=document.__name__),
        config=CoreConfig(
            title=document.__name__, strict=True, extra_fields_behavior="forbid"
        ),
    )


_KEYS: dict[type[Document], dict[str, bool]] = {
    document: _keys(document)
    for document in (
        FieldDocument,
        ModelDocument,
        EnumDocument,
        UnionDocument,
        SpecDocument,
    )
}
_VALIDATOR = SchemaValidator(_model_schema(SpecDocument))


def _validate(data: dict[str, Any]) -> SpecDocument:
    document: SpecDocument = _VALIDATOR.validate_python(data)
    return document


# What each key expects, in the words an error message uses.
_EXPECTED = {
    "deprecated": "true, false or a deprecation message",
    "default": "a value",
    "extra": "one of allow, ignore, forbid",
    "direction": "one of response, request, both",
    "layout": f"one of {', '.join(LAYOUTS)}",
    "renamed_from": "the name it had in the previous version",
    **{
        c.name: {"count": "a whole number", "step": "a whole number"}.get(
            c.value, "a number"
        )
        for c in CONSTRAINTS
        if c.value != "pattern"
    },
}
_ENTRY_EXAMPLES = {
    "fields": "of its settings, such as `{type: string}`",
    "models": "with `fields:` and the model's other settings",
    "enums": "with `values:` and the enum's other settings",
    "unions": "with `variants:` and the union's other settings",
}
_TOP_LEVEL_HINT = "a spec file is a mapping that starts with `schemasmith: 1`"


def check_document(
    data: Any, locator: Locator
) -> tuple[SpecDocument | None, list[Diagnostic]]:
    """Validate the shape of a loaded spec; every problem becomes a located diagnostic.

    When parts of the spec are malformed, the document returned is the rest of
    it (each malformed part dropped or replaced by a neutral stand-in, and
    marked in the locator so later steps stay silent about it), so that one run
    reports the problems of every step; the diagnostics are then never empty.
    """
    if not isinstance(data, dict):
        where = locator.locate(())
        message = f"the top level is {describe_value(data)}; {_TOP_LEVEL_HINT}"
        return None, [Diagnostic(where, message, Code.WRONG_VALUE)]
    diagnostics: list[Diagnostic] = []
    version = data.get("schemasmith")
    if "schemasmith" not in data:
        diagnostics.append(
            Diagnostic(
                locator.locate(()),
                "missing `schemasmith:` version; add `schemasmith: 1` at the top",
                Code.SPEC_VERSION,
            )
        )
    elif (
        version != SPEC_FORMAT_VERSION or isinstance(version, bool)
    ) and not locator.is_poisoned(("schemasmith",)):
        written = getattr(locator.node(("schemasmith",)), "value", version)
        diagnostics.append(
            Diagnostic(
                locator.locate(("schemasmith",)),
                f"unsupported spec format version '{written}'; this schemasmith reads "
                f"version {SPEC_FORMAT_VERSION} (`schemasmith: {SPEC_FORMAT_VERSION}`)",
                Code.SPEC_VERSION,
            )
        )
    try:
        return _validate(_repaired(data, [])), diagnostics
    except ValidationError as exc:
        errors = _dedupe(exc.errors())
    for error in errors:
        if not locator.is_poisoned(_real_path(tuple(error["loc"]), data)):
            diagnostic = _translate(error, data, locator)
            if diagnostic is not None:
                diagnostics.append(diagnostic)
    broken = [_real_path(tuple(e["loc"]), data) for e in errors]
    try:
        document = _validate(_repaired(data, broken))
    except ValidationError:  # pragma: no cover - every error kind is repaired above
        return None, diagnostics
    locator.reported.update(broken)
    return document, diagnostics


def _repaired(data: dict[str, Any], broken: list[Path]) -> dict[str, Any]:
    """`data` with the version fixed and each broken part dropped or stood in for."""
    repaired = copy.deepcopy(data) if broken else dict(data)
    repaired["schemasmith"] = SPEC_FORMAT_VERSION
    for path in broken:
        _repair(repaired, path)
    return repaired


# A stand-in for a malformed entry of `fields`, `models`, `enums` or `unions`: its name
# stays known (so references to it still resolve) and it says nothing else.
_STAND_INS: dict[str, Any] = {
    "fields": {"type": "json"},
    "models": {},
    "enums": {"values": []},
    "unions": {"variants": []},
}


def _repair(data: dict[str, Any], path: Path) -> None:
    """Drop the innermost optional part around `path`, or replace its entry by a stand-in."""
    for end in range(len(path), 0, -1):
        parent = _lookup(data, path[: end - 1])
        part = path[end - 1]
        if isinstance(parent, list) and isinstance(part, int):
            if 0 <= part < len(parent):
                parent[part] = f"\x00broken item {part}"  # unique: no false duplicate
            return
        if not isinstance(parent, dict) or not isinstance(part, str):
            continue
        section = _entry_section(path[:end])
        if section is not None:
            parent[part] = copy.deepcopy(_STAND_INS[section])
            return
        keys = _KEYS[_model_for(path[: end - 1])]
        if not keys.get(part, False):
            parent.pop(part, None)
            return


def _entry_section(path: Path) -> str | None:
    """`fields`, `models`, `enums` or `unions` when `path` names one entry of that section."""
    if len(path) == 2 and path[0] in ("models", "enums", "unions"):
        return str(path[0])
    if len(path) == 4 and path[0] == "models" and path[2] == "fields":
        return "fields"
    return None


def _lookup(data: Any, path: Path) -> Any:
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def _real_path(loc: tuple[int | str, ...], data: Any) -> Path:
    """Drop the parts of a Pydantic error location that name union members, not keys."""
    path: list[str | int] = []
    node = data
    for part in loc:
        # Two branches (not one `or`) so that mypy narrows `node` and `part` in each.
        if isinstance(node, dict) and isinstance(part, str) and part in node:  # noqa: SIM114
            path.append(part)
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path.append(part)
            node = node[part]
        elif (
            isinstance(node, dict)
            and isinstance(part, str)
            and not path_is_union_tag(part)
        ):
            path.append(part)  # a missing or unknown key: still part of the location
            node = None
        else:
            continue
    return tuple(path)


def path_is_union_tag(part: str) -> bool:
    return part in {
        "bool",
        "str",
        "int",
        "float",
        "list[str]",
        "none",
        "function-plain[...]",
    }


def _dedupe(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """A value that fits no member of a union yields one error per member; keep the first."""
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for error in errors:
        loc = tuple(
            p for p in error["loc"] if not (isinstance(p, str) and path_is_union_tag(p))
        )
        if error["type"] == "schemasmith" and loc == ("schemasmith",):
            continue
        if loc in seen:
            continue
        seen.add(loc)
        kept.append(error)
    return kept


def _model_for(path: Path) -> type[Document]:
    """The document class whose keys live at `path`, for did-you-mean suggestions."""
    if len(path) >= 4 and path[0] == "models" and path[2] == "fields":
        return FieldDocument
    if len(path) >= 2 and path[0] == "models":
        return ModelDocument
    if len(path) >= 2 and path[0] == "enums":
        return EnumDocument
    if len(path) >= 2 and path[0] == "unions":
        return UnionDocument
    return SpecDocument


def _in_flow_mapping(locator: Locator, path: Path) -> bool:
    """Whether the key at `path` stands in a `{...}` mapping."""
    parent = locator.node(path[:-1])
    return isinstance(parent, MappingNode) and bool(parent.flow_style)


def _translate(error: ErrorDetails, data: Any, locator: Locator) -> Diagnostic | None:
    kind = error["type"]
    path = _real_path(tuple(error["loc"]), data)
    if path == ("schemasmith",):
        return None  # reported with a better message by check_document
    name = str(path[-1]) if path else ""
    value = error.get("input")
    if kind == "extra_forbidden":
        allowed = list(_KEYS[_model_for(path[:-1])])
        hint = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
        suggestion = (
            f"; did you mean '{hint[0]}'?"
            if hint
            else f"; expected one of: {', '.join(allowed)}"
        )
        if not hint and value is None and _in_flow_mapping(locator, path):
            # `{description: a, b}`: the comma ended the text, and `b` became a key.
            suggestion = (
                "; an unquoted comma ends a value inside `{...}`: if "
                f"'{name}' belongs to the value before it, quote that value"
            )
        return Diagnostic(
            locator.locate(path, key=True),
            f"unknown key '{name}'{suggestion}",
            Code.UNKNOWN_KEY,
        )
    if kind == "missing":
        where = locator.locate(path[:-1])
        owner = _describe_owner(path[:-1])
        return Diagnostic(
            where, f"{owner} is missing the required key '{name}'", Code.MISSING_KEY
        )
    where = locator.locate(path)
    section = _entry_section(path)
    if kind in ("dict_type", "model_type") and section is not None:
        return Diagnostic(
            where,
            f"{_describe_owner(path)} must be a mapping {_ENTRY_EXAMPLES[section]}, "
            f"not {describe_value(value)}",
            Code.WRONG_VALUE,
        )
    if kind in ("dict_type", "model_type"):
        return Diagnostic(
            where,
            f"'{name}' must be a mapping, not {describe_value(value)}",
            Code.WRONG_VALUE,
        )
    if kind == "list_type":
        return Diagnostic(
            where,
            f"'{name}' must be a list, not {describe_value(value)}",
            Code.WRONG_VALUE,
        )
    if kind == "literal_error":
        expected = _EXPECTED.get(name, error["msg"])
        return Diagnostic(
            where, f"'{name}' must be {expected}, not {value!r}", Code.WRONG_VALUE
        )
    if kind in ("string_type", "bool_type", "int_type"):
        expected = (
            _EXPECTED.get(name)
            or {
                "string_type": "a string",
                "bool_type": "true or false",
                "int_type": "a whole number",
            }[kind]
        )
        label = (
            f"item {path[-1] + 1} of '{path[-2]}'"
            if isinstance(path[-1], int)
            else f"'{name}'"
        )
        message = f"{label} must be {expected}, not {describe_value(value)}"
        node = locator.node(path)
        written = getattr(node, "value", None)
        if (
            kind == "string_type"
            and locator.scalar_style(path) in (None, "")
            and isinstance(written, str)
        ):
            message += f"; quote it to keep it text: '{written}'"
        return Diagnostic(where, message, Code.WRONG_VALUE)
    return Diagnostic(
        where, f"'{name}': {error['msg']}", Code.WRONG_VALUE
    )  # pragma: no cover - a type not mapped above


def _describe_owner(path: Path) -> str:
    if len(path) >= 4 and path[0] == "models" and path[2] == "fields":
        return f"field '{path[3]}'"
    if len(path) >= 2 and path[0] in ("models", "enums", "unions"):
        return f"{str(path[0])[:-1]} '{path[1]}'"
    return "the spec"
