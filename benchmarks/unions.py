"""Validate Anthropic content blocks with the generated models and with the SDK's classes.

    python benchmarks/unions.py                 # 10,000 blocks, 21 rounds (about a minute)
    python benchmarks/unions.py --busy          # the same beside a CPU-bound process
    python benchmarks/unions.py --rounds 5 --blocks 2000   # quicker

The spec tests/cases/anthropic_message/spec.yaml describes the published
`anthropic` package's `anthropic.types.Message` and everything it nests. This
script generates its Pydantic models into a temporary folder (so it measures
what the generator writes now), builds a list of content blocks of several
variants (text with and without citations, thinking, redacted thinking,
tool use, server tool use, web search results, code execution results, web
fetch results, container uploads; deterministic from `--seed`), and validates
the list with `TypeAdapter(list[ContentBlock])` of each side, from Python
objects (`validate_python`) and from JSON bytes (`validate_json`).

Before timing, it checks that both sides accept every block, that their JSON
dumps are equal (`dump_python(mode="json")`), and that dumping only the fields
set gives back the input, so both do the same work. Then it times one call
over the whole list per side and per round, the two sides in turn within the
same process (the order swapped every round), and reports the median and the
range of the per-round ratio ours / SDK. `--busy` keeps one core busy with a
second process (a Python loop) while it measures, as a neighbour on a shared
machine would. Results go to benchmarks/results/unions-<time>.json.
"""

from __future__ import annotations

import argparse
import base64
import datetime as dt
import gc
import importlib
import importlib.metadata
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Union, get_args

from pydantic import Field, TypeAdapter

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SPEC = ROOT / "tests" / "cases" / "anthropic_message" / "spec.yaml"
PACKAGE = (
    "anthropic_message_generated"  # the generated output folder, imported as a package
)

_WORD_TEXT = (
    "the model reads each request and answers with text tool calls or both "
    "results arrive as blocks whose type tells them apart while citations point "
    "back into documents pages and search results that the server fetched "
    "before it wrote this answer so a client can show where a claim came from"
)
_WORDS = _WORD_TEXT.split()


def _text(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(rng.randint(low, high)))


def _opaque(rng: random.Random, size: int) -> str:
    """Base64 text of about `size` characters, like signatures and encrypted content."""
    return base64.b64encode(rng.randbytes(size * 3 // 4)).decode("ascii")


def _id(rng: random.Random, prefix: str) -> str:
    return f"{prefix}_01{rng.randbytes(11).hex()}"


def _citation(rng: random.Random) -> dict[str, object]:
    kind = rng.choice(
        [
            "char_location",
            "page_location",
            "content_block_location",
            "web_search_result_location",
            "search_result_location",
        ]
    )
    cited = _text(rng, 8, 30)
    if kind == "web_search_result_location":
        return {
            "type": kind,
            "cited_text": cited,
            "encrypted_index": _opaque(rng, 64),
            "title": _text(rng, 3, 8),
            "url": f"https://example.com/{rng.randrange(10**6)}",
        }
    if kind == "search_result_location":
        start = rng.randrange(5)
        return {
            "type": kind,
            "cited_text": cited,
            "search_result_index": rng.randrange(10),
            "source": f"https://docs.example.com/{rng.randrange(1000)}",
            "start_block_index": start,
            "end_block_index": start + rng.randint(1, 3),
            "title": _text(rng, 2, 6) if rng.random() < 0.7 else None,
        }
    block: dict[str, object] = {
        "type": kind,
        "cited_text": cited,
        "document_index": rng.randrange(4),
        "document_title": _text(rng, 2, 5) if rng.random() < 0.6 else None,
    }
    if rng.random() < 0.3:
        block["file_id"] = _id(rng, "file")
    start = rng.randrange(2000)
    unit = {
        "char_location": "char",
        "page_location": "page",
        "content_block_location": "block",
    }[kind]
    suffix = "_index" if unit != "page" else "_number"
    block[f"start_{unit}{suffix}"] = start
    block[f"end_{unit}{suffix}"] = start + rng.randint(1, 400)
    return block


def _caller(rng: random.Random) -> dict[str, object]:
    if rng.random() < 0.7:
        return {"type": "direct"}
    return {"type": "code_execution_20250825", "tool_id": _id(rng, "srvtoolu")}


def _tool_input(rng: random.Random) -> dict[str, object]:
    return {
        "query": _text(rng, 3, 10),
        "limit": rng.randint(1, 50),
        "threshold": round(rng.random(), 3),
        "include_archived": rng.random() < 0.5,
        "tags": [rng.choice(_WORDS) for _ in range(rng.randint(0, 4))],
        "filter": {
            "field": rng.choice(_WORDS),
            "op": "eq",
            "value": rng.randrange(100),
        },
    }


def block(rng: random.Random) -> dict[str, object]:
    """One content block as the API sends it, its variant drawn by weight."""
    kind = rng.choices(
        [
            "text",
            "cited_text",
            "thinking",
            "redacted_thinking",
            "tool_use",
            "server_tool_use",
            "web_search_tool_result",
            "code_execution_tool_result",
            "bash_code_execution_tool_result",
            "web_fetch_tool_result",
            "container_upload",
        ],
        weights=[30, 10, 12, 3, 18, 8, 8, 4, 3, 2, 2],
    )[0]
    if kind == "text":
        return {"type": "text", "text": _text(rng, 20, 200)}
    if kind == "cited_text":
        return {
            "type": "text",
            "text": _text(rng, 10, 80),
            "citations": [_citation(rng) for _ in range(rng.randint(1, 3))],
        }
    if kind == "thinking":
        return {
            "type": "thinking",
            "thinking": _text(rng, 30, 300),
            "signature": _opaque(rng, 400),
        }
    if kind == "redacted_thinking":
        return {"type": "redacted_thinking", "data": _opaque(rng, 800)}
    if kind == "tool_use":
        tool: dict[str, object] = {
            "type": "tool_use",
            "id": _id(rng, "toolu"),
            "name": rng.choice(["search_docs", "get_weather", "run_query", "lookup"]),
            "input": _tool_input(rng),
        }
        if rng.random() < 0.3:
            tool["caller"] = _caller(rng)
        return tool
    if kind == "server_tool_use":
        name = rng.choice(["web_search", "web_fetch", "code_execution"])
        tool_input: dict[str, object] = {
            "web_search": {"query": _text(rng, 3, 8)},
            "web_fetch": {"url": f"https://example.com/{rng.randrange(10**6)}"},
            "code_execution": {"code": "print(sum(range(10)))\n" * rng.randint(1, 5)},
        }[name]
        return {
            "type": "server_tool_use",
            "id": _id(rng, "srvtoolu"),
            "name": name,
            "input": tool_input,
        }
    if kind == "web_search_tool_result":
        content: object
        if rng.random() < 0.1:
            content = {
                "type": "web_search_tool_result_error",
                "error_code": rng.choice(["unavailable", "max_uses_exceeded"]),
            }
        else:
            content = [
                {
                    "type": "web_search_result",
                    "encrypted_content": _opaque(rng, rng.randint(300, 1500)),
                    "title": _text(rng, 3, 10),
                    "url": f"https://example.com/{rng.randrange(10**6)}",
                    "page_age": f"{rng.randint(1, 30)} days ago"
                    if rng.random() < 0.6
                    else None,
                }
                for _ in range(rng.randint(3, 8))
            ]
        result: dict[str, object] = {
            "type": "web_search_tool_result",
            "tool_use_id": _id(rng, "srvtoolu"),
            "content": content,
        }
        if rng.random() < 0.3:
            result["caller"] = _caller(rng)
        return result
    if kind == "code_execution_tool_result":
        return {
            "type": "code_execution_tool_result",
            "tool_use_id": _id(rng, "srvtoolu"),
            "content": {
                "type": "code_execution_result",
                "stdout": _text(rng, 5, 60),
                "stderr": "",
                "return_code": 0,
                "content": [
                    {"type": "code_execution_output", "file_id": _id(rng, "file")}
                    for _ in range(rng.randint(0, 2))
                ],
            },
        }
    if kind == "bash_code_execution_tool_result":
        failed = rng.random() < 0.2
        return {
            "type": "bash_code_execution_tool_result",
            "tool_use_id": _id(rng, "srvtoolu"),
            "content": {
                "type": "bash_code_execution_tool_result_error",
                "error_code": "execution_time_exceeded",
            }
            if failed
            else {
                "type": "bash_code_execution_result",
                "stdout": _text(rng, 5, 60),
                "stderr": "",
                "return_code": 0,
                "content": [],
            },
        }
    if kind == "web_fetch_tool_result":
        return {
            "type": "web_fetch_tool_result",
            "tool_use_id": _id(rng, "srvtoolu"),
            "content": {
                "type": "web_fetch_result",
                "url": f"https://example.com/{rng.randrange(10**6)}",
                "retrieved_at": "2026-11-30T12:00:00Z",
                "content": {
                    "type": "document",
                    "title": _text(rng, 2, 6),
                    "citations": {"enabled": True},
                    "source": {
                        "type": "text",
                        "media_type": "text/plain",
                        "data": _text(rng, 50, 300),
                    },
                },
            },
        }
    return {"type": "container_upload", "file_id": _id(rng, "file")}


def blocks(count: int, seed: int) -> list[dict[str, object]]:
    rng = random.Random(f"unions/{seed}")
    return [block(rng) for _ in range(count)]


def generate_models(out: Path) -> Any:
    """Generate the spec's Pydantic models into `out`/PACKAGE and import them."""
    schemasmith = Path(sys.executable).with_name("schemasmith")
    command = (
        [str(schemasmith)]
        if schemasmith.exists()
        else [sys.executable, "-m", "generator"]
    )
    subprocess.run(
        [
            *command,
            "generate",
            "-q",
            "--spec",
            str(SPEC),
            "--out",
            str(out / PACKAGE),
            "--target",
            "pydantic",
        ],
        check=True,
    )
    sys.path.insert(0, str(out))
    return importlib.import_module(f"{PACKAGE}.models")


def union_kinds(adapter: TypeAdapter[Any]) -> list[str]:
    """The pydantic-core schema kinds the list's items are validated by, outermost first."""
    kinds = []
    schema: Any = adapter.core_schema
    while True:
        kind = schema["type"]
        if kind == "definitions":
            schema = schema["schema"]
        elif kind == "list":
            schema = schema["items_schema"]
        elif kind in ("definition-ref", "model"):
            return kinds + [kind]
        else:
            kinds.append(kind)
            return kinds


def check_same_work(
    sides: dict[str, Side], data: list[dict[str, object]], raw: bytes
) -> dict[str, object]:
    """Every side accepts every block, picks the same variants, dumps the same
    JSON, and dumping only the fields set gives back the input."""
    dumps, classes = {}, {}
    for name, side in sides.items():
        from_python, from_json = side.from_python(), side.from_json()
        assert len(from_python) == len(data) == len(from_json), name
        dumped = side.adapter.dump_python(from_python, mode="json")
        assert side.adapter.dump_python(from_json, mode="json") == dumped, name
        unset = side.adapter.dump_python(from_python, mode="json", exclude_unset=True)
        assert unset == data, name
        dumps[name] = dumped
        classes[name] = [type(item).__name__ for item in from_python]
    for name in sides:
        assert dumps[name] == dumps["ours"], f"{name} dumps other JSON than ours"
        assert classes[name] == classes["ours"], f"{name} chose other variants"
    return {"json_bytes": len(raw), "variants": _count(classes["ours"])}


def _count(names: list[str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    return dict(sorted(counts.items()))


class Side:
    """One way of turning the blocks into models: from Python objects and from JSON."""

    def __init__(
        self,
        adapter: TypeAdapter[Any],
        from_python: Callable[[], list[Any]],
        from_json: Callable[[], list[Any]],
    ) -> None:
        self.adapter = adapter  # for the dumps
        self.from_python = from_python
        self.from_json = from_json


def sides(generated: Any, data: list[dict[str, object]], raw: bytes) -> dict[str, Side]:
    import anthropic.types
    from anthropic._models import construct_type

    block = anthropic.types.ContentBlock
    ours = TypeAdapter(list[generated.ContentBlock])
    sdk = TypeAdapter(list[block])
    # The SDK's classes under a union Pydantic discriminates: its
    # `UnionDiscriminator("type")` is the SDK's own marker, which Pydantic does
    # not read, so `sdk` validates a plain (smart) union, variant after variant.
    # Only the top level: the unions inside the variants stay as the SDK wrote them.
    variants = get_args(get_args(block)[0])
    tagged = TypeAdapter(
        list[Annotated[Union[variants], Field(discriminator="type")]]  # type: ignore[valid-type]  # noqa: UP007
    )
    return {
        "ours": Side(
            ours, lambda: ours.validate_python(data), lambda: ours.validate_json(raw)
        ),
        "sdk": Side(
            sdk, lambda: sdk.validate_python(data), lambda: sdk.validate_json(raw)
        ),
        "sdk, top level discriminated": Side(
            tagged,
            lambda: tagged.validate_python(data),
            lambda: tagged.validate_json(raw),
        ),
        # What the SDK's client does with a response unless it is created with
        # `_strict_response_validation=True`: builds the models without validating.
        "sdk construct_type (no validation)": Side(
            sdk,
            lambda: construct_type(value=data, type_=list[block]),  # type: ignore[arg-type]
            lambda: construct_type(value=json.loads(raw), type_=list[block]),  # type: ignore[arg-type]
        ),
    }


# A fresh process: import the ContentBlock union, then build its validator and
# validate one block of each variant. Before the clock starts: pydantic, and a
# first validator, whose creation loads pydantic's plugin registry (through
# importlib.metadata, about 20 ms) once per process; importing the SDK
# creates validators, the generated models (built on first use) none.
_FIRST_USE = f"""
import json, sys, time
import pydantic
pydantic.TypeAdapter(int).validate_python(1)
side, folder, payload = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
start = time.perf_counter()
if side == "ours":
    sys.path.insert(0, folder)
    from {PACKAGE}.models import ContentBlock
else:
    from anthropic.types import ContentBlock
imported = time.perf_counter()
pydantic.TypeAdapter(list[ContentBlock]).validate_python(payload)
done = time.perf_counter()
print(json.dumps({{"import_s": imported - start, "first_validation_s": done - imported}}))
"""


def first_use(
    folder: Path, data: list[dict[str, object]], rounds: int
) -> dict[str, object]:
    """Import and first validation in fresh processes, the two sides in turn."""
    one_each: dict[str, dict[str, object]] = {}
    for item in data:
        one_each.setdefault(str(item["type"]), item)
    payload = json.dumps(list(one_each.values()))
    samples: dict[str, list[dict[str, float]]] = {"ours": [], "sdk": []}
    for index in range(rounds + 1):  # the first round writes the bytecode caches
        for side in ("ours", "sdk") if index % 2 == 0 else ("sdk", "ours"):
            completed = subprocess.run(
                [sys.executable, "-c", _FIRST_USE, side, str(folder), payload],
                check=True,
                capture_output=True,
                text=True,
            )
            if index:
                samples[side].append(json.loads(completed.stdout))
    return {
        side: {
            key: statistics.median(sample[key] for sample in values)
            for key in ("import_s", "first_validation_s")
        }
        for side, values in samples.items()
    }


def timed(call: Callable[[], object], collect: bool) -> float:
    """One call's wall time; with the collector on, after a collection (every
    call starts from the same heap), else with it off for the call."""
    gc.collect()
    if not collect:
        gc.disable()
    try:
        start = time.perf_counter()
        result = call()
        took = time.perf_counter() - start
    finally:
        gc.enable()
    del result
    return took


def alternate(
    calls: dict[str, Callable[[], object]], rounds: int, collect: bool
) -> dict[str, list[float]]:
    """One call of each per round, in turn; the order reversed every other round."""
    names = list(calls)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for name in names:  # warm-up
        calls[name]()
    for index in range(rounds):
        for name in names if index % 2 == 0 else names[::-1]:
            samples[name].append(timed(calls[name], collect))
    return samples


def summary(samples: dict[str, list[float]]) -> dict[str, object]:
    out: dict[str, object] = {}
    for name, values in samples.items():
        ratios = [a / b for a, b in zip(samples["ours"], values, strict=True)]
        out[name] = {
            "median_s": statistics.median(values),
            "min_s": min(values),
            "max_s": max(values),
            "ours_over_this": {
                "median": statistics.median(ratios),
                "min": min(ratios),
                "max": max(ratios),
            },
            "samples_s": values,
        }
    return out


def machine() -> dict[str, object]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "load_at_start": os.getloadavg(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--blocks", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=21)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--first-use-rounds",
        type=int,
        default=7,
        help="fresh processes per side for the import and first validation",
    )
    parser.add_argument(
        "--busy",
        action="store_true",
        help="keep one core busy with another process while measuring",
    )
    parser.add_argument(
        "--results",
        default=str(HERE / "results"),
        help="where the JSON goes ('' for nowhere)",
    )
    args = parser.parse_args(argv)

    started = dt.datetime.now(dt.timezone.utc)
    info: dict[str, object] = {"machine": machine()}
    info["versions"] = {
        "python": platform.python_version(),
        **{
            name: importlib.metadata.version(name)
            for name in ("schemasmith", "pydantic", "pydantic-core", "anthropic")
        },
    }
    data = blocks(args.blocks, args.seed)
    raw = json.dumps(data).encode()
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="schemasmith-unions-") as folder:
        all_sides = sides(generate_models(Path(folder)), data, raw)
        info["data"] = {
            "blocks": len(data),
            "seed": args.seed,
            **check_same_work(all_sides, data, raw),
        }
        info["schemas"] = {
            name: union_kinds(side.adapter)
            for name, side in all_sides.items()
            if "construct_type" not in name
        }
        print(json.dumps(info, indent=2), flush=True)
        busy = None
        if args.busy:
            busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
        try:
            print("  import and first validation, fresh processes ...", flush=True)
            info["first_use"] = first_use(Path(folder), data, args.first_use_rounds)
            for collect in (True, False):
                for source in ("python", "json"):
                    calls = {
                        name: getattr(side, f"from_{source}")
                        for name, side in all_sides.items()
                    }
                    key = f"{source}, gc {'on' if collect else 'off'}"
                    print(f"  {key} ...", flush=True)
                    results[key] = summary(alternate(calls, args.rounds, collect))
        finally:
            if busy is not None:
                busy.kill()
                busy.wait()
    info["load_at_end"] = os.getloadavg()
    finished = dt.datetime.now(dt.timezone.utc)

    command = "python benchmarks/unions.py " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    print()
    print(table(results, len(data)))
    print()
    print(first_use_table(info["first_use"]))  # type: ignore[arg-type]
    print(f"{args.rounds} rounds{', one core busy' if args.busy else ''}; {command}")
    if args.results:
        document = {
            **info,
            "command": command.strip(),
            "busy": args.busy,
            "rounds": args.rounds,
            "started": started.isoformat(),
            "finished": finished.isoformat(),
            "results": results,
        }
        results_dir = Path(args.results)
        results_dir.mkdir(parents=True, exist_ok=True)
        path = results_dir / f"unions-{started:%Y%m%d-%H%M%S}.json"
        path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path}")
    return 0


def table(results: dict[str, Any], count: int) -> str:
    lines = [
        (
            f"| {count:,} blocks | side | median (ms) | range (ms) "
            "| ours / this: median | range |"
        ),
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for key, by_side in results.items():
        source, collector = key.split(", ")
        for name, row in by_side.items():
            ratio = row["ours_over_this"]
            lines.append(
                f"| `validate_{source}`, {collector} | {name} "
                f"| {1000 * row['median_s']:.1f} "
                f"| {1000 * row['min_s']:.1f}-{1000 * row['max_s']:.1f} "
                + (
                    "| | |"
                    if name == "ours"
                    else f"| {ratio['median']:.2f} | {ratio['min']:.2f}-{ratio['max']:.2f} |"
                )
            )
    return "\n".join(lines)


def first_use_table(first: dict[str, dict[str, float]]) -> str:
    lines = [
        "| fresh process | import (ms) | first validation, one block per variant (ms) |",
        "| --- | ---: | ---: |",
    ]
    for side, row in first.items():
        lines.append(
            f"| {side} | {1000 * row['import_s']:.0f} "
            f"| {1000 * row['first_validation_s']:.0f} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
