"""Shared test fixtures: the repository layout, and `--update-goldens`."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite generated/ and tests/cases/*/expected/ with the tool instead of comparing",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


def break_target(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make the registered target `name` fail as a bug would: its render raises."""
    from dataclasses import replace

    from generator import targets

    def broken_render(*args: object) -> dict[str, str]:
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(
        targets,
        "TARGETS",
        tuple(
            replace(t, render=broken_render) if t.name == name else t
            for t in targets.TARGETS
        ),
    )
