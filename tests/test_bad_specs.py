"""Every broken spec in tests/bad_specs/ fails with exactly the errors its `.expected` file lists.

A case is two files: `NAME.yaml` (the spec) and `NAME.expected`, whose first
line is `exit: CODE` and whose other lines are the exact stderr of
`python -m generator generate --spec NAME.yaml --out DIR`, run from
tests/bad_specs/ so that paths in messages are relative and stable.
`pytest --update-goldens` rewrites the `.expected` files from the real CLI.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.loading import spec_document
from tests.conftest import ROOT

BAD_SPECS = ROOT / "tests" / "bad_specs"
CASES = sorted(p.stem for p in BAD_SPECS.glob("*.yaml"))


# The specs an `imports_*` case may import: given to every such case's run.
IMPORTED = "imported"


def run_generate(case: str, out_dir: Path) -> subprocess.CompletedProcess[str]:
    companions = ["--spec", IMPORTED] if case.startswith("imports_") else []
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("SCHEMASMITH_DEBUG", None)
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "generate",
            "--spec",
            f"{case}.yaml",
            "--out",
            str(out_dir),
            *companions,
        ],
        check=False,
        cwd=BAD_SPECS,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def spec_folder_listing() -> set[str]:
    return {
        p.relative_to(BAD_SPECS).as_posix()
        for p in BAD_SPECS.rglob("*")
        if p.suffix != ".expected"
    }


def expected_text(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit: {result.returncode}\n{result.stderr}"


@pytest.mark.parametrize("case", CASES)
def test_bad_spec(case: str, tmp_path: Path, update_goldens: bool) -> None:
    out_dir = tmp_path / "out"
    before = spec_folder_listing()
    result = run_generate(case, out_dir)
    expected_file = BAD_SPECS / f"{case}.expected"
    if update_goldens:
        expected_file.write_text(expected_text(result), encoding="utf-8", newline="\n")
    assert expected_file.is_file(), (
        f"{case}.yaml has no {case}.expected; run `pytest --update-goldens`"
    )
    assert expected_text(result) == expected_file.read_text(encoding="utf-8")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert not out_dir.exists(), "a failed run created the output directory"
    assert spec_folder_listing() == before, "a failed run wrote next to the spec"


def test_every_case_has_its_expectation() -> None:
    assert len(CASES) >= 30
    orphans = sorted(
        p.stem for p in BAD_SPECS.glob("*.expected") if p.stem not in CASES
    )
    assert not orphans, f"expected output without a spec: {orphans}"


def test_expectations_are_located_errors() -> None:
    """Every line but the summary is `path:line:col: error: ...` about the case's own file."""
    for case in CASES:
        lines = (
            (BAD_SPECS / f"{case}.expected").read_text(encoding="utf-8").splitlines()
        )
        assert lines[0] == "exit: 2", case
        *errors, summary = lines[1:]
        assert errors, case
        for line in errors:
            assert line.startswith(f"{case}.yaml:"), line
            location, _, message = line.partition(": error: ")
            _, row, column = location.rsplit(":", 2)
            assert int(row) >= 1 and int(column) >= 1 and message, line
        count = len(errors)
        assert (
            summary
            == f"schemasmith: {count} error{'s' if count != 1 else ''}; nothing was written"
        )


def test_a_checked_document_records_the_keys_written_and_is_read_only() -> None:
    document = spec_document._validate(
        {"schemasmith": 1, "models": {"M": {"fields": {"f": {"type": "string"}}}}}
    )
    field = document.models["M"].fields["f"]
    assert (field.given, field.nullable, field.default) == ({"type"}, True, None)
    assert document.models["M"].given == {"fields"}
    with pytest.raises(AttributeError, match="read-only"):
        field.type = "integer"
    with pytest.raises(AttributeError, match="read-only"):
        del field.type


def test_an_annotation_the_shape_check_cannot_translate_is_refused() -> None:
    # The document classes may only use annotations with a known core schema;
    # anything else must fail loudly rather than check nothing.
    with pytest.raises(TypeError, match="no core schema"):
        spec_document._schema(bytes)
