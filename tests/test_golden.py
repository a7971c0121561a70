"""The committed output is exactly what the specs render to, byte for byte."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CASES, ROOT
from tests.golden import compare_or_update, render_specs

CASE_NAMES = (
    sorted(p.name for p in CASES.iterdir() if (p / "spec.yaml").is_file())
    if CASES.is_dir()
    else []
)
# A case of several specs that import each other: a `specs/` folder of them.
MULTI_CASE_NAMES = (
    sorted(p.name for p in CASES.iterdir() if (p / "specs").is_dir())
    if CASES.is_dir()
    else []
)


def test_generated_matches_spec(update_goldens: bool) -> None:
    files = render_specs([str(ROOT / "spec")])
    compare_or_update(ROOT / "generated", files, update_goldens, "schemasmith generate")


@pytest.mark.parametrize("case", CASE_NAMES + MULTI_CASE_NAMES)
def test_case_matches_expected(case: str, update_goldens: bool) -> None:
    case_dir = CASES / case
    single = case_dir / "spec.yaml"
    files = render_specs([str(single if single.is_file() else case_dir / "specs")])
    compare_or_update(
        case_dir / "expected", files, update_goldens, "pytest --update-goldens"
    )


def test_rendering_is_deterministic() -> None:
    """Two renders in one process give identical bytes (no timestamps, no set or dict-order leaks)."""
    first = render_specs([str(ROOT / "spec")])
    second = render_specs([str(ROOT / "spec")])
    assert first == second


# A case whose model names another case's spec also defines: run on its own, as
# names are unique across the specs of one run, beside a spec it shares no name with.
ALONE = {
    "anthropic_message": ROOT / "spec" / "run.yaml",
    "langsmith_schemas": CASES / "anthropic_message" / "spec.yaml",  # Run, as run.yaml
}


@pytest.mark.parametrize("group", ["together", *ALONE])
def test_output_is_the_same_under_any_hash_seed_and_spec_order(
    tmp_path: Path, group: str
) -> None:
    """Fresh processes with different string hashing, given the specs in opposite
    orders, write the same bytes: the manifest, the package indexes and every module."""
    if group == "together":
        specs = [str(CASES / c / "spec.yaml") for c in CASE_NAMES if c not in ALONE]
        specs.append(str(ROOT / "spec" / "run.yaml"))
    else:
        specs = [str(CASES / group / "spec.yaml"), str(ALONE[group])]
    trees = []
    for seed, order in (("1", specs), ("2", specs[::-1])):
        out = tmp_path / f"out-{seed}"
        arguments = [a for spec in order for a in ("--spec", spec)]
        subprocess.run(
            [sys.executable, "-m", "generator", "generate", "-q", "--out", str(out)]
            + arguments,
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=True,
        )
        trees.append(
            {
                p.relative_to(out).as_posix(): p.read_bytes()
                for p in sorted(out.rglob("*"))
                if p.is_file()
            }
        )
    assert trees[0] == trees[1]
    assert len(trees[0]) > 15


def test_case_names_are_listed() -> None:
    assert CASE_NAMES, "tests/cases/ holds no cases"
    for case in CASE_NAMES:
        assert (CASES / case / "expected").is_dir(), (
            f"{case}: run `pytest --update-goldens`"
        )
