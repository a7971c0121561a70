"""The Pydantic models, the TypedDicts and the published JSON Schema describe the same data,
for every spec in spec/ and tests/cases/ (checks 1, 2, 4 and 6 of the equivalence promise)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tests.conftest import CASES, ROOT
from tests.support.generated_package import GeneratedPackage, generated
from tests.support.payloads import (
    Judges,
    check_round_trip,
    check_same_verdict,
    payloads,
    python_name_keys,
    validator,
)
from tests.support.schema_equivalence import check_model_schema, normalised
from tests.support.typed_dict_equivalence import check_typed_dict

SPECS = [
    *sorted((ROOT / "spec").glob("*.yaml")),
    *sorted(CASES.glob("*/spec.yaml")),
]
SPEC_IDS = [p.relative_to(ROOT).as_posix() for p in SPECS]


def _models() -> list[tuple[str, str]]:
    from generator.loading import load_modules

    found = []
    for spec, spec_id in zip(SPECS, SPEC_IDS):
        for module in load_modules([str(spec)]):
            found.extend((spec_id, model.name) for model in module.models)
    return found


MODELS = _models()


@pytest.fixture(scope="module")
def packages() -> Iterator[dict[str, GeneratedPackage]]:
    with generated([str(p) for p in SPECS]) as package:
        yield {spec_id: package for spec_id in SPEC_IDS}


def _module(package: GeneratedPackage, spec_id: str):  # type: ignore[no-untyped-def]
    return next(m for m in package.modules if m.source == str(ROOT / spec_id))


def test_every_spec_has_models() -> None:
    assert {spec for spec, _ in MODELS} == set(SPEC_IDS)


@pytest.mark.parametrize(("spec", "model"), MODELS, ids=[f"{s}:{m}" for s, m in MODELS])
def test_model_schema_matches_published_schema(
    packages: dict[str, GeneratedPackage], spec: str, model: str
) -> None:
    package = packages[spec]
    module = _module(package, spec)
    check_model_schema(
        getattr(package.models(module), model), package.json_schema(module), model
    )


@pytest.mark.parametrize(("spec", "model"), MODELS, ids=[f"{s}:{m}" for s, m in MODELS])
def test_typed_dict_is_the_model_twin(
    packages: dict[str, GeneratedPackage], spec: str, model: str
) -> None:
    package = packages[spec]
    module = _module(package, spec)
    check_typed_dict(
        module,
        module.model(model),
        package.models(module),
        package.typed_dicts(module),
        package.typed_dicts_source(module),
    )


@pytest.mark.parametrize(("spec", "model"), MODELS, ids=[f"{s}:{m}" for s, m in MODELS])
@pytest.mark.filterwarnings("ignore:Retired in 3.0:DeprecationWarning")
# Drawing a big model (the Anthropic Message nests 57) from its schema throws many
# draws away inside hypothesis-jsonschema: slow, not wrong.
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(data=st.data())
def test_same_data_same_verdict_and_round_trip(
    packages: dict[str, GeneratedPackage], spec: str, model: str, data: st.DataObject
) -> None:
    package = packages[spec]
    module = _module(package, spec)
    published = package.json_schema(module)
    models = package.models(module)
    judges = Judges(
        getattr(models, model),
        getattr(package.typed_dicts(module), model),
        validator(published, model),
    )
    payload = data.draw(payloads(published, model), label="payload")
    assume(not python_name_keys(module, model, payload))
    check_same_verdict(module, model, judges, payload)
    check_round_trip(module, model, getattr(models, model), payload)


def test_normalisation_keeps_real_differences() -> None:
    """The rules for unions, constants and enums must not hide what they are not about."""
    definitions = {
        "A": {
            "type": "object",
            "title": "A",
            "properties": {"kind": {"const": "a", "type": "string"}},
        },
        "B": {
            "type": "object",
            "title": "B",
            "properties": {"kind": {"const": "b", "type": "string"}},
        },
        "Open": {"anyOf": [{"type": "string", "enum": ["x"]}, {"type": "string"}]},
        "Closed": {"type": "string", "enum": ["x"]},
    }

    def same(left: object, right: object) -> bool:
        return normalised(left, definitions) == normalised(right, definitions)

    string, integer, null = {"type": "string"}, {"type": "integer"}, {"type": "null"}
    nested = {"anyOf": [{"anyOf": [string, integer]}, null]}
    assert same(nested, {"anyOf": [string, integer, null]})
    assert not same(nested, {"anyOf": [string, null]})
    assert not same({"anyOf": [string, integer]}, {"oneOf": [string, integer]})
    assert same({"$ref": "#/$defs/Open"}, definitions["Open"])
    assert not same({"$ref": "#/$defs/Open"}, {"$ref": "#/$defs/Closed"})
    assert not same(
        {"const": False, "type": "boolean"}, {"const": 0, "type": "boolean"}
    )
    refs = [{"$ref": "#/$defs/A"}, {"$ref": "#/$defs/B"}]
    told_apart = {
        "oneOf": refs,
        "discriminator": {
            "propertyName": "kind",
            "mapping": {"a": "#/$defs/A", "b": "#/$defs/B"},
        },
    }
    assert same(told_apart, {"oneOf": refs})
    assert not same(told_apart, {"oneOf": refs[:1]})
    wrong = {
        "oneOf": refs,
        "discriminator": {
            "propertyName": "kind",
            "mapping": {"a": "#/$defs/B", "b": "#/$defs/A"},
        },
    }
    with pytest.raises(AssertionError, match="does not say what the variants"):
        normalised(wrong, definitions)
