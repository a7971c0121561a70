"""A new IR type variant is a type error in every place that dispatches on the variants.

The generator is copied, one variant is added to `ir.TypeRef`, and `mypy
--strict` must then report an `assert_never` error in each module below (and
only in modules that match on the variants): a target that forgets the new
variant cannot pass the source checks.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tests.conftest import ROOT
from tests.test_generated_code_quality import mypy_strict

# Every module that turns a TypeRef into something else, variant by variant.
DISPATCHING = {
    "generator/compat/changes.py",
    "generator/compat/type_relations.py",
    "generator/ir.py",
    "generator/resolve.py",
    "generator/sync/spec_source.py",
    "generator/targets/json_schema.py",
    "generator/targets/markdown.py",
    "generator/targets/python_code.py",
    "generator/targets/typescript.py",
}

NEW_VARIANT = """

@dataclass(frozen=True)
class Tuple:
    items: tuple[TypeRef, ...]
"""


def test_a_variant_no_target_handles_fails_type_checking_everywhere(
    tmp_path: Path,
) -> None:
    copy = tmp_path / "generator"
    shutil.copytree(
        ROOT / "generator", copy, ignore=shutil.ignore_patterns("__pycache__")
    )
    ir_source = (copy / "ir.py").read_text(encoding="utf-8")
    declaration = "TypeRef = (\n    Scalar\n"
    assert declaration in ir_source
    ir_source = ir_source.replace(
        declaration, f"{NEW_VARIANT}\n\nTypeRef = (\n    Tuple\n    | Scalar\n"
    )
    (copy / "ir.py").write_text(ir_source, encoding="utf-8")
    result = mypy_strict("generator", tmp_path, tmp_path / "mypy-cache")
    assert result.returncode == 1, result.stdout + result.stderr
    failing = set(
        re.findall(
            r"^(generator/[\w/]+\.py):\d+: error: Argument 1 to \"assert_never\"",
            result.stdout,
            flags=re.MULTILINE,
        )
    )
    assert failing == DISPATCHING, result.stdout
