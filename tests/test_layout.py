"""The layout a spec gets when it leaves `layout` out: one module, or a module per model once it is big."""

from __future__ import annotations

import importlib.util
import json
import py_compile
import subprocess
import sys
from pathlib import Path

import pytest

from generator import ir
from generator.cli import main
from generator.compat.changes import compare
from generator.loading import load_modules
from generator.pipeline import Options, build

LIMIT = ir.PER_MODEL_LAYOUT_ABOVE_FIELDS
FIELDS_PER_MODEL = 50  # LIMIT is a multiple of it, so LIMIT fields fill whole models


def _spec(fields: int, layout: str | None = None, names: tuple[str, ...] = ()) -> str:
    """A spec named `big` with `fields` fields in all, spread over models M0, M1, ..."""
    lines = ["schemasmith: 1", "module: big"]
    if layout is not None:
        lines.append(f"layout: {layout}")
    lines.append("models:")
    models = list(names) or [f"M{i}" for i in range(-(-fields // FIELDS_PER_MODEL))]
    for i, name in enumerate(models):
        count = min(FIELDS_PER_MODEL, fields - i * FIELDS_PER_MODEL)
        lines += [f"  {name}:", "    fields:"]
        lines += [f"      f{j}: {{type: string}}" for j in range(count)]
    return "\n".join(lines) + "\n"


def _model_files(tmp_path: Path, text: str) -> list[str]:
    spec = tmp_path / "big.yaml"
    spec.write_text(text, encoding="utf-8")
    files = build([str(spec)], Options(targets=("pydantic",)))
    return sorted(path for path in files if path.startswith("models/big"))


@pytest.mark.parametrize(
    ("fields", "layout", "expected"),
    [
        (LIMIT, None, "module"),
        (LIMIT + 1, None, "per-model"),
        (LIMIT + 1, "auto", "per-model"),
        (LIMIT + 1, "module", "module"),
        (3, "per-model", "per-model"),
        (3, None, "module"),
    ],
)
def test_the_spec_size_chooses_the_layout_unless_the_spec_sets_it(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fields: int,
    layout: str | None,
    expected: str,
) -> None:
    text = _spec(fields, layout)
    files = _model_files(tmp_path, text)
    models = -(-fields // FIELDS_PER_MODEL)
    if expected == "module":
        assert files == ["models/big.py"]
    else:
        assert files == sorted(
            ["models/big/__init__.py"] + [f"models/big/_m{i}.py" for i in range(models)]
        )
    capsys.readouterr()
    assert main(["ir", "--spec", str(tmp_path / "big.yaml")]) == 0
    (module,) = json.loads(capsys.readouterr().out)["modules"]
    assert module["layout"] == expected


def test_crossing_the_limit_replaces_the_module_with_a_package_and_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec, out = tmp_path / "big.yaml", tmp_path / "out"
    arguments = ["--spec", str(spec), "--out", str(out), "--target", "pydantic"]
    for fields, present, absent in [
        (LIMIT, "models/big.py", "models/big/__init__.py"),
        (LIMIT + 1, "models/big/__init__.py", "models/big.py"),
        (LIMIT, "models/big.py", "models/big/__init__.py"),
    ]:
        spec.write_text(_spec(fields), encoding="utf-8")
        if out.exists():
            assert main(["check", *arguments]) == 1, "the other layout is a drift"
            assert "Run `schemasmith generate`" in capsys.readouterr().err
        assert main(["generate", *arguments]) == 0
        assert (out / present).is_file()
        assert not (out / absent).exists()
        assert main(["check", *arguments]) == 0
        for module in (out / "models" / "big").glob("*.py"):  # as an import leaves it
            py_compile.compile(
                str(module), importlib.util.cache_from_source(str(module))
            )
    assert not (out / "models" / "big").exists(), (
        "the package folder goes with its modules, bytecode cache included"
    )


def test_a_folder_with_more_than_bytecode_of_removed_modules_stays(
    tmp_path: Path,
) -> None:
    spec, out = tmp_path / "big.yaml", tmp_path / "out"
    arguments = ["--spec", str(spec), "--out", str(out), "--target", "pydantic", "-q"]
    spec.write_text(_spec(LIMIT + 1), encoding="utf-8")
    assert main(["generate", *arguments]) == 0
    cache = out / "models" / "big" / "__pycache__"
    cache.mkdir()
    (cache / "_m0.cpython-311.pyc").write_bytes(b"bytecode")
    (cache / "notes.txt").write_text("a user's own file", encoding="utf-8")
    spec.write_text(_spec(LIMIT), encoding="utf-8")
    assert main(["generate", *arguments]) == 0
    assert sorted(p.name for p in cache.iterdir()) == [
        "_m0.cpython-311.pyc",
        "notes.txt",
    ]
    assert not (out / "models" / "big" / "__init__.py").exists()


def _clash_names() -> tuple[str, ...]:
    """Model names for LIMIT + 1 fields, the first two written to one file per model."""
    return (
        "HttpLabel",
        "HTTPLabel",
        *(f"M{i}" for i in range(2, LIMIT // FIELDS_PER_MODEL + 1)),
    )


def test_a_name_clash_of_the_chosen_layout_says_why_and_how_to_keep_one_module(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "big.yaml"
    spec.write_text(_spec(LIMIT + 1, names=_clash_names()), encoding="utf-8")
    assert main(["generate", "--spec", str(spec), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert (
        f"{spec}:56:3: error: models 'HttpLabel' and 'HTTPLabel' would both be written to "
        f"_http_label.py (layout: per-model); rename one, or set `layout: module` in {spec} "
        f"({LIMIT + 1:,} fields): a spec of more than {LIMIT:,} fields that leaves "
        "`layout` out gets a module per model"
    ) in err
    spec.write_text(_spec(LIMIT + 1, "module", _clash_names()), encoding="utf-8")
    assert main(["generate", "--spec", str(spec), "--out", str(tmp_path / "out")]) == 0


def test_a_clash_in_a_small_spec_names_the_big_spec_that_chose_the_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "specs").mkdir()
    big = tmp_path / "specs" / "big.yaml"
    small = tmp_path / "specs" / "small.yaml"
    big.write_text(_spec(LIMIT + 1), encoding="utf-8")
    small.write_text(
        "schemasmith: 1\nmodels:\n  TYPE_CHECKING:\n    fields:\n      a: {type: string}\n",
        encoding="utf-8",
    )
    folder = str(tmp_path / "specs")
    assert main(["generate", "--spec", folder, "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert (
        f"{small}:3:3: error: 'TYPE_CHECKING' collides with a name the generated package "
        f"imports (layout: per-model); rename it, or set `layout: module` in {big} "
        f"({LIMIT + 1:,} fields)"
    ) in err
    big.write_text(_spec(LIMIT + 1, "per-model"), encoding="utf-8")
    assert main(["generate", "--spec", folder, "--out", str(tmp_path / "out")]) == 2
    assert "rename it\n" in capsys.readouterr().err, "a declared layout needs no hint"


def test_a_wrong_layout_value_chooses_no_layout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "big.yaml"
    text = _spec(LIMIT + 1, "per_model", _clash_names())
    spec.write_text(text, encoding="utf-8")
    assert main(["generate", "--spec", str(spec), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.splitlines() == [
        f"{spec}:3:9: error: 'layout' must be one of auto, module, per-model, not 'per_model'",
        "schemasmith: 1 error; nothing was written",
    ]


def test_a_pickle_made_from_one_module_loads_from_the_package(tmp_path: Path) -> None:
    spec, out = tmp_path / "big.yaml", tmp_path / "out"
    arguments = ["--spec", str(spec), "--out", str(out), "--target", "pydantic", "-q"]

    def python(code: str) -> str:
        return subprocess.run(
            [sys.executable, "-c", code],
            cwd=tmp_path,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    spec.write_text(_spec(LIMIT), encoding="utf-8")
    assert main(["generate", *arguments]) == 0
    python(
        "import pickle; from out.models.big import M0\n"
        "open('m0.pickle', 'wb').write(pickle.dumps(M0(f0='x', f1='y')))"
    )
    spec.write_text(_spec(LIMIT + 1), encoding="utf-8")
    assert main(["generate", *arguments]) == 0
    loaded = python(
        "import pickle; from out.models.big import M0\n"
        "m = pickle.loads(open('m0.pickle', 'rb').read())\n"
        "print(type(m) is M0, M0.__module__, m.f0, m.f1)"
    )
    assert loaded == "True out.models.big._m0 x y\n"


def test_diff_reports_a_layout_its_size_chose(tmp_path: Path) -> None:
    old, new = tmp_path / "old" / "big.yaml", tmp_path / "new" / "big.yaml"
    for path, fields in ((old, LIMIT), (new, LIMIT + 1)):
        path.parent.mkdir()
        path.write_text(_spec(fields), encoding="utf-8")
    changes = compare(load_modules([str(old)]), load_modules([str(new)]))
    layout = [change for change in changes if change.rule == "layout-changed"]
    assert [(c.message, c.old, c.new) for c in layout] == [
        (
            "Python layout of module 'big' changed (chosen by its size)",
            "module",
            "per-model",
        )
    ]
