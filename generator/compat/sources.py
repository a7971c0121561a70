"""The two versions `schemasmith diff` compares: spec files and folders, or the specs committed at a git ref."""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath

from generator import ir
from generator.diagnostics import Diagnostic, SpecError
from generator.pipeline import discover_specs, load


class SourceError(Exception):
    """The specs to compare cannot be found (no spec files, an unknown git ref, ...)."""


def load_paths(paths: list[str]) -> tuple[ir.Module, ...]:
    files = discover_specs(paths)
    if not files:
        raise SourceError(f"no spec files found in {', '.join(paths)}")
    return load(files)[0]


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except OSError as exc:
        raise SourceError(f"cannot run git: {exc.strerror or exc}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SourceError(f"git {args[0]}: {message[-1] if message else 'failed'}")
    return done.stdout


def _existing_folder(path: Path) -> Path:
    """The folder git is asked about: the path itself, or its nearest existing parent."""
    folder = path if path.is_dir() else path.parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    return folder


def committed_specs(ref: str, path: str) -> dict[str, bytes]:
    """The spec files at `path` (a file or a folder's *.yaml, *.yml) as committed at `ref`.

    Keys are the names errors are reported under: `REF:path/in/repo.yaml`.
    """
    where = Path(path).absolute()
    folder = _existing_folder(where)
    top = Path(_git(["rev-parse", "--show-toplevel"], folder).decode().strip())
    try:
        relative = PurePosixPath(where.resolve().relative_to(top.resolve()).as_posix())
    except ValueError:
        raise SourceError(f"{path} is not inside the git repository at {top}") from None
    try:
        _git(
            [
                "rev-parse",
                "--verify",
                "--quiet",
                "--end-of-options",
                f"{ref}^{{commit}}",
            ],
            top,
        )
    except SourceError:
        raise SourceError(
            f"'{ref}' names no commit of the git repository at {top}"
        ) from None
    inside = "" if str(relative) == "." else str(relative)
    spec = f"{ref}:{inside}"
    try:
        kind = _git(["cat-file", "-t", spec], top).decode().strip()
    except SourceError:
        raise SourceError(f"{inside or '.'} does not exist at {ref}") from None
    if kind == "blob":
        names = [inside]
    elif kind == "tree":
        names = []
        listing = _git(["ls-tree", "-z", spec], top).decode("utf-8", "surrogateescape")
        blobs = []
        for entry in filter(None, listing.split("\0")):
            info, name = entry.split("\t", 1)
            if info.split()[1] == "blob":
                blobs.append(name)
        # The same files, in the same order, that a folder on disk yields (discover_specs).
        for suffix in (".yaml", ".yml"):
            names += [
                f"{inside}/{n}" if inside else n
                for n in sorted(blobs)
                if n.endswith(suffix)
            ]
    else:
        raise SourceError(f"{inside} at {ref} is a {kind}, not a spec file or folder")
    return {
        f"{ref}:{name}": _git(["cat-file", "blob", f"{ref}:{name}"], top)
        for name in names
    }


def load_committed(ref: str, paths: list[str]) -> tuple[ir.Module, ...]:
    specs: dict[str, bytes] = {}
    for path in paths:
        specs.update(committed_specs(ref, path))
    if not specs:
        raise SourceError(f"no spec files found in {', '.join(paths)} at {ref}")
    return load(list(specs), specs.__getitem__)[0]


def load_both(
    old: tuple[str, list[str]] | list[str], new: list[str]
) -> tuple[tuple[ir.Module, ...], tuple[ir.Module, ...]]:
    """Load the old version (paths, or (git ref, paths)) and the new one (paths).

    Problems in both are reported together, each located in its own file.
    """
    diagnostics: list[Diagnostic] = []
    old_modules: tuple[ir.Module, ...] = ()
    new_modules: tuple[ir.Module, ...] = ()
    try:
        if isinstance(old, tuple):
            old_modules = load_committed(*old)
        else:
            old_modules = load_paths(old)
    except SpecError as exc:
        diagnostics.extend(exc.diagnostics)
    try:
        new_modules = load_paths(new)
    except SpecError as exc:
        diagnostics.extend(exc.diagnostics)
    if diagnostics:
        raise SpecError(diagnostics)
    return old_modules, new_modules
