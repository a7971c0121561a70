"""`schemasmith generate` and `check` end to end, through the real command line."""

from __future__ import annotations

import gc
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import ROOT

SPEC = ROOT / "spec" / "run.yaml"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_generate_writes_what_check_accepts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["generate", "--spec", str(SPEC), "--out", str(out)]) == 0
    assert snapshot(out) == snapshot(ROOT / "generated")
    capsys.readouterr()
    assert main(["check", "--spec", str(SPEC), "--out", str(out)]) == 0
    assert "matches" in capsys.readouterr().out


def test_check_reports_stale_missing_and_extra_files_and_never_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    shutil.copytree(ROOT / "generated", out)
    (out / "models" / "run.py").write_text("stale\n", encoding="utf-8")
    (out / "typed_dicts" / "run.py").unlink()
    manifest = out / ".schemasmith-manifest.json"
    manifest.write_text(
        manifest.read_text().replace('"files": [', '"files": [\n    "models/old.py",')
    )
    (out / "models" / "old.py").write_text("# generated earlier\n", encoding="utf-8")
    (out / "README.user.md").write_text("a user's own file\n", encoding="utf-8")
    before = snapshot(out)
    capsys.readouterr()
    # A run over the spec folder answers for every file the output holds.
    assert main(["check", "--spec", str(SPEC.parent), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert "--- a/" in captured.out and "+++ b/" in captured.out
    assert "-stale" in captured.out
    assert "+++ b/" + out.as_posix().lstrip("/") + "/typed_dicts/run.py" in captured.out
    assert "models/run.py (stale)" in captured.err
    assert "typed_dicts/run.py (missing)" in captured.err
    assert "models/old.py (extra)" in captured.err
    assert "README.user.md" not in captured.err
    assert snapshot(out) == before, "check must never write"

    assert main(["generate", "--spec", str(SPEC.parent), "--out", str(out)]) == 0
    after = snapshot(out)
    assert "models/old.py" not in after, (
        "a file the tool generated earlier and no longer produces is removed"
    )
    assert after["README.user.md"] == b"a user's own file\n", (
        "files the tool does not own are never touched"
    )
    del after["README.user.md"]
    assert after == snapshot(ROOT / "generated")


def test_spec_errors_exit_2_with_located_messages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "bad.yaml"
    spec.write_text(
        "schemasmith: 1\nmodels:\n  A:\n    fields:\n      x: {type: strng}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["generate", "--spec", str(spec), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{spec}:5:17: error: unknown type 'strng'; did you mean 'string'?" in err
    assert not out.exists()


def test_python_dash_m_generator_is_the_same_program() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "generator",
            "check",
            "--spec",
            str(SPEC),
            "--out",
            str(ROOT / "generated"),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_unknown_target_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["generate", "--target", "cobol", "--spec", str(SPEC)]) == 2
    assert "unknown target cobol" in capsys.readouterr().err


def test_template_overrides_take_precedence(tmp_path: Path) -> None:
    overrides = tmp_path / "templates" / "python"
    overrides.mkdir(parents=True)
    (overrides / "root_init.py.jinja").write_text(
        '"""Our SDK\'s own package docstring."""\n', encoding="utf-8"
    )
    out = tmp_path / "out"
    argv = [
        "generate",
        "--spec",
        str(SPEC),
        "--out",
        str(out),
        "--templates",
        str(tmp_path / "templates"),
    ]
    assert main(argv) == 0
    assert (out / "__init__.py").read_text(
        encoding="utf-8"
    ) == '"""Our SDK\'s own package docstring."""\n'
    assert (out / "models" / "run.py").read_bytes() == (
        ROOT / "generated" / "models" / "run.py"
    ).read_bytes()


def test_main_leaves_the_callers_garbage_collector_alone(
    capsys: pytest.CaptureFixture[str],
) -> None:
    gc.enable()
    assert main(["ir", "--spec", str(ROOT / "spec" / "run.yaml")]) == 0
    assert gc.isenabled()  # only the console entry point switches it off


def test_generate_and_check_import_neither_pydantic_nor_what_only_sync_needs(
    tmp_path: Path,
) -> None:
    # Pydantic's own layer and the sync command's readers are the costliest
    # imports a small spec's run could pay for; the shape check needs only
    # pydantic-core.
    script = (
        "import sys\n"
        "from generator.cli import main\n"
        f"assert main(['generate', '-q', '--spec', {str(SPEC)!r}, '--out', sys.argv[1]]) == 0\n"
        f"assert main(['check', '--spec', {str(SPEC)!r}, '--out', sys.argv[1]]) == 0\n"
        "print(' '.join(sorted(m for m in sys.modules\n"
        "    if m.split('.')[0] == 'pydantic' or m.startswith('generator.sync'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "out")],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == ""
    assert (tmp_path / "out" / "models" / "run.py").is_file()


@pytest.mark.parametrize("command", ["generate", "check", "ir", "diff", "sync"])
def test_an_unknown_option_is_reported_with_the_subcommands_usage(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    required = ["--against", "x.json"] if command == "sync" else []
    with pytest.raises(SystemExit) as exit_info:
        main([command, *required, "--no-such-option"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(f"usage: schemasmith {command} ")
    assert (
        f"schemasmith {command}: error: unrecognized arguments: --no-such-option" in err
    )


def test_check_quiet_prints_nothing_when_it_matches_and_no_diff_on_drift(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    shutil.copytree(ROOT / "generated", out)
    capsys.readouterr()
    assert main(["check", "-q", "--spec", str(SPEC.parent), "--out", str(out)]) == 0
    assert capsys.readouterr() == ("", "")
    (out / "models" / "run.py").write_text("stale\n", encoding="utf-8")
    assert (
        main(["check", "--quiet", "--spec", str(SPEC.parent), "--out", str(out)]) == 1
    )
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "models/run.py (stale)" in captured.err


def test_check_format_json_lists_each_differing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    shutil.copytree(ROOT / "generated", out)
    arguments = [
        "check",
        "--format",
        "json",
        "--spec",
        str(SPEC.parent),
        "--out",
        str(out),
    ]
    capsys.readouterr()
    assert main(arguments) == 0
    assert json.loads(capsys.readouterr().out) == {
        "out": out.as_posix(),
        "in_sync": True,
        "files": [],
        "diagnostics": [],
    }
    (out / "models" / "run.py").write_text("stale\n", encoding="utf-8")
    (out / "typed_dicts" / "run.py").unlink()
    assert main(arguments) == 1
    assert json.loads(capsys.readouterr().out)["files"] == [
        {"path": "models/run.py", "state": "stale"},
        {"path": "typed_dicts/run.py", "state": "missing"},
    ]
