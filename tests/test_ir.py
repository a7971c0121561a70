"""The IR's hand-written constructor agrees with its declared fields."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from generator import ir


def test_field_constructor_takes_every_declared_field_with_its_default() -> None:
    parameters = list(inspect.signature(ir.Field.__init__).parameters.values())[1:]
    declared = dataclasses.fields(ir.Field)
    assert [p.name for p in parameters] == [f.name for f in declared]
    for parameter, declared_field in zip(parameters, declared, strict=True):
        expected = (
            inspect.Parameter.empty
            if declared_field.default is dataclasses.MISSING
            else declared_field.default
        )
        assert parameter.default == expected, parameter.name


def test_field_sets_every_attribute_and_stays_frozen() -> None:
    field = ir.Field("a", ir.Scalar("string"), "text", True, False, False)
    assert sorted(vars(field)) == sorted(f.name for f in dataclasses.fields(ir.Field))
    assert field == ir.Field(
        name="a",
        type=ir.Scalar("string"),
        description="text",
        required=True,
        nullable=False,
        has_default=False,
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        field.name = "b"  # type: ignore[misc]
