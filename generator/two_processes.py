"""Rendering a big spec's targets on two processes: this one and a forked child.

The targets are independent functions of the frozen IR, so a child forked
after loading sees the same IR and templates and can render some of them while
this process renders the others. Only where it pays: a big spec, a second CPU,
and a system where forking a single-threaded process is safe.
"""

from __future__ import annotations

import mmap
import os
import pickle
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
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
    # The size first: an everyday spec need not probe the system.
    fields = sum(module.field_count for module in modules)
    if fields < MIN_FIELDS:
        return False
    if not hasattr(os, "fork") or sys.platform == "darwin":
        return False  # macOS system libraries are not fork-safe
    if _other_threads_run():  # forking them can deadlock the child
        return False
    # A process that ignores SIGCHLD has its children reaped by the system,
    # so their exit status (whether their files are whole) is lost.
    if signal.getsignal(signal.SIGCHLD) == signal.SIG_IGN:
        return False
    return os.environ.get(JOBS_VARIABLE, "").strip() != "1" and available_cpus() >= 2


def _other_threads_run() -> bool:
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        return True
    try:  # Linux also counts threads started outside `threading` (C extensions)
        return len(os.listdir("/proc/self/task")) > 1
    except OSError:
        return False


def available_cpus(
    proc_cgroup: str = "/proc/self/cgroup", cgroup_root: str = "/sys/fs/cgroup"
) -> float:
    """The CPUs this process may use: its affinity, capped by any CPU quota of
    its cgroup or the cgroups above it (a container's, a systemd unit's)."""
    affinity = getattr(os, "sched_getaffinity", None)
    cpus: float = len(affinity(0)) if affinity is not None else (os.cpu_count() or 1)
    quotas = list(_cgroup_cpu_quotas(proc_cgroup, Path(cgroup_root)))
    return min([cpus, *quotas])


def _cgroup_cpu_quotas(proc_cgroup: str, root: Path) -> Iterator[float]:
    """Every CPU quota (in CPUs) set on this process's cgroups, v2 and v1."""
    try:
        lines = Path(proc_cgroup).read_text(encoding="utf-8").splitlines()
    except OSError:
        return
    for line in lines:
        hierarchy, _, rest = line.partition(":")
        controllers, _, path = rest.partition(":")
        if hierarchy == "0" and not controllers:  # v2: cpu.max, "QUOTA PERIOD"
            for folder in _self_and_parents(root, path):
                quota = _read_numbers(folder / "cpu.max")
                if quota is not None:
                    yield quota
        elif "cpu" in controllers.split(","):  # v1: cfs_quota_us and cfs_period_us
            for mount in {root / controllers, root / "cpu"}:
                for folder in _self_and_parents(mount, path):
                    quota = _read_numbers(
                        folder / "cpu.cfs_quota_us", folder / "cpu.cfs_period_us"
                    )
                    if quota is not None:
                        yield quota


def _self_and_parents(mount: Path, path: str) -> Iterator[Path]:
    # Inside a container the cgroup path may name a folder of the host's tree
    # that is not mounted here; the mount's own root then holds the quota.
    folder = mount.joinpath(*[part for part in path.split("/") if part])
    while True:
        yield folder
        if folder == mount:
            return
        folder = folder.parent


def _read_numbers(*files: Path) -> float | None:
    """QUOTA / PERIOD from one file ("QUOTA PERIOD") or two; None without a quota."""
    try:
        words = [w for file in files for w in file.read_text("ascii").split()]
        quota, period = float(words[0]), float(words[1])
    except (OSError, ValueError, IndexError):  # missing, "max", unreadable
        return None
    return quota / period if quota > 0 and period > 0 else None  # v1: -1 is none


def render_shared(
    targets: tuple[Target, ...],
    render_one: RenderOne,
    on_rendered: Callable[[dict[str, str]], None] | None = None,
) -> dict[str, dict[str, str]]:
    """Each target rendered once, by this process or a forked child, as `{name: files}`.

    Both processes take the next target from a queue: a pipe holding one byte
    per target index, read a byte at a time (atomic), so a process the
    scheduler holds back simply takes fewer. This process takes the costliest
    target before the child starts, and passes each target it renders to
    `on_rendered` (which may write its files) before taking the next, so that
    writing overlaps the child's rendering. A target missing from the result
    failed (or the child died, or could not be started); the caller renders it
    again, here, so that it fails with this process's own traceback.
    """
    rank = {name: place for place, name in enumerate(COSTLIEST_FIRST)}
    order = sorted(
        range(len(targets)),
        key=lambda i: rank.get(targets[i].name, len(COSTLIEST_FIRST) // 2),
    )
    open_fds: list[int] = []

    def pipe() -> tuple[int, int]:
        read_end, write_end = os.pipe()
        open_fds.extend((read_end, write_end))
        return read_end, write_end

    def close(fd: int) -> None:
        open_fds.remove(fd)
        os.close(fd)

    try:
        queue, queue_in = pipe()
        os.write(queue_in, bytes(order))
        close(queue_in)
        # The child appends each target's files to this file as soon as it has
        # rendered them (pickled, behind their length), so that little is left
        # to send when it finishes; this process reads them in place, mapped.
        results = _anonymous_file()
        open_fds.append(results)

        def render_queued(
            taken: bytes, report: Callable[[str, dict[str, str]], None]
        ) -> dict[str, dict[str, str]]:
            done: dict[str, dict[str, str]] = {}
            while taken:
                target = targets[taken[0]]
                try:
                    files = render_one(target)
                except Exception:  # noqa: BLE001 - the caller renders it again, and reports it
                    break
                done[target.name] = files
                report(target.name, files)
                taken = os.read(queue, 1)
            return done

        # This process takes the costliest target (the most files, in the
        # per-model layout): it writes them while the child renders others.
        first = os.read(queue, 1)

        # No signal handler may run between fork() returning and the code that
        # owns the child (here) or the caller's stack (there): a Ctrl-C waits.
        interrupts = {signal.SIGINT, signal.SIGTERM}
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, interrupts)
        try:
            pid = os.fork()
        except OSError:  # no process to spare (EAGAIN, ENOMEM): all render here
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            return {}
        if pid == 0:  # the child never returns into the caller's code
            status = 1
            try:
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)
                with os.fdopen(results, "wb", closefd=False) as sink:

                    def send(name: str, files: dict[str, str]) -> None:
                        record = pickle.dumps(
                            (name, files), protocol=pickle.HIGHEST_PROTOCOL
                        )
                        sink.write(len(record).to_bytes(8, "little"))
                        sink.write(record)

                    render_queued(os.read(queue, 1), send)
                status = 0
            finally:
                os._exit(status)
        try:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)

            def pass_on(name: str, files: dict[str, str]) -> None:
                if on_rendered is not None:
                    on_rendered(files)

            produced = render_queued(first, pass_on)
            status = _wait(pid)
        except BaseException:
            os.kill(pid, signal.SIGKILL)  # not reaped yet, so still the child's pid
            _wait(pid)
            raise
        # A child that did not exit 0 died before it wrote everything.
        if os.waitstatus_to_exitcode(status) == 0:
            produced.update(_records(results))
    finally:
        while open_fds:
            close(open_fds[-1])
    return produced


def _wait(pid: int) -> int:
    """The child's wait status; the one place the child is reaped."""
    try:
        return os.waitpid(pid, 0)[1]
    except ChildProcessError:  # reaped by the system after all
        return 1 << 8


def _anonymous_file() -> int:
    """A file descriptor of a file in memory with no name (a temporary file without memfd)."""
    if hasattr(os, "memfd_create"):
        return os.memfd_create("schemasmith-results", os.MFD_CLOEXEC)
    with tempfile.TemporaryFile() as handle:  # pragma: no cover - not Linux
        return os.dup(handle.fileno())


def _records(fd: int) -> Iterator[tuple[str, dict[str, str]]]:
    """The (target name, files) records the child appended to the file `fd`, in order."""
    size = os.fstat(fd).st_size
    if size == 0:
        return
    with mmap.mmap(fd, size, prot=mmap.PROT_READ) as mapped, memoryview(mapped) as view:
        position = 0
        while position < size:
            length = int.from_bytes(view[position : position + 8], "little")
            position += 8
            with view[position : position + length] as record:
                yield pickle.loads(record)
            position += length
