"""Rendering big specs on two processes: the same bytes, and the same errors, as on one."""

from __future__ import annotations

import os
import sys
import threading
import time
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
            while pid == parent and renderers() <= {parent}:
                assert time.monotonic() < deadline, "the child rendered nothing"
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
    assert len(renderers()) == 2
    monkeypatch.undo()
    assert produced == render(modules, Options(two_processes=False))


def test_the_costliest_targets_are_taken_first(monkeypatch: pytest.MonkeyPatch) -> None:
    taken: list[str] = []
    # This process as the parent of a child that took nothing and exited 1.
    monkeypatch.setattr(os, "fork", lambda: 12345)
    monkeypatch.setattr(os, "waitpid", lambda pid, options: (pid, 1 << 8))
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


@pytest.mark.parametrize(
    ("cpu_max", "expected"),
    [
        ("50000 100000\n", 0.5),
        ("150000 100000\n", 1.5),
        ("max 100000\n", 4.0),
        ("", 4.0),
        (None, 4.0),
    ],
)
def test_a_container_cpu_quota_caps_the_cpus(
    cpu_max: str | None,
    expected: float,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False
    )
    path = tmp_path / "cpu.max"
    if cpu_max is not None:
        path.write_text(cpu_max, encoding="ascii")
    assert two_processes.available_cpus(str(path)) == expected


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
    for target in ALL_TARGET_MODULES:
        original = target.render

        def dies_in_the_child(
            *args: object, original: object = original
        ) -> dict[str, str]:
            if os.getpid() != parent:
                os._exit(1)
            return original(*args)  # type: ignore[operator, no-any-return]

        monkeypatch.setattr(target, "render", dies_in_the_child)
    assert render(modules, Options()) == serial
    assert forks == [1]
