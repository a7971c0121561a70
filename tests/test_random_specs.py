"""Random whole specs through the real pipeline: the output imports, lints, type-checks
(on a sample), publishes a valid JSON Schema, its three targets agree (checks 1, 2, 4
and 6 of tests/test_equivalence.py), and datamodel-code-generator reads the published
schema into the same models (check 3, tests/test_oracle.py).

The default example counts keep this file well under two minutes on two cores;
SCHEMASMITH_DEEP=1 raises them for a deep run.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, Phase, assume, given, reject, settings
from hypothesis import strategies as st

from generator import writer
from generator.loading import load_modules
from generator.pipeline import Options, render
from tests.conftest import ROOT
from tests.support.generated_package import generated_from_text
from tests.support.oracle import check_oracle_model, import_source, oracle_source
from tests.support.payloads import (
    Judges,
    check_round_trip,
    check_same_verdict,
    payloads,
    python_name_keys,
    validator,
)
from tests.support.schema_equivalence import check_model_schema
from tests.support.spec_strategy import spec_yaml, specs
from tests.support.typed_dict_equivalence import check_typed_dict

DEEP = os.environ.get("SCHEMASMITH_DEEP") == "1"
SLOW = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]


# Deprecated models warn on use.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@settings(max_examples=300 if DEEP else 50, deadline=None, suppress_health_check=SLOW)
@given(spec=specs(), data=st.data())
def test_random_spec_targets_agree(spec: dict[str, Any], data: st.DataObject) -> None:
    text = spec_yaml(spec)
    with generated_from_text(text) as package:
        (module,) = package.modules
        models = package.models(module)
        typed_dicts = package.typed_dicts(module)
        published = package.json_schema(module)
        jsonschema.Draft202012Validator.check_schema(published)
        for model in module.models:
            cls = getattr(models, model.name)
            check_model_schema(cls, published, model.name)
            check_typed_dict(
                module, model, models, typed_dicts, package.typed_dicts_source(module)
            )
            judges = Judges(
                cls, getattr(typed_dicts, model.name), validator(published, model.name)
            )
            payload = data.draw(payloads(published, model.name), label=model.name)
            assume(not python_name_keys(module, model.name, payload))
            check_same_verdict(module, model.name, judges, payload)
            check_round_trip(module, model.name, cls, payload)


def _tool(name: str) -> str:
    path = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(
        name
    )
    assert path, f"{name} is not installed: pip install -e '.[test]'"
    return path


def _run(command: list[str], cwd: Path, spec_texts: dict[str, str]) -> None:
    """Run a tool over the generated packages under `cwd`; on failure, show the output and
    the spec of every package the output names."""
    result = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, check=False
    )
    if result.returncode == 0:
        return
    output = result.stdout + result.stderr
    named = [
        name for name in spec_texts if f"{name}/" in output or f"{name}." in output
    ]
    specs_shown = "".join(
        f"\n--- {name}/spec.yaml\n{spec_texts[name]}" for name in named
    )
    raise AssertionError(f"{' '.join(command)}\n{output}{specs_shown}")


def _generated_style() -> str:
    """The per-file ignores pyproject.toml gives generated/ (the SDK's typing style),
    for any path."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'^"generated/\*\*" = (\[.*\])$', text, re.MULTILINE)
    assert found, "pyproject.toml has no per-file ignores for generated/"
    return f"lint.per-file-ignores = {{'**' = {found[1]}}}"


_GENERATED_STYLE = _generated_style()

LINT_SPECS = 300 if DEEP else 30


def test_random_spec_output_lints_and_type_checks(tmp_path: Path) -> None:
    """ruff check, ruff format --check and mypy --strict pass on the output of a sample of
    random specs. The specs are drawn first and the tools run once over all their
    packages: starting mypy costs more than checking one package. A failure shows the
    spec of each package it names (the tools' findings cannot be shrunk)."""
    spec_texts: dict[str, str] = {}

    @settings(
        max_examples=LINT_SPECS,
        deadline=None,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(spec=specs())
    def write_output(spec: dict[str, Any]) -> None:
        name = f"spec_{len(spec_texts)}"
        text = spec_yaml(spec)
        spec_file = tmp_path / "specs" / name / "spec.yaml"
        spec_file.parent.mkdir(parents=True)
        spec_file.write_text(text, encoding="utf-8")
        files = render(load_modules([str(spec_file)]), Options())
        out = tmp_path / "out" / name
        writer.apply(out, writer.plan(out, files))
        spec_texts[name] = text

    write_output()
    assert len(spec_texts) == LINT_SPECS
    out = tmp_path / "out"
    config = str(ROOT / "pyproject.toml")
    ruff = _tool("ruff")
    _run(
        [
            ruff,
            "check",
            "--no-cache",
            "--config",
            config,
            "--config",
            _GENERATED_STYLE,
            ".",
        ],
        out,
        spec_texts,
    )
    _run(
        [ruff, "format", "--check", "--diff", "--no-cache", "--config", config, "."],
        out,
        spec_texts,
    )
    mypy_cache = str(tmp_path / "mypy-cache")
    _run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--config-file",
            config,
            "--cache-dir",
            mypy_cache,
            ".",
        ],
        out,
        spec_texts,
    )


_COUNTER = itertools.count()

# Formats the oracle maps to types needing a package this project does not install
# (EmailStr needs email-validator). Our models keep them `str`, and `canonical` maps
# every format type of the oracle to "string", so leaving them out of the oracle's
# input changes nothing the comparison looks at.
_ORACLE_UNSUPPORTED_FORMATS = ("email", "idn-email")


def oracle_input(published: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """The published schema as given to the oracle, and the oracle's class names -> ours.

    Every `$defs` entry is renamed `Def<n>`: datamodel-code-generator renames a class
    whose name clashes with one it imports or ends in `_` (`Any` -> `AnyModel`,
    `Dict_` -> `Dict`), and the comparison needs to know which class is which."""
    names = {
        name: f"Def{index}" for index, name in enumerate(published.get("$defs", {}))
    }

    def renamed(schema: Any, is_definition: bool = False) -> Any:
        if isinstance(schema, list):
            return [renamed(item) for item in schema]
        if not isinstance(schema, dict):
            return schema
        out: dict[str, Any] = {}
        for key, value in schema.items():
            if key == "$ref":
                out[key] = "#/$defs/" + names[value.removeprefix("#/$defs/")]
            elif key == "title" and is_definition:
                out[key] = names[value]
            elif key == "format" and value in _ORACLE_UNSUPPORTED_FORMATS:
                continue
            elif key == "$defs":
                out[key] = {names[k]: renamed(v, True) for k, v in value.items()}
            elif key == "properties":
                out[key] = {wire: renamed(v) for wire, v in value.items()}
            elif key in ("enum", "const", "default", "required"):
                out[key] = value
            else:
                out[key] = renamed(value)
        return out

    text = json.dumps(renamed(published), ensure_ascii=False)
    return text, {new: old for old, new in names.items()}


def oracle_wire_name(wire: str) -> str:
    """The oracle keeps a wire name that is a Python identifier as the attribute name,
    without an alias; Python reads identifiers in NFKC form (`ª` becomes `a`), so the
    oracle's field goes by the NFKC form of such a name."""
    return unicodedata.normalize("NFKC", wire) if wire.isidentifier() else wire


# Deprecated models warn on use; the oracle keeps `model_dump_` and the like as
# attribute names, and Pydantic warns about its protected namespace.
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore:Field .* conflicts with protected namespace")
@settings(max_examples=200 if DEEP else 25, deadline=None, suppress_health_check=SLOW)
@given(spec=specs())
def test_random_spec_oracle_agrees(spec: dict[str, Any]) -> None:
    with generated_from_text(spec_yaml(spec)) as package:
        (module,) = package.modules
        for model in module.models:
            wires = [oracle_wire_name(field.name) for field in model.fields]
            if len(set(wires)) != len(wires):
                # Two wire names with one NFKC form (`a`, `ª`): the oracle writes
                # both as attributes, which Python reads as the same name.
                reject()
        text, class_names = oracle_input(package.json_schema(module))
        theirs_by_ours = {ours: theirs for theirs, ours in class_names.items()}
        name = f"schemasmith_random_oracle_{next(_COUNTER)}"
        try:
            source = oracle_source(text)
            try:
                oracle = import_source(source, name)
            except NameError as exc:
                # datamodel-code-generator 0.89.0 cannot run its own output when a wire
                # name is a name that output uses (`Field`, `Literal`, ...): it keeps
                # the wire name as the attribute, rebinding the name in the class body,
                # or aliases its import and then uses the plain name (the `shadowing`
                # case of tests/test_oracle.py). Our output renames such attributes.
                wires = {f.name for m in module.models for f in m.fields}
                if exc.name in wires:
                    reject()
                raise AssertionError(
                    f"the oracle's output does not import: {exc!r}\n{source}"
                ) from exc
            except Exception as exc:
                raise AssertionError(
                    f"the oracle's output does not import: {exc!r}\n{source}"
                ) from exc
            models = package.models(module)
            for model in module.models:
                check_oracle_model(
                    getattr(models, model.name),
                    getattr(oracle, theirs_by_ours[model.name]),
                    model.name,
                    class_names,
                    oracle_wire_name,
                )
        finally:
            sys.modules.pop(name, None)
