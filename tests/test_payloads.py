"""The shared payload fixtures are what they claim: valid ones pass the published
JSON Schema and the Pydantic models (and come back unchanged from `to_dict`), and
the wrong ones that say so fail the schema, and the models too, so the TypeScript
tests reject payloads that are really wrong."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pydantic
import pytest

from generator import ir
from tests.conftest import CASES, ROOT
from tests.payloads import Payload, output_dir, valid_payloads, wrong_payloads
from tests.support.generated_package import GeneratedPackage, generated
from tests.support.payloads import check_round_trip


@pytest.fixture(scope="module")
def package() -> Iterator[GeneratedPackage]:
    specs = [
        *sorted((ROOT / "spec").glob("*.yaml")),
        *sorted(CASES.glob("*/spec.yaml")),
    ]
    with generated([str(p) for p in specs]) as generated_package:
        yield generated_package


def model_of(package: GeneratedPackage, payload: Payload) -> tuple[ir.Module, Any]:
    module = next(m for m in package.modules if m.name == payload.module)
    return module, getattr(package.models(module), payload.model)


def validator(payload: Payload) -> jsonschema.Draft202012Validator:
    path = output_dir(payload.module) / "json_schema" / f"{payload.module}.schema.json"
    document: dict[str, Any] = json.loads(path.read_text("utf-8"))
    document["$ref"] = f"#/$defs/{payload.model}"
    return jsonschema.Draft202012Validator(
        document, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@pytest.mark.parametrize(
    "payload", valid_payloads(), ids=lambda p: f"{p.module}.{p.model}.{p.label}"
)
def test_valid_payload_passes_the_published_schema_and_the_model(
    package: GeneratedPackage, payload: Payload
) -> None:
    errors = [e.message for e in validator(payload).iter_errors(payload.data)]
    assert not errors
    module, model = model_of(package, payload)
    assert model.model_validate(payload.data).to_dict(mode="json") == payload.data
    check_round_trip(module, payload.model, model, payload.data)


@pytest.mark.parametrize("payload", wrong_payloads(), ids=lambda p: p.label)
def test_wrong_payload_is_wrong_on_the_wire_when_it_says_so(
    package: GeneratedPackage, payload: Payload
) -> None:
    rejected = any(True for _ in validator(payload).iter_errors(payload.data))
    assert rejected == payload.json_schema_rejects
    if payload.label in MODELS_ACCEPT:
        return
    _, model = model_of(package, payload)
    try:
        model.model_validate(payload.data)
    except pydantic.ValidationError:
        return
    assert not payload.json_schema_rejects, "the model accepts it"


# Wrong on the wire, yet accepted by Pydantic's lax mode (tests/support/payloads.py).
MODELS_ACCEPT = {
    "an event time given as a number",  # a Unix timestamp
    "a feedback count given as a string",  # "3" is read as 3
    "a token count given as a string",
}
