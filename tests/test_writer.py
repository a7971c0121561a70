"""Nothing lost, nothing half-written: what `generate` and `check` do to an output folder."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from generator import writer
from generator.cli import main
from generator.targets import TARGET_NAMES
from tests.conftest import ROOT, break_target

SPEC_RUNS = """\
schemasmith: 1
module: runs
models:
  Run:
    description: A run.
    fields:
      id: {type: string, required: true, description: The id.}
"""
SPEC_EVENTS = """\
schemasmith: 1
module: events
models:
  Event:
    fields:
      name: {type: string}
"""


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file under `folder`: its bytes, modification time and inode number."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): (
            p.read_bytes(),
            p.stat().st_mtime_ns,
            p.stat().st_ino,
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def contents(folder: Path) -> dict[str, bytes]:
    return {path: data for path, (data, _, _) in snapshot(folder).items()}


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    folder = tmp_path / "spec"
    folder.mkdir()
    (folder / "runs.yaml").write_text(SPEC_RUNS, encoding="utf-8")
    (folder / "events.yaml").write_text(SPEC_EVENTS, encoding="utf-8")
    return folder


def folder_times(folder: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in [folder, *folder.rglob("*")] if p.is_dir()}


def change_a_description(specs: Path) -> None:
    """Edit the spec so that every target's files for `runs` change."""
    (specs / "runs.yaml").write_text(
        SPEC_RUNS.replace("A run.", "A changed run."), encoding="utf-8"
    )


def generate(specs: Path, out: Path, *extra: str) -> int:
    return main(
        ["generate", "--quiet", "--spec", str(specs), "--out", str(out), *extra]
    )


@pytest.mark.parametrize("failing", TARGET_NAMES)  # the last one rendered included
def test_failure_in_any_target_leaves_the_output_byte_identical(
    failing: str,
    specs: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out"
    assert generate(specs, out) == 0
    change_a_description(specs)
    before = snapshot(out)
    times = folder_times(out)

    break_target(monkeypatch, failing)
    staged = 0
    real_mkstemp = tempfile.mkstemp

    def counted_mkstemp(*args: Any, **kwargs: Any) -> Any:
        nonlocal staged
        staged += 1
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", counted_mkstemp)
    capsys.readouterr()
    assert generate(specs, out) == 3
    # Nothing is staged before every target has rendered.
    assert staged == 0
    assert folder_times(out) == times
    captured = capsys.readouterr()
    assert captured.err == (
        f"schemasmith: error: target '{failing}' failed: RuntimeError: simulated failure; nothing was written\n"
    )
    assert "Traceback" not in captured.out + captured.err
    assert snapshot(out) == before
    assert not [p for p in out.rglob("*.tmp")]


def test_every_file_is_replaced_by_a_rename_in_its_own_folder(
    specs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert generate(specs, out) == 0
    change_a_description(specs)
    renames: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def spying_replace(source: str | Path, target: str | Path) -> None:
        renames.append((Path(source), Path(target)))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", spying_replace)
    assert generate(specs, out) == 0
    targets = {target.relative_to(out).as_posix() for _, target in renames}
    assert {
        "models/runs.py",
        "typed_dicts/runs.py",
        "json_schema/runs.schema.json",
    } <= targets
    for source, target in renames:
        assert source.parent == target.parent
        assert source.name.startswith(f".{target.name}.") and source.name.endswith(
            ".tmp"
        )
    assert not [p for p in out.rglob("*.tmp")]


# A temporary file that cannot be created (every staged file makes one), or an
# fsync that fails (only files that replace an earlier version wait for the disk).
@pytest.mark.parametrize(
    ("failing", "failing_call"),
    [("mkstemp", 1), ("mkstemp", 4), ("mkstemp", 9), ("fsync", 1), ("fsync", 3)],
)
def test_a_write_failing_midway_changes_nothing_and_leaves_no_temporary_file(
    failing: str,
    failing_call: int,
    specs: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out"
    assert generate(specs, out) == 0
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")
    change_a_description(specs)
    (specs / "more.yaml").write_text(
        SPEC_EVENTS.replace("events", "more").replace("Event", "More"), encoding="utf-8"
    )
    before = snapshot(out)
    calls = 0
    owner = tempfile if failing == "mkstemp" else os
    real = getattr(owner, failing)

    def fail_once(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == failing_call:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, failing, fail_once)
    assert generate(specs, out) == 2
    assert "No space left on device" in capsys.readouterr().err
    assert calls == failing_call
    assert snapshot(out) == before


def test_a_rename_failing_midway_leaves_no_temporary_file_and_the_next_run_repairs(
    specs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert generate(specs, out) == 0
    (specs / "more.yaml").write_text(
        SPEC_EVENTS.replace("events", "more").replace("Event", "More"), encoding="utf-8"
    )
    calls = 0
    real_replace = os.replace

    def failing_replace(source: str | Path, target: str | Path) -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise OSError(5, "Input/output error")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", failing_replace)
    assert generate(specs, out) == 2
    monkeypatch.undo()
    assert not [p for p in out.rglob("*.tmp")]
    # The manifest already lists the new files, so removing the spec again removes them.
    listed = writer.owned_files(out)
    assert "models/more.py" in listed
    (specs / "more.yaml").unlink()
    assert generate(specs, out) == 0
    assert not (out / "models" / "more.py").exists()
    assert not [p for p in out.rglob("*more*")]


def test_files_no_longer_produced_are_removed_and_a_users_files_never_touched(
    specs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert generate(specs, out) == 0
    assert (out / "models" / "events.py").is_file()
    user_files = {
        "notes.txt": b"my notes\n",
        "models/custom.py": b"# my own module\n",
        "json_schema/extra/keep.json": b"{}\n",
    }
    for path, data in user_files.items():
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_bytes(data)
    before = snapshot(out)
    (specs / "events.yaml").unlink()
    assert generate(specs, out) == 0
    after = snapshot(out)
    for path in (
        "models/events.py",
        "typed_dicts/events.py",
        "json_schema/events.schema.json",
    ):
        assert path not in after
    for path in user_files:
        assert after[path] == before[path]
    assert "events" not in (out / "models" / "__init__.py").read_text(encoding="utf-8")
    assert writer.owned_files(out) == sorted(
        p for p in after if p not in user_files and p != writer.MANIFEST
    )


def test_a_run_of_some_targets_leaves_the_other_targets_files_alone(
    specs: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out"
    assert generate(specs, out) == 0
    everything = contents(out)
    (specs / "events.yaml").unlink()
    assert generate(specs, out, "--target", "typescript") == 0
    after = contents(out)
    # The TypeScript files follow the specs; every other target's files stay as they were.
    assert "typescript/events.ts" not in after
    for path, data in everything.items():
        if not path.startswith("typescript/") and path != writer.MANIFEST:
            assert after[path] == data, path
    assert "models/events.py" in writer.owned_files(out)
    capsys.readouterr()
    check = ["check", "--spec", str(specs), "--out", str(out)]
    assert main([*check, "--target", "typescript"]) == 0
    assert main([*check, "--target", "pydantic"]) == 1  # models/events.py is extra
    assert "models/events.py (extra)" in capsys.readouterr().err
    assert generate(specs, out) == 0  # a full run removes the rest
    assert not [p for p in contents(out) if "events" in p]


def test_regenerating_an_unchanged_spec_writes_nothing(
    specs: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out"
    assert generate(specs, out) == 0
    before = snapshot(out)
    directory_times = {
        p: p.stat().st_mtime_ns for p in [out, *out.rglob("*")] if p.is_dir()
    }
    capsys.readouterr()
    assert main(["generate", "--spec", str(specs), "--out", str(out)]) == 0
    assert "is up to date" in capsys.readouterr().out
    assert snapshot(out) == before  # bytes, modification times and inode numbers
    assert {p: p.stat().st_mtime_ns for p in directory_times} == directory_times


def test_check_never_writes(
    specs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing"
    assert main(["check", "--spec", str(specs), "--out", str(missing)]) == 1
    assert not missing.exists()
    out = tmp_path / "out"
    assert generate(specs, out) == 0
    (out / "models" / "runs.py").write_text("edited\n", encoding="utf-8")
    (specs / "events.yaml").unlink()
    before = snapshot(out)
    capsys.readouterr()
    assert main(["check", "--spec", str(specs), "--out", str(out)]) == 1
    assert "models/runs.py (stale)" in capsys.readouterr().err
    assert snapshot(out) == before


def test_a_file_the_tool_did_not_generate_is_never_overwritten(
    specs: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out"
    for path in ("models/runs.py", "typescript/runs.ts"):
        (out / path).parent.mkdir(parents=True, exist_ok=True)
        (out / path).write_text("// hand-written, not generated\n", encoding="utf-8")
    before = snapshot(out)
    assert generate(specs, out) == 2
    err = capsys.readouterr().err
    # Every such file is named.
    assert (
        f"{out.as_posix()}/models/runs.py, {out.as_posix()}/typescript/runs.ts: " in err
    )
    assert "not generated by schemasmith" in err
    assert snapshot(out) == before


def test_a_failing_target_is_reported_before_a_file_the_tool_may_not_replace(
    specs: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Nothing is written before every target has rendered: the target's error wins."""
    out = tmp_path / "out"
    (out / "models").mkdir(parents=True)
    (out / "models" / "runs.py").write_text("# hand-written\n", encoding="utf-8")
    before = snapshot(out)

    break_target(monkeypatch, "typescript")
    assert generate(specs, out) == 3
    assert "target 'typescript' failed" in capsys.readouterr().err
    assert snapshot(out) == before


def test_spec_errors_leave_an_existing_output_untouched(
    specs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert generate(specs, out) == 0
    before = snapshot(out)
    (specs / "runs.yaml").write_text(
        SPEC_RUNS.replace("type: string", "type: strin"), encoding="utf-8"
    )
    assert generate(specs, out) == 2
    assert "unknown type 'strin'; did you mean 'string'?" in capsys.readouterr().err
    assert snapshot(out) == before


# A run killed (as by SIGKILL: no cleanup runs) on its second rename, with the
# rest of its files still staged beside their targets.
KILLED_WHILE_RENAMING = """\
import os, sys
from generator.cli import main
real_replace, renames = os.replace, []
def replace(source, target):
    renames.append(target)
    if len(renames) == 2:
        os._exit(9)
    real_replace(source, target)
os.replace = replace
main(["generate", "--quiet", "--spec", sys.argv[1], "--out", sys.argv[2]])
"""


def test_temporary_files_a_killed_run_left_are_reported_by_check_and_removed(
    specs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert generate(specs, out) == 0
    change_a_description(specs)
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_WHILE_RENAMING, str(specs), str(out)],
        cwd=ROOT,
        check=False,
    )
    assert killed.returncode == 9
    left = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.tmp"))
    assert len(left) >= 3
    assert writer.leftovers(out) == left
    user_files = {  # names like the tool's, but not the tool's
        "models/.notes.txt.abcd1234.tmp": b"mine\n",
        ".backup.abcd1234.tmp": b"mine\n",
        "models/.runs.py.ABCD1234.schemasmith.tmp": b"mine\n",
    }
    for path, data in user_files.items():
        (out / path).write_bytes(data)

    capsys.readouterr()
    check = ["check", "--spec", str(specs), "--out", str(out)]
    assert main(check) == 1
    err = capsys.readouterr().err
    for path in left:
        assert f"{path} (a temporary file left by an interrupted run)" in err
    assert "notes" not in err and "backup" not in err and "ABCD" not in err
    assert main(["generate", "--spec", str(specs), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    for path in left:
        assert not (out / path).exists()
        assert f"delete {out.as_posix()}/{path} (a temporary file left by" in printed
    for path, data in user_files.items():
        assert (out / path).read_bytes() == data
    assert main(check) == 0


def test_leftovers_are_found_in_every_folder_but_never_through_a_link(
    tmp_path: Path,
) -> None:
    out = tmp_path / "out"
    outside = tmp_path / "outside"
    (out / "gone" / "deeper").mkdir(parents=True)
    outside.mkdir()
    found = [
        ".x.json.abcd1234.schemasmith.tmp",
        "gone/deeper/.gone.py.abcd_234.schemasmith.tmp",  # no file generated here
    ]
    for path in [*found, "gone/.run.py.abcd1234.tmp"]:  # an older tool's: not ours
        (out / path).write_bytes(b"partial")
    (outside / ".run.py.abcd1234.schemasmith.tmp").write_bytes(b"not ours")
    (out / "linked").symlink_to(outside)
    (out / "gone" / ".link.py.abcd1234.schemasmith.tmp").symlink_to(
        outside / ".run.py.abcd1234.schemasmith.tmp"
    )
    assert writer.leftovers(out) == found


def test_a_leftover_that_cannot_be_removed_fails_the_run_before_it_writes(
    specs: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out"
    assert generate(specs, out) == 0
    change_a_description(specs)
    stuck = out / "models" / ".run.py.abcd1234.schemasmith.tmp"
    stuck.write_bytes(b"partial")
    before = snapshot(out)
    real_unlink = Path.unlink

    def unlink(self: Path, missing_ok: bool = False) -> None:
        if self == stuck:
            raise PermissionError(1, "Operation not permitted", str(self))
        real_unlink(self, missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)
    assert generate(specs, out) == 2
    assert "Operation not permitted" in capsys.readouterr().err
    assert snapshot(out) == before
