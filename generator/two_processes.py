"""Rendering a big spec's targets on two processes: this one and a forked child.

The targets are independent functions of the frozen IR, so a child forked
after loading sees the same IR and templates and can render some of them while
this process renders the others. Only where it pays: a big spec, a second CPU,
and a system where forking a single-threaded process is safe.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from generator import ir
from generator.targets import Target

# Below this many fields a second process costs more than it saves (one module
# like spec/run.yaml has a few dozen fields; the synthetic N = 100 spec 4,000).
MIN_FIELDS = 2_000
# Set to 1 to keep rendering on one process.
JOBS_VARIABLE = "SCHEMASMITH_JOBS"

# Costliest first (render times at N = 1000 fields x 40), so that the last
# target either process takes is a cheap one; others go in the middle.
COSTLIEST_FIRST = ("pydantic", "typescript", "typed_dicts", "markdown", "json_schema")

RenderOne = Callable[[Target], dict[str, str]]


def worth_it(modules: tuple[ir.Module, ...], targets: tuple[Target, ...]) -> bool:
    """Whether a second process may render some of these targets."""
    if not 2 <= len(targets) <= 255:  # the queue holds a byte per target
        return False
    if not hasattr(os, "fork") or sys.platform == "darwin":
        return False  # macOS system libraries are not fork-safe
    # Forking a process that runs other threads can deadlock the child.
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return False
    if os.environ.get(JOBS_VARIABLE, "").strip() == "1" or available_cpus() < 2:
        return False
    fields = sum(len(model.fields) for module in modules for model in module.models)
    return fields >= MIN_FIELDS


def available_cpus(cgroup_cpu_max: str = "/sys/fs/cgroup/cpu.max") -> float:
    """The CPUs this process may use: its affinity, capped by a container's CPU quota."""
    affinity = getattr(os, "sched_getaffinity", None)
    cpus: float = len(affinity(0)) if affinity is not None else (os.cpu_count() or 1)
    try:  # cgroup v2: "QUOTA PERIOD", or "max PERIOD" without a quota
        quota, period = Path(cgroup_cpu_max).read_text(encoding="ascii").split()
        if quota != "max":
            cpus = min(cpus, int(quota) / int(period))
    except (OSError, ValueError):
        pass
    return cpus


def render_shared(
    targets: tuple[Target, ...], render_one: RenderOne
) -> dict[str, dict[str, str]]:
    """Each target rendered once, by this process or a forked child, as `{name: files}`.

    Both processes take the next target from a queue: a pipe holding one byte
    per target index, read a byte at a time (atomic), so a process the
    scheduler holds back simply takes fewer. A target missing from the result
    failed (or the child died); the caller renders it again, here, so that it
    fails with this process's own traceback.
    """
    queue_read, queue_write = os.pipe()
    rank = {name: place for place, name in enumerate(COSTLIEST_FIRST)}
    order = sorted(
        range(len(targets)),
        key=lambda i: rank.get(targets[i].name, len(COSTLIEST_FIRST) // 2),
    )
    os.write(queue_write, bytes(order))
    os.close(queue_write)

    def render_queued() -> dict[str, dict[str, str]]:
        done: dict[str, dict[str, str]] = {}
        while taken := os.read(queue_read, 1):
            target = targets[taken[0]]
            try:
                done[target.name] = render_one(target)
            except Exception:  # noqa: BLE001 - the caller renders it again, and reports it
                break
        return done

    result_read, result_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child never returns into the caller's code
        status = 1
        try:
            os.close(result_read)
            done = render_queued()
            with os.fdopen(result_write, "wb") as sink:
                pickle.dump(done, sink, protocol=pickle.HIGHEST_PROTOCOL)
            status = 0
        finally:
            os._exit(status)
    os.close(result_write)
    reaped = False
    try:
        with os.fdopen(result_read, "rb") as source:
            produced = render_queued()
            data = source.read()
        _, status = os.waitpid(pid, 0)
        reaped = True
    finally:
        os.close(queue_read)
        if not reaped:  # interrupted: the child's work is not wanted
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    # A child that did not exit 0 died before it wrote everything.
    if os.waitstatus_to_exitcode(status) == 0:
        produced.update(pickle.loads(data))
    return produced
