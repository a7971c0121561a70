"""The Jinja environment: built-in templates, optionally overridden by a user's folder.

Templates only format view models; every piece of spec text reaches them
already quoted for its target (`generator.text`), and never as template source.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

import generator


def builtin_templates_dir() -> Path:
    """Installed, the templates ship inside the package; in a checkout they live in templates/."""
    package_dir = Path(generator.__file__).resolve().parent
    for candidate in (package_dir / "templates", package_dir.parent / "templates"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "schemasmith's templates are missing from this installation"
    )


class Templates:
    def __init__(self, overrides: Path | None = None) -> None:
        loaders: list[jinja2.BaseLoader] = []
        if overrides is not None:
            loaders.append(jinja2.FileSystemLoader(str(overrides)))
        loaders.append(jinja2.FileSystemLoader(str(builtin_templates_dir())))
        self.environment = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            undefined=jinja2.StrictUndefined,
            autoescape=False,  # quoting is done in code, for each target's language
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,  # compiled once per run (Jinja keeps each template)
        )

    def render(self, name: str, **context: Any) -> str:
        return self.environment.get_template(name).render(**context)
