"""Rendering big specs on two processes: the same bytes, and the same errors, as on one."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from generator import two_processes
from generator.loading import load_modules
from generator.pipeline import Options, RenderError, render, selected_targets
from generator.targets import (
    Target,
    json_schema,
    markdown,
    pydantic_models,
    typed_dicts,
    typescript,
)
from tests.conftest import CASES, ROOT

ALL_TARGET_MODULES = (pydantic_models, typed_dicts, json_schema, typescript, markdown)
pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")

SPECS = [str(ROOT / "spec" / "run.yaml")] + [
    str(case / "spec.yaml") for case in sorted(CASES.iterdir())
]


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Fork even for small specs; records each time a child was forked."""
    monkeypatch.setattr(two_processes, "MIN_FIELDS", 0)
    monkeypatch.setattr(two_processes, "available_cpus", lambda: 2.0)
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.delenv(two_processes.JOBS_VARIABLE, raising=False)
    calls: list[int] = []
    original = two_processes.render_shared

    def counted(*args: object, **kwargs: object) -> dict[str, dict[str, str]]:
        calls.append(1)
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(two_processes, "render_shared", counted)
    return calls


def before_each_render(
    monkeypatch: pytest.MonkeyPatch, hook: Callable[[str], None]
) -> None:
    """Call `hook(target name)`, in whichever process renders, before each target renders."""
    for target in ALL_TARGET_MODULES:
        original = target.render

        def hooked(
            *args: object, name: str = target.NAME, original: object = original
        ) -> dict[str, str]:
            hook(name)
            return original(*args)  # type: ignore[operator, no-any-return]

        monkeypatch.setattr(target, "render", hooked)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: Path(s).parent.name)
def test_two_processes_render_the_same_bytes_as_one(
    spec: str, forks: list[int]
) -> None:
    modules = load_modules([spec])
    serial = render(modules, Options(two_processes=False))
    assert forks == []
    shared = render(modules, Options())
    assert forks == [1]
    assert list(shared) == list(serial)
    assert shared == serial


def test_each_target_renders_once_and_the_child_renders_some(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    log = tmp_path / "renders.log"
    log.touch()
    parent = str(os.getpid())
    waited_out: list[str] = []

    def renderers() -> set[str]:
        return {line.split()[1] for line in log.read_text("utf-8").splitlines()}

    for target in ALL_TARGET_MODULES:
        original = target.render

        def logged(
            *args: object, name: str = target.NAME, original: object = original
        ) -> dict[str, str]:
            pid = str(os.getpid())
            # This process waits until the child has rendered a target, so
            # that a child whose work were lost could not go unnoticed.
            deadline = time.monotonic() + 60
            while pid == parent and not waited_out and renderers() <= {parent}:
                if time.monotonic() > deadline:
                    waited_out.append(name)
                time.sleep(0.01)
            result = original(*args)  # type: ignore[operator]
            with log.open("a", encoding="utf-8") as handle:
                handle.write(f"{name} {pid}\n")
            return result  # type: ignore[no-any-return]

        monkeypatch.setattr(target, "render", logged)
    modules = load_modules(SPECS[:1])
    produced = render(modules, Options())
    assert forks == [1]
    names = [line.split()[0] for line in log.read_text("utf-8").splitlines()]
    assert sorted(names) == sorted(t.NAME for t in ALL_TARGET_MODULES)
    assert not waited_out, "the child rendered nothing"
    assert len(renderers()) == 2
    monkeypatch.undo()
    assert produced == render(modules, Options(two_processes=False))


def test_this_process_passes_on_its_files_while_the_child_still_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    """`generate` writes the files this process rendered while the child renders
    the rest: each target's files reach `on_rendered` as soon as they are here."""
    parent = os.getpid()
    passed_on = tmp_path / "passed-on"
    log = tmp_path / "renders.log"
    log.touch()

    def logged(name: str) -> None:
        waited = "-"
        if os.getpid() != parent:  # the child waits for this process's files
            deadline = time.monotonic() + 30
            while not passed_on.exists() and time.monotonic() < deadline:
                time.sleep(0.01)
            waited = "saw" if passed_on.exists() else "timed-out"
            passed_on.touch()  # waits once at most
        with log.open("a", encoding="utf-8") as handle:
            handle.write(f"{name} {os.getpid()} {waited}\n")

    before_each_render(monkeypatch, logged)
    received: dict[str, str] = {}

    def on_rendered(files: dict[str, str]) -> None:
        assert os.getpid() == parent
        received.update(files)
        passed_on.touch()

    modules = load_modules(SPECS[:1])
    produced = render(modules, Options(), on_rendered)
    assert forks == [1]
    renders = [line.split() for line in log.read_text("utf-8").splitlines()]
    # This process takes the costliest target before the child starts.
    assert ["pydantic", str(parent), "-"] in renders
    in_child = [waited for _, pid, waited in renders if pid != str(parent)]
    assert in_child and in_child[0] == "saw"
    assert received == produced


def test_the_costliest_targets_are_taken_first(monkeypatch: pytest.MonkeyPatch) -> None:
    taken: list[str] = []
    # This process as the parent of a child that took nothing and exited 1.
    monkeypatch.setattr(os, "fork", lambda: 12345)
    monkeypatch.setattr(os, "waitpid", lambda pid, options: (pid, 1 << 8))
    monkeypatch.setattr(os, "kill", kill_nobody)
    targets = selected_targets(Options())

    def take(target: Target) -> dict[str, str]:
        taken.append(target.name)
        return {}

    produced = two_processes.render_shared(targets, take)
    assert taken == list(two_processes.COSTLIEST_FIRST)
    assert sorted(produced) == sorted(t.name for t in targets)


def test_a_small_spec_renders_on_one_process() -> None:
    modules = load_modules([str(ROOT / "spec" / "run.yaml")])
    assert not two_processes.worth_it(modules, selected_targets(Options()))


@pytest.mark.parametrize(
    "setup",
    ["no fork", "macos", "jobs 1", "one cpu", "one target", "a thread"],
)
def test_where_forking_is_unsafe_or_unwanted_everything_renders_here(
    setup: str, monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    modules = load_modules(SPECS[:1])
    serial = render(modules, Options(two_processes=False))
    options = Options()
    release = threading.Event()
    if setup == "no fork":
        monkeypatch.delattr(os, "fork")
    elif setup == "macos":
        monkeypatch.setattr(sys, "platform", "darwin")
    elif setup == "jobs 1":
        monkeypatch.setenv(two_processes.JOBS_VARIABLE, "1")
    elif setup == "one cpu":
        monkeypatch.setattr(two_processes, "available_cpus", lambda: 1.5)
    elif setup == "one target":
        options = Options(targets=("markdown",))
        serial = render(modules, Options(targets=("markdown",), two_processes=False))
    elif setup == "a thread":
        threading.Thread(target=release.wait, daemon=True).start()
    try:
        assert render(modules, options) == serial
    finally:
        release.set()
    assert forks == []


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="ascii")


@pytest.mark.parametrize(
    ("cgroup", "files", "expected"),
    [
        # cgroup v2, the quota on a parent of this process's cgroup
        (
            "0::/system.slice/job.service\n",
            {
                "cpu.max": "max 100000\n",
                "system.slice/cpu.max": "150000 100000\n",
                "system.slice/job.service/cpu.max": "max 100000\n",
            },
            1.5,
        ),
        # v2 in a container: the host's path is not mounted; the root holds the quota
        ("0::/kubepods/pod1/abc\n", {"cpu.max": "50000 100000\n"}, 0.5),
        ("0::/\n", {"cpu.max": "max 100000\n"}, 4.0),
        # cgroup v1: cfs_quota_us of -1 is no quota
        (
            "12:memory:/x\n4:cpu,cpuacct:/docker/abc\n",
            {
                "cpu,cpuacct/cpu.cfs_quota_us": "-1\n",
                "cpu,cpuacct/cpu.cfs_period_us": "100000\n",
                "cpu,cpuacct/docker/abc/cpu.cfs_quota_us": "100000\n",
                "cpu,cpuacct/docker/abc/cpu.cfs_period_us": "100000\n",
            },
            1.0,
        ),
        ("4:cpu,cpuacct:/\n", {"cpu,cpuacct/cpu.cfs_quota_us": "-1\n"}, 4.0),
        ("0::/\n", {}, 4.0),  # no cpu controller files
        (None, {}, 4.0),  # no /proc/self/cgroup
    ],
)
def test_a_cgroup_cpu_quota_caps_the_cpus(
    cgroup: str | None,
    files: dict[str, str],
    expected: float,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False
    )
    proc = tmp_path / "proc-self-cgroup"
    if cgroup is not None:
        write(proc, cgroup)
    for name, text in files.items():
        write(tmp_path / "cgroup" / name, text)
    assert two_processes.available_cpus(str(proc), str(tmp_path / "cgroup")) == expected


def broken(*args: object) -> dict[str, str]:
    raise RuntimeError(f"simulated failure in {os.getpid()}")


def test_a_failing_target_is_reported_as_on_one_process(
    monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    modules = load_modules(SPECS[:1])
    monkeypatch.setattr(markdown, "render", broken)
    with pytest.raises(RenderError) as failure:
        render(modules, Options())
    assert forks == [1]
    # Whichever process took it first, it is rendered again here, so the
    # message and the cause are this process's own.
    assert str(failure.value) == (
        f"target 'markdown' failed: RuntimeError: simulated failure in {os.getpid()}"
    )
    assert isinstance(failure.value.__cause__, RuntimeError)


def test_the_first_failing_target_in_order_is_reported(
    monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    modules = load_modules(SPECS[:1])
    monkeypatch.setattr(typed_dicts, "render", broken)
    monkeypatch.setattr(json_schema, "render", broken)
    with pytest.raises(RenderError) as failure:
        render(modules, Options())
    assert forks == [1]
    assert str(failure.value).startswith("target 'typed_dicts' failed")


def test_when_the_child_dies_its_targets_render_here(
    monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    modules = load_modules(SPECS[:1])
    serial = render(modules, Options(two_processes=False))
    parent = os.getpid()

    def dies_in_the_child(name: str) -> None:
        if os.getpid() != parent:
            os._exit(1)

    before_each_render(monkeypatch, dies_in_the_child)
    assert render(modules, Options()) == serial
    assert forks == [1]


def test_when_the_child_dies_after_sending_some_targets_they_render_here(
    monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    modules = load_modules(SPECS[:1])
    serial = render(modules, Options(two_processes=False))
    parent = os.getpid()
    rendered_in_child: list[str] = []

    def dies_on_its_second(name: str) -> None:
        if os.getpid() != parent:
            if rendered_in_child:  # the first one was sent
                os._exit(1)
            rendered_in_child.append(name)

    before_each_render(monkeypatch, dies_on_its_second)
    assert render(modules, Options()) == serial
    assert forks == [1]


def kill_nobody(pid: int, sig: int) -> None:
    raise AssertionError(f"signal {sig} sent to {pid}")


def open_fds() -> set[str]:
    return set(os.listdir("/proc/self/fd"))


def no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


linux_only = pytest.mark.skipif(
    not Path("/proc/self/fd").is_dir(), reason="counts file descriptors in /proc"
)


@linux_only
def test_no_file_descriptor_or_child_is_left_behind(forks: list[int]) -> None:
    modules = load_modules(SPECS[:1])
    render(modules, Options())  # the first run imports and caches what it needs
    before = open_fds()
    render(modules, Options())
    assert forks == [1, 1]
    assert open_fds() == before
    assert no_children_left()


@linux_only
def test_when_fork_fails_everything_renders_here(
    monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    modules = load_modules(SPECS[:1])
    serial = render(modules, Options(two_processes=False))
    before = open_fds()

    def no_process_to_spare() -> int:
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_process_to_spare)
    assert render(modules, Options()) == serial
    assert forks == [1]
    assert open_fds() == before


@linux_only
def test_an_interrupt_in_this_process_stops_and_reaps_the_child(
    monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    modules = load_modules(SPECS[:1])
    parent = os.getpid()
    original = json_schema.render

    def interrupted(*args: object) -> dict[str, str]:
        if os.getpid() == parent:
            raise KeyboardInterrupt
        time.sleep(60)  # the child: only a kill ends this in time
        return original(*args)  # type: ignore[arg-type]

    for target in ALL_TARGET_MODULES:
        monkeypatch.setattr(target, "render", interrupted)
    before = open_fds()
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        render(modules, Options())
    assert time.monotonic() - started < 30
    assert forks == [1]
    assert open_fds() == before
    assert no_children_left()


@linux_only
def test_a_failure_passing_on_files_stops_and_reaps_the_child(
    monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    modules = load_modules(SPECS[:1])
    render(modules, Options())  # the first run imports and caches what it needs
    parent = os.getpid()

    def slow_in_the_child(name: str) -> None:
        if os.getpid() != parent:
            time.sleep(60)  # only a kill ends this in time

    before_each_render(monkeypatch, slow_in_the_child)

    def on_rendered(files: dict[str, str]) -> None:
        raise RuntimeError("the disk went away")

    before = open_fds()
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="the disk went away"):
        render(modules, Options(), on_rendered)
    assert time.monotonic() - started < 30
    assert forks == [1, 1]
    assert open_fds() == before
    assert no_children_left()


def test_a_process_ignoring_sigchld_renders_here(
    monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    modules = load_modules(SPECS[:1])
    monkeypatch.setattr(signal, "getsignal", lambda signum: signal.SIG_IGN)
    assert not two_processes.worth_it(modules, selected_targets(Options()))


@linux_only
def test_a_thread_started_outside_threading_keeps_one_process(
    monkeypatch: pytest.MonkeyPatch, forks: list[int]
) -> None:
    import _thread

    modules = load_modules(SPECS[:1])
    release = threading.Event()
    started = threading.Event()

    def wait() -> None:
        started.set()
        release.wait()

    _thread.start_new_thread(wait, ())
    started.wait()
    try:
        assert threading.active_count() == 1  # invisible to `threading`
        assert not two_processes.worth_it(modules, selected_targets(Options()))
    finally:
        release.set()
