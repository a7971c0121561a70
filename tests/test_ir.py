"""The IR's hand-written constructor agrees with its declared fields."""

from __future__ import annotations

import dataclasses
import inspect
import json
from pathlib import Path

import pytest

from generator import ir
from generator.cli import main


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


def test_renamed_from_is_carried_into_the_ir_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "shop.yaml"
    spec.write_text(
        "schemasmith: 1\n"
        "enums:\n"
        "  Hue: {renamed_from: Colour, values: [red]}\n"
        "models:\n"
        "  Item:\n"
        "    renamed_from: Thing\n"
        "    fields:\n"
        "      title: {type: string, renamed_from: label}\n"
        "      hue: {type: Hue}\n",
        encoding="utf-8",
    )
    assert main(["ir", "--spec", str(spec)]) == 0
    [module] = json.loads(capsys.readouterr().out)["modules"]
    [enum], [model] = module["enums"], module["models"]
    assert (enum["renamed_from"], model["renamed_from"]) == ("Colour", "Thing")
    assert [(f["name"], f["renamed_from"]) for f in model["fields"]] == [
        ("title", "label"),
        ("hue", None),
    ]


def test_a_format_on_nullable_items_keeps_them_nullable(tmp_path: Path) -> None:
    from generator.loading import load_modules

    spec = tmp_path / "ids.yaml"
    spec.write_text(
        "schemasmith: 1\n"
        "models:\n"
        "  Batch:\n"
        "    fields:\n"
        '      ids: {type: "map<list<string?>>", format: uuid}\n',
        encoding="utf-8",
    )
    [module] = load_modules([str(spec)])
    [field] = module.models[0].fields
    uuid = ir.Scalar("string", "uuid")
    assert field.type == ir.MapOf(ir.ListOf(ir.Nullable(uuid)))
