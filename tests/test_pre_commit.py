"""The pre-commit hooks (`.pre-commit-hooks.yaml`), run the way a project runs them:
`pre-commit try-repo` of this repository (its working tree, uncommitted changes
included) against a throwaway git repository made by `schemasmith init`.
pre-commit installs schemasmith into an environment of its own, from the
package index, once for the test (about a minute)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))


def test_the_hooks_are_the_documented_ones() -> None:
    assert [h["id"] for h in HOOKS] == ["schemasmith-check", "schemasmith-generate"]
    for hook in HOOKS:
        assert hook["language"] == "python" and hook["pass_filenames"] is False
        assert hook["entry"].startswith("schemasmith ")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_hooks_pass_fail_and_regenerate_in_a_real_repository(
    tmp_path: Path,
) -> None:
    project = tmp_path / "project"
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }

    def run(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            argv, cwd=project, env=env, capture_output=True, text=True, check=False
        )

    def hook(name: str) -> subprocess.CompletedProcess[str]:
        pre_commit = Path(sys.executable).with_name("pre-commit")
        return run(str(pre_commit), "try-repo", str(ROOT), name, "--all-files")

    schemasmith = [sys.executable, "-m", "generator"]
    subprocess.run(
        [*schemasmith, "init", str(project)], check=True, capture_output=True
    )
    assert run("git", "init", "-q").returncode == 0
    assert run(*schemasmith, "generate", "-q").returncode == 0
    assert run("git", "add", "-A").returncode == 0
    assert run("git", "commit", "-q", "-m", "start").returncode == 0

    done = hook("schemasmith-check")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "schemasmith check" in done.stdout and "Passed" in done.stdout

    spec = project / "spec" / "project.yaml"
    spec.write_text(
        spec.read_text("utf-8").replace("Where an order is.", "The order's state."),
        "utf-8",
    )
    done = hook("schemasmith-check")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Failed" in done.stdout
    assert "generated/ differs from the specs" in done.stdout

    done = hook("schemasmith-generate")
    assert done.returncode == 1  # it changed files: pre-commit says so, to be added
    assert "files were modified by this hook" in done.stdout
    assert "The order's state." in (
        project / "generated" / "models" / "project.py"
    ).read_text("utf-8")
    assert run("git", "add", "-A").returncode == 0
    done = hook("schemasmith-check")
    assert done.returncode == 0, done.stdout + done.stderr
