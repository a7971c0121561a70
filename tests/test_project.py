"""A project of one's own: `schemasmith init`, the settings in `[tool.schemasmith]`
(or `schemasmith.toml`) that every command reads, and what a folder without
specs is told."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator import config
from generator.cli import main
from generator.loading.spec_schema import spec_format_schema
from tests.conftest import ROOT

RUN_SPEC = ROOT / "spec" / "run.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    """An empty folder, the working folder for the test."""
    folder = tmp_path / "project"
    folder.mkdir()
    before = Path.cwd()
    os.chdir(folder)
    try:
        yield folder
    finally:
        os.chdir(before)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# ---- a folder without specs ----


def test_an_empty_folder_is_told_what_to_create(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in ("generate", "check", "ir"):
        code, _, err = _run(capsys, command)
        assert code == 2
        assert "no spec files found in spec" in err, command
        assert "schemasmith init" in err and "--spec" in err
        assert "cannot read the spec" not in err
    code, _, err = _run(capsys, "sync", "--against", "pkg:Model")
    assert code == 2 and "schemasmith init" in err


def test_a_named_spec_that_does_not_exist_is_named(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "generate", "--spec", "nowhere.yaml")
    assert code == 2
    assert "--spec: no such file or folder: nowhere.yaml" in err


# ---- init ----


def test_init_makes_a_project_that_generates_and_checks(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "init")
    assert code == 0
    assert out.splitlines()[:4] == [
        "create spec/project.yaml",
        "create spec/schemasmith.schema.json",
        "create schemasmith.toml",
        "create .gitignore",
    ]
    assert "schemasmith generate" in out and "schemasmith check" in out
    assert _run(capsys, "generate", "-q")[0] == 0
    assert (project / "generated" / "models" / "project.py").is_file()
    code, out, _ = _run(capsys, "check")
    assert code == 0 and "matches the specs" in out
    assert (project / ".gitignore").read_text("utf-8").splitlines()[1:] == [
        "*.schemasmith.tmp",
        ".schemasmith.lock",
    ]


def test_the_starter_spec_points_editors_at_the_spec_format_schema(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, "init", "--module", "shop")
    spec = (project / "spec" / "shop.yaml").read_text("utf-8")
    first = spec.splitlines()[0]
    assert first == "# yaml-language-server: $schema=schemasmith.schema.json"
    schema = json.loads((project / "spec" / "schemasmith.schema.json").read_text())
    assert schema == spec_format_schema()
    jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(spec))


def test_init_adds_the_table_to_an_existing_pyproject(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "pyproject.toml").write_text('[project]\nname = "sdk"\n', "utf-8")
    (project / ".gitignore").write_text("dist/", "utf-8")
    code, out, _ = _run(capsys, "init", "--module", "sdk")
    assert code == 0
    assert "update pyproject.toml" in out and "update .gitignore" in out
    assert not (project / "schemasmith.toml").exists()
    assert (project / "pyproject.toml").read_text("utf-8") == (
        '[project]\nname = "sdk"\n\n[tool.schemasmith]\nspecs = ["spec"]\nout = "generated"\n'
    )
    assert (project / ".gitignore").read_text("utf-8").startswith("dist/\n# left by")
    assert _run(capsys, "generate", "-q")[0] == 0


def test_init_in_another_folder_says_to_go_there(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "init", "new-sdk")
    assert code == 0
    assert "create new-sdk/spec/new_sdk.yaml" in out
    assert "  cd new-sdk" in out.splitlines()
    os.chdir(project / "new-sdk")
    assert _run(capsys, "generate", "-q")[0] == 0


def test_init_never_overwrites(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(capsys, "init")[0] == 0
    (project / "spec" / "project.yaml").write_text("mine", "utf-8")
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    code, _, err = _run(capsys, "init")
    assert code == 2
    assert "spec/project.yaml exists" in err
    assert "schemasmith.toml exists" in err and "nothing was written" in err
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_init_refuses_a_bad_module_name(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "init", "--module", "My-Module")
    assert code == 2 and "lowercase letters" in err
    assert list(project.iterdir()) == []


# ---- settings ----


def _settings(project: Path, text: str, file: str = "pyproject.toml") -> None:
    (project / file).write_text(text, "utf-8")


def test_every_command_reads_the_settings(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "schemas").mkdir()
    shutil.copy(RUN_SPEC, project / "schemas" / "run.yaml")
    _settings(
        project,
        '[project]\nname = "x"\n\n[tool.schemasmith]\nspecs = ["schemas"]\n'
        'out = "sdk/types"\ntargets = ["pydantic", "json_schema"]\n\n'
        '[tool.schemasmith.pydantic]\nlayout = "per-model"\n',
    )
    assert _run(capsys, "generate", "-q")[0] == 0
    written = sorted(
        p.relative_to(project / "sdk" / "types").as_posix()
        for p in (project / "sdk" / "types").rglob("*")
        if p.is_file()
    )
    assert "models/run/_run.py" in written  # the per-model layout
    assert "json_schema/run.schema.json" in written
    assert not any(p.startswith(("typescript/", "docs/")) for p in written)
    assert _run(capsys, "check", "-q")[0] == 0
    code, out, _ = _run(capsys, "ir")
    assert code == 0 and json.loads(out)["modules"][0]["name"] == "run"
    code, out, _ = _run(capsys, "diff", "--against", "HEAD")
    assert code == 2  # not a git repository: but it read the settings' specs
    # A flag overrides its setting.
    assert _run(capsys, "generate", "-q", "--out", "elsewhere")[0] == 0
    assert (project / "elsewhere" / "models" / "run" / "_run.py").is_file()
    assert _run(capsys, "generate", "-q", "--target", "typescript")[0] == 0
    assert (project / "sdk" / "types" / "typescript" / "run.ts").is_file()


def test_a_spec_that_sets_its_layout_keeps_it(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "spec").mkdir()
    text = RUN_SPEC.read_text("utf-8").replace(
        "schemasmith: 1\n", "schemasmith: 1\nlayout: module\n", 1
    )
    (project / "spec" / "run.yaml").write_text(text, "utf-8")
    _settings(project, '[pydantic]\nlayout = "per-model"\n', "schemasmith.toml")
    assert _run(capsys, "generate", "-q")[0] == 0
    assert (project / "generated" / "models" / "run.py").is_file()


def test_settings_are_found_from_a_subfolder_paths_relative_to_their_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "spec").mkdir()
    shutil.copy(RUN_SPEC, project / "spec" / "run.yaml")
    _settings(project, 'out = "out"\n', "schemasmith.toml")
    (project / "docs").mkdir()
    os.chdir(project / "docs")
    assert _run(capsys, "generate", "-q")[0] == 0
    assert (project / "out" / "models" / "run.py").is_file()
    loaded = config.load()
    assert (loaded.file, loaded.specs, loaded.out) == (
        "../schemasmith.toml",
        ("../spec",),
        "../out",
    )


def test_bad_settings_are_located_errors_all_at_once(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _settings(
        project,
        '[project]\nname = "x"\n\n[tool.schemasmith]\nspec = ["schemas"]\nout = 3\n'
        'targets = ["pydantic", "go"]\n\n[tool.schemasmith.pydantic]\nlayot = "x"\n'
        'layout = "flat"\n',
    )
    code, out, err = _run(capsys, "generate")
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "pyproject.toml:5:1: error: unknown setting 'spec'; did you mean 'specs'?",
        (
            "pyproject.toml:6:1: error: 'out' takes a string: the output folder "
            '(default `"generated"`); got 3'
        ),
        (
            "pyproject.toml:7:1: error: unknown target go; targets are: pydantic, "
            "typed_dicts, json_schema, typescript, markdown"
        ),
        (
            "pyproject.toml:10:1: error: the pydantic target has no option 'layot'; "
            "its options: layout"
        ),
        (
            "pyproject.toml:11:1: error: 'layout' of the pydantic target takes one of "
            "module, per-model; got 'flat'"
        ),
        "schemasmith: 5 errors; nothing was written",
    ]
    assert not (project / "generated").exists()


def test_settings_that_are_not_toml_point_at_the_line(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _settings(project, 'out = "a"\nspecs = [\n', "schemasmith.toml")
    code, _, err = _run(capsys, "check")
    assert code == 2
    assert err.startswith("schemasmith.toml:3:1: error: not TOML")


def test_settings_in_two_places_are_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _settings(project, '[tool.schemasmith]\nout = "a"\n')
    _settings(project, 'out = "b"\n', "schemasmith.toml")
    code, _, err = _run(capsys, "generate")
    assert code == 2 and "keep the settings in one of them" in err


def test_a_pyproject_without_the_table_ends_the_search(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project.parent / "schemasmith.toml").write_text('out = "above"\n', "utf-8")
    _settings(project, '[project]\nname = "x"\n')
    assert config.load() == config.Config()
    (project.parent / "schemasmith.toml").unlink()


def test_the_repository_itself_has_no_settings() -> None:
    assert config.load(ROOT) == config.Config()
