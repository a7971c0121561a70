"""The output folder under hostile input and faults: links, a damaged manifest,
killed and interrupted runs, runs at the same time, and diffs of large files."""

from __future__ import annotations

import fcntl
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator import writer
from generator.cli import main
from tests.conftest import ROOT
from tests.test_writer import SPEC_EVENTS, SPEC_RUNS, change_a_description, snapshot

SPEC_MORE = SPEC_EVENTS.replace("events", "more").replace("Event", "More")


@pytest.fixture
def specs(tmp_path: Path) -> Path:
    folder = tmp_path / "spec"
    folder.mkdir()
    (folder / "runs.yaml").write_text(SPEC_RUNS, encoding="utf-8")
    (folder / "events.yaml").write_text(SPEC_EVENTS, encoding="utf-8")
    return folder


def run(command: str, specs: Path, out: Path, *extra: str) -> int | str:
    """`main`, with an interrupt that escapes it reported instead of raised."""
    try:
        return main([command, "--spec", str(specs), "--out", str(out), *extra])
    except KeyboardInterrupt:
        return "KeyboardInterrupt escaped"


def temporary_files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.tmp"))


def edit_the_specs(specs: Path) -> None:
    """A change with files to create, to replace and to remove."""
    change_a_description(specs)
    (specs / "more.yaml").write_text(SPEC_MORE, encoding="utf-8")
    (specs / "events.yaml").unlink()


# Links: nothing outside the output folder is read, written or removed.


def test_a_manifest_entry_under_a_linked_folder_removes_nothing_outside(
    specs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, outside = tmp_path / "out", tmp_path / "outside"
    assert run("generate", specs, out, "-q") == 0
    outside.mkdir()
    (outside / "victim.txt").write_text("precious\n", encoding="utf-8")
    (out / "escape").symlink_to(outside)
    manifest = out / writer.MANIFEST
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["files"].append("escape/victim.txt")
    manifest.write_text(json.dumps(data), encoding="utf-8")
    before = snapshot(out)
    capsys.readouterr()
    assert run("generate", specs, out) == 2
    err = capsys.readouterr().err
    assert f"{out.as_posix()}/escape is a symbolic link (to {outside})" in err
    assert "nothing was changed" in err
    assert (outside / "victim.txt").read_text(encoding="utf-8") == "precious\n"
    assert snapshot(out) == before
    assert run("check", specs, out) == 2


def test_temporary_files_are_not_swept_through_a_folder_replaced_by_a_link(
    specs: Path, tmp_path: Path
) -> None:
    out, outside = tmp_path / "out", tmp_path / "outside"
    assert run("generate", specs, out, "-q") == 0
    shutil.move(out / "models", outside)
    (out / "models").symlink_to(outside)
    old = time.time() - 3600
    names = [".runs.py.abcd1234.schemasmith.tmp", ".runs.py.abcd1234.tmp"]
    for name in names:
        (outside / name).write_bytes(b"not the tool's to remove\n")
        os.utime(outside / name, (old, old))
    before = snapshot(outside)
    change_a_description(specs)
    assert run("generate", specs, out, "-q") == 2
    assert snapshot(outside) == before


def test_new_files_are_not_written_through_a_linked_folder(
    specs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, outside = tmp_path / "out", tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    (out / "typescript").symlink_to(outside)
    assert run("generate", specs, out, "-q") == 2
    assert f"{out.as_posix()}/typescript is a symbolic link" in capsys.readouterr().err
    assert list(outside.iterdir()) == []
    assert [p.name for p in out.iterdir()] == ["typescript"]


@pytest.mark.parametrize("points_to", ["nothing", "a file outside"])
def test_a_link_at_a_generated_path_is_refused_whether_it_dangles_or_not(
    points_to: str,
    specs: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out"
    assert run("generate", specs, out, "-q") == 0
    generated = out / "models" / "runs.py"
    target = tmp_path / "elsewhere.py"
    if points_to == "a file outside":  # the very bytes the spec renders
        target.write_bytes(generated.read_bytes())
    generated.unlink()
    generated.symlink_to(target)
    before = snapshot(out)
    capsys.readouterr()
    assert run("generate", specs, out) == 2
    assert (
        f"{out.as_posix()}/models/runs.py is a symbolic link (to {target})"
        in capsys.readouterr().err
    )
    assert generated.is_symlink() and snapshot(out) == before
    assert run("check", specs, out) == 2  # nothing is read through it either


def test_check_reads_nothing_through_a_linked_folder(
    specs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, outside = tmp_path / "out", tmp_path / "outside"
    assert run("generate", specs, out, "-q") == 0
    shutil.copytree(out / "models", outside)  # what the spec renders, but outside
    shutil.rmtree(out / "models")
    (out / "models").symlink_to(outside)
    capsys.readouterr()
    assert run("check", specs, out) == 2
    assert "models is a symbolic link" in capsys.readouterr().err


def test_a_folder_or_a_fifo_where_a_file_is_generated_is_refused_before_anything_changes(
    specs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert run("generate", specs, out, "-q") == 0
    change_a_description(specs)
    (out / "models" / "runs.py").unlink()
    (out / "models" / "runs.py").mkdir()
    os.mkfifo(out / "typed_dicts" / "runs.py.fifo")
    (out / "typed_dicts" / "runs.py").unlink()
    os.rename(out / "typed_dicts" / "runs.py.fifo", out / "typed_dicts" / "runs.py")
    before = snapshot(out)
    assert run("generate", specs, out, "-q") == 2  # and no read blocks on the fifo
    err = capsys.readouterr().err
    assert "models/runs.py is a folder" in err
    assert "typed_dicts/runs.py is not a regular file" in err
    assert snapshot(out) == before


# A damaged manifest: a clear error, nothing removed.

DAMAGED_MANIFESTS = {
    "files null": b'{"files": null}',
    "a number": b"5",
    "true": b"true",
    "a string of names": b'{"files": "abc"}',
    "NUL": b'{"files": ["models/a\\u0000b.py"]}',
    "a lone surrogate": b'{"files": ["\\ud800"]}',
    "nested 100,000 deep": b'{"files": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
    "a path outside": b'{"files": ["../x"]}',
    "an absolute path": b'{"files": ["/etc/passwd"]}',
    "not JSON": b'{"files": [',
    "not UTF-8": b'{"files": ["\xff"]}',
}


@pytest.mark.parametrize("damaged", DAMAGED_MANIFESTS, ids=list(DAMAGED_MANIFESTS))
def test_a_damaged_manifest_stops_generate_and_check_and_says_how_to_recover(
    damaged: str,
    specs: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out"
    assert run("generate", specs, out, "-q") == 0
    for name in "abc":  # a user's files, named as the characters of "abc"
        (out / name).write_text("mine\n", encoding="utf-8")
    (specs / "events.yaml").unlink()  # so that there are files to remove
    (out / writer.MANIFEST).write_bytes(DAMAGED_MANIFESTS[damaged])
    before = snapshot(out)
    capsys.readouterr()
    for command in ("generate", "check"):
        assert run(command, specs, out) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err and len(err.splitlines()) == 1
        assert f"{out.as_posix()}/{writer.MANIFEST} is damaged (" in err
        assert f"delete {out.as_posix()}/{writer.MANIFEST} and run" in err
        assert snapshot(out) == before


def test_deleting_a_damaged_manifest_recovers_as_the_message_says(
    specs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert run("generate", specs, out, "-q") == 0
    (out / "models" / "runs.py").write_text("# edited\n", encoding="utf-8")
    (out / writer.MANIFEST).write_text('{"files": null}', encoding="utf-8")
    assert run("generate", specs, out, "-q") == 2
    (out / writer.MANIFEST).unlink()
    capsys.readouterr()
    # Files that hold what the specs render are adopted; the edited one is refused.
    assert run("generate", specs, out, "-q") == 2
    assert "models/runs.py: not generated by schemasmith" in capsys.readouterr().err
    (out / "models" / "runs.py").unlink()
    assert run("generate", specs, out, "-q") == 0
    assert run("check", specs, out) == 0


# Temporary files of a killed run: found whatever spec the next run uses.

# Killed (as by SIGKILL: no clean-up runs) while writing its third temporary file.
KILLED_WHILE_STAGING = """\
import os, sys, tempfile
from generator.cli import main
real_mkstemp, calls = tempfile.mkstemp, []
def mkstemp(*args, **kwargs):
    calls.append(1)
    result = real_mkstemp(*args, **kwargs)
    if len(calls) == 3:
        os._exit(9)
    return result
tempfile.mkstemp = mkstemp
main(["generate", "--quiet", "--spec", sys.argv[1], "--out", sys.argv[2]])
"""


def test_a_killed_runs_temporary_files_are_found_whatever_spec_the_next_run_uses(
    specs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert run("generate", specs, out, "-q") == 0
    before = snapshot(out)
    branch = tmp_path / "branch"  # another branch's specs: a module more
    shutil.copytree(specs, branch)
    (branch / "more.yaml").write_text(SPEC_MORE, encoding="utf-8")
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_WHILE_STAGING, str(branch), str(out)],
        cwd=ROOT,
        check=False,
    )
    assert killed.returncode == 9
    left = temporary_files(out)
    # Those of the new module are beside no file the first branch generates.
    assert len(left) == 3 and sum("more" in path for path in left) >= 2
    old = time.time() - 3600  # older than any age limit
    for path in left:
        os.utime(out / path, (old, old))
    # Back on the first branch.
    capsys.readouterr()
    assert run("check", specs, out) == 1
    err = capsys.readouterr().err
    for path in left:
        assert f"{path} (a temporary file left by an interrupted run)" in err
    assert run("generate", specs, out, "-q") == 0
    assert temporary_files(out) == []
    assert snapshot(out) == before
    assert run("check", specs, out) == 0


# Interrupts: nothing left behind, one line, exit 130.

HOOKS = {
    "mkstemp": (tempfile, "mkstemp"),
    "exists": (Path, "exists"),
    "fsync": (os, "fsync"),
    "chmod": (os, "chmod"),
    "replace": (os, "replace"),
    "unlink": (Path, "unlink"),
    "rmdir": (Path, "rmdir"),
}


@pytest.mark.parametrize(
    ("where", "call"),
    [
        ("mkstemp", 1),
        ("mkstemp", 4),
        ("exists", 1),
        ("fsync", 1),
        ("chmod", 2),
        ("replace", 1),
        ("replace", 4),
        ("unlink", 1),
        ("rmdir", 1),
    ],
)
def test_ctrl_c_while_writing_leaves_nothing_behind_and_prints_one_line(
    where: str,
    call: int,
    specs: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out"
    assert run("generate", specs, out, "-q") == 0
    edit_the_specs(specs)
    before = snapshot(out)
    owner, name = HOOKS[where]
    real = getattr(owner, name)
    calls = 0

    def interrupted_after(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        # Counted in the writer only: the command line looks at paths too.
        if not sys._getframe(1).f_code.co_filename.endswith("writer.py"):
            return real(*args, **kwargs)
        calls += 1
        try:
            return real(*args, **kwargs)
        finally:
            if calls == call:
                signal.raise_signal(signal.SIGINT)

    monkeypatch.setattr(owner, name, interrupted_after)
    capsys.readouterr()
    assert run("generate", specs, out, "-q") == 130
    monkeypatch.undo()
    assert calls >= call
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith("schemasmith: interrupted")
    assert temporary_files(out) == []
    if "nothing was changed" in err:
        assert snapshot(out) == before
    else:  # the renames had begun: the change was completed first
        assert f"{out.as_posix()}/ holds what the specs render" in err
        assert run("check", specs, out) == 0


# SIGTERM while writing a temporary file, then while renaming.
TERMINATED = """\
import os, signal, sys, tempfile
from generator.cli import main
owner, name = (tempfile, "mkstemp") if sys.argv[3] == "mkstemp" else (os, "replace")
real = getattr(owner, name)
def hooked(*args, **kwargs):
    result = real(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGTERM)
    return result
setattr(owner, name, hooked)
raise SystemExit(main(["generate", "-q", "--spec", sys.argv[1], "--out", sys.argv[2]]))
"""


@pytest.mark.parametrize("where", ["mkstemp", "replace"])
def test_sigterm_while_writing_leaves_nothing_behind(
    where: str, specs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert run("generate", specs, out, "-q") == 0
    edit_the_specs(specs)
    before = snapshot(out)
    terminated = subprocess.run(
        [sys.executable, "-c", TERMINATED, str(specs), str(out), where],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert terminated.returncode == 128 + signal.SIGTERM
    assert terminated.stderr.startswith("schemasmith: interrupted;")
    assert temporary_files(out) == []
    if where == "mkstemp":
        assert snapshot(out) == before
    else:
        assert run("check", specs, out) == 0


# The program as a shell runs it: `python -m generator`, interrupted at a random
# moment after Python itself has started (before that, Python's own start-up
# code runs, and reports an interrupt as it does).
AS_A_PROGRAM = (
    "import sys, generator.__main__ as program; print('started', flush=True); "
    "raise SystemExit(program.run())"
)


def test_ctrl_c_at_random_moments_leaves_one_of_the_two_outputs_and_one_line(
    specs: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    other = tmp_path / "other"
    shutil.copytree(specs, other)
    edit_the_specs(other)
    folders = [specs, other]
    assert run("generate", specs, out, "-q") == 0

    def start(spec: Path) -> subprocess.Popen[str]:
        command = [sys.executable, "-c", AS_A_PROGRAM, "generate", "-q"]
        return subprocess.Popen(
            [*command, "--spec", str(spec), "--out", str(out)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    began = time.perf_counter()
    process = start(other)
    assert process.stdout is not None and process.stdout.readline() == "started\n"
    assert process.wait() == 0
    duration = time.perf_counter() - began
    moments = random.Random(20261203)
    outcomes = set()
    for attempt in range(12):
        process = start(folders[attempt % 2])
        assert process.stdout is not None and process.stdout.readline() == "started\n"
        time.sleep(moments.uniform(0, duration))
        process.send_signal(signal.SIGINT)
        _, err = process.communicate()
        outcomes.add(process.returncode)
        if process.returncode == 0:
            assert err == ""
        else:
            assert process.returncode == 130, err
            assert len(err.splitlines()) == 1, err
            assert err.startswith("schemasmith: interrupted"), err
        assert temporary_files(out) == []
        plans = [writer.plan(out, render(spec)) for spec in folders]
        assert [] in plans, f"attempt {attempt}: the output matches neither spec"
    assert 130 in outcomes


def render(spec: Path) -> dict[str, str]:
    from generator.pipeline import Options, build, discover_specs

    return build(discover_specs([str(spec)]), Options())


# Runs at the same time: the output folder's lock.


@pytest.fixture
def held_lock(tmp_path: Path) -> Iterator[int]:
    """The output folder, locked as a run writing to it locks it."""
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    fd = os.open(out, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    yield fd
    os.close(fd)


def release_after(fd: int, seconds: float) -> threading.Timer:
    timer = threading.Timer(seconds, lambda: fcntl.flock(fd, fcntl.LOCK_UN))
    timer.start()
    return timer


def test_a_second_run_waits_for_the_one_writing_and_says_so(
    specs: Path, tmp_path: Path, held_lock: int, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    timer = release_after(held_lock, 0.5)
    began = time.perf_counter()
    assert run("generate", specs, out, "-q") == 0
    timer.join()
    assert time.perf_counter() - began >= 0.5
    assert capsys.readouterr().err == (
        f"schemasmith: waiting for another schemasmith run to finish writing to {out.as_posix()}/\n"
    )
    assert run("check", specs, out) == 0


def test_a_run_that_waits_too_long_fails_and_changes_nothing(
    specs: Path,
    tmp_path: Path,
    held_lock: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out"
    monkeypatch.setattr(writer, "LOCK_WAIT_SECONDS", 0.3, raising=False)
    assert run("generate", specs, out, "-q") == 2
    err = capsys.readouterr().err
    assert "another schemasmith run has been writing to" in err
    assert "nothing was changed" in err
    assert snapshot(out) == {}


def test_check_waits_for_a_run_writing_and_creates_nothing(
    specs: Path, tmp_path: Path, held_lock: int, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    timer = release_after(held_lock, 0.3)
    began = time.perf_counter()
    assert run("check", specs, out) == 1
    timer.join()
    assert time.perf_counter() - began >= 0.3
    assert "waiting for another schemasmith run" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_a_run_that_created_the_folder_and_failed_leaves_no_folder(
    specs: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "new" / "out"
    real_mkstemp = tempfile.mkstemp

    def full_disk(*args: Any, **kwargs: Any) -> Any:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", full_disk)
    assert run("generate", specs, out, "-q") == 2
    assert not (tmp_path / "new").exists()
    monkeypatch.setattr(tempfile, "mkstemp", real_mkstemp)
    assert run("generate", specs, out, "-q") == 0


def test_where_folders_cannot_be_locked_a_lock_file_serialises_runs(
    specs: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out"
    monkeypatch.setattr(writer, "fcntl", None, raising=False)
    assert run("generate", specs, out, "-q") == 0
    assert not (out / ".schemasmith.lock").exists()  # removed at the end
    (out / ".schemasmith.lock").write_bytes(b"")  # a killed run's, or a running one's
    assert run("check", specs, out) == 0  # neither drift nor a file in the way
    monkeypatch.setattr(writer, "LOCK_WAIT_SECONDS", 0.2, raising=False)
    change_a_description(specs)
    before = snapshot(out)
    capsys.readouterr()
    assert run("generate", specs, out, "-q") == 2
    err = capsys.readouterr().err
    assert (
        f"if {out.as_posix()}/.schemasmith.lock stays, a killed one: then delete" in err
    )
    assert snapshot(out) == before
    (out / ".schemasmith.lock").unlink()
    assert run("generate", specs, out, "-q") == 0
    assert run("check", specs, out) == 0


# The diff of large files.


def apply_patch(old: list[str], diff: str) -> list[str]:
    """What a unified diff of one file makes of `old` (every line ends in a newline)."""
    result: list[str] = []
    position = 0
    for line in diff.splitlines(keepends=True)[2:]:
        if line.startswith("@@"):
            match = re.match(r"@@ -(\d+)(?:,(\d+))? ", line)
            assert match is not None
            start, count = int(match[1]), int(match[2] or 1)
            begin = start - 1 if count else start
            assert begin >= position
            result.extend(old[position:begin])
            position = begin
        elif line[0] in " -":
            assert old[position] == line[1:]
            position += 1
            if line[0] == " ":
                result.append(line[1:])
        else:
            assert line[0] == "+"
            result.append(line[1:])
    return result + old[position:]


def diff_of(old: list[str], new: list[str]) -> str:
    change = writer.Change(
        "big.md", "update", "".join(old).encode(), "".join(new).encode()
    )
    return writer.unified_diff([change], "out")


def test_the_diff_of_a_large_stale_file_costs_less_than_rendering_it(
    tmp_path: Path,
) -> None:
    # The Markdown reference of 130 synthetic models (32,000 lines) against
    # another seed's: difflib alone took 4 times as long as rendering it (and 66 s
    # for `check` at 400 models), as its time grows with the square of the length.
    from generator.pipeline import Options, build

    rendered, took = [], []
    for seed in ("0", "1"):
        spec = tmp_path / f"seed{seed}.yaml"
        synthetic = [sys.executable, str(ROOT / "benchmarks" / "synthetic.py")]
        spec.write_text(
            subprocess.run(
                [*synthetic, "130", "--seed", seed],
                capture_output=True,
                text=True,
                check=True,
            ).stdout,
            encoding="utf-8",
        )
        began = time.perf_counter()
        rendered.append(build([str(spec)], Options(targets=("markdown",))))
        took.append(time.perf_counter() - began)
    old, new = (files["docs/synthetic.md"].splitlines(True) for files in rendered)
    assert len(old) > 30_000
    began = time.perf_counter()
    diff = diff_of(old, new)
    assert time.perf_counter() - began < min(took)
    assert apply_patch(old, diff) == new


def test_the_diff_of_nearly_equal_large_files_is_the_changed_lines() -> None:
    old = []
    for model in range(8_000):
        old += [f'  "Model{model}": {{\n', '    "type": "object",\n', "  },\n"]
    new = list(old)
    new[10] = '    "type": "array",\n'
    new[12_000:12_003] = []
    new.insert(-5, '  "Added": {},\n')
    diff = diff_of(old, new)
    assert apply_patch(old, diff) == new
    changed = [line for line in diff.splitlines()[2:] if line[0] in "-+"]
    assert changed == [
        '-    "type": "object",',
        '+    "type": "array",',
        '-  "Model4000": {',
        '-    "type": "object",',
        "-  },",
        '+  "Added": {},',
    ]


def test_the_diff_of_random_edits_turns_the_old_file_into_the_new() -> None:
    choices = random.Random(11)
    for _ in range(300):
        vocabulary = [f"{n}\n" for n in range(choices.choice([2, 5, 50]))]
        old = [choices.choice(vocabulary) for _ in range(choices.randrange(0, 120))]
        new = list(old)
        for _ in range(choices.randrange(1, 6)):
            at = choices.randrange(len(new) + 1)
            if choices.random() < 0.5 and at < len(new):
                del new[at : at + choices.randrange(1, 20)]
            else:
                new[at:at] = choices.choices(vocabulary, k=choices.randrange(1, 20))
        if old != new:
            assert apply_patch(old, diff_of(old, new)) == new, (old, new)


def test_check_leaves_out_the_diffs_that_would_take_it_past_the_limit_and_says_so(
    specs: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out"
    assert run("generate", specs, out, "-q") == 0
    (out / "docs" / "runs.md").write_text("junk\n" * 300, encoding="utf-8")
    runs = out / "models" / "runs.py"
    runs.write_text(runs.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    monkeypatch.setattr(writer, "MAX_DIFF_LINES", 40, raising=False)
    capsys.readouterr()
    assert run("check", specs, out) == 1
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) <= 40
    assert "-# edited" in captured.out
    assert "runs.md" not in captured.out
    assert re.search(
        r"the diff leaves out 1 file that would take it past 40 lines: "
        r"docs/runs\.md \(300 -> [0-9]+ lines\)",
        captured.err,
    ), captured.err
