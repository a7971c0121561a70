"""The JSON Schema of the spec format (`schemasmith spec-schema`) says what the
loader's shape check says: every spec of the repository, every probe of every
key with every kind of value and random mutations get the same verdict from
both; the copy shipped in the package is the derived one; every key has its
hover documentation."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pydantic_core
import pytest
import yaml
from hypothesis import given

from generator.cli import main
from generator.loading import spec_document
from generator.loading.spec_schema import KEY_DOCS, spec_format_schema
from generator.loading.yaml_source import load_yaml
from tests.conftest import ROOT
from tests.test_shape_check import SPECS, _probes
from tests.test_spec_mutations import SETTINGS, mutated_spec

SHIPPED = ROOT / "generator" / "spec-format.schema.json"
VALIDATOR = jsonschema.Draft202012Validator(spec_format_schema())


def _loader_accepts(data: Any) -> bool:
    version = data.get("schemasmith")
    if version != spec_document.SPEC_FORMAT_VERSION or isinstance(version, bool):
        return False  # check_document refuses it before the shape check
    try:
        spec_document._validate(data)
    except pydantic_core.ValidationError:
        return False
    return True


def _agree(data: dict[str, Any]) -> None:
    errors = [e.message for e in VALIDATOR.iter_errors(data)]
    assert _loader_accepts(data) == (not errors), (data, errors)


def test_the_schema_is_a_valid_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(spec_format_schema())


def test_the_shipped_schema_is_the_derived_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["spec-schema"]) == 0
    printed = capsys.readouterr().out
    assert json.loads(printed) == spec_format_schema()
    assert SHIPPED.read_text("utf-8") == printed, (
        "run `schemasmith spec-schema --out generator/spec-format.schema.json`"
    )


def test_spec_schema_writes_a_file(tmp_path: Path) -> None:
    out = tmp_path / "spec.schema.json"
    assert main(["spec-schema", "--out", str(out)]) == 0
    assert json.loads(out.read_text("utf-8")) == spec_format_schema()


def test_every_key_has_its_documentation() -> None:
    for document, keys in spec_document._KEYS.items():
        assert list(KEY_DOCS[document]) == list(keys), document.__name__
        assert all(KEY_DOCS[document].values())


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_schema_agrees_with_the_loader_on_every_spec(path: Path) -> None:
    data = load_yaml(path.name, path.read_bytes()).data
    if not isinstance(data, dict):
        pytest.skip("not a mapping: refused before the shape check")
    _agree(data)


def test_every_valid_spec_of_the_repository_is_valid_under_the_schema() -> None:
    valid = [
        p
        for p in SPECS
        if isinstance(d := load_yaml(p.name, p.read_bytes()).data, dict)
        and _loader_accepts(d)
    ]
    assert len(valid) >= 10
    for path in valid:
        data = load_yaml(path.name, path.read_bytes()).data
        assert not list(VALIDATOR.iter_errors(data)), path


def test_the_schema_agrees_with_the_loader_on_every_key_and_kind_of_value() -> None:
    probes = _probes()
    refused = [p for p in probes if not _loader_accepts(p)]
    assert refused and len(refused) < len(probes)  # both verdicts are probed
    for data in probes:
        _agree(data)


@SETTINGS
@given(spec=mutated_spec())
def test_the_schema_agrees_with_the_loader_on_mutated_specs(spec: str) -> None:
    try:
        data = yaml.safe_load(spec)
    except yaml.YAMLError:
        return
    if isinstance(data, dict):
        _agree(data)
