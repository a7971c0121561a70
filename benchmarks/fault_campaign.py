"""Kill, interrupt and race `schemasmith generate` on a small spec, and check what it leaves.

    python benchmarks/fault_campaign.py [--kills 100] [--interrupts 50] [--pairs 20] [--seed 1]

Two versions of a spec of a dozen small modules (A, and B with modules
changed, removed and added: a branch switch) are rendered into one output
folder, which also holds a file of the user's, next to a folder outside it.

- kills: a run switching to the other version is killed (SIGKILL and SIGTERM
  alternately) at a random moment past its start-up. Then no file may be half-written (each
  holds what A or B renders), the manifest must list every generated file
  present, and the next run, with either version, must succeed and leave
  exactly that version, with no temporary file left anywhere.
- interrupts: SIGINT at a random moment: exit 0, or 130 with one line on
  stderr; nothing left behind; the folder holds A or B, never a mix. An
  interrupt in Python's own start-up (before schemasmith's first line runs)
  is Python's, and counted apart.
- pairs: a run with A and one with B start together; both must succeed, one
  after the other, and the folder must hold one version exactly.

Prints the counts; exits 1 if any run broke a rule.
"""

from __future__ import annotations

import argparse
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator import writer
from generator.pipeline import Options, build, discover_specs

MODULE = """\
schemasmith: 1
module: {name}
models:
  {model}:
    description: {description}
    fields:
      id: {{type: string, required: true, description: The id.}}
      size: {{type: integer, description: How big.}}
      tags: {{type: "list<string>"}}
"""


def write_specs(folder: Path, names: list[str], description: str) -> None:
    folder.mkdir(parents=True)
    for name in names:
        text = MODULE.format(
            name=name, model=name.capitalize() + "Model", description=description
        )
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")


def render(spec: Path) -> dict[str, str]:
    return build(discover_specs([str(spec)]), Options())


def start(spec: Path, out: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "generate", "-q"]
        + ["--spec", str(spec), "--out", str(out)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def in_python_start_up(traceback: str) -> bool:
    """Whether a traceback's frames are all Python's start-up, before the first
    line of `generator.__main__.run` (which sets the handler) ran."""
    frames = [
        line for line in traceback.splitlines() if line.strip().startswith("File ")
    ]
    ours = [f for f in frames if str(ROOT / "generator") in f]
    return all(f.endswith("<module>") and "__main__.py" in f for f in ours)


class Campaign:
    def __init__(self, work: Path, seed: int) -> None:
        self.random = random.Random(seed)
        self.specs = {"A": work / "a", "B": work / "b"}
        write_specs(self.specs["A"], [f"mod{i}" for i in range(12)], "Version A.")
        write_specs(
            self.specs["B"],
            [f"mod{i}" for i in range(8)] + [f"new{i}" for i in range(4)],
            "Version B.",
        )
        self.rendered = {key: render(spec) for key, spec in self.specs.items()}
        self.out = work / "out"
        self.outside = work / "outside"
        self.outside.mkdir()
        (self.outside / "sentinel.txt").write_text("outside\n", encoding="utf-8")
        self.user_file = self.out / "NOTES.user.md"
        self.broken: list[str] = []
        self.counts: Counter[str] = Counter()
        self.regenerate("A")
        self.user_file.write_text("the user's\n", encoding="utf-8")
        self.duration = self.time_a_run()

    def time_a_run(self) -> float:
        began = time.perf_counter()
        for key in ("B", "A"):
            process = start(self.specs[key], self.out)
            process.communicate()
        return (time.perf_counter() - began) / 2

    def regenerate(self, key: str) -> int:
        process = start(self.specs[key], self.out)
        _, err = process.communicate()
        if process.returncode != 0:
            self.fail(f"generate {key} exited {process.returncode}: {err.strip()}")
        return process.returncode

    def fail(self, message: str) -> None:
        self.broken.append(message)

    def matches(self) -> str:
        """Which version the folder holds exactly: "A", "B" or "neither"."""
        for key, files in self.rendered.items():
            if not writer.plan(self.out, files):
                return key
        return "neither"

    def check_invariants(self, when: str) -> None:
        temporary = writer.leftovers(self.out)
        manifest = self.out / writer.MANIFEST
        listed = set(writer.owned_files(self.out)) if manifest.exists() else set()
        generated = set(self.rendered["A"]) | set(self.rendered["B"])
        for path in sorted(p for p in self.out.rglob("*") if p.is_file()):
            relative = path.relative_to(self.out).as_posix()
            if (
                relative in (writer.MANIFEST, self.user_file.name)
                or relative in temporary
            ):
                continue
            versions = {files.get(relative) for files in self.rendered.values()}
            if path.read_text(encoding="utf-8") not in versions:
                self.fail(f"{when}: {relative} holds neither version (half-written?)")
            if relative in generated and relative not in listed:
                self.fail(f"{when}: {relative} is not in the manifest")
        if self.user_file.read_text(encoding="utf-8") != "the user's\n":
            self.fail(f"{when}: the user's file changed")
        if [p.name for p in self.outside.iterdir()] != ["sentinel.txt"]:
            self.fail(f"{when}: the folder outside changed")
        if temporary:
            self.counts["temporary files left by the killed runs"] += len(temporary)
            self.counts["killed runs that left temporary files"] += 1

    def no_temporary_files(self, when: str) -> None:
        if writer.leftovers(self.out):
            self.fail(f"{when}: temporary files stay: {writer.leftovers(self.out)}")

    def kills(self, count: int) -> None:
        current = self.matches()
        for attempt in range(count):
            other = "B" if current == "A" else "A"
            sig = signal.SIGKILL if attempt % 2 == 0 else signal.SIGTERM
            process = start(self.specs[other], self.out)
            # Past the start-up and imports, where the folder is read and written.
            time.sleep(self.random.uniform(0.3, 1.05) * self.duration)
            process.send_signal(sig)
            process.communicate()
            self.counts[f"{sig.name}: exit {process.returncode}"] += 1
            when = f"kill {attempt} ({sig.name})"
            self.check_invariants(when)
            state = self.matches()
            self.counts[f"after a kill, the folder held {state}"] += 1
            # The next run uses either version (a branch switch, or not).
            current = self.random.choice(["A", "B"])
            if self.regenerate(current) == 0:
                if self.matches() != current:
                    self.fail(
                        f"{when}: the next run left {self.matches()}, not {current}"
                    )
                self.no_temporary_files(when)
                self.check_invariants(f"{when}, repaired")

    def interrupts(self, count: int) -> None:
        for attempt in range(count):
            target = "B" if self.matches() == "A" else "A"
            process = start(self.specs[target], self.out)
            time.sleep(self.random.uniform(0, 1.05) * self.duration)
            process.send_signal(signal.SIGINT)
            _, err = process.communicate()
            when = f"interrupt {attempt}"
            code = process.returncode
            if "Traceback" in err and in_python_start_up(err):
                self.counts["SIGINT in Python's own start-up (its traceback)"] += 1
            elif code == 0 and err == "":
                self.counts["SIGINT after the run ended: exit 0"] += 1
            elif (
                code == 130
                and len(err.splitlines()) == 1
                and err.startswith("schemasmith: interrupted")
            ):
                self.counts[f"exit 130: {err.strip()}"] += 1
            elif code == -signal.SIGINT and err == "":
                self.counts["SIGINT before Python set its handler: killed"] += 1
            else:
                self.fail(f"{when}: exit {code}, stderr {err!r}")
            self.no_temporary_files(when)
            self.check_invariants(when)
            state = self.matches()
            if state == "neither":
                self.fail(f"{when}: the folder holds neither version")

    def pairs(self, count: int) -> None:
        for attempt in range(count):
            first, second = ("A", "B") if attempt % 2 == 0 else ("B", "A")
            processes = [start(self.specs[key], self.out) for key in (first, second)]
            results = [p.communicate()[1] for p in processes]
            codes = [p.returncode for p in processes]
            when = f"pair {attempt}"
            if codes != [0, 0]:
                self.fail(f"{when}: exits {codes}: {results}")
            waited = sum(
                "waiting for another schemasmith run" in err for err in results
            )
            self.counts[f"pairs in which a run waited for the other: {waited}"] += 1
            self.no_temporary_files(when)
            self.check_invariants(when)
            state = self.matches()
            self.counts[f"pairs leaving {state}"] += 1
            if state == "neither":
                self.fail(f"{when}: the folder holds neither version")


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--kills", type=int, default=100)
    options.add_argument("--interrupts", type=int, default=50)
    options.add_argument("--pairs", type=int, default=20)
    options.add_argument("--seed", type=int, default=1)
    args = options.parse_args()
    work = Path(tempfile.mkdtemp(prefix="schemasmith-faults-"))
    try:
        campaign = Campaign(work, args.seed)
        print(
            f"one run takes {campaign.duration:.2f} s; {len(campaign.rendered['A'])} files"
        )
        began = time.perf_counter()
        campaign.kills(args.kills)
        campaign.interrupts(args.interrupts)
        campaign.pairs(args.pairs)
        for key, value in sorted(campaign.counts.items()):
            print(f"{value:5}  {key}")
        print(
            f"{len(campaign.broken)} broken rules in {time.perf_counter() - began:.0f} s"
        )
        for message in campaign.broken:
            print(f"  {message}")
        return 1 if campaign.broken else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
