"""`langsmith.schemas` as a spec (tests/cases/langsmith_schemas) against the published
package (langsmith==0.15.0, pinned in the test extras, on Python 3.11 and later):
the spec was written by `schemasmith import` (with `extends:`, so Run stays a
subclass of RunBase) and `sync` finds no type drift but the fields the spec
widens to `json`; realistic payloads, and payloads drawn from the published JSON
Schema, validate with the generated models and with the SDK's own classes, and
the two dump the same JSON."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.importing import import_sources
from generator.pipeline import load
from generator.sync import sync
from tests.conftest import CASES
from tests.support.generated_package import GeneratedPackage, generated
from tests.support.payloads import payloads

langsmith_schemas = pytest.importorskip("langsmith.schemas")

CASE = CASES / "langsmith_schemas"
SPEC = str(CASE / "spec.yaml")
PAYLOADS = json.loads((CASE / "payloads.json").read_text("utf-8"))
SCHEMA = json.loads(
    (CASE / "expected" / "json_schema" / "langsmith_schemas.schema.json").read_text(
        "utf-8"
    )
)
MODELS = ("RunBase", "Run", "Example", "Dataset", "Feedback")

# What sync reports, each explained: a field whose source type has no JSON
# meaning is written `json` by import (with a warning), so the spec accepts more.
WIDER = "the target accepts less than the spec"
EXPLAINED = {
    # dict[str, tuple[str, bytes] | Attachment | tuple[str, Path]]: file uploads
    "RunBase.attachments": "map<AttachmentInfo> | map<json>",
    "Run.attachments": "map<AttachmentInfo> | map<json>",
    # AttachmentInfo (a TypedDict) holds a binary reader, `BinaryIOLike`
    "AttachmentInfo.reader": "json",
    # Optional[Union[UUID, str]]: two strings the spec cannot tell apart
    "FeedbackSourceBase.user_id": "json",
}


@pytest.fixture(scope="module")
def ours() -> Iterator[Any]:
    package: GeneratedPackage
    with generated([SPEC]) as package:
        (module,) = package.modules
        yield package.models(module)


@pytest.mark.parametrize("name", MODELS)
def test_sync_finds_no_type_drift_but_the_widened_fields(name: str) -> None:
    modules, _, _ = load([SPEC])
    report = sync(modules, f"langsmith.schemas:{name}", name)
    found = {d.where: (d.kind, d.spec, d.note) for d in report.drift(strict=False)}
    assert {where: (kind, spec) for where, (kind, spec, _) in found.items()} == {
        w: ("type", t) for w, t in EXPLAINED.items() if w in found
    }
    assert all(note == WIDER for _, _, note in found.values())
    expected = {
        "RunBase": {"RunBase.attachments", "AttachmentInfo.reader"},
        "Run": {"Run.attachments", "AttachmentInfo.reader"},
        "Example": {"AttachmentInfo.reader"},
        "Dataset": set(),
        "Feedback": {"FeedbackSourceBase.user_id"},
    }[name]
    assert set(found) == expected
    # Nothing else differs either: no field missing, no documentation apart.
    assert {d.where for d in report.differences} == expected


def test_run_extends_run_base_as_the_sdk_subclasses_it(ours: Any) -> None:
    assert issubclass(langsmith_schemas.Run, langsmith_schemas.RunBase)
    assert issubclass(ours.Run, ours.RunBase)
    assert set(ours.RunBase.model_fields) == set(langsmith_schemas.RunBase.model_fields)
    assert set(ours.Run.model_fields) == set(langsmith_schemas.Run.model_fields)


def _dumps(ours: Any, name: str, payload: dict[str, Any]) -> tuple[Any, ...]:
    mine = getattr(ours, name).model_validate(payload)
    theirs = getattr(langsmith_schemas, name).model_validate(payload)
    return (
        mine.model_dump(mode="json"),
        theirs.model_dump(mode="json"),
        mine.model_dump(mode="json", exclude_unset=True),
        theirs.model_dump(mode="json", exclude_unset=True),
    )


def test_the_payloads_cover_each_model_and_nested_runs() -> None:
    assert {p["model"] for p in PAYLOADS} == {"Run", "Example", "Dataset", "Feedback"}
    (parent,) = [p["payload"] for p in PAYLOADS if p["payload"].get("child_runs")]
    assert len(parent["child_runs"]) == 2


@pytest.mark.parametrize("case", PAYLOADS, ids=lambda p: p["label"])
def test_a_realistic_payload_is_read_and_dumped_alike(
    ours: Any, case: dict[str, Any]
) -> None:
    full_ours, full_theirs, set_ours, set_theirs = _dumps(
        ours, case["model"], case["payload"]
    )
    assert full_ours == full_theirs
    assert set_ours == set_theirs == case["payload"]  # nothing invented, nothing lost


def test_defaults_are_the_sdks_where_the_spec_can_say_them(ours: Any) -> None:
    # `extra` (the SDK's `_default_extra`), `inputs` and `attachments` (dict),
    # `dotted_order`; Example's `dataset_id`.
    run = {
        "id": "6f3c1a52-8d9e-4b7a-9c21-0e5d4f3a2b10",
        "name": "chain",
        "start_time": "2025-06-02T09:15:01.204000Z",
        "run_type": "chain",
        "trace_id": "6f3c1a52-8d9e-4b7a-9c21-0e5d4f3a2b10",
        "dotted_order": "20250602T091501204000Z6f3c1a52-8d9e-4b7a-9c21-0e5d4f3a2b10",
    }
    full_ours, full_theirs, _, _ = _dumps(ours, "Run", run)
    assert full_ours == full_theirs
    assert full_ours["extra"] == {"metadata": {}}
    assert full_ours["inputs"] == full_ours["attachments"] == {}
    example = {
        "id": "f6a7b8c9-d0e1-4f2a-9b3c-5d6e7f8091a2",
        "created_at": "2025-05-30T16:42:10Z",
    }
    full_ours, full_theirs, _, _ = _dumps(ours, "Example", example)
    assert full_ours == full_theirs
    assert full_ours["dataset_id"] == "00000000-0000-0000-0000-000000000000"


def test_what_the_sdks_own_init_fills_in_the_spec_does_not(ours: Any) -> None:
    # Run overrides `__init__` (which Pydantic's validation calls): without a
    # trace_id or a dotted_order it makes them from `id` and `start_time`.
    run = {
        "id": "6f3c1a52-8d9e-4b7a-9c21-0e5d4f3a2b10",
        "name": "chain",
        "start_time": "2025-06-02T09:15:01.204000Z",
        "run_type": "chain",
    }
    theirs = langsmith_schemas.Run.model_validate(run)
    assert str(theirs.trace_id) == run["id"]
    assert theirs.dotted_order.endswith(run["id"])
    with pytest.raises(Exception, match="trace_id"):
        ours.Run.model_validate(run)  # required, as the SDK's annotation says
    mine = ours.Run.model_validate({**run, "trace_id": run["id"]})
    assert mine.dotted_order == ""


def _drawn(name: str) -> st.SearchStrategy[dict[str, Any]]:
    return payloads(SCHEMA, name)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
@pytest.mark.parametrize("name", ["Dataset", "Feedback"])
def test_a_drawn_payload_is_read_and_dumped_alike(
    ours: Any, name: str, data: st.DataObject
) -> None:
    payload = data.draw(st.deferred(lambda: _drawn(name)))
    source = payload.get("feedback_source")
    if isinstance(source, dict) and "user_id" in source:
        # The spec widens `user_id` to `json`; the SDK takes a string or None.
        user_id = source["user_id"]
        if user_id is not None and not isinstance(user_id, str):
            source["user_id"] = json.dumps(user_id)
    full_ours, full_theirs, set_ours, set_theirs = _dumps(ours, name, payload)
    # DatasetTransformation is a TypedDict in the SDK, a model (extra allowed) here:
    # Pydantic drops a TypedDict's unknown keys and leaves an absent key out of
    # its dump, where ours keeps the first and dumps the second as None.
    complete = all(
        set(t) == {"path", "transformation_type"}
        for t in payload.get("transformations") or ()
    )
    if complete:
        assert full_ours == full_theirs
        assert set_ours == set_theirs


def test_the_spec_is_what_import_writes_but_the_hand_reviewed_defaults() -> None:
    imported = import_sources(
        [f"langsmith.schemas:{name}" for name in MODELS],
        "tests/cases/langsmith_schemas/langsmith_schemas.yaml",
    )
    spec = yaml.safe_load(imported.text)
    models = spec["models"]
    assert models["Run"]["extends"] == "RunBase"
    assert "extends" not in models["Example"]  # it widens ExampleBase's dataset_id
    # The three places the spec's comments mark `Hand-reviewed:`.
    models["RunBase"]["fields"]["extra"]["default"] = {"metadata": {}}
    models["RunBase"]["fields"]["attachments"]["default"] = {}
    models["Example"]["fields"]["dataset_id"]["default"] = (
        "00000000-0000-0000-0000-000000000000"
    )
    assert spec == yaml.safe_load((CASE / "spec.yaml").read_text("utf-8"))
