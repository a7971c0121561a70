"""An independent oracle: datamodel-code-generator reads our published JSON Schema, and the
models it writes must have the same fields, types, nullability, required keys, extra policy
and documentation as ours.

Where the two generators legitimately write the same data differently,
tests/support/oracle.py says so, with the reason; every other difference fails."""

from __future__ import annotations

import itertools
import sys
import types
import typing
from collections.abc import Iterator

import pytest

from generator import ir
from tests.conftest import CASES, ROOT
from tests.support.generated_package import GeneratedPackage, generated
from tests.support.oracle import (
    canonical,
    check_oracle_model,
    import_source,
    oracle_source,
)

SPECS = [*sorted((ROOT / "spec").glob("*.yaml")), *sorted(CASES.glob("*/spec.yaml"))]
_COUNTER = itertools.count()


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
    check_oracle_model(ours, getattr(oracle, model_name), model_name)


def test_canonical_tells_types_apart() -> None:
    """The oracle comparison would notice a changed type, nullability or enum."""
    assert canonical(int | None) != canonical(int)
    assert canonical(list[int]) != canonical(list[float])
    assert canonical(typing.Literal["a", "b"]) != canonical(typing.Literal["a"])
    assert canonical(dict[str, int]) != canonical(list[int])
    assert canonical(typing.Literal[1]) != canonical(typing.Literal[True])
    assert canonical(typing.Literal["a"] | None) != canonical(typing.Literal["a"])
