"""The Jinja environment: built-in templates, optionally overridden by a user's folder.

Templates only format view models; every piece of spec text reaches them
already quoted for its target (`generator.text`), and never as template source.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import Any

import jinja2

import generator

# Set to anything but empty or "0" to compile the templates on every run.
NO_CACHE_VARIABLE = "SCHEMASMITH_NO_TEMPLATE_CACHE"

_ENVIRONMENT_OPTIONS: dict[str, Any] = {
    "undefined": jinja2.StrictUndefined,
    "autoescape": False,
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "auto_reload": False,
}


def builtin_templates_dir() -> Path:
    """Installed, the templates ship inside the package; in a checkout they live in templates/."""
    package_dir = Path(generator.__file__).resolve().parent
    for candidate in (package_dir / "templates", package_dir.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "schemasmith's templates are missing from this installation"
    )


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja's cache of compiled templates, for which a cache that fails is only a miss.

    Jinja recompiles a template whose source changed (each entry carries a
    checksum of it); the file names carry what else the compiled code depends
    on: this environment's options, the versions of Jinja and schemasmith, and
    the Python implementation.
    """

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - unreadable or damaged: compile afresh
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:  # a full or read-only disk: the next run compiles again
            pass


def template_cache(directory: str | None = None) -> jinja2.BytecodeCache | None:
    """The compiled-template cache (in Jinja's per-user folder under the system's
    temporary folder unless `directory` is given), or None when it is switched
    off or no safe folder exists. Compiling the templates takes a tenth of a
    small spec's run."""
    if os.environ.get(NO_CACHE_VARIABLE, "") not in ("", "0"):
        return None
    fingerprint = hashlib.sha256(
        repr(
            (
                generator.__version__,
                jinja2.__version__,
                sys.implementation.cache_tag,  # the compiled code's format
                sorted(_ENVIRONMENT_OPTIONS.items(), key=str),
            )
        ).encode()
    ).hexdigest()[:16]
    try:
        return _TemplateCache(directory, f"schemasmith-{fingerprint}-%s.cache")
    except (OSError, RuntimeError):  # Jinja refuses a folder others could write to
        return None


class Templates:
    def __init__(
        self,
        overrides: Path | None = None,
        cache: jinja2.BytecodeCache | None = None,
    ) -> None:
        loaders: list[jinja2.BaseLoader] = []
        if overrides is not None:
            loaders.append(jinja2.FileSystemLoader(str(overrides)))
        loaders.append(jinja2.FileSystemLoader(str(builtin_templates_dir())))
        self.environment = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            bytecode_cache=cache,
            **_ENVIRONMENT_OPTIONS,
        )
        self._cache: dict[str, jinja2.Template] = {}

    def render(self, name: str, **context: Any) -> str:
        template = self._cache.get(name)
        if template is None:
            template = self._cache[name] = self.environment.get_template(name)
        return template.render(**context)
