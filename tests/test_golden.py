"""The committed output is exactly what the specs render to, byte for byte."""

from __future__ import annotations

import pytest

from tests.conftest import CASES, ROOT
from tests.golden import compare_or_update, render_specs

CASE_NAMES = (
    sorted(p.name for p in CASES.iterdir() if (p / "spec.yaml").is_file())
    if CASES.is_dir()
    else []
)


def test_generated_matches_spec(update_goldens: bool) -> None:
    files = render_specs([str(ROOT / "spec")])
    compare_or_update(ROOT / "generated", files, update_goldens, "schemasmith generate")


@pytest.mark.parametrize("case", CASE_NAMES)
def test_case_matches_expected(case: str, update_goldens: bool) -> None:
    case_dir = CASES / case
    files = render_specs([str(case_dir / "spec.yaml")])
    compare_or_update(
        case_dir / "expected", files, update_goldens, "pytest --update-goldens"
    )


def test_rendering_is_deterministic() -> None:
    """Two renders in one process give identical bytes (no timestamps, no set or dict-order leaks)."""
    first = render_specs([str(ROOT / "spec")])
    second = render_specs([str(ROOT / "spec")])
    assert first == second


def test_case_names_are_listed() -> None:
    assert CASE_NAMES, "tests/cases/ holds no cases"
    for case in CASE_NAMES:
        assert (CASES / case / "expected").is_dir(), (
            f"{case}: run `pytest --update-goldens`"
        )
