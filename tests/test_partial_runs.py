"""A run given spec files answers for those specs' files; a run over a folder, for the whole output."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import writer
from generator.cli import main


def _spec(module: str, model: str) -> str:
    return (
        f"schemasmith: 1\nmodule: {module}\nmodels:\n  {model}:\n"
        "    fields:\n      name: {type: string}\n"
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    spec = tmp_path / "spec"
    spec.mkdir()
    for module, model in (("one", "One"), ("two", "Two"), ("three", "Three")):
        (spec / f"{module}.yaml").write_text(_spec(module, model), encoding="utf-8")
    assert (
        main(["generate", "-q", "--spec", str(spec), "--out", str(tmp_path / "out")])
        == 0
    )
    return tmp_path


def _files(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in out.rglob("*")
        if p.is_file()
    }


def test_generate_with_one_spec_file_leaves_the_other_specs_files_alone(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, spec = project / "out", project / "spec"
    before = _files(out)
    (spec / "one.yaml").write_text(
        _spec("one", "One").replace("name:", "title:"), encoding="utf-8"
    )
    capsys.readouterr()
    assert main(["generate", "--spec", str(spec / "one.yaml"), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "delete" not in printed
    after = _files(out)
    changed = {p for p in before if after.get(p) != before[p]}
    # Only module one's own files; the manifest still lists every file.
    assert changed == {
        "models/one.py",
        "typed_dicts/one.py",
        "json_schema/one.schema.json",
        "typescript/one.ts",
        "docs/one.md",
    }
    assert set(writer.owned_files(out)) == set(before) - {writer.MANIFEST}
    # The package indexes still re-export every spec.
    assert "Three" in after["models/__init__.py"].decode()
    capsys.readouterr()
    assert main(["check", "--spec", str(spec / "one.yaml"), "--out", str(out)]) == 0
    assert main(["check", "--spec", str(spec / "two.yaml"), "--out", str(out)]) == 0
    assert main(["check", "--spec", str(spec), "--out", str(out)]) == 0


def test_check_with_one_spec_file_reports_only_that_specs_drift(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, spec = project / "out", project / "spec"
    (out / "models" / "two.py").write_text("edited\n", encoding="utf-8")
    assert main(["check", "--spec", str(spec / "one.yaml"), "--out", str(out)]) == 0
    assert main(["check", "--spec", str(spec / "two.yaml"), "--out", str(out)]) == 1
    assert "models/two.py (stale)" in capsys.readouterr().err


def test_a_run_over_the_folder_removes_the_files_of_a_deleted_spec(
    project: Path,
) -> None:
    out, spec = project / "out", project / "spec"
    (spec / "three.yaml").unlink()
    assert main(["generate", "-q", "--spec", str(spec), "--out", str(out)]) == 0
    assert not [p for p in _files(out) if "three" in p]
    assert "Three" not in (out / "models" / "__init__.py").read_text(encoding="utf-8")


def test_a_spec_file_that_is_all_the_output_holds_writes_the_shared_files(
    tmp_path: Path,
) -> None:
    spec, out = tmp_path / "one.yaml", tmp_path / "out"
    spec.write_text(_spec("one", "One"), encoding="utf-8")
    assert main(["generate", "-q", "--spec", str(spec), "--out", str(out)]) == 0
    assert (out / "models" / "__init__.py").is_file()
    assert (out / "models" / "_base.py").is_file()
    assert (out / "typescript" / "index.ts").is_file()
    assert main(["check", "--spec", str(spec), "--out", str(out)]) == 0
