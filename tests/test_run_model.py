"""The generated Run is a drop-in for the SDK's: names, annotations, documentation and methods as on its reference page."""

from __future__ import annotations

import ast
import copy
import json
import re
import sys
import typing
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import jsonschema
import pydantic
import pytest

from generated.models import Event, FeedbackStats, Run, RunType
from generated.models import run as run_module
from generated.typed_dicts import Run as RunDict
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures"
PAGE = (FIXTURES / "run-reference-page.txt").read_text(encoding="utf-8")
SCHEMA = json.loads(
    (ROOT / "generated" / "json_schema" / "run.schema.json").read_text(encoding="utf-8")
)


def fixture(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return data


def page_attributes() -> list[tuple[str, str]]:
    """(name, annotation) pairs in the page's order."""
    return re.findall(r"^attribute\n(\w+): (.+)$", PAGE, flags=re.MULTILINE)


def page_docs() -> dict[str, str]:
    """Each attribute's documentation: its paragraphs, up to the paragraph that starts the next one."""
    names = [name for name, _ in page_attributes()]
    text = PAGE[PAGE.index(f"\n{names[0]} is ") + 1 :]
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    docs: dict[str, list[str]] = {}
    current = None
    for paragraph in paragraphs:
        first_word = paragraph.split(" ", 1)[0]
        if first_word in names and (
            current is None or names.index(first_word) > names.index(current)
        ):
            current = first_word
        assert current is not None
        docs.setdefault(current, []).append(paragraph)
    return {name: "\n\n".join(parts) for name, parts in docs.items()}


def source_annotations(cls_name: str) -> dict[str, str]:
    tree = ast.parse(Path(run_module.__file__).read_text(encoding="utf-8"))
    cls = next(
        n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == cls_name
    )
    return {
        n.target.id: ast.unparse(n.annotation)
        for n in cls.body
        if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)
    }


def test_the_page_lists_44_attributes() -> None:
    assert len(page_attributes()) == 44


def test_attribute_names_and_order_match_the_page() -> None:
    assert list(Run.model_fields) == [name for name, _ in page_attributes()]


def test_annotations_are_written_as_on_the_page() -> None:
    written = source_annotations("Run")
    for name, annotation in page_attributes():
        if name == "run_type":
            # The page shows the alias expanded; the module names it, as the spec asks.
            assert written[name] == "Optional[RunType]"
        else:
            assert written[name] == annotation, name


def test_annotations_are_the_page_types() -> None:
    namespace = {**vars(typing), "datetime": datetime, **vars(run_module)}
    hints = typing.get_type_hints(Run)
    for name, annotation in page_attributes():
        assert hints[name] == eval(annotation, namespace), (
            name
        )  # the fixture is the reference page
        assert Run.model_fields[name].default is None


def test_documentation_is_the_page_text() -> None:
    docs = page_docs()
    assert set(docs) == set(Run.model_fields)
    for name, text in docs.items():
        assert Run.model_fields[name].description == text, name
    schema_properties = Run.model_json_schema()["properties"]
    for name, text in docs.items():
        assert schema_properties[name]["description"] == text
        assert SCHEMA["$defs"]["Run"]["properties"][name]["description"] == text


def test_methods_are_the_sdk_methods_with_the_page_summaries() -> None:
    assert Run.to_dict.__doc__ is not None and Run.to_json.__doc__ is not None
    assert Run.to_dict.__doc__.startswith(
        "Recursively generate a dictionary representation of the model, "
        "optionally specifying which fields to include or exclude."
    )
    assert Run.to_json.__doc__.startswith(
        "Generates a JSON string representing this model as it would be received from or sent to the API "
        "(but with indentation)."
    )
    # The page's `model_dump` and `model_dump_json` are Pydantic's own (their
    # summaries are Pydantic 2.4's docstrings): the generated ones are too, with
    # Pydantic's typed signatures.
    assert Run.model_dump is pydantic.BaseModel.model_dump
    assert Run.model_dump_json is pydantic.BaseModel.model_dump_json
    assert callable(Run.construct)
    assert Run.Config.extra == "allow"
    assert Run.model_config["extra"] == "allow"


def test_a_full_run_validates_with_nested_types() -> None:
    run = Run.model_validate(fixture("run_full.json"))
    assert run.events is not None and all(isinstance(e, Event) for e in run.events)
    assert run.events[1].time == datetime(
        2024, 1, 1, 0, 0, 1, 250000, tzinfo=timezone.utc
    )
    assert run.feedback_stats is not None and isinstance(
        run.feedback_stats["tone"], FeedbackStats
    )
    assert run.feedback_stats["tone"].values == {"friendly": 2}
    assert run.prompt_token_details is not None and run.prompt_token_details.raw == {
        "cache_read": 40,
        "cache_write": 60,
    }
    assert run.run_type == "LLM" and run.status == "SUCCESS"
    assert run.end_time == datetime(2024, 1, 1, 0, 0, 2, 500000, tzinfo=timezone.utc)
    assert typing.get_args(RunType) == (
        "TOOL",
        "CHAIN",
        "LLM",
        "RETRIEVER",
        "EMBEDDING",
        "PROMPT",
        "PARSER",
    )


@pytest.mark.parametrize(
    "name", ["run_full.json", "run_minimal.json", "run_from_newer_api.json"]
)
def test_to_dict_and_to_json_round_trip(name: str) -> None:
    payload = fixture(name)
    run = Run.model_validate(payload)
    as_dict = run.to_dict(mode="json")
    assert set(as_dict) == set(payload), (
        "fields never set are left out; every given key is kept"
    )
    assert Run.model_validate(as_dict) == run
    text = run.to_json()
    assert text.startswith('{\n  "id": ')  # indented by 2 unless told otherwise
    assert json.loads(text) == as_dict
    assert json.loads(run.to_json(indent=None)) == as_dict and "\n" not in run.to_json(
        indent=None
    )
    assert Run.model_validate_json(text) == run


def test_fields_a_newer_api_adds_are_kept() -> None:
    run = Run.model_validate(fixture("run_from_newer_api.json"))
    out = run.to_dict()
    assert out["a_field_from_a_newer_api"] == {"x": 1}
    assert out["events"] == [{"name": "start", "added_later": True}]


def test_secret_never_appears_in_repr_or_str() -> None:
    payload = fixture("run_full.json")
    run = Run.model_validate(payload)
    secret = payload["share_url"]
    assert secret not in repr(run) and secret not in str(run)
    assert "share_url" not in repr(run)
    assert run.share_url == secret and run.to_dict()["share_url"] == secret


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinities_are_rejected_not_written_as_null(number: str) -> None:
    # JSON has no such numbers; Pydantic's parser accepts them, and would write null.
    with pytest.raises(pydantic.ValidationError, match="finite number"):
        Run.model_validate_json(f'{{"total_cost": {number}}}')
    with pytest.raises(pydantic.ValidationError, match="finite number"):
        Run.model_validate({"total_cost": float(number)})
    assert Run.model_validate_json('{"total_cost": 1.5}').total_cost == 1.5


def test_a_secret_never_appears_in_an_error_message() -> None:
    secret = "https://smith.example/public/0123-secret-token/r"
    payloads = [
        {"share_url": [secret]},  # the secret field itself malformed
        [{"share_url": secret}],  # an error about a value that holds the secret
    ]
    for payload in payloads:
        with pytest.raises(pydantic.ValidationError) as caught:
            Run.model_validate(payload)
        assert secret not in str(caught.value) and secret not in repr(caught.value)
        assert secret not in json.dumps(caught.value.errors(include_input=False))
    with pytest.raises(pydantic.ValidationError) as caught:
        Run.model_validate({"share_url": 12345})
    assert "share_url" in str(caught.value) and "12345" not in str(caught.value)


def test_construct_builds_nested_models_without_validation() -> None:
    payload = copy.deepcopy(fixture("run_full.json"))
    payload["latency_seconds"] = "not validated"
    run = Run.construct(**payload)
    assert run.latency_seconds == "not validated"  # type: ignore[comparison-overlap]
    assert run.events is not None and isinstance(run.events[0], Event)
    assert run.feedback_stats is not None and isinstance(
        run.feedback_stats["correctness"], FeedbackStats
    )
    assert run.model_fields_set >= {"id", "events", "feedback_stats"}


def test_invalid_values_are_rejected() -> None:
    with pytest.raises(pydantic.ValidationError):
        Run.model_validate({"run_type": "NOT_A_RUN_TYPE"})
    with pytest.raises(pydantic.ValidationError):
        Run.model_validate({"events": [{"time": "yesterday"}]})


def test_typed_dict_twin_accepts_the_same_payload() -> None:
    adapter = pydantic.TypeAdapter(RunDict)
    payload = fixture("run_full.json")
    validated = adapter.validate_python(payload)
    assert set(validated) == set(payload)
    assert RunDict.__total__ is False and RunDict.__required_keys__ == frozenset()


def test_json_schema_is_valid_2020_12_and_accepts_the_payloads() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    validator = jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    for name in ["run_full.json", "run_minimal.json", "run_from_newer_api.json"]:
        validator.validate(fixture(name))
    errors = list(
        validator.iter_errors({"run_type": "NOT_A_RUN_TYPE", "tags": "not a list"})
    )
    assert {tuple(e.absolute_path) for e in errors} == {("run_type",), ("tags",)}
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert SCHEMA["$id"] and SCHEMA["$ref"] == "#/$defs/Run"


def test_generated_python_imports_only_pydantic_and_typing() -> None:
    # Vendorable: besides the standard library, only what installing pydantic
    # brings (pydantic_core and typing_extensions are its own dependencies).
    allowed = {"pydantic", "pydantic_core", "typing_extensions"} | (
        sys.stdlib_module_names
    )
    for path in (ROOT / "generated").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # a relative import stays inside the generated package
                    continue
                modules = [node.module or ""]
            else:
                continue
            for module in modules:
                assert module.split(".")[0] in allowed, f"{path}: imports {module}"
