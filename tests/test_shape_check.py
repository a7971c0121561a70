"""The spec's shape check against Pydantic itself.

`generator.loading.spec_document` checks a spec with pydantic-core over a core
schema it builds from the document classes' annotations, without importing
Pydantic. Here the same classes become Pydantic models (`pydantic.create_model`,
strict, unknown keys forbidden, as the document classes were written before),
and both must agree on every spec of the repository, every broken spec and
random mutations of them: the same values and keys written when a spec is
accepted, the same errors (kind, location, input, message) when it is not. The
translation of errors into located messages relies on exactly those.
"""

from __future__ import annotations

import types
import typing
from pathlib import Path
from typing import Any

import pydantic
import pydantic_core
import pytest
import yaml
from hypothesis import given

from generator.loading import spec_document
from generator.loading.yaml_source import load_yaml
from tests.conftest import CASES, ROOT
from tests.test_spec_mutations import SETTINGS, mutated_spec

_TWINS: dict[type[spec_document.Document], type[pydantic.BaseModel]] = {}


def _twin_annotation(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, spec_document.Document):
        return _twin(annotation)
    if typing.get_origin(annotation) is dict:
        key, value = typing.get_args(annotation)
        return types.GenericAlias(dict, (key, _twin_annotation(value)))
    return annotation


def _twin(document: type[spec_document.Document]) -> type[pydantic.BaseModel]:
    """The Pydantic model with `document`'s keys, annotations and defaults."""
    if document not in _TWINS:
        hints = typing.get_type_hints(document)
        fields: dict[str, Any] = {
            name: (
                _twin_annotation(hints[name]),
                ... if required else getattr(document, name),
            )
            for name, required in spec_document._KEYS[document].items()
        }
        _TWINS[document] = pydantic.create_model(
            document.__name__,
            __config__=pydantic.ConfigDict(strict=True, extra="forbid", frozen=True),
            **fields,
        )
    return _TWINS[document]


def _plain(value: Any) -> Any:
    """A checked document (either kind) as plain data, with the keys it was given."""
    if isinstance(value, spec_document.Document):
        return {
            "(given)": sorted(value.given),
            **{key: _plain(item) for key, item in vars(value).items()},
        }
    if isinstance(value, pydantic.BaseModel):
        return {
            "(given)": sorted(value.model_fields_set),
            **{key: _plain(getattr(value, key)) for key in type(value).model_fields},
        }
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _outcome(validate: Any, data: Any) -> tuple[str, Any]:
    try:
        return "accepted", _plain(validate(data))
    except pydantic_core.ValidationError as exc:
        return "refused", [
            (e["type"], e["loc"], repr(e.get("input")), e["msg"]) for e in exc.errors()
        ]


def _disagreement(data: Any) -> tuple[Any, Any, Any] | None:
    """`data` with both outcomes when the shape check and Pydantic differ on it."""
    ours = _outcome(spec_document._validate, data)
    pydantics = _outcome(_twin(spec_document.SpecDocument).model_validate, data)
    return None if ours == pydantics else (data, ours, pydantics)


def assert_both_agree(data: Any) -> None:
    assert _disagreement(data) is None


SPECS = sorted(
    [
        *(ROOT / "spec").glob("*.yaml"),
        *CASES.glob("*/spec*.yaml"),
        *(ROOT / "tests" / "bad_specs").glob("*.yaml"),
    ]
)


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_shape_check_agrees_with_pydantic_on_every_spec(path: Path) -> None:
    loaded = load_yaml(path.name, path.read_bytes())
    if not isinstance(loaded.data, dict):
        pytest.skip("not a mapping: refused before the shape check")
    assert_both_agree(loaded.data)


def test_the_corpus_has_accepted_and_refused_specs() -> None:
    outcomes = set()
    for path in SPECS:
        data = load_yaml(path.name, path.read_bytes()).data
        if isinstance(data, dict):
            outcomes.add(_outcome(spec_document._validate, data)[0])
    assert outcomes == {"accepted", "refused"}


# One value of each kind YAML can give, for every key of every document.
VALUE_KINDS: list[Any] = [
    None,
    True,
    0,
    1.5,
    "text",
    "",
    ["a"],
    [1],
    [],
    {"k": "v"},
    {},
]


def _probes() -> list[dict[str, Any]]:
    def spec(**top: Any) -> dict[str, Any]:
        return {"schemasmith": 1, **top}

    probes = []
    for value in VALUE_KINDS:
        for key in spec_document._KEYS[spec_document.FieldDocument]:
            field = {"type": "string", key: value}
            probes.append(spec(models={"M": {"fields": {"f": field}}}))
        for key in spec_document._KEYS[spec_document.ModelDocument]:
            probes.append(spec(models={"M": {key: value}}))
        for key in spec_document._KEYS[spec_document.EnumDocument]:
            probes.append(spec(enums={"E": {"values": ["A"], key: value}}))
        for key in spec_document._KEYS[spec_document.SpecDocument]:
            probes.append(spec(**{key: value}))
        probes.append(spec(models={"M": {"fields": {"f": value}}}))
        probes.append(spec(models={"M": value}, enums={"E": value}))
    return probes


def test_the_shape_check_agrees_with_pydantic_on_every_key_and_kind_of_value() -> None:
    disagreements = [_disagreement(data) for data in _probes()]
    assert [d for d in disagreements if d is not None] == []


@SETTINGS
@given(spec=mutated_spec())
def test_the_shape_check_agrees_with_pydantic_on_mutated_specs(spec: str) -> None:
    try:
        data = yaml.safe_load(spec)
    except yaml.YAMLError:
        return
    if isinstance(data, dict):
        assert_both_agree(data)
