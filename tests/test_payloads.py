"""The shared payload fixtures are what they claim: valid ones pass the published
JSON Schema (and the Pydantic models, for the Run spec), and the wrong ones that
say so fail it, so the TypeScript tests reject payloads that are really wrong."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest

from generated.models import run as run_models
from tests.payloads import Payload, output_dir, valid_payloads, wrong_payloads


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
def test_valid_payload_passes_the_published_schema(payload: Payload) -> None:
    errors = [e.message for e in validator(payload).iter_errors(payload.data)]
    assert not errors
    if payload.module == "run":
        model = getattr(run_models, payload.model)
        assert (
            model.model_validate(payload.data).model_dump(
                mode="json", exclude_unset=True
            )
            == payload.data
        )


@pytest.mark.parametrize("payload", wrong_payloads(), ids=lambda p: p.label)
def test_wrong_payload_is_wrong_on_the_wire_when_it_says_so(payload: Payload) -> None:
    rejected = any(True for _ in validator(payload).iter_errors(payload.data))
    assert rejected == payload.json_schema_rejects
