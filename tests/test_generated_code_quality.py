"""Committed generated Python passes the pinned linters and type checker, as committed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CASES, ROOT

TREES = [
    ROOT / "generated",
    *sorted(p / "expected" for p in CASES.iterdir() if (p / "expected").is_dir()),
]


def run(*command: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def tool(name: str) -> str:
    path = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(
        name
    )
    assert path, f"{name} is not installed: pip install -e '.[test]'"
    return path


def test_ruff_check_passes() -> None:
    result = run(tool("ruff"), "check", "--no-cache", *(str(t) for t in TREES))
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_check_passes() -> None:
    result = run(
        tool("ruff"),
        "format",
        "--check",
        "--diff",
        "--no-cache",
        *(str(t) for t in TREES),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def mypy_strict(
    target: str, cwd: Path, cache: Path
) -> subprocess.CompletedProcess[str]:
    """The pinned mypy, strict, with the project's configuration and a cache of its own."""
    return run(
        sys.executable,
        "-m",
        "mypy",
        "--strict",
        "--config-file",
        str(ROOT / "pyproject.toml"),
        "--cache-dir",
        str(cache),
        target,
        cwd=cwd,
    )


@pytest.mark.parametrize("tree", TREES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_mypy_strict_passes(tree: Path, tmp_path: Path) -> None:
    # Each tree is a package of its own (models/, typed_dicts/): check it from its own folder.
    result = mypy_strict(".", tree, tmp_path / "mypy-cache")
    assert result.returncode == 0, result.stdout + result.stderr
