"""The round trip of `schemasmith import` on the published Anthropic SDK's `anthropic.types`.

Imports every model and TypedDict of `anthropic.types` (its submodules too) into
one spec, generates it as it is, then compares every imported model with its
class by `schemasmith sync`; prints the share with no drift (documentation
included), the time of each step, and the reasons for the rest, grouped.

    python benchmarks/import_anthropic.py [--json FILE]

Needs the test extras (anthropic==2.16.0 is pinned there). Never run by the suite.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.cli import main as schemasmith
from generator.importing import import_sources
from generator.pipeline import load
from generator.sync import TargetError, sync


def run(source: str) -> dict[str, object]:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        spec = Path(folder) / "spec" / "anthropic_types.yaml"
        imported = import_sources([source], str(spec))
        spec.parent.mkdir()
        spec.write_text(imported.text, encoding="utf-8")
        imported_at = time.perf_counter()
        code = schemasmith(
            ["generate", "--spec", str(spec), "--out", f"{folder}/out", "-q"]
        )
        if code != 0:
            raise SystemExit(f"generate failed ({code}) on the imported spec")
        generated_at = time.perf_counter()
        modules, _, _ = load([str(spec)])
        reasons: Counter[str] = Counter()
        in_sync = 0
        for model, target in imported.targets:
            try:
                report = sync(modules, target, model)
            except TargetError as exc:
                reasons[f"not compared: {exc}"] += 1
                continue
            drift = report.drift(strict=False)
            if not drift:
                in_sync += 1
            for why in sorted({f"{d.kind}: {d.note}" for d in drift}):
                reasons[why] += 1
        synced_at = time.perf_counter()
    total = len(imported.targets)
    return {
        "source": source,
        "anthropic": version("anthropic"),
        "models": total,
        "in_sync": in_sync,
        "share": round(in_sync / total, 4) if total else 0.0,
        "spec_lines": imported.text.count("\n"),
        "warnings": len(imported.warnings),
        "seconds": {
            "import": round(imported_at - started, 2),
            "generate": round(generated_at - imported_at, 2),
            "sync": round(synced_at - generated_at, 2),
        },
        # models with a drift of that reason (a model may have several reasons)
        "reasons": dict(reasons.most_common()),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", default="anthropic.types")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args()
    result = run(args.source)
    seconds = result["seconds"]
    assert isinstance(seconds, dict)
    print(
        f"{result['source']} (anthropic {result['anthropic']}): "
        f"{result['in_sync']} of {result['models']} models round-trip with no drift "
        f"({float(str(result['share'])):.1%}); spec of {result['spec_lines']} lines, "
        f"{result['warnings']} warnings"
    )
    print(
        f"import {seconds['import']} s, generate {seconds['generate']} s, "
        f"sync {seconds['sync']} s"
    )
    reasons = result["reasons"]
    assert isinstance(reasons, dict)
    if reasons:
        print("models drifting, by reason:")
    for why, count in reasons.items():
        print(f"  {count:5}  {why[:160]}")
    if args.json:
        Path(args.json).write_text(
            json.dumps(result, indent=2) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
