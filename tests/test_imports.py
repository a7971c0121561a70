"""Specs that import each other (tests/cases/imports): a cycle between `common`
and `chat`, and `store` (per-model layout) naming both. The generated code
imports cleanly, its models are complete, and Pydantic and the published JSON
Schema, its `$ref`s to the other files resolved, agree on payloads."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, get_type_hints

import jsonschema
import pydantic
import pytest
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.conftest import CASES
from tests.support.generated_package import GeneratedPackage, generated
from tests.support.payloads import FORMAT_CHECKER

SPECS = CASES / "imports" / "specs"
# Where the case's `$id`s say the schemas are published, side by side.
PUBLISHED = "https://example.com/schemas/"


@pytest.fixture(scope="module")
def package() -> Iterator[GeneratedPackage]:
    with generated([str(p) for p in sorted(SPECS.glob("*.yaml"))]) as package:
        yield package


def _module(package: GeneratedPackage, name: str) -> Any:
    return next(m for m in package.modules if m.name == name)


def test_every_model_is_complete_after_importing_the_packages(
    package: GeneratedPackage,
) -> None:
    for module in package.modules:
        models = package.models(module)
        for model in module.models:
            cls = getattr(models, model.name)
            cls.model_rebuild()  # raises if a name it uses cannot be resolved
            assert cls.model_fields, model.name
        typed_dicts = package.typed_dicts(module)
        for model in module.models:
            assert get_type_hints(getattr(typed_dicts, model.name)), model.name


def _validator(package: GeneratedPackage, module: str, model: str) -> Any:
    registry: Registry[Any] = Registry()
    for m in package.modules:
        resource = Resource.from_contents(
            package.json_schema(m), default_specification=DRAFT202012
        )
        for uri in (f"{m.name}.schema.json", f"{PUBLISHED}{m.name}.schema.json"):
            registry = registry.with_resource(uri, resource)
    published = package.json_schema(_module(package, module))
    schema = {**published, "$ref": f"#/$defs/{model}"}
    return jsonschema.Draft202012Validator(
        schema, registry=registry, format_checker=FORMAT_CHECKER
    )


MESSAGE = {
    "role": "assistant",
    "usage": {"input_tokens": 3},
    "history": [None, {"input_tokens": 1, "output_tokens": 2}],
    "by_model": {"m": {"input_tokens": 4}},
    "content": {"about": {"role": "user", "content": "hi"}},
    "notes": [{"about": {"content": "user"}}],
}
PAYLOADS = [
    ("chat", "Message", MESSAGE, True),
    ("chat", "Message", {**MESSAGE, "role": "robot"}, False),
    ("chat", "Message", {"usage": {"output_tokens": 1}}, False),
    ("chat", "Message", {"notes": [{"about": {"role": 1}}]}, False),
    ("common", "Note", {"about": MESSAGE}, True),
    ("common", "Note", {"about": {"history": ["x"]}}, False),
    ("store", "Thread", {"messages": [MESSAGE], "total": {"input_tokens": 0}}, True),
    ("store", "Thread", {"first": {"message": {"by_model": {"m": 1}}}}, False),
    ("store", "First", {"thread": {"first": {"message": MESSAGE}}}, True),
]


@pytest.mark.parametrize(("module", "model", "payload", "valid"), PAYLOADS)
def test_pydantic_and_json_schema_agree_across_imports(
    package: GeneratedPackage, module: str, model: str, payload: Any, valid: bool
) -> None:
    cls = getattr(package.models(_module(package, module)), model)
    try:
        cls.model_validate(payload)
        pydantic_valid = True
    except pydantic.ValidationError:
        pydantic_valid = False
    schema_valid = _validator(package, module, model).is_valid(payload)
    assert (pydantic_valid, schema_valid) == (valid, valid)


def test_an_imported_model_is_the_one_class(package: GeneratedPackage) -> None:
    chat = package.models(_module(package, "chat"))
    common = package.models(_module(package, "common"))
    message = chat.Message.model_validate(MESSAGE)
    assert type(message.usage) is common.Usage
    assert type(message.content) is common.Note
    assert type(common.Note.model_validate({"about": {}}).about) is chat.Message


def test_a_name_two_other_specs_define_says_both() -> None:
    from generator.loading import load_all

    texts = {
        "a.yaml": b"schemasmith: 1\nmodels:\n  A:\n    fields:\n      u: {type: Usage}\n",
        "b.yaml": b"schemasmith: 1\nmodels:\n  Usage:\n    fields: {}\n",
        "c.yaml": b"schemasmith: 1\nenums:\n  Usage:\n    values: [x]\n",
    }
    diagnostics = load_all(list(texts), texts.__getitem__).diagnostics
    assert [(d.location.file, d.location.line, d.message) for d in diagnostics] == [
        (
            "a.yaml",
            5,
            (
                "unknown type 'Usage'; it is defined in spec 'b' at b.yaml:3 and "
                "in spec 'c' at c.yaml:3: import one and write `module.Usage`"
            ),
        )
    ]
