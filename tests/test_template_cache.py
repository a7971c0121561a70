"""Compiled templates are kept between runs, and a stale, damaged or unwritable cache changes no output."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from generator import pipeline
from generator.pipeline import Options, build
from generator.rendering import NO_CACHE_VARIABLE, Templates, template_cache
from tests.conftest import ROOT

SPEC = str(ROOT / "spec" / "run.yaml")
MODULE_TEMPLATE = "pydantic/module.py.jinja"


def _compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record every template Jinja compiles from source."""
    compiled: list[str] = []
    original = jinja2.Environment.compile

    def compile_and_record(
        self: jinja2.Environment,
        source: str,
        name: str | None = None,
        *args: object,
        **kwargs: object,
    ) -> object:
        compiled.append(str(name))  # the file it was loaded from
        return original(self, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", compile_and_record)
    return compiled


def test_a_second_run_loads_compiled_templates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = _compiles(monkeypatch)
    first = Templates(None, template_cache(str(tmp_path)))
    first.environment.get_template(MODULE_TEMPLATE)
    assert len(compiled) == 1
    assert len(list(tmp_path.glob("schemasmith-*.cache"))) == 1
    second = Templates(None, template_cache(str(tmp_path)))
    second.environment.get_template(MODULE_TEMPLATE)
    assert len(compiled) == 1  # loaded, not compiled again


def test_an_edited_override_is_compiled_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    monkeypatch.setattr(pipeline, "template_cache", lambda: template_cache(str(cache)))
    overrides = tmp_path / "templates" / "markdown"
    overrides.mkdir(parents=True)
    template = overrides / "module.md.jinja"
    texts = []
    for text in ("first {{ page.title }}\n", "second {{ page.title }}\n"):
        template.write_text(text, encoding="utf-8")
        files = build(
            [SPEC],
            Options(targets=("markdown",), templates=tmp_path / "templates"),
        )
        texts.append(files["docs/run.md"])
    assert texts == ["first run module\n", "second run module\n"]
    # One entry for the one template, replaced when its source changed.
    assert len(list(cache.glob("schemasmith-*.cache"))) == 1


def _render_run_module(templates: Templates) -> str:
    from generator.loading import load_all
    from generator.targets.pydantic_models import module_view

    modules, _ = load_all([SPEC])
    return templates.render(MODULE_TEMPLATE, module=module_view(modules[0]))


def test_a_damaged_cache_entry_is_compiled_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _render_run_module(Templates(None, template_cache(str(tmp_path))))
    (entry,) = tmp_path.glob("schemasmith-*.cache")
    entry.write_bytes(entry.read_bytes()[:40])  # cut short after the header
    compiled = _compiles(monkeypatch)
    rendered = _render_run_module(Templates(None, template_cache(str(tmp_path))))
    assert len(compiled) == 1
    assert rendered == expected


def test_a_cache_that_cannot_be_read_or_written_is_only_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("", encoding="utf-8")
    compiled = _compiles(monkeypatch)
    for _ in range(2):
        templates = Templates(None, template_cache(str(not_a_folder)))
        templates.environment.get_template(MODULE_TEMPLATE)
    assert len(compiled) == 2


def test_the_cache_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(NO_CACHE_VARIABLE, "1")
    assert template_cache() is None
    monkeypatch.setenv(NO_CACHE_VARIABLE, "0")
    assert template_cache() is not None


def test_output_is_the_same_with_and_without_the_cache(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with_cache = build([SPEC], Options())
    monkeypatch.setenv(NO_CACHE_VARIABLE, "1")
    assert build([SPEC], Options()) == with_cache
