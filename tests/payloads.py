"""Real-shaped JSON payloads shared by the TypeScript and the Python tests.

tests/fixtures/<module>.<Model>.<label>.json holds one valid payload of a model;
tests/fixtures/wrong_payloads.json derives invalid ones from them.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.conftest import CASES, ROOT

FIXTURES = ROOT / "tests" / "fixtures"


@dataclass(frozen=True)
class Payload:
    module: str
    model: str
    label: str
    data: Any
    json_schema_rejects: bool = False  # only meaningful for wrong payloads


def output_dir(module: str) -> Path:
    """The committed output folder that holds `module` (generated/ or a test case's expected/)."""
    for folder in (ROOT / "generated", *sorted(CASES.glob("*/expected"))):
        if (folder / "json_schema" / f"{module}.schema.json").is_file():
            return folder
    raise LookupError(f"no committed output renders module '{module}'")


def valid_payloads() -> list[Payload]:
    payloads = []
    for path in sorted(FIXTURES.glob("*.*.*.json")):
        module, model, label = path.name[: -len(".json")].split(".")
        payloads.append(
            Payload(module, model, label, json.loads(path.read_text("utf-8")))
        )
    return payloads


def _walk(data: Any, pointer: str) -> tuple[Any, str | int]:
    """The container and key a JSON Pointer (RFC 6901) names."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
    for part in parts[:-1]:
        data = data[int(part)] if isinstance(data, list) else data[part]
    last = parts[-1]
    return data, int(last) if isinstance(data, list) else last


def wrong_payloads() -> list[Payload]:
    spec = json.loads((FIXTURES / "wrong_payloads.json").read_text("utf-8"))
    payloads = []
    for entry in spec["payloads"]:
        module, model, _ = entry["base"][: -len(".json")].split(".")
        data = copy.deepcopy(json.loads((FIXTURES / entry["base"]).read_text("utf-8")))
        for pointer, value in entry.get("set", {}).items():
            container, key = _walk(data, pointer)
            container[key] = value
        if "delete" in entry:
            container, key = _walk(data, entry["delete"])
            del container[key]
        payloads.append(
            Payload(module, model, entry["label"], data, entry["json_schema_rejects"])
        )
    return payloads
