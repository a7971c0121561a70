"""The generator's own source passes the same pinned checkers as the code it generates."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT
from tests.test_generated_code_quality import mypy_strict, run, tool

SOURCES = [ROOT / "generator", ROOT / "tests", ROOT / "benchmarks"]


def test_ruff_check_passes() -> None:
    result = run(tool("ruff"), "check", "--no-cache", *(str(p) for p in SOURCES))
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_check_passes() -> None:
    result = run(
        tool("ruff"), "format", "--check", "--no-cache", *(str(p) for p in SOURCES)
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_generator_passes_mypy_strict(tmp_path: Path) -> None:
    result = mypy_strict("generator", ROOT, tmp_path / "mypy-cache")
    assert result.returncode == 0, result.stdout + result.stderr
