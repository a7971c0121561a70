"""`--format json` and `--format github`: every command's diagnostics with a stable
code, for tools and for GitHub Actions annotations; the codes are listed once
(generator.diagnostics.Code) and docs/errors.md lists the same."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.diagnostics import Code, Diagnostic, Location, annotation
from tests.conftest import ROOT

BAD = ROOT / "tests" / "bad_specs" / "bad_constraints.yaml"
SPEC = ROOT / "spec" / "run.yaml"


def _json(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("command", ["generate", "check"])
def test_spec_errors_as_json_carry_location_severity_and_code(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    arguments = [
        command,
        "--format",
        "json",
        "--spec",
        str(BAD),
        "--out",
        str(tmp_path),
    ]
    assert main(arguments) == 2
    diagnostics = _json(capsys)["diagnostics"]
    assert isinstance(diagnostics, list)
    assert diagnostics[0] == {
        "path": str(BAD),
        "line": 5,
        "column": 55,
        "severity": "error",
        "code": "constraint",
        "message": "field 'name': `max_length: 2` is below `min_length: 3`: no string fits",
    }
    codes = {d["code"] for d in diagnostics}
    assert {"constraint", "pattern", "default", "wrong-value"} <= codes
    assert list(tmp_path.iterdir()) == []


def test_diff_and_sync_spec_errors_in_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", "--format", "json", str(SPEC), str(BAD)]) == 2
    assert _json(capsys)["diagnostics"][0]["code"] == "constraint"  # type: ignore[index]
    sync = ["sync", "--format", "json", "--spec", str(BAD), "--against", "json:Foo"]
    assert main(sync) == 2
    assert _json(capsys)["diagnostics"][0]["code"] == "constraint"  # type: ignore[index]


def test_github_annotations_point_at_the_spec_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(
            [
                "generate",
                "--format",
                "github",
                "--spec",
                str(BAD),
                "--out",
                str(tmp_path),
            ]
        )
        == 2
    )
    captured = capsys.readouterr()
    first = captured.out.splitlines()[0]
    assert first == (
        f"::error file={BAD},line=5,col=55,title=schemasmith%3A constraint::"
        "field 'name': `max_length: 2` is below `min_length: 3`: no string fits"
    )
    # The text lines for people stay on stderr.
    assert f"{BAD}:5:55: error: field 'name'" in captured.err


def test_an_annotation_cannot_be_ended_or_split_by_its_text() -> None:
    diagnostic = Diagnostic(
        Location("a,b:c.yaml", 3, 4), "50% done\nmore::x", Code.DEFAULT, "warning"
    )
    assert annotation(diagnostic) == (
        "::warning file=a%2Cb%3Ac.yaml,line=3,col=4,title=schemasmith%3A default::"
        "50%25 done%0Amore::x"
    )


def test_check_drift_as_annotations_and_json_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    shutil.copytree(ROOT / "generated", out)
    (out / "models" / "run.py").write_text("stale\n", encoding="utf-8")
    arguments = [
        "check",
        "--format",
        "github",
        "--spec",
        str(SPEC.parent),
        "--out",
        str(out),
    ]
    assert main(arguments) == 1
    lines = [
        line for line in capsys.readouterr().out.splitlines() if line.startswith("::")
    ]
    path = f"{out.as_posix()}/models/run.py"
    escaped = path.replace(":", "%3A").replace(",", "%2C")
    expected = (
        f"::error file={escaped},title=schemasmith check%3A stale::"
        f"{path} is stale: run `schemasmith generate`"
    )
    assert lines == [expected]


def test_generate_json_lists_files_and_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "cycle.yaml"
    models = "\n".join(
        f"  M{i}:\n    fields:\n      next: {{type: M{(i + 1) % 31}}}"
        for i in range(31)
    )
    spec.write_text(
        f"schemasmith: 1\nmodule: cycle\nmodels:\n{models}\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    arguments = ["generate", "--format", "json", "--spec", str(spec), "--out", str(out)]
    assert main(arguments) == 0
    document = _json(capsys)
    assert document["out"] == out.as_posix()
    assert {"path": "models/cycle.py", "change": "create"} in document["files"]  # type: ignore[operator]
    (warning,) = document["diagnostics"]  # type: ignore[misc]
    assert warning["severity"] == "warning"
    assert warning["code"] == "reference-cycle"
    assert warning["line"] == 4


def test_diff_findings_as_annotations(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "run.yaml"
    text = SPEC.read_text(encoding="utf-8")
    assert "      name:\n" in text
    new.write_text(text.replace("      name:\n", "      title:\n", 1), encoding="utf-8")
    assert main(["diff", "--format", "github", str(SPEC), str(new)]) == 1
    annotations = [
        line for line in capsys.readouterr().out.splitlines() if line.startswith("::")
    ]
    removed = f"::error file={SPEC},line=38,col=7,title=schemasmith diff%3A field-removed-optional::"
    assert any(line.startswith(removed) for line in annotations), annotations
    added = f"file={new},line=38,col=7,title=schemasmith diff%3A field-added-optional::"
    assert any(added in line for line in annotations), annotations


def test_import_warnings_as_json_need_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = "tests.import_fixtures.odd_names"
    assert main(["import", "--format", "json", source]) == 2
    assert "give --out FILE" in capsys.readouterr().err
    out = tmp_path / "widened.yaml"
    assert main(["import", "--format", "json", "--out", str(out), source]) == 0
    diagnostics = _json(capsys)["diagnostics"]
    assert diagnostics, "the fixture has names the spec must change"
    for diagnostic in diagnostics:  # type: ignore[attr-defined]
        assert diagnostic["code"] == "imported"
        assert diagnostic["path"] == str(out)
        line = out.read_text(encoding="utf-8").splitlines()[diagnostic["line"] - 1]
        assert line.strip(), diagnostic


def test_docs_list_every_code_once() -> None:
    text = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `([a-z-]+)` \|", text, re.MULTILINE)
    assert listed == [code.slug for code in Code]
    assert len({code.slug for code in Code}) == len(Code)
