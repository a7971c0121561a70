"""`layout: per-model` is chosen by the spec alone, never by its size; switching it swaps file and package."""

from __future__ import annotations

import importlib.util
import json
import py_compile
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

SPEC = """\
schemasmith: 1
module: shop
{layout}models:
  Item:
    fields:
      name: {{type: string}}
  Order:
    fields:
      items: {{type: "list<Item>"}}
"""


def _write(spec: Path, layout: str | None) -> None:
    spec.write_text(
        SPEC.format(layout=f"layout: {layout}\n" if layout else ""), encoding="utf-8"
    )


def test_a_big_spec_that_leaves_layout_out_is_one_module(tmp_path: Path) -> None:
    synthetic = Path(__file__).resolve().parent.parent / "benchmarks" / "synthetic.py"
    spec = tmp_path / "big.yaml"
    # 150 models of 40 fields: above any size at which a layout could be chosen for it.
    text = subprocess.run(
        [sys.executable, str(synthetic), "150"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    spec.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert (
        main(
            [
                "generate",
                "-q",
                "--spec",
                str(spec),
                "--out",
                str(out),
                "--target",
                "pydantic",
            ]
        )
        == 0
    )
    assert (out / "models" / "synthetic.py").is_file()
    assert not (out / "models" / "synthetic").exists()


def test_the_ir_knows_no_layout(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = tmp_path / "shop.yaml"
    _write(spec, "per-model")
    assert main(["ir", "--spec", str(spec)]) == 0
    assert "layout" not in json.loads(capsys.readouterr().out)["modules"][0]


def test_switching_the_layout_swaps_the_file_and_the_package_bytecode_included(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec, out = tmp_path / "shop.yaml", tmp_path / "out"
    arguments = ["--spec", str(spec), "--out", str(out), "--target", "pydantic"]
    for layout, present, absent in [
        (None, "models/shop.py", "models/shop/__init__.py"),
        ("per-model", "models/shop/__init__.py", "models/shop.py"),
        ("module", "models/shop.py", "models/shop/__init__.py"),
    ]:
        _write(spec, layout)
        if out.exists():
            assert main(["check", *arguments]) == 1, "the other layout is a drift"
            assert "Run `schemasmith generate`" in capsys.readouterr().err
        assert main(["generate", "-q", *arguments]) == 0
        assert (out / present).is_file()
        assert not (out / absent).exists()
        assert main(["check", *arguments]) == 0
        for module in (out / "models" / "shop").glob("*.py"):  # as an import leaves it
            py_compile.compile(
                str(module), importlib.util.cache_from_source(str(module))
            )
    assert not (out / "models" / "shop").exists(), (
        "the package folder goes with its modules, bytecode cache included"
    )


ZOO = Path(__file__).parent / "cases" / "inheritance_per_model" / "expected"


@pytest.mark.parametrize("first", ["Puppy", "Dog", "Animal", "Owner"])
def test_models_that_extend_others_import_in_any_order(first: str) -> None:
    """Whichever model a fresh process asks for first, its base's module is
    imported above its class and every model builds and validates."""
    script = (
        f"from models.zoo import {first}\n"
        "from models.zoo import Animal, Dog, Owner, Puppy\n"
        "Puppy.model_validate({'name': 'p', 'age': 2, 'owner': {'dogs': [{'name': 'd'}]}})\n"
        "assert issubclass(Puppy, Dog) and issubclass(Dog, Animal)\n"
        "for cls in (Animal, Dog, Owner, Puppy):\n"
        "    cls.model_json_schema()\n"
    )
    subprocess.run([sys.executable, "-c", script], cwd=ZOO, check=True)
