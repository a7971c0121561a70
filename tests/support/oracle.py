"""The oracle: datamodel-code-generator's models for a published JSON Schema, and the
comparison of its models with ours.

Where the two generators legitimately write the same data differently, `canonical` or
`check_oracle_model` says so, with the reason; every other difference fails."""

from __future__ import annotations

import inspect
import json
import sys
import types
import typing
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from ipaddress import IPv4Address, IPv6Address
from typing import Any, Union, get_args, get_origin
from uuid import UUID

import datamodel_code_generator as dcg
import pydantic

from tests.support.generated_package import not_null_item

SCALAR_NAMES: dict[Any, str] = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    datetime: "datetime",
    date: "date",
    # datamodel-code-generator maps string formats to types that parse them (`uuid` to
    # UUID, `uri` to AnyUrl, `time` to time, ...); schemasmith keeps such fields `str`
    # (the format is published in the JSON Schema, not parsed), so both accept the
    # JSON strings the format allows.
    UUID: "string",
    pydantic.AnyUrl: "string",
    time: "string",
    timedelta: "string",
    IPv4Address: "string",
    IPv6Address: "string",
    # A decimal is a number or a decimal string (its published `anyOf`).
    Decimal: ("union", frozenset({"number", "string"})),
}


def canonical(annotation: Any, class_names: Mapping[str, str] | None = None) -> Any:
    """An annotation of either generator as plain data: ("list", item), ("union", {...}), ...

    `class_names` maps the oracle's class names to ours where they differ."""
    if annotation is type(None) or annotation is None:
        return "null"
    # Any JSON value: ours is `object` (the value passes through untouched), the oracle's
    # `Any`. A JSON value may be null, so `Optional[object]` and `Any` are the same data.
    if annotation is typing.Any or annotation is object:
        return "json"
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        # Nested unions flattened: the oracle's `ModelName | None` holds the union
        # ModelName in a RootModel, where Python flattens ours (`Union[..., None]`).
        members: set[Any] = set()
        for member in (canonical(a, class_names) for a in get_args(annotation)):
            nested = member[0] == "union" if isinstance(member, tuple) else False
            members |= member[1] if nested else {member}
        return "json" if "json" in members else ("union", frozenset(members))
    if origin is typing.Literal:
        # Values as JSON text: Python's `True == 1` would hide a difference.
        return ("enum", tuple(json.dumps(v) for v in get_args(annotation)))
    if origin is list:
        return ("list", canonical(get_args(annotation)[0], class_names))
    if origin is dict:
        key, value = get_args(annotation)
        assert key is str, f"map keys are strings, not {key}"
        return ("map", canonical(value, class_names))
    if isinstance(annotation, type) and issubclass(annotation, pydantic.RootModel):
        # The oracle wraps each named enum of `$defs` in a RootModel class; ours is a
        # `Literal` alias. Both accept exactly the enum's strings.
        return canonical(annotation.model_fields["root"].annotation, class_names)
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        name = annotation.__name__
        return ("model", (class_names or {}).get(name, name))
    if annotation in SCALAR_NAMES:
        return SCALAR_NAMES[annotation]
    if get_origin(annotation) is typing.Annotated and _told_apart(annotation):
        # A discriminated union (`Annotated[Union[...], Field(discriminator=...)]`):
        # the discriminator picks the variant by its constant instead of trying
        # each in turn; the constants differ, so the values accepted are the same.
        return canonical(get_args(annotation)[0], class_names)
    if annotation == pydantic.Base64Bytes:
        # Ours reads base64 text; the oracle checks the published pattern on a `str`.
        return "string"
    if get_origin(annotation) is typing.Annotated and all(
        _constraint_items([mark])
        or mark is None
        or isinstance(mark, pydantic.fields.FieldInfo)
        for mark in get_args(annotation)[1:]
    ):
        # Value constraints: compared on their own, by `constraints_of` (which
        # leaves out the pattern the oracle checks `format: hostname` with).
        return canonical(get_args(annotation)[0], class_names)
    raise AssertionError(f"no canonical form for {annotation!r}")


# The value constraints Pydantic's metadata can hold, by the attribute that holds each.
_CONSTRAINT_ATTRIBUTES = (
    "gt", "ge", "lt", "le", "multiple_of", "min_length", "max_length", "pattern",
)  # fmt: skip


def _constraint_items(marks: Any) -> set[tuple[str, Any]]:
    """The constraints of annotated-types or Pydantic metadata objects, as pairs."""
    found = set()
    for mark in marks:
        if isinstance(mark, pydantic.fields.FieldInfo):
            found |= _constraint_items(mark.metadata)
            continue
        for name in _CONSTRAINT_ATTRIBUTES:
            value = getattr(mark, name, None)
            if value is not None and not callable(value):
                found.add((name, value))
    return found


def constraints_of(
    annotation: Any, info: pydantic.fields.FieldInfo
) -> frozenset[tuple[str, Any]]:
    """A field's value constraints, wherever they are: in its FieldInfo's metadata,
    or on the annotation (inside `Optional`, `NotNull` or `Annotated`)."""
    found = _constraint_items(info.metadata)
    pending = [annotation]
    while pending:
        current = pending.pop()
        if get_origin(current) is typing.Annotated:
            base, *marks = get_args(current)
            found |= _constraint_items(marks)
            pending.append(base)
        elif get_origin(current) in (Union, types.UnionType):
            pending.extend(get_args(current))
    return frozenset(found)


def _told_apart(annotation: Any) -> bool:
    told, *marks = get_args(annotation)
    return (
        # A union of one variant is the variant itself.
        (get_origin(told) is Union or isinstance(told, type))
        and len(marks) == 1
        and isinstance(marks[0], pydantic.fields.FieldInfo)
        and marks[0].discriminator is not None
    )


def oracle_source(schema_text: str) -> str:
    source = dcg.generate(
        schema_text,
        input_file_type=dcg.InputFileType.JsonSchema,
        output_model_type=dcg.DataModelType.PydanticV2BaseModel,
        enum_field_as_literal=dcg.LiteralType.All,
        use_schema_description=True,
        disable_timestamp=True,
        keep_model_order=True,
        # A field that may be absent is not thereby nullable: nullability comes from the
        # schema (`anyOf [..., null]`) only, as in the spec.
        strict_nullable=True,
        target_python_version=dcg.PythonVersion.PY_310,
        output_datetime_class=dcg.DatetimeClassType.Datetime,
        formatters=[dcg.Formatter.BUILTIN] if hasattr(dcg, "Formatter") else None,
    )
    assert isinstance(source, str)
    return source


def import_source(source: str, name: str) -> types.ModuleType:
    module = types.ModuleType(name)
    sys.modules[name] = module  # Pydantic resolves postponed annotations through it
    # The oracle's own output, run as the module it is meant to be.
    exec(compile(source, f"<oracle {name}>", "exec"), module.__dict__)  # noqa: S102
    return module


def class_doc(cls: type) -> str | None:
    doc = cls.__dict__.get("__doc__")
    return inspect.cleandoc(doc) if doc else None


def by_wire(cls: Any) -> dict[str, pydantic.fields.FieldInfo]:
    return {(info.alias or name): info for name, info in cls.model_fields.items()}


def check_oracle_model(
    ours: Any,
    theirs: Any,
    model_name: str,
    class_names: Mapping[str, str] | None = None,
    wire_name: Callable[[str], str] = lambda wire: wire,
) -> None:
    """Fail unless the oracle's model `theirs` has our model's fields (by wire name, in
    order), annotations, required keys, descriptions, defaults, deprecation, class
    documentation and extra policy. `wire_name` maps our wire names to the oracle's."""
    ours.model_rebuild()
    theirs.model_rebuild()
    our_fields = {wire_name(w): info for w, info in by_wire(ours).items()}
    their_fields = by_wire(theirs)
    assert list(our_fields) == list(their_fields), (
        f"{model_name}: fields (wire names, in order): ours {list(our_fields)}, "
        f"oracle {list(their_fields)}"
    )
    for wire, info in our_fields.items():
        other = their_fields[wire]
        annotation = info.annotation
        item = not_null_item(ours, info)
        if item is not None:
            # Ours is NotNull[T]: absent (the attribute None) or a T, never null. The
            # oracle cannot reject null in a key that may be absent: it writes
            # `T | None = None`, as for every such key (and `Any` for `json`).
            annotation = item if info.is_required() else Union[item, None]  # noqa: UP007
        assert canonical(annotation) == canonical(other.annotation, class_names), (
            f"{model_name}.{wire}: ours {info.annotation}, oracle {other.annotation}"
        )
        ours_limits = constraints_of(info.annotation, info)
        theirs_limits = constraints_of(other.annotation, other)
        # The oracle leaves out `multipleOf: 1` on an integer (it says nothing more).
        ours_limits = ours_limits - {("multiple_of", 1)}
        shape = canonical(annotation)
        if "'list'" in repr(shape):
            # ... and `maxItems: 0` (it tests the value for truth), and every item
            # count of a list that may be null (`anyOf` with null).
            ours_limits = ours_limits - ({("max_length", 0)} - theirs_limits)
            if not theirs_limits and shape[0] == "union":
                ours_limits = frozenset()
        if not any(name == "pattern" for name, _ in ours_limits):
            # A format the oracle checks with a pattern (see `canonical`).
            theirs_limits = frozenset(c for c in theirs_limits if c[0] != "pattern")
        assert ours_limits == theirs_limits, (
            f"{model_name}.{wire}: constraints, ours {sorted(ours_limits)}, "
            f"oracle {sorted(theirs_limits)}"
        )
        assert info.is_required() == other.is_required(), (
            f"{model_name}.{wire}: required"
        )
        assert info.description == other.description, (
            f"{model_name}.{wire}: description"
        )
        # The oracle keeps a default as the schema writes it (a date-time's text);
        # ours holds the value it stands for (a datetime): compared as ours reads it.
        theirs_default = other.default
        if isinstance(theirs_default, (str, list)) and theirs_default != info.default:
            adapter = pydantic.TypeAdapter(info.annotation)
            theirs_default = adapter.validate_python(theirs_default)
        assert info.default == theirs_default, f"{model_name}.{wire}: default"
        assert bool(info.deprecated) == bool(other.deprecated), (
            f"{model_name}.{wire}: deprecated"
        )
    assert class_doc(ours) == class_doc(theirs), f"{model_name}: class documentation"
    # Pydantic's default is "ignore"; the oracle writes a config only for allow and forbid.
    assert ours.model_config.get("extra") == theirs.model_config.get("extra", "ignore")
