"""An independent oracle: datamodel-code-generator reads our published JSON Schema, and the
models it writes must have the same fields, types, nullability, required keys, extra policy
and documentation as ours.

Where the two generators legitimately write the same data differently, `canonical` says
so, with the reason; every other difference fails."""

from __future__ import annotations

import inspect
import itertools
import sys
import types
import typing
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any, Union, get_args, get_origin
from uuid import UUID

import datamodel_code_generator as dcg
import pydantic
import pytest

from generator import ir
from tests.conftest import CASES, ROOT
from tests.support.generated_package import GeneratedPackage, generated

SPECS = [*sorted((ROOT / "spec").glob("*.yaml")), *sorted(CASES.glob("*/spec.yaml"))]
_COUNTER = itertools.count()

SCALAR_NAMES: dict[Any, str] = {
    str: "string",
    int: "integer",
    float: "number",
    bool: "boolean",
    datetime: "datetime",
    date: "date",
    # datamodel-code-generator maps `format: uuid` to UUID and `format: uri` to AnyUrl;
    # schemasmith keeps such fields `str` (the format is documented, not parsed), so
    # the same JSON strings are valid for both.
    UUID: "string",
    pydantic.AnyUrl: "string",
}


def canonical(annotation: Any) -> Any:
    """An annotation of either generator as plain data: ("list", item), ("union", {...}), ..."""
    if annotation is type(None) or annotation is None:
        return "null"
    # Any JSON value: ours is `object` (the value passes through untouched), the oracle's
    # `Any`. A JSON value may be null, so `Optional[object]` and `Any` are the same data.
    if annotation is typing.Any or annotation is object:
        return "json"
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        members = frozenset(canonical(a) for a in get_args(annotation))
        return "json" if "json" in members else ("union", members)
    if origin is typing.Literal:
        return ("enum", get_args(annotation))
    if origin is list:
        return ("list", canonical(get_args(annotation)[0]))
    if origin is dict:
        key, value = get_args(annotation)
        assert key is str, f"map keys are strings, not {key}"
        return ("map", canonical(value))
    if isinstance(annotation, type) and issubclass(annotation, pydantic.RootModel):
        # The oracle wraps each named enum of `$defs` in a RootModel class; ours is a
        # `Literal` alias. Both accept exactly the enum's strings.
        return canonical(annotation.model_fields["root"].annotation)
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return (
            "model",
            annotation.__name__,
        )  # class names: the oracle keeps `$defs` keys
    if annotation in SCALAR_NAMES:
        return SCALAR_NAMES[annotation]
    raise AssertionError(f"no canonical form for {annotation!r}")


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


@pytest.fixture(scope="module")
def package() -> Iterator[GeneratedPackage]:
    with generated([str(p) for p in SPECS]) as generated_package:
        yield generated_package


# Modules whose oracle output cannot even be imported, with the reason. Each entry is
# asserted to still fail, so a fixed datamodel-code-generator shows up here.
ORACLE_CANNOT_IMPORT = {
    # datamodel-code-generator 0.89.0 keeps the wire name `Field` as the attribute
    # name, so its class body rebinds `Field` and the next `Field(...)` call fails.
    # (schemasmith renames such attributes: tests/cases/shadowing.)
    "shadowing": NameError,
}


@pytest.fixture(scope="module")
def oracles(
    package: GeneratedPackage,
) -> Iterator[dict[str, types.ModuleType | Exception]]:
    found: dict[str, types.ModuleType | Exception] = {}
    names = []
    for module in package.modules:
        text = package.files[f"json_schema/{module.name}.schema.json"]
        name = f"schemasmith_oracle_{next(_COUNTER)}"
        names.append(name)
        try:
            found[module.name] = import_source(oracle_source(text), name)
        except Exception as exc:  # noqa: BLE001 - reported by the test of each of its models
            found[module.name] = exc
    yield found
    for name in names:
        sys.modules.pop(name, None)


def _cases() -> list[tuple[str, str]]:
    from generator.loading import load_modules

    return [
        (m.name, model.name)
        for m in load_modules([str(p) for p in SPECS])
        for model in m.models
    ]


ORACLE_CASES = _cases()


def _doc(cls: type) -> str | None:
    doc = cls.__dict__.get("__doc__")
    return inspect.cleandoc(doc) if doc else None


@pytest.mark.parametrize(
    ("module_name", "model_name"),
    ORACLE_CASES,
    ids=[f"{a}.{b}" for a, b in ORACLE_CASES],
)
def test_oracle_agrees(
    package: GeneratedPackage,
    oracles: dict[str, types.ModuleType],
    module_name: str,
    model_name: str,
) -> None:
    module: ir.Module = next(m for m in package.modules if m.name == module_name)
    oracle = oracles[module_name]
    if module_name in ORACLE_CANNOT_IMPORT:
        assert isinstance(oracle, ORACLE_CANNOT_IMPORT[module_name]), (
            f"the oracle's output for {module_name} imports now: compare it, drop the exception"
        )
        return
    assert isinstance(oracle, types.ModuleType), f"oracle output failed: {oracle!r}"
    ours = getattr(package.models(module), model_name)
    theirs = getattr(oracle, model_name)
    ours.model_rebuild()
    theirs.model_rebuild()

    def by_wire(cls: Any) -> dict[str, pydantic.fields.FieldInfo]:
        return {(info.alias or name): info for name, info in cls.model_fields.items()}

    our_fields, their_fields = by_wire(ours), by_wire(theirs)
    assert list(our_fields) == list(their_fields), "fields (wire names, in order)"
    for wire, info in our_fields.items():
        other = their_fields[wire]
        assert canonical(info.annotation) == canonical(other.annotation), (
            f"{model_name}.{wire}: ours {info.annotation}, oracle {other.annotation}"
        )
        assert info.is_required() == other.is_required(), (
            f"{model_name}.{wire}: required"
        )
        assert info.description == other.description, (
            f"{model_name}.{wire}: description"
        )
        assert info.default == other.default, f"{model_name}.{wire}: default"
        assert bool(info.deprecated) == bool(other.deprecated), (
            f"{model_name}.{wire}: deprecated"
        )
    assert _doc(ours) == _doc(theirs), f"{model_name}: class documentation"
    # Pydantic's default is "ignore"; the oracle writes a config only for allow and forbid.
    assert ours.model_config.get("extra") == theirs.model_config.get("extra", "ignore")


def test_canonical_tells_types_apart() -> None:
    """The oracle comparison would notice a changed type, nullability or enum."""
    assert canonical(int | None) != canonical(int)
    assert canonical(list[int]) != canonical(list[float])
    assert canonical(typing.Literal["a", "b"]) != canonical(typing.Literal["a"])
    assert canonical(dict[str, int]) != canonical(list[int])
