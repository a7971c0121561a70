"""The layout a spec gets when it leaves `layout` out: one module, or a module per model once it is big."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator import ir
from generator.cli import main
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
        assert main(["generate", *arguments]) == 0
        assert (out / present).is_file()
        assert not (out / absent).exists()
        assert main(["check", *arguments]) == 0
    assert not (out / "models" / "big").exists(), (
        "the emptied package folder is removed"
    )
    capsys.readouterr()


def test_a_name_clash_of_the_chosen_layout_says_why_and_how_to_keep_one_module(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = (
        "HttpLabel",
        "HTTPLabel",
        *(f"M{i}" for i in range(2, LIMIT // FIELDS_PER_MODEL + 1)),
    )
    spec = tmp_path / "big.yaml"
    spec.write_text(_spec(LIMIT + 1, names=names), encoding="utf-8")
    assert main(["generate", "--spec", str(spec), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert (
        f"{spec}:56:3: error: models 'HttpLabel' and 'HTTPLabel' would both be written to "
        "_http_label.py (layout: per-model, the default for 'big', a spec of more than "
        f"{LIMIT:,} fields; `layout: module` keeps one file); rename one"
    ) in err
    spec.write_text(_spec(LIMIT + 1, "module", names), encoding="utf-8")
    assert main(["generate", "--spec", str(spec), "--out", str(tmp_path / "out")]) == 0
