"""Benchmark schemasmith against datamodel-code-generator, LinkML and the YAML-parsing floor.

    python benchmarks/run.py                  # N = 10, 100, 1000 (about 10 minutes)
    python benchmarks/run.py --sizes 10,100   # quicker
    python benchmarks/run.py --skip-peers     # only schemasmith, the floor and imports
    python benchmarks/run.py --unions         # and generate on the spec with unions too

Every measurement is a whole fresh process (interpreter start included),
timed by wall clock, with its CPU time and peak RSS from wait4(2) (of its
largest process), and the peak memory of all its processes together: their
proportional set sizes (PSS, where shared pages are split between the
processes sharing them) summed, sampled every 0.02 s from /proc during the
warm-up run (or the only run), since reading a process's memory map slows
it. Each command runs once as a warm-up, then `--runs` times; the table
shows medians and the largest peaks. The peers take about a minute each at
N = 1000, so there they run once without a warm-up unless `--full`.
The machine's load average is recorded with every row: on a shared machine
wall times are noisy, CPU times much less so.

The tools are looked up next to `--python` (default: this interpreter):
`schemasmith` must be importable there; `datamodel-codegen` and
`gen-pydantic` are optional and skipped with a message when missing.
Results go to benchmarks/results/ as JSON (and the table as Markdown).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import cast

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import synthetic  # the sibling module, found through the path above

OURS = "schemasmith generate"
# `--unions`: the same command on `synthetic.py --unions` (the same N, 40 fields each).
OURS_UNIONS = "schemasmith generate, spec with unions"
# Our rows name the layout the Pydantic target wrote; "(default)" marks the spec
# as written, without `layout` (one module). A copy sets the other one.
DEFAULT = " (default)"
FLOOR = "floor: yaml.load CSafeLoader, gc off"
# The floor as issue 6 defines it: parsing plus one Jinja template over every field.
FLOOR_RENDER = (
    "floor: yaml.load CSafeLoader + one Jinja template over every field, gc off"
)


@dataclass
class Sample:
    wall: float
    cpu: float
    rss_mb: float
    memory_mb: float | None  # all processes, sampled; None without /proc
    returncode: int
    load: float


@dataclass
class Row:
    tool: str
    n: int
    runs: int
    wall: float | None = None
    cpu: float | None = None
    rss_mb: float | None = None
    memory_mb: float | None = None
    load: float | None = None
    note: str = ""
    samples: list[Sample] = field(default_factory=list)


def run_once(
    command: list[str],
    cwd: Path,
    timeout: float,
    env: dict[str, str] | None = None,
    *,
    sample_memory: bool = False,
) -> tuple[Sample, str]:
    """Run one fresh process; its wall time, CPU time, peak RSS and stderr."""
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile() as err, tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=err, env=env)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        memory = MemorySampler(process.pid) if sample_memory else None
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
            if memory is not None:
                memory.stop()
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    sample = Sample(
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        rss_mb=usage.ru_maxrss / 1024,  # Linux reports kilobytes
        memory_mb=None if memory is None else memory.peak_mb,
        returncode=process.returncode,
        load=load,
    )
    return sample, stderr


def tree_pss_kb(root: int) -> int | None:
    """The summed PSS (kB) of a process and its descendants; None without /proc."""
    total, found, pending = 0, False, [root]
    while pending:
        pid = pending.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
                for line in rollup:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        found = True
                        break
            for task in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as c:
                    pending.extend(int(child) for child in c.read().split())
        except (OSError, ValueError):  # gone meanwhile, or no such file here
            continue
    return total if found else None


class MemorySampler:
    """Samples the memory of a process tree every `interval` seconds, on a thread."""

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        self.peak_kb: int | None = None
        self._pid = pid
        self._interval = interval
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while True:
            kb = tree_pss_kb(self._pid)
            if kb is not None and (self.peak_kb is None or kb > self.peak_kb):
                self.peak_kb = kb
            if self._done.wait(self._interval):
                return

    def stop(self) -> None:
        self._done.set()
        self._thread.join()

    @property
    def peak_mb(self) -> float | None:
        return None if self.peak_kb is None else self.peak_kb / 1024


def peak_memory(samples: list[Sample]) -> float | None:
    known = [s.memory_mb for s in samples if s.memory_mb is not None]
    return max(known) if known else None


def measure(
    tool: str,
    n: int,
    command: list[str],
    cwd: Path,
    *,
    runs: int,
    warmup: bool,
    timeout: float,
    before: Callable[[], None] = lambda: None,
    after: Callable[[], str | None] = lambda: None,
    env: dict[str, str] | None = None,
) -> Row:
    print(f"  {tool} (N={n}) ...", end="", flush=True)
    row = Row(tool, n, runs)
    for index in range(runs + (1 if warmup else 0)):
        before()
        # Memory is sampled in the warm-up run, or in every run without one.
        sample_memory = not warmup or index == 0
        sample, stderr = run_once(
            command, cwd, timeout, env, sample_memory=sample_memory
        )
        problem = after() if sample.returncode == 0 else None
        if sample.returncode != 0 or problem:
            row.note = problem or (
                f"exit {sample.returncode}: {stderr.strip().splitlines()[-1:] or ''}"
            )
            print(f" FAILED: {row.note}")
            return row
        if warmup and index == 0:
            row.memory_mb = sample.memory_mb
            continue
        row.samples.append(sample)
    row.wall = statistics.median(s.wall for s in row.samples)
    row.cpu = statistics.median(s.cpu for s in row.samples)
    row.rss_mb = max(s.rss_mb for s in row.samples)
    row.memory_mb = peak_memory(row.samples) or row.memory_mb
    row.load = max(s.load for s in row.samples)
    print(
        f" {row.wall:.2f} s wall, {row.cpu:.2f} s CPU, {row.rss_mb:.0f} MB RSS, "
        f"{_mb(row.memory_mb)} MB all processes"
    )
    return row


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.stat().st_size)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def find_tool(bin_dir: Path, name: str) -> Path | None:
    candidate = bin_dir / name
    if candidate.exists():
        return candidate
    found = shutil.which(name)
    return Path(found) if found else None


_FLOOR_CODE = (
    "import gc, sys, yaml\n"
    "{gc}\n"
    "with open(sys.argv[1], 'rb') as f:\n"
    "    yaml.{how}(f, Loader=yaml.CSafeLoader)\n"
)

# One template that touches every model and field once (name, type, text) and
# writes the result: the least any Python generator rendering from YAML does.
_FLOOR_RENDER_CODE = (
    "import gc, sys, yaml, jinja2\n"
    "gc.disable()\n"
    "with open(sys.argv[1], 'rb') as f:\n"
    "    spec = yaml.load(f, Loader=yaml.CSafeLoader)\n"
    "template = jinja2.Environment(keep_trailing_newline=True).from_string(\n"
    "    '{% for name, model in models.items() %}class {{ name }}:\\n'\n"
    '    \'    """{{ model.description }}"""\\n\'\n'
    "    '{% for key, field in model.fields.items() %}'\n"
    "    '    {{ key }}: {{ field.type }}\\n'\n"
    '    \'    """{{ field.description }}"""\\n\'\n'
    "    '{% endfor %}\\n{% endfor %}'\n"
    ")\n"
    "with open(sys.argv[2], 'w', encoding='utf-8') as out:\n"
    "    out.write(template.render(models=spec['models']))\n"
)

# Runs in a fresh process: times importing the generated package and the first
# validation, with the default recursion limit. Prints one JSON line.
_IMPORT_PROBE = """
import json, sys, time
kind, model, payload_file = sys.argv[1], sys.argv[2], sys.argv[3]
start = time.perf_counter()
if kind == "pydantic":
    from pydantic import BaseModel, Field  # noqa: F401 - pydantic imports lazily
pydantic_done = time.perf_counter()
result = {"recursion_limit": sys.getrecursionlimit()}
if kind == "pydantic":
    from generated.models import synthetic as module
    cls = getattr(module, model)  # in the per-model layout, this imports its module
    imported = time.perf_counter()
    with open(payload_file) as f:
        payload = json.load(f)
    try:
        instance = cls.model_validate(payload)
        validated = time.perf_counter()
        result["first_validation_s"] = validated - imported
        result["round_trip"] = instance.to_dict(mode="json") == payload
        schema = cls.model_json_schema()
        result["schema_s"] = time.perf_counter() - validated
        if "properties" not in schema:  # a recursive model is itself a definition
            schema = schema["$defs"][model]
        result["descriptions"] = all(
            "description" in p for p in schema["properties"].values()
        )
    except RecursionError as exc:
        result["error"] = f"RecursionError: {exc}"
else:
    from generated.typed_dicts import synthetic as module
    imported = time.perf_counter()
    getattr(module, model)
if kind == "pydantic":
    result["pydantic_import_s"] = pydantic_done - start
result["module_import_s"] = imported - pydantic_done
print(json.dumps(result))
"""


def import_probe(
    python: str,
    workdir: Path,
    kind: str,
    model: str,
    payload: Path,
    cold: bool,
    env: dict[str, str],
) -> dict[str, object]:
    command = [python, *(["-B"] if cold else []), "-c", _IMPORT_PROBE]
    command += [kind, model, str(payload)]
    if cold:  # no bytecode cache for the generated package: it is compiled on import
        env = {k: v for k, v in env.items() if k != "PYTHONPYCACHEPREFIX"}
        for cache in (workdir / "generated").rglob("__pycache__"):
            shutil.rmtree(cache)
    load = os.getloadavg()[0]
    start = time.perf_counter()
    completed = subprocess.run(
        command,
        check=False,
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=900,
        env=env,
    )
    wall = time.perf_counter() - start
    if completed.returncode != 0:
        lines = completed.stderr.strip().splitlines()
        return {"error": lines[-1] if lines else f"exit {completed.returncode}"}
    result: dict[str, object] = json.loads(completed.stdout.strip().splitlines()[-1])
    result["process_wall_s"] = wall
    result["load"] = load
    return result


def with_layout(tool: str, layout: str, default: bool = False) -> str:
    return f"{tool}, layout: {layout}{DEFAULT if default else ''}"


# A spec that leaves `layout` out is one module, at every size.
DEFAULT_LAYOUT = "module"


def other_layout(layout: str) -> str:
    return "module" if layout == "per-model" else "per-model"


def measure_imports(
    args: argparse.Namespace,
    python: str,
    schemasmith: list[str],
    root: Path,
    env: dict[str, str],
) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    # The spec as users write it (no `layout`: one module), then with the
    # other layout set; the TypedDict module is the same in both, measured once.
    kinds_by_layout = {None: ("pydantic", "typed_dicts"), "other": ("pydantic",)}
    for n in args.import_sizes:
        chosen = ""
        for cycle, layout in itertools.product((False, True), kinds_by_layout):
            variant = "cycle" if cycle else "plain"
            workdir = root / f"imports-{n}-{variant}-{layout or 'default'}"
            (workdir / "spec").mkdir(parents=True, exist_ok=True)
            spec = synthetic.build_model(n, args.seed, cycle)
            spec_file = workdir / "spec" / "synthetic.yaml"
            spec_file.write_text(
                synthetic.to_schemasmith(
                    spec, layout=other_layout(chosen) if layout else None
                ),
                encoding="utf-8",
            )
            if layout is None:
                chosen = DEFAULT_LAYOUT
            payload = workdir / "payload.json"
            payload.write_text(json.dumps(synthetic.sample_payload(spec)))
            subprocess.run(
                [
                    *schemasmith,
                    "generate",
                    "--spec",
                    "spec",
                    "--out",
                    "generated",
                    "-q",
                ],
                cwd=workdir,
                check=True,
            )
            model = spec.models[0].name
            for kind in kinds_by_layout[layout]:
                if kind == "typed_dicts":
                    label = kind
                elif layout is None:
                    label = with_layout(kind, chosen, default=True)
                else:
                    label = with_layout(kind, other_layout(chosen))
                for cold in (True, False):
                    results = []
                    if not cold:  # a warm-up writes the bytecode cache
                        import_probe(python, workdir, kind, model, payload, False, env)
                    for _ in range(args.runs):
                        results.append(
                            import_probe(
                                python, workdir, kind, model, payload, cold, env
                            )
                        )
                    row = _summarise_imports(results)
                    row.update(
                        n=n,
                        variant=variant,
                        kind=label,
                        bytecode="compiled on import" if cold else "cached",
                    )
                    rows.append(row)
                    print(f"  import {label} N={n} {variant} {row['bytecode']}: {row}")
    return rows


def _summarise_imports(results: list[dict[str, object]]) -> dict[str, object]:
    errors = [r["error"] for r in results if "error" in r]
    if errors:
        return {"error": errors[0], "runs": len(results)}
    summary: dict[str, object] = {"runs": len(results)}
    for key in (
        "module_import_s",
        "pydantic_import_s",
        "first_validation_s",
        "schema_s",
        "process_wall_s",
    ):
        values = [r[key] for r in results if key in r]
        if values:
            summary[key] = statistics.median(cast(float, v) for v in values)
    for key in ("round_trip", "descriptions", "recursion_limit"):
        if key in results[0]:
            summary[key] = results[0][key]
    summary["load"] = max(cast(float, r["load"]) for r in results)
    return summary


def machine() -> dict[str, object]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.0f} GB"
    except OSError:
        pass
    return {
        "platform": platform.platform(),
        "cpu": cpu,
        "cpus": os.cpu_count(),
        "memory": memory,
        "load_at_start": os.getloadavg(),
    }


def versions(python: str) -> dict[str, str]:
    code = (
        "import importlib.metadata as m, json, sys\n"
        "out = {'python': sys.version.split()[0]}\n"
        "for name in ('schemasmith', 'pydantic', 'pyyaml', 'jinja2',"
        " 'datamodel-code-generator', 'linkml'):\n"
        "    try: out[name] = m.version(name)\n"
        "    except m.PackageNotFoundError: pass\n"
        "print(json.dumps(out))\n"
    )
    completed = subprocess.run(
        [python, "-c", code], capture_output=True, text=True, check=True
    )
    result: dict[str, str] = json.loads(completed.stdout)
    return result


@dataclass
class Job:
    """One command of a round-robin measurement (see `measure_interleaved`)."""

    tool: str
    command: list[str]
    before: Callable[[], None] = lambda: None
    after: Callable[[], str | None] = lambda: None


def measure_interleaved(
    jobs: list[Job],
    n: int,
    cwd: Path,
    *,
    runs: int,
    warmup: bool,
    timeout: float,
    env: dict[str, str] | None = None,
) -> list[Row]:
    """Run every job once per round, round after round, and summarise each as a Row.

    On a shared machine the speed drifts by tens of percent within minutes;
    taking one sample of each command in turn exposes every command to the
    same drift, so the ratios between them (ours against the floors) hold.
    """
    print(f"  {len(jobs)} commands (N={n}), round-robin ...", flush=True)
    rows = {job.tool: Row(job.tool, n, runs) for job in jobs}
    failed: set[str] = set()
    for index in range(runs + (1 if warmup else 0)):
        for job in jobs:
            if job.tool in failed:
                continue
            row = rows[job.tool]
            job.before()
            sample, stderr = run_once(
                job.command, cwd, timeout, env, sample_memory=not warmup or index == 0
            )
            problem = job.after() if sample.returncode == 0 else None
            if sample.returncode != 0 or problem:
                row.note = problem or (
                    f"exit {sample.returncode}: {stderr.strip().splitlines()[-1:] or ''}"
                )
                print(f"  {job.tool}: FAILED: {row.note}")
                failed.add(job.tool)
                continue
            if warmup and index == 0:
                row.memory_mb = sample.memory_mb
            else:
                row.samples.append(sample)
    for row in rows.values():
        if row.tool in failed or not row.samples:
            continue
        row.wall = statistics.median(s.wall for s in row.samples)
        row.cpu = statistics.median(s.cpu for s in row.samples)
        row.rss_mb = max(s.rss_mb for s in row.samples)
        row.memory_mb = peak_memory(row.samples) or row.memory_mb
        row.load = max(s.load for s in row.samples)
        print(
            f"  {row.tool}: {row.wall:.2f} s wall, {row.cpu:.2f} s CPU, "
            f"{row.rss_mb:.0f} MB RSS, {_mb(row.memory_mb)} MB all processes"
        )
    return list(rows.values())


def benchmark_size(
    args: argparse.Namespace,
    n: int,
    python: str,
    schemasmith: list[str],
    peers: dict[str, Path | None],
    root: Path,
    env: dict[str, str],
) -> list[Row]:
    print(f"N = {n}")
    workdir = root / f"n{n}"
    (workdir / "spec").mkdir(parents=True, exist_ok=True)
    spec = synthetic.build_model(n, args.seed)
    spec_file = workdir / "spec" / "synthetic.yaml"
    spec_file.write_text(synthetic.to_schemasmith(spec), encoding="utf-8")
    linkml_file = workdir / "synthetic.linkml.yaml"
    linkml_file.write_text(synthetic.to_linkml(spec), encoding="utf-8")
    out = workdir / "generated"
    # The same spec with the other layout set.
    chosen = DEFAULT_LAYOUT
    other = other_layout(chosen)
    (workdir / "spec-other-layout").mkdir(exist_ok=True)
    (workdir / "spec-other-layout" / "synthetic.yaml").write_text(
        synthetic.to_schemasmith(spec, layout=other), encoding="utf-8"
    )
    other_out = workdir / "generated-other-layout"
    unions_out = workdir / "generated-unions"
    if args.unions:
        (workdir / "spec-unions").mkdir(exist_ok=True)
        (workdir / "spec-unions" / "synthetic.yaml").write_text(
            synthetic.to_schemasmith(synthetic.build_model(n, args.seed, unions=True)),
            encoding="utf-8",
        )
    ours = {"runs": args.our_runs, "warmup": True, "timeout": args.timeout, "env": env}
    big = n >= 1000 and not args.full
    theirs = {
        "runs": 1 if big else args.runs,
        "warmup": not big,
        "timeout": args.peer_timeout,
        "env": env,
    }
    rows: list[Row] = []

    # Each `generate` into an empty folder finds the previous output moved
    # aside, not deleted: ext4 passes over inodes freed in the last minutes
    # when it allocates new ones (`recently_deleted` in its allocator), so
    # deleting 1,000 files before each run made every new file of the next run
    # cost 0.5 to 2 ms to create instead of about 0.06 ms, growing round by
    # round: a cost of the benchmark's own cleanup, not of an empty folder.
    set_aside = workdir / "set-aside"
    set_aside.mkdir(exist_ok=True)
    moved = itertools.count()

    def empty(folder: Path) -> None:
        if folder.exists():
            folder.rename(set_aside / f"{folder.name}-{next(moved)}")

    def fresh_output() -> None:
        empty(out)

    before: dict[str, tuple[int, int]] = {}

    def take_snapshot() -> None:
        before.clear()
        before.update(snapshot(out))

    def nothing_written() -> str | None:
        after = snapshot(out)
        if after != before:
            changed = sorted(
                k for k in after.keys() | before.keys() if after.get(k) != before.get(k)
            )
            return f"an unchanged spec rewrote {', '.join(changed)}"
        return None

    generate = [*schemasmith, "generate", "--spec", "spec", "--out", "generated", "-q"]
    # In this order within each round: `check` and the unchanged-spec run find
    # the output the first command has just written.
    jobs = [
        Job(with_layout(OURS, chosen, True), generate, before=fresh_output),
        Job(
            with_layout("schemasmith check (up to date)", chosen, True),
            [*schemasmith, "check", "--spec", "spec", "--out", "generated"],
        ),
        Job(
            with_layout("schemasmith generate (unchanged spec)", chosen, True),
            generate,
            before=take_snapshot,
            after=nothing_written,
        ),
        Job(
            with_layout(OURS, other),
            [
                *schemasmith,
                "generate",
                "--spec",
                "spec-other-layout",
                "--out",
                other_out.name,
                "-q",
            ],
            before=lambda: empty(other_out),
        ),
        *(
            [
                Job(
                    with_layout(OURS_UNIONS, chosen, True),
                    [
                        *schemasmith,
                        "generate",
                        "--spec",
                        "spec-unions",
                        "--out",
                        unions_out.name,
                        "-q",
                    ],
                    before=lambda: empty(unions_out),
                )
            ]
            if args.unions
            else []
        ),
        *(
            Job(
                f"floor: yaml.load CSafeLoader, {label}",
                [
                    python,
                    "-c",
                    _FLOOR_CODE.format(gc=gc_line, how="load"),
                    str(spec_file),
                ],
            )
            for label, gc_line in (("gc off", "gc.disable()"), ("gc on", "pass"))
        ),
        Job(
            FLOOR_RENDER,
            [
                python,
                "-c",
                _FLOOR_RENDER_CODE,
                str(spec_file),
                str(workdir / "floor.txt"),
            ],
        ),
        Job(
            "floor: yaml.compose CSafeLoader (our parser), gc off",
            [
                python,
                "-c",
                _FLOOR_CODE.format(gc="gc.disable()", how="compose"),
                str(spec_file),
            ],
        ),
    ]
    rows.extend(measure_interleaved(jobs, n, workdir, **ours))
    shutil.rmtree(set_aside)
    unchanged = rows[2]
    if unchanged.wall is not None and not unchanged.note:
        unchanged.note = "wrote nothing (files and mtimes unchanged)"
    if args.skip_peers:
        return rows
    schema = out / "json_schema" / "synthetic.schema.json"
    if not schema.exists():
        subprocess.run(
            [*schemasmith, "generate", "--spec", "spec", "--out", "generated", "-q"],
            cwd=workdir,
            check=True,
        )
    codegen = peers["datamodel-codegen"]
    if codegen is None:
        print("  datamodel-codegen not found next to the interpreter: skipped")
    else:
        for label, output_type, formatters in (
            ("Pydantic v2", "pydantic_v2.BaseModel", ["black", "isort"]),
            ("Pydantic v2, builtin formatter", "pydantic_v2.BaseModel", ["builtin"]),
            ("TypedDict", "typing.TypedDict", ["black", "isort"]),
        ):
            rows.append(
                measure(
                    f"datamodel-codegen {label}",
                    n,
                    [
                        str(codegen),
                        "--input",
                        str(schema),
                        "--input-file-type",
                        "jsonschema",
                        "--output-model-type",
                        output_type,
                        "--formatters",
                        *formatters,
                        "--output",
                        str(workdir / "datamodel_codegen_out.py"),
                    ],
                    workdir,
                    **theirs,
                )
            )
    linkml = peers["gen-pydantic"]
    if linkml is None:
        print("  LinkML's gen-pydantic not found next to the interpreter: skipped")
    else:
        rows.append(
            measure(
                "LinkML gen-pydantic",
                n,
                [str(linkml), str(linkml_file)],
                workdir,
                **theirs,
            )
        )
    return rows


def table(rows: list[Row]) -> str:
    ours = {r.n: r for r in rows if is_ours(r) and r.tool.endswith(DEFAULT) and r.wall}
    lines = [
        (
            "| tool | N | runs | median wall (s) | median CPU (s) "
            "| peak RSS, largest process (MB) | peak PSS, all processes (MB) "
            "| wall / ours | load |"
        ),
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        if row.wall is None:
            lines.append(
                f"| {row.tool} | {row.n} | - | - | - | - | - | - | {row.note} |"
            )
            continue
        base = ours.get(row.n)
        ratio = f"{row.wall / base.wall:.2f}x" if base and base.wall else "-"
        lines.append(
            f"| {row.tool} | {row.n} | {len(row.samples)} | {row.wall:.2f} | {row.cpu:.2f} "
            f"| {row.rss_mb:.0f} | {_mb(row.memory_mb)} | {ratio} | {row.load:.1f} |"
        )
    return "\n".join(lines)


def _mb(value: float | None) -> str:
    return "-" if value is None else f"{value:.0f}"


def floor_ratios(rows: list[Row]) -> str:
    """`generate` against each floor, per size: the "at most 2x the floor" target."""
    by_key = {(r.tool, r.n): r for r in rows if r.wall}
    lines = [
        (
            "| N | command | wall (s) | parse floor (s) | / parse floor "
            "| parse + template floor (s) | / parse + template floor |"
        ),
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for n in sorted({r.n for r in rows}):
        parse, render = by_key.get((FLOOR, n)), by_key.get((FLOOR_RENDER, n))
        if not (parse and render and parse.wall and render.wall):
            continue
        for tool in sorted(
            r.tool
            for r in rows
            if r.n == n and (is_ours(r) or r.tool.startswith(OURS_UNIONS))
        ):
            ours = by_key.get((tool, n))
            if not (ours and ours.wall):
                continue
            lines.append(
                f"| {n} | {tool} | {ours.wall:.2f} | {parse.wall:.2f} "
                f"| {ours.wall / parse.wall:.2f}x | {render.wall:.2f} "
                f"| {ours.wall / render.wall:.2f}x |"
            )
    return "\n".join(lines)


def is_ours(row: Row) -> bool:
    """A row of `schemasmith generate` into an empty folder, in either layout."""
    return row.tool.startswith(with_layout(OURS, ""))


def scaling(rows: list[Row]) -> str:
    """Per layout, and as a spec that leaves `layout` out gets it (its layout
    may differ between the two sizes)."""
    by_tool: dict[str, dict[int, Row]] = {}
    for row in rows:
        if row.wall:
            by_tool.setdefault(row.tool.removesuffix(DEFAULT), {})[row.n] = row
            if row.tool.endswith(DEFAULT):
                as_written = re.sub(r", layout: \S+ \(default\)$", "", row.tool)
                by_tool.setdefault(f"{as_written}, default layout", {})[row.n] = row
    lines = [
        "| tool | wall N=1000 / N=100 | CPU N=1000 / N=100 |",
        "| --- | ---: | ---: |",
    ]
    for tool, sizes in by_tool.items():
        if 100 in sizes and 1000 in sizes:
            small, large = sizes[100], sizes[1000]
            assert small.wall and large.wall and small.cpu and large.cpu
            lines.append(
                f"| {tool} | {large.wall / small.wall:.1f} | {large.cpu / small.cpu:.1f} |"
            )
    return "\n".join(lines)


def imports_table(rows: list[dict[str, object]]) -> str:
    lines = [
        (
            "| module | N | variant | bytecode | import (s) | + pydantic (s) | first validation (s) | "
            "descriptions in schema | load |"
        ),
        "| --- | ---: | --- | --- | ---: | ---: | ---: | --- | ---: |",
    ]

    def f(value: object) -> str:
        return f"{value:.2f}" if isinstance(value, float) else "-"

    for row in rows:
        if "error" in row:
            lines.append(
                f"| {row['kind']} | {row['n']} | {row['variant']} | {row['bytecode']} "
                f"| {row['error']} | | | | |"
            )
            continue
        lines.append(
            f"| {row['kind']} | {row['n']} | {row['variant']} | {row['bytecode']} "
            f"| {f(row.get('module_import_s'))} | {f(row.get('pydantic_import_s'))} "
            f"| {f(row.get('first_validation_s'))} | {row.get('descriptions', '-')} "
            f"| {f(row.get('load'))} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="10,100,1000", help="model counts (default: 10,100,1000)"
    )
    parser.add_argument(
        "--import-sizes",
        default="125,1000",
        help="N for the import-time measurements ('' to skip; 125 models are "
        "5,000 fields, the most one module gets by default)",
    )
    parser.add_argument(
        "--runs",
        type=int,
        default=3,
        help="timed runs of each peer and import after the warm-up (default: 3)",
    )
    parser.add_argument(
        "--our-runs",
        type=int,
        default=7,
        help="timed rounds of our commands and the floors after the warm-up "
        "(default: 7; the machine drifts, and the ratios need more samples)",
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="peers at N=1000 get the warm-up and all runs too",
    )
    parser.add_argument(
        "--skip-peers",
        action="store_true",
        help="do not run datamodel-codegen or LinkML",
    )
    parser.add_argument(
        "--python",
        default=sys.executable,
        help="interpreter with schemasmith (and the peers) installed",
    )
    parser.add_argument(
        "--unions",
        action="store_true",
        help="also time generate on the spec with unions (synthetic.py --unions) "
        "in the same rounds",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--peer-timeout", type=float, default=900.0)
    parser.add_argument(
        "--keep",
        metavar="DIR",
        help="work in DIR and keep it (default: a temporary folder)",
    )
    parser.add_argument(
        "--results",
        default=str(HERE / "results"),
        help="where the JSON and Markdown go",
    )
    args = parser.parse_args(argv)
    args.sizes = [int(s) for s in args.sizes.split(",") if s]
    args.import_sizes = [int(s) for s in args.import_sizes.split(",") if s]
    python = args.python
    bin_dir = Path(python).parent
    schemasmith = [python, "-m", "generator"]
    peers = {
        name: find_tool(bin_dir, name) for name in ("datamodel-codegen", "gen-pydantic")
    }
    if (bin_dir / "schemasmith").exists():
        schemasmith = [str(bin_dir / "schemasmith")]  # the console script users run
    started = dt.datetime.now(dt.timezone.utc)
    info = {"machine": machine(), "versions": versions(python)}
    print(json.dumps(info, indent=2))
    root = (
        Path(args.keep)
        if args.keep
        else Path(tempfile.mkdtemp(prefix="schemasmith-bench-"))
    )
    root.mkdir(parents=True, exist_ok=True)
    # Bytecode is cached as an installed package's would be (some environments set
    # PYTHONDONTWRITEBYTECODE), but in the work folder rather than the source tree.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
    try:
        rows: list[Row] = []
        for n in args.sizes:
            rows.extend(benchmark_size(args, n, python, schemasmith, peers, root, env))
        print(
            "Import time of the generated modules (fresh process, default recursion limit)"
        )
        imports = measure_imports(args, python, schemasmith, root, env)
    finally:
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
    finished = dt.datetime.now(dt.timezone.utc)
    command = "python benchmarks/run.py " + " ".join(
        argv if argv is not None else sys.argv[1:]
    )
    markdown = "\n\n".join(
        [
            f"Run {started:%Y-%m-%d %H:%M} UTC on {info['machine']['cpu']} "  # type: ignore[index]
            f"({info['machine']['cpus']} CPUs, {info['machine']['memory']}), "  # type: ignore[index]
            f"load average at start {info['machine']['load_at_start'][0]:.2f}; "  # type: ignore[index]
            + ", ".join(f"{k} {v}" for k, v in info["versions"].items())  # type: ignore[attr-defined]
            + f".\nCommand: `{command.strip()}`",
            table(rows),
            "`generate` (all targets) against the floors (medians of wall time); "
            "the layout is that of the Pydantic models, and `(default)` marks the "
            "spec as written, without `layout` (one module); a copy of the "
            "spec sets the other layout:\n\n" + floor_ratios(rows),
            "Scaling from N=100 to N=1000:\n\n" + scaling(rows),
            "Importing the generated modules (a fresh process each; `import` excludes"
            " importing pydantic itself, shown next to it):\n\n"
            + imports_table(imports),
        ]
    )
    print()
    print(markdown)
    results = Path(args.results)
    results.mkdir(parents=True, exist_ok=True)
    stamp = f"{started:%Y%m%d-%H%M%S}"
    document = {
        **info,
        "command": command.strip(),
        "started": started.isoformat(),
        "finished": finished.isoformat(),
        "rows": [asdict(r) for r in rows],
        "imports": imports,
    }
    for name in (f"{stamp}.json", "latest.json"):
        (results / name).write_text(
            json.dumps(document, indent=2) + "\n", encoding="utf-8"
        )
    (results / "latest.md").write_text(markdown + "\n", encoding="utf-8")
    print(f"\nwrote {results / (stamp + '.json')}, latest.json and latest.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
