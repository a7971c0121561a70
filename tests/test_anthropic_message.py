"""The Anthropic SDK's `Message` as a spec (tests/cases/anthropic_message) against
the published package (anthropic==2.16.0, pinned in the test extras): realistic
messages, and messages drawn from the published JSON Schema, validate with the
generated models and with the SDK's own classes, and the two dump the same JSON.
A tagged union picks its variant by the tag on both sides, so a block that
validated as the wrong variant would dump differently."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import anthropic.types
import jsonschema
import pydantic
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import CASES
from tests.support.generated_package import GeneratedPackage, generated
from tests.support.payloads import payloads

CASE = CASES / "anthropic_message"
PAYLOADS = json.loads((CASE / "payloads.json").read_text("utf-8"))
SCHEMA = json.loads(
    (CASE / "expected" / "json_schema" / "anthropic_message.schema.json").read_text(
        "utf-8"
    )
)


@pytest.fixture(scope="module")
def ours() -> Iterator[Any]:
    package: GeneratedPackage
    with generated([str(CASE / "spec.yaml")]) as package:
        (module,) = package.modules
        yield package.models(module)


def _dumps(ours: Any, message: dict[str, Any]) -> tuple[Any, ...]:
    """Each side's message, dumped both ways: every field, and only those set."""
    mine = ours.Message.model_validate(message)
    theirs = anthropic.types.Message.model_validate(message)
    return (
        mine.model_dump(mode="json"),
        theirs.model_dump(mode="json"),
        mine.to_dict(mode="json"),
        theirs.to_dict(mode="json"),
    )


def test_the_payloads_cover_every_content_block() -> None:
    seen = {block["type"] for p in PAYLOADS for block in p["message"]["content"]}
    (variants,) = [
        definition["oneOf"]
        for name, definition in SCHEMA["$defs"].items()
        if name == "ContentBlock"
    ]
    tags = {
        SCHEMA["$defs"][v["$ref"].rsplit("/", 1)[1]]["properties"]["type"]["const"]
        for v in variants
    }
    assert len(tags) == 12
    assert seen == tags


@pytest.mark.parametrize("payload", PAYLOADS, ids=lambda p: p["label"])
def test_a_realistic_message_is_read_and_dumped_alike(
    ours: Any, payload: dict[str, Any]
) -> None:
    message = payload["message"]
    validator = jsonschema.Draft202012Validator(
        {**SCHEMA, "$ref": "#/$defs/Message"},
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    assert [e.message for e in validator.iter_errors(message)] == []
    full_ours, full_theirs, set_ours, set_theirs = _dumps(ours, message)
    assert full_ours == full_theirs
    assert set_ours == set_theirs == message  # nothing invented, nothing lost


def test_the_blocks_are_the_variants_their_tags_name(ours: Any) -> None:
    (message,) = [p["message"] for p in PAYLOADS if len(p["message"]["content"]) > 12]
    mine = ours.Message.model_validate(message)
    theirs = anthropic.types.Message.model_validate(message)
    assert [type(b).__name__ for b in mine.content] == [
        type(b).__name__ for b in theirs.content
    ]


def test_an_unknown_block_is_refused_by_its_tag(ours: Any) -> None:
    message = {**PAYLOADS[0]["message"], "content": [{"type": "video", "url": "x"}]}
    with pytest.raises(pydantic.ValidationError) as caught:
        ours.Message.model_validate(message)
    assert [(e["type"], e["loc"]) for e in caught.value.errors()] == [
        ("union_tag_invalid", ("content", 0))
    ]
    # The SDK's `UnionDiscriminator` is read by its own `construct`, not by
    # Pydantic's validation, which tries each of the twelve variants in turn.
    with pytest.raises(pydantic.ValidationError) as caught:
        anthropic.types.Message.model_validate(message)
    tried = {e["loc"][2] for e in caught.value.errors()}
    assert len(tried) == 12


def _messages() -> st.SearchStrategy[dict[str, Any]]:
    return payloads(SCHEMA, "Message")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(message=st.deferred(_messages))
def test_a_drawn_message_is_read_and_dumped_alike(
    ours: Any, message: dict[str, Any]
) -> None:
    full_ours, full_theirs, set_ours, set_theirs = _dumps(ours, message)
    assert full_ours == full_theirs
    assert set_ours == set_theirs
