"""`strict: true`: the models take values only as JSON writes them, as the JSON Schema does."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pydantic
import pytest

from tests.support.generated_package import generated

SPEC = """\
schemasmith: 1
module: {module}
{strict}models:
  Reading:
    fields:
      count: {{type: integer}}
      ratio: {{type: number}}
      ok: {{type: boolean}}
      label: {{type: string}}
      at: {{type: datetime}}
      day: {{type: date}}
"""

# What Pydantic's lax mode takes and the JSON Schema refuses (tests/support/payloads.py
# names the same ones), and what both take.
LAX_ONLY = [
    {"count": "12"},
    {"count": True},
    {"ratio": True},
    {"ratio": "2.5"},
    {"ok": "yes"},
    {"ok": 1},
    {"at": 1700000000},
    {"at": 1700000000.5},
    {"day": 1699920000},  # a midnight: lax mode takes it as that date
]
VALID = [
    {"count": 12, "ratio": 2.5, "ok": True, "label": "x"},
    {"ratio": 1},
    {"at": "2024-05-01T12:00:00Z", "day": "2024-05-01"},
    {"count": None},
]


@pytest.fixture(scope="module")
def models(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, type[pydantic.BaseModel]]:
    folder = tmp_path_factory.mktemp("specs")
    (folder / "lax.yaml").write_text(SPEC.format(module="lax", strict=""))
    (folder / "strict.yaml").write_text(
        SPEC.format(module="strict", strict="strict: true\n")
    )
    with generated([str(folder / "lax.yaml"), str(folder / "strict.yaml")]) as package:
        found = {}
        for module in package.modules:
            found[module.name] = package.models(module).Reading
            found[module.name + "_schema"] = package.json_schema(module)
        yield found


def _schema_accepts(schema: dict[str, object], payload: dict[str, object]) -> bool:
    definitions = {**schema, "$ref": "#/$defs/Reading"}
    validator = jsonschema.Draft202012Validator(
        definitions, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return validator.is_valid(payload)


def _accepts(model: type[pydantic.BaseModel], payload: dict[str, object]) -> bool:
    try:
        model.model_validate_json(json.dumps(payload))
    except pydantic.ValidationError:
        return False
    return True


@pytest.mark.parametrize("payload", LAX_ONLY, ids=json.dumps)
def test_lax_mode_takes_what_the_schema_refuses_and_strict_mode_does_not(
    models: dict[str, type[pydantic.BaseModel]], payload: dict[str, object]
) -> None:
    assert not _schema_accepts(models["strict_schema"], payload)
    assert _accepts(models["lax"], payload), "a lax model coerces it"
    assert not _accepts(models["strict"], payload), (
        "a strict model gives the schema's verdict"
    )


@pytest.mark.parametrize("payload", VALID, ids=json.dumps)
def test_strict_models_take_what_the_schema_takes(
    models: dict[str, type[pydantic.BaseModel]], payload: dict[str, object]
) -> None:
    assert _schema_accepts(models["strict_schema"], payload)
    assert _accepts(models["strict"], payload)


def test_the_published_schema_is_the_same_either_way(
    models: dict[str, type[pydantic.BaseModel]],
) -> None:
    def without_names(schema: dict[str, object]) -> str:
        return json.dumps(schema).replace('"strict"', '"lax"')

    assert without_names(models["strict_schema"]) == without_names(models["lax_schema"])


def test_a_model_may_set_strict_apart_from_its_spec(tmp_path: Path) -> None:
    from generator.loading import load_modules

    spec = tmp_path / "mixed.yaml"
    spec.write_text(
        "schemasmith: 1\nstrict: true\nmodels:\n  A: {}\n  B:\n    strict: false\n",
        encoding="utf-8",
    )
    (module,) = load_modules([str(spec)])
    assert [(m.name, m.strict) for m in module.models] == [("A", True), ("B", False)]
