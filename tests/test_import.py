"""`schemasmith import`: a spec written from existing models, proved by round trip.

Each source is imported, the spec generated as it is, and every imported model
compared with its source by `sync`: no drift (types, presence, enums, documentation).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.importing import import_sources
from generator.pipeline import load
from generator.sync import sync
from tests.conftest import ROOT

FIXTURES = "tests/sync_fixtures"


def round_trip(tmp_path: Path, sources: list[str]) -> tuple[str, list[str]]:
    """Import, generate, sync every model: the spec text and each drift found."""
    spec = tmp_path / "spec" / "imported.yaml"
    imported = import_sources(sources, str(spec))
    spec.parent.mkdir(parents=True, exist_ok=True)
    spec.write_text(imported.text, encoding="utf-8")
    assert main(["generate", "--spec", str(spec), "--out", str(tmp_path / "out"), "-q"]) == 0
    modules, _, _ = load([str(spec)])
    drift = []
    for model, target in imported.targets:
        report = sync(modules, target, model)
        drift += [f"{d.where}: {d.kind}: {d.note}" for d in report.drift(strict=False)]
    return imported.text, drift


@pytest.fixture(autouse=True)
def _in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.mark.parametrize(
    "sources",
    [
        ["tests.sync_fixtures.union_models:Drawing"],
        ["tests.sync_fixtures.in_sync_models"],
        ["tests.sync_fixtures.representation_models"],
        ["tests.sync_fixtures.typed_dict_params"],
        ["tests.sync_fixtures.typed_dict_models"],
        ["tests.sync_fixtures.union_params"],
        ["tests.sync_fixtures.union_drifted"],
        ["tests.sync_fixtures.drifted_models"],
        [f"{FIXTURES}/unions.openapi.json"],
        [f"{FIXTURES}/drifted.openapi.json"],
        [f"{FIXTURES}/unions.openapi.json#/components/schemas/Drawing"],
    ],
    ids=lambda s: s[0].rsplit("/", 1)[-1],
)
def test_fixtures_round_trip_without_drift(tmp_path: Path, sources: list[str]) -> None:
    _, drift = round_trip(tmp_path, sources)
    assert drift == []
