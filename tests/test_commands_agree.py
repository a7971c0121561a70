"""Every command loads and checks specs through one path: the same errors, exit 2."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from generator.cli import main

SPEC = """\
schemasmith: 1
models:
  A:
    fields:
      x: {type: string}
"""
ERROR = (
    "spec/two.yaml:3:3: error: 'A' is also defined in module 'one'; names must be "
    "unique across specs, since the packages re-export them"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "spec").mkdir()
    (tmp_path / "spec" / "one.yaml").write_text(SPEC, encoding="utf-8")
    (tmp_path / "spec" / "two.yaml").write_text(SPEC, encoding="utf-8")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull}
    for command in (
        ["git", "init", "-q"],
        ["git", "add", "."],
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "specs"],
    ):
        subprocess.run(command, cwd=tmp_path, check=True, env=env)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize(
    "command",
    [
        ["generate"],
        ["check"],
        ["ir"],
        ["diff", "spec/one.yaml", "spec/"],
        ["diff", "--against", "HEAD"],
        ["sync", "--against", "missing.json#/A"],
    ],
    ids=lambda c: " ".join(c),
)
def test_a_name_in_two_specs_is_the_same_error_for_every_command(
    command: list[str], project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(command) == 2
    assert ERROR in capsys.readouterr().err.splitlines()
