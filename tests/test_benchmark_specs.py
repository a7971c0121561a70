"""The benchmark's synthetic spec with unions is a spec the generator takes, and its
Pydantic models read the payloads `synthetic.sample_payload` writes for it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import ROOT

BENCHMARKS = ROOT / "benchmarks"

_VALIDATE = """
import sys
sys.path[:0] = [sys.argv[1], sys.argv[2]]
import pydantic, synthetic
from out.models import synthetic as models

spec = synthetic.build_model(30, cycle=sys.argv[3] == "cycle", unions=True)
for index, model in enumerate(spec.models):
    payload = synthetic.sample_payload(spec, index)
    assert getattr(models, model.name).model_validate(payload).to_dict(mode="json") == payload
union = spec.unions[0]
adapter = pydantic.TypeAdapter(getattr(models, union.name))
schema = adapter.core_schema
while schema["type"] == "definitions":
    schema = schema["schema"]
assert schema["type"] == "tagged-union", schema["type"]
variant = spec.models.index(next(m for m in spec.models if m.name == union.variants[1]))
payload = synthetic.sample_payload(spec, variant, depth=0)
assert type(adapter.validate_python(payload)).__name__ == union.variants[1]
try:
    adapter.validate_python({**payload, synthetic.TAG: "no such kind"})
except pydantic.ValidationError as error:
    assert error.errors()[0]["type"] == "union_tag_invalid", error.errors()
else:
    raise AssertionError("an unknown tag was accepted")
"""


@pytest.mark.parametrize("variant", ["plain", "cycle"])
def test_the_synthetic_spec_with_unions_generates_and_reads_its_payloads(
    tmp_path: Path, variant: str
) -> None:
    command = [sys.executable, str(BENCHMARKS / "synthetic.py"), "30", "--unions"]
    if variant == "cycle":
        command.append("--cycle")
    text = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    spec = tmp_path / "synthetic.yaml"
    spec.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    generate = ["generate", "-q", "--spec", str(spec), "--out", str(out)]
    assert main([*generate, "--target", "pydantic"]) == 0
    python = (out / "models" / "synthetic.py").read_text(encoding="utf-8")
    # Every form the variant is there for: tagged unions of models with constant
    # tags, inline mixed unions, open enums, `T?` items.
    for form in (
        'Field(discriminator="kind")',
        'kind: Literal["',
        "str, int]]",
        "List[Optional[str]]",
        "], str]",
    ):
        assert form in python, form
    completed = subprocess.run(
        [sys.executable, "-c", _VALIDATE, str(tmp_path), str(BENCHMARKS), variant],
        check=False,
        capture_output=True,
        text=True,
    )
    assert completed.returncode == 0, completed.stderr
